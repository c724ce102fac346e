// The Sobot v5 client: the v5 token (get_token) and reply envelope on top of the shared call loop
// (caller.ts: token, budget, retries, timeouts), every reply parsed with the endpoint's zod schema.

import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { noMetrics } from '../../metrics/metrics.ts';
import type { DateRange } from '../../stats/model.ts';
import { type CallOptions, createSobotCaller, type SobotClientOptions } from '../caller.ts';
import { parseLeniently } from '../coerce.ts';
import { SobotApiError, SobotConfigError, SobotInputError, SobotMalformedReplyError } from '../errors.ts';
import { sendJson, TransientFailure } from '../http.ts';
import { readInTurns } from '../read-in-turns.ts';
import { ATTEMPT_TIMEOUT_MS, oneRetryWithinTwentySeconds } from '../retry.ts';
import { createTokenCache, type IssuedToken, type SobotTokenSource } from '../token-cache.ts';
import {
  tokenPath,
  tokenReplySchema,
  V5_MAX_PAGE_SIZE,
  type V5EndpointKey,
  type V5Item,
  v5Endpoints,
  v5Envelope,
  v5PagingParams,
} from './endpoints.ts';

export interface SobotV5ClientOptions extends SobotClientOptions {
  timeZone: string;
  language: 'en' | 'zh';
}

export interface V5Page<K extends V5EndpointKey> {
  items: V5Item<K>[];
  item: V5Item<K> | null;
  pageCount: number | null;
  totalCount: number | null;
}

/** A call's options; `timeZone` is the zone its dates are read in (default: the client's, SOBOT_TIMEZONE). */
export interface V5CallOptions extends CallOptions {
  timeZone?: string;
}

export interface SobotV5Client {
  /** One call (one page for paged endpoints). */
  call<K extends V5EndpointKey>(
    key: K,
    body: Record<string, unknown>,
    opts?: V5CallOptions,
  ): Promise<V5Page<K>>;
  /** Every item of a paged endpoint, at the maximum page size of 100. */
  fetchAll<K extends V5EndpointKey>(
    key: K,
    body: Record<string, unknown>,
    opts?: V5CallOptions,
  ): Promise<V5Item<K>[]>;
}

/**
 * The options of a call about `range`: Sobot reads the body's dates in the `timezoneid` header's zone,
 * so a digest or alert rule with its own zone gets its own "yesterday" in Sobot's data, not only in its label.
 */
export function callFor(range: DateRange, priority: CallOptions['priority']): V5CallOptions {
  return { priority, timeZone: range.timeZone };
}

const CONFIG_HINTS: Record<string, string> = {
  '900003': 'the signature was rejected: check SOBOT_APPID and SOBOT_APP_KEY',
  '900004': 'this company has no API configuration: ask Sobot after-sales to enable the open API',
  '700046': "the company's Sobot edition cannot use the API: ask Sobot after-sales about the edition",
};
const TOKEN_RET_CODES = new Set(['900001', '900002']);

export function createSobotV5Client(opts: SobotV5ClientOptions): SobotV5Client & SobotTokenSource {
  const log = opts.logger.child({ module: 'sobot' });
  const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const metrics = opts.metrics ?? noMetrics;
  const send = (
    method: 'GET' | 'POST',
    path: string,
    query: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ) =>
    sendJson({
      method,
      url: `${opts.baseUrl}${path}${query}`,
      headers,
      body,
      signal,
      timeoutMs,
      dispatcher: opts.dispatcher,
      onNoReply: (code) => metrics.sobotReply(path, code),
    });

  async function fetchToken(signal?: AbortSignal): Promise<IssuedToken> {
    const createTime = String(Math.floor(opts.clock.now() / 1000));
    const sign = createHash('md5').update(`${opts.appId}${createTime}${opts.appKey}`).digest('hex');
    const query = new URLSearchParams({ appid: opts.appId, create_time: createTime, sign });
    const json = await send('GET', tokenPath, `?${query}`, {}, undefined, signal);
    const parsed = tokenReplySchema.safeParse(json);
    if (!parsed.success)
      throw new SobotMalformedReplyError('get_token reply did not match the documented shape', tokenPath);
    const { ret_code: retCode, ret_msg: retMsg, item } = parsed.data;
    metrics.sobotReply(tokenPath, retCode);
    if (retCode in CONFIG_HINTS)
      throw new SobotConfigError(retCode, CONFIG_HINTS[retCode] as string, tokenPath);
    if (retCode !== '000000' || !item?.token) throw new SobotApiError(retCode, retMsg, tokenPath);
    log.info({ expiresInSec: item.expires_in }, 'sobot token issued');
    return { token: item.token, expiresInSec: item.expires_in ?? 3600 };
  }

  const tokens = opts.tokens?.(fetchToken) ?? createTokenCache({ fetchToken, clock: opts.clock });
  const caller = createSobotCaller({
    tokens,
    budget: opts.budget,
    clock: opts.clock,
    log,
    policy: opts.retryPolicy ?? oneRetryWithinTwentySeconds,
    metrics,
  });

  function call<K extends V5EndpointKey>(
    key: K,
    body: Record<string, unknown>,
    callOpts: V5CallOptions = {},
  ): Promise<V5Page<K>> {
    const path = v5Endpoints[key].path;
    return caller.call(path, callOpts, async (token, signal) => {
      const started = opts.clock.now();
      const json = await send(
        'POST',
        path,
        '',
        {
          token,
          timezoneid: callOpts.timeZone ?? opts.timeZone,
          language: opts.language,
          'content-type': 'application/json',
        },
        JSON.stringify(body),
        signal,
      );
      const envelope = v5Envelope.safeParse(json);
      if (!envelope.success) throw new SobotMalformedReplyError('reply is not a Sobot envelope', path);
      const { ret_code: retCode, ret_msg: retMsg } = envelope.data;
      log.debug({ path, retCode, ms: opts.clock.now() - started }, 'sobot call');
      metrics.sobotReply(path, retCode);
      if (retCode === '000000') return { kind: 'ok', value: await parsePage(key, envelope.data, log) };
      if (TOKEN_RET_CODES.has(retCode)) return { kind: 'token_rejected', detail: `${retCode}: ${retMsg}` };
      if (retCode === '229000') return { kind: 'rate_limited', retryAfterSec: retryAfterSeconds(retMsg) };
      if (retCode in CONFIG_HINTS) throw new SobotConfigError(retCode, CONFIG_HINTS[retCode] as string, path);
      if (retCode === '222000') throw new SobotInputError(retMsg || 'Sobot rejected the query', path);
      if (retCode === '999999') throw new TransientFailure(`Sobot internal error (${retMsg})`);
      throw new SobotApiError(retCode, retMsg, path);
    });
  }

  async function fetchAll<K extends V5EndpointKey>(
    key: K,
    body: Record<string, unknown>,
    callOpts: V5CallOptions = {},
  ): Promise<V5Item<K>[]> {
    const paging = v5Endpoints[key].paging;
    if (paging === 'none') return (await call(key, body, callOpts)).items;
    const names = v5PagingParams[paging];
    const pageBody = (page: number) => ({
      ...body,
      [names.page]: String(page),
      [names.size]: String(V5_MAX_PAGE_SIZE),
    });
    const first = await call(key, pageBody(1), callOpts);
    const pageCount =
      first.pageCount ?? (first.totalCount === null ? null : Math.ceil(first.totalCount / V5_MAX_PAGE_SIZE));
    if (pageCount === null) {
      // Some replies (getGroupList's example) carry no page count: read on while pages come back full.
      const pages = [first];
      while ((pages.at(-1)?.items.length ?? 0) >= V5_MAX_PAGE_SIZE) {
        pages.push(await call(key, pageBody(pages.length + 1), callOpts));
      }
      return pages.flatMap((page) => page.items);
    }
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => call(key, pageBody(i + 2), callOpts)),
    );
    return [first, ...rest].flatMap((page) => page.items);
  }

  return { call, fetchAll, token: (signal) => tokens.get(signal) };
}

async function parsePage<K extends V5EndpointKey>(
  key: K,
  envelope: z.output<typeof v5Envelope>,
  log: Logger,
): Promise<V5Page<K>> {
  const endpoint = v5Endpoints[key];
  const schema = endpoint.item as unknown as z.ZodType<V5Item<K>>;
  // A value in a form the document does not show (a duration "05:23") is unknown, not a failed reply.
  const parse = (raw: unknown) =>
    parseLeniently(schema, raw, (found) =>
      log.warn(
        { path: endpoint.path, field: found.path, value: found.value },
        'sobot value unreadable, shown as unknown',
      ),
    );
  try {
    // A page's rows in slices: Slack's requests arriving meanwhile are acked between them.
    const items = await readInTurns(envelope.items ?? [], parse);
    const item = envelope.item === undefined || envelope.item === null ? null : parse(envelope.item);
    return { items, item, pageCount: envelope.page_count, totalCount: envelope.total_count };
  } catch (error) {
    throw new SobotMalformedReplyError('reply did not match the documented shape', endpoint.path, {
      cause: error,
    });
  }
}

/** "Try again [60]s later…" → 60. Falls back to a minute, Sobot's window. */
export function retryAfterSeconds(retMsg: string): number {
  const match = /again \[(\d+)\]\s*s/i.exec(retMsg);
  return match ? Math.max(1, Number(match[1])) : 60;
}

/**
 * start_date/end_date for `key`, in the pattern its documentation asks for; a range that ends at a
 * time of day (`until`) ends there, which only the endpoints that take a time can do.
 */
export function v5DateParams(key: V5EndpointKey, range: DateRange): { start_date: string; end_date: string } {
  switch (v5Endpoints[key].datePattern) {
    case 'yyyy-MM-dd HH:mm:ss':
      return { start_date: `${range.from} 00:00:00`, end_date: `${range.to} ${range.until ?? '23:59:59'}` };
    case 'yyyy-MM-dd HH:mm':
      return {
        start_date: `${range.from} 00:00`,
        end_date: `${range.to} ${range.until?.slice(0, 5) ?? '23:59'}`,
      };
    default:
      if (range.until !== undefined)
        throw new Error(`${key} takes whole days; it cannot end at ${range.until}`);
      return { start_date: range.from, end_date: range.to };
  }
}
