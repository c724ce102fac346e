// The legacy Sobot client: the access token from getAccessToken.json and the api.json envelope on top
// of the shared call loop (caller.ts: token, budget, retries, timeouts); each item parsed with its
// action's zod schema. The access token travels in the request body, which is never logged.

import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { noMetrics } from '../../metrics/metrics.ts';
import type { DateRange } from '../../stats/model.ts';
import { type CallOptions, createSobotCaller, type SobotClientOptions } from '../caller.ts';
import { parseLeniently } from '../coerce.ts';
import { SobotApiError, SobotConfigError, SobotMalformedReplyError } from '../errors.ts';
import { sendJson } from '../http.ts';
import { ATTEMPT_TIMEOUT_MS, oneRetryWithinTwentySeconds } from '../retry.ts';
import { createTokenCache, type IssuedToken, type SobotTokenSource } from '../token-cache.ts';
import {
  LEGACY_API_PATH,
  LEGACY_TOKEN_PATH,
  type LegacyAction,
  type LegacyItem,
  legacyActions,
  legacyEnvelope,
  legacyTokenReply,
} from './endpoints.ts';

export interface SobotLegacyClientOptions extends SobotClientOptions {
  /** Token lifetime asked for with `expire`, in hours (Sobot accepts 1–24; default 24: fewer tokens). */
  tokenHours?: number;
}

export interface SobotLegacyClient {
  /** One action over one range of days; null when Sobot sent no item. */
  call<A extends LegacyAction>(
    action: A,
    range: DateRange,
    opts?: CallOptions,
  ): Promise<LegacyItem<A> | null>;
}

const SUCCESS = '1000';
/** "1001 表示失败": a bad signature on the token, or an action the account may not use. Never retried. */
const FAILURE = '1001';
/** The token check failed on api.json: fetch a new token and try once more (sobot-api/README.md). */
const TOKEN_REJECTED = '1002';

const TOKEN_HINT =
  'getAccessToken.json refused the credentials: check SOBOT_APPID and SOBOT_APP_KEY (sign = md5(appId + appKey + createTime))';
const actionHint = (action: LegacyAction) =>
  `api.json refused ${action}: ask Sobot after-sales whether the open platform's workbench statistics are enabled for this company, and check SOBOT_APPID`;

export function createSobotLegacyClient(
  opts: SobotLegacyClientOptions,
): SobotLegacyClient & SobotTokenSource {
  const log = opts.logger.child({ module: 'sobot', api: 'legacy' });
  const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const tokenHours = opts.tokenHours ?? 24;
  const metrics = opts.metrics ?? noMetrics;

  async function fetchToken(signal?: AbortSignal): Promise<IssuedToken> {
    // Public callers disagree on seconds or milliseconds; Sobot's servers take seconds.
    const createTime = String(Math.floor(opts.clock.now() / 1000));
    const sign = createHash('md5').update(`${opts.appId}${opts.appKey}${createTime}`).digest('hex');
    const query = new URLSearchParams({
      appId: opts.appId,
      createTime,
      sign,
      expire: String(tokenHours),
    });
    const json = await sendJson({
      method: 'GET',
      url: `${opts.baseUrl}${LEGACY_TOKEN_PATH}?${query}`,
      headers: {},
      signal,
      timeoutMs,
      dispatcher: opts.dispatcher,
      onNoReply: (code) => metrics.sobotReply(LEGACY_TOKEN_PATH, code),
    });
    const parsed = legacyTokenReply.safeParse(json);
    if (!parsed.success) {
      throw new SobotMalformedReplyError(
        'getAccessToken.json reply did not match the documented shape',
        LEGACY_TOKEN_PATH,
      );
    }
    const { code, msg, data } = parsed.data;
    metrics.sobotReply(LEGACY_TOKEN_PATH, code);
    if (code === FAILURE) throw new SobotConfigError(FAILURE, TOKEN_HINT, LEGACY_TOKEN_PATH);
    if (code !== SUCCESS || !data?.access_token) throw new SobotApiError(code, msg, LEGACY_TOKEN_PATH);
    log.info({ expiresInSec: tokenHours * 3600 }, 'sobot token issued');
    // The reply names no lifetime: the token lives as long as we asked.
    return { token: data.access_token, expiresInSec: tokenHours * 3600 };
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

  return {
    token: (signal) => tokens.get(signal),
    call(action, range, callOpts = {}) {
      const endpoint = `${LEGACY_API_PATH} ${action}`;
      return caller.call(endpoint, callOpts, async (token, signal) => {
        const started = opts.clock.now();
        const json = await sendJson({
          method: 'POST',
          url: `${opts.baseUrl}${LEGACY_API_PATH}`,
          headers: { 'content-type': 'application/json' },
          // The document types endDate as an integer but gives its pattern as yyyy-MM-dd: a string.
          body: JSON.stringify({ action, access_token: token, data: legacyDates(range) }),
          signal,
          timeoutMs,
          dispatcher: opts.dispatcher,
          onNoReply: (code) => metrics.sobotReply(endpoint, code),
        });
        const envelope = legacyEnvelope.safeParse(json);
        if (!envelope.success) throw new SobotMalformedReplyError('reply is not a Sobot envelope', endpoint);
        const { code, msg, data } = envelope.data;
        log.debug({ path: LEGACY_API_PATH, action, code, ms: opts.clock.now() - started }, 'sobot call');
        metrics.sobotReply(endpoint, code);
        if (code === SUCCESS) return { kind: 'ok', value: parseItem(action, data?.item, endpoint, log) };
        if (code === TOKEN_REJECTED) return { kind: 'token_rejected', detail: `${code}: ${msg}` };
        if (code === FAILURE) throw new SobotConfigError(FAILURE, actionHint(action), endpoint);
        throw new SobotApiError(code, msg, endpoint);
      });
    },
  };
}

function parseItem<A extends LegacyAction>(
  action: A,
  raw: unknown,
  endpoint: string,
  log: Logger,
): LegacyItem<A> | null {
  if (raw === undefined || raw === null) return null;
  try {
    return parseLeniently(legacyActions[action] as unknown as z.ZodType<LegacyItem<A>>, raw, (found) =>
      log.warn(
        { endpoint, field: found.path, value: found.value },
        'sobot value unreadable, shown as unknown',
      ),
    );
  } catch (error) {
    throw new SobotMalformedReplyError('reply did not match the documented shape', endpoint, {
      cause: error,
    });
  }
}

/** startDate/endDate: the range's first and last day, `yyyy-MM-dd`. */
export function legacyDates(range: DateRange): { startDate: string; endDate: string } {
  return { startDate: range.from, endDate: range.to };
}
