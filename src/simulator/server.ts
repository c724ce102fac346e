// A fake Sobot server on loopback, both APIs on one address: v5 (get_token + chat-static-api) and the
// legacy workbench API (getAccessToken.json + api.json). Token issue and checks, the rolling rate limit,
// input checks, and fault knobs for tests. Replies follow the documents' examples; data from company.ts.

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { DayRange, Today } from './aggregate.ts';
import { dayNumber, todayIn } from './aggregate.ts';
import type { Company, CompanyOptions } from './company.ts';
import { createCompany } from './company.ts';
import type { DatePattern } from './endpoints.ts';
import { ENDPOINTS } from './endpoints.ts';
import { LEGACY_ACTIONS, type LegacyAction, legacyItem } from './legacy.ts';
import type { Json } from './params.ts';

export interface SimulatorOptions {
  appId?: string;
  appKey?: string;
  company?: CompanyOptions;
  clock?: Clock;
  /** Calls allowed per token within any rolling 60 s (the doc's 20). */
  rateLimit?: number;
  /** Lifetime of a v5 token; a legacy token lives the `expire` hours it was asked for (default 2). */
  tokenTtlSec?: number;
  port?: number;
  host?: string;
}

export type FaultKind =
  | 'rate_limit'
  | 'token_expired'
  | 'http_500'
  | 'internal'
  | 'malformed_json'
  | 'hang'
  | 'config';

/**
 * On the legacy paths the same kinds answer in that API's words: rate_limit → HTTP 429 with Retry-After
 * (the legacy document names no rate-limit reply), token_expired → 1002, config → 1001, internal →
 * HTTP 500 (it names no internal-error code either).
 */
export interface FaultOptions {
  count?: number;
  /** Only requests whose path ends with this; by default any statistics call (not the token paths). */
  path?: string;
  /** For 'rate_limit': the seconds named in ret_msg (default 60). */
  seconds?: number;
}

export interface Faults {
  /**
   * Network latency each way, waited through the injected clock: a request reaches the rate limit
   * `latencyMs` (± `jitterMs`) after it was sent, and its reply as long again after that.
   */
  latencyMs: number;
  /** Up to this much more or less latency per leg, at random (default 0). */
  jitterMs: number;
  failNext(kind: FaultKind, options?: FaultOptions): void;
  /**
   * Durations in forms the documents do not show, as some accounts send them: v5 durations (ms
   * numbers and "HH:mm:ss" strings alike) as "mm:ss", legacy ones as a number of seconds.
   */
  oddDurations: boolean;
  /** Invalidates the current token, as if it had expired. */
  expireTokens(): void;
  /**
   * Leaves these fields out of every v5 statistics reply's item(s) (the path ending `path`, or all),
   * until reset(): "some documented fields may be missing" (sobot-api/README.md).
   */
  omitFields(fields: readonly string[], options?: { path?: string }): void;
  /** Drops pending failures, omitted fields and latency. */
  reset(): void;
}

export interface LogEntry {
  path: string;
  /** The parsed JSON body, the raw text when it was not JSON, or null when empty. */
  body: unknown;
  headers: { token?: string; timezoneid?: string; language?: string };
  status: number;
  /** ret_code (v5) or code (legacy) of the reply; null for replies without one (HTTP 500, truncated JSON, hang). */
  retCode: string | null;
  /** The exact JSON object served (the truncated text for 'malformed_json'). */
  reply: unknown;
}

export type RequestLog = LogEntry[] & {
  clear(): void;
  /** Resolves with the first request (already logged or still to come) that matches, as it arrives. */
  waitFor(predicate: (entry: LogEntry) => boolean): Promise<LogEntry>;
};

export interface Simulator {
  url: string;
  /** The credentials the simulator accepts, for the demo and tests to configure the bot with. */
  appId: string;
  appKey: string;
  close(): Promise<void>;
  company: Company;
  faults: Faults;
  log: RequestLog;
  /** How many tokens have been issued (v5 and legacy). */
  readonly tokens: number;
  /** Statistics calls that arrived over the rolling limit (each answered 229000 or HTTP 429). */
  readonly overBudgetCalls: number;
}

const DEFAULT_ZONE = 'Asia/Shanghai';
const WINDOW_MS = 60_000;
const MAX_RANGE_DAYS = 90;
const TOKEN_PATH = '/api/get_token';
const STATS_PREFIX = '/chat-static-api/api/';
const LEGACY_TOKEN_PATH = '/open/platform/getAccessToken.json';
const LEGACY_API_PATH = '/open/platform/api.json';
/** getAccessToken.json's `expire`, in hours: 1–24, 2 when not given (sobot-api/README.md). */
const LEGACY_EXPIRE_HOURS = { min: 1, max: 24, fallback: 2 };

const isLegacy = (path: string): boolean => path === LEGACY_TOKEN_PATH || path === LEGACY_API_PATH;

type Reply = Record<string, unknown>;

const fail = (retCode: string, retMsg: string): Reply => ({ ret_code: retCode, ret_msg: retMsg });
const legacyFail = (code: string, msg: string): Reply => ({ code, msg });

export const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const PATTERNS: Record<DatePattern, RegExp> = {
  'yyyy-MM-dd HH:mm:ss': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
  'yyyy-MM-dd HH:mm': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/,
  'yyyy-MM-dd': /^(\d{4})-(\d{2})-(\d{2})$/,
};

/** The calendar day of a date input when it matches the pattern and is a real date and time. */
function dayOf(value: unknown, pattern: DatePattern): string | null {
  if (typeof value !== 'string') return null;
  const match = PATTERNS[pattern].exec(value);
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  const realDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  return realDay && hour < 24 && minute < 60 && second < 60 ? value.slice(0, 10) : null;
}

function zoneOf(header: string | undefined): string {
  // The doc: "not passed or defaulted to Asia/Shanghai illegally".
  if (!header) return DEFAULT_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: header });
    return header;
  } catch {
    return DEFAULT_ZONE;
  }
}

/**
 * A range whose end_date stops before the day's end ("2026-11-22 14:49:00") counts its last day only
 * up to that hour, as today counts up to now: the simulator's figures accrue by whole hours.
 */
function cutAtEndTime(today: Today, range: DayRange, endInput: string): Today {
  const time = /\s(\d{2}):(\d{2})/.exec(endInput);
  if (!time || (time[1] === '23' && time[2] === '59')) return today;
  const fraction = Number(time[1]) / 24;
  if (range.to === today.date) return { date: today.date, fraction: Math.min(today.fraction, fraction) };
  return { date: range.to, fraction };
}

/**
 * v5 duration fields (ms, or their `_str`), not timestamps such as `first_login_time` nor the count
 * `transfer_first_res_duration` ("Transferred 1st-Response Chats").
 */
const V5_DURATION =
  /(?<!^transfer_first_res)(_duration|_duration_max|_duration_transfer|first_response_time|response_time_avg)(_str)?$/;
const LEGACY_DURATION = /Duration$/;

/** `faults.oddDurations`: the reply with its durations in a form the document does not show. */
function withOddDurations(reply: Reply, api: 'v5' | 'legacy'): Reply {
  const seconds = (value: unknown): number | null => {
    if (typeof value === 'number') return Math.round(value / 1000);
    const clock = typeof value === 'string' ? /^(\d+):(\d\d):(\d\d)$/.exec(value) : null;
    return clock ? (Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3]) : null;
  };
  const odd = (key: string, value: unknown): unknown => {
    const s = seconds(value);
    if (s === null) return value;
    if (api === 'legacy') return LEGACY_DURATION.test(key) ? s : value;
    if (!V5_DURATION.test(key)) return value;
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        value && typeof value === 'object' ? walk(value) : odd(key, value),
      ]),
    );
  };
  return walk(reply) as Reply;
}

type RangeCheck =
  | { ok: true; range: DayRange; startInput: string; endInput: string }
  | { ok: false; reply: Reply };

function checkRange(body: Record<string, unknown>, pattern: DatePattern, today: Today): RangeCheck {
  const days: string[] = [];
  for (const field of ['start_date', 'end_date']) {
    const value = body[field];
    if (value === undefined || value === null || value === '') {
      return { ok: false, reply: fail('222000', `[${field}] cannot be empty`) };
    }
    const day = dayOf(value, pattern);
    if (!day) {
      return {
        ok: false,
        reply: fail(
          '222000',
          `[${field}] does not match the pattern [${pattern}]. Current input is [${value}]`,
        ),
      };
    }
    // The doc: a time after today is reset to today.
    days.push(day.localeCompare(today.date) <= 0 ? day : today.date);
  }
  const startInput = String(body.start_date);
  const endInput = String(body.end_date);
  const [from, to] = days as [string, string];
  const inputs = `Current [startTime] input is [${startInput}], and [endTime] input is [${endInput}]`;
  if (to < from || (to === from && endInput < startInput)) {
    return { ok: false, reply: fail('222000', `[endTime] cannot be earlier than [startTime]. ${inputs}`) };
  }
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS) {
    return {
      ok: false,
      reply: fail(
        '222000',
        `[startTime] and [endTime] time range cannot be greater than [${MAX_RANGE_DAYS}]d. ${inputs}`,
      ),
    };
  }
  return { ok: true, range: { from, to }, startInput, endInput };
}

interface PendingFault {
  kind: FaultKind;
  remaining: number;
  path: string | undefined;
  seconds: number;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const appId = options.appId ?? 'demo-app';
  const appKey = options.appKey ?? 'demo-key';
  const clock = options.clock ?? systemClock;
  const rateLimit = options.rateLimit ?? 20;
  const tokenTtlMs = (options.tokenTtlSec ?? 86_400) * 1000;
  const company = createCompany(options.company);

  // Issuing a token supersedes the previous one: the doc warns that a token per request breaks callers.
  let current: { token: string; expiresAt: number } | null = null;
  let legacyCurrent: { token: string; expiresAt: number } | null = null;
  let issued = 0;
  const callTimes = new Map<string, number[]>();
  let overBudgetCalls = 0;
  let pending: PendingFault[] = [];
  const hanging = new Set<ServerResponse>();
  const waiters: { predicate: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }[] = [];
  const log = Object.assign([] as LogEntry[], {
    clear(this: LogEntry[]) {
      this.length = 0;
    },
    waitFor(this: LogEntry[], predicate: (entry: LogEntry) => boolean) {
      const seen = this.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogEntry>((resolve) => waiters.push({ predicate, resolve }));
    },
  }) as RequestLog;
  const logRequest = (entry: LogEntry) => {
    log.push(entry);
    for (const waiter of waiters.filter((w) => w.predicate(entry))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  };

  let omitted: { fields: Set<string>; path: string | undefined }[] = [];
  const withoutOmitted = (path: string, data: Json): Json => {
    const fields = omitted.filter((o) => !o.path || path.endsWith(o.path)).flatMap((o) => [...o.fields]);
    if (fields.length === 0) return data;
    const strip = (item: unknown) =>
      Object.fromEntries(Object.entries(item as Json).filter(([key]) => !fields.includes(key)));
    const { item, items } = data as { item?: unknown; items?: unknown[] };
    return {
      ...data,
      ...(item ? { item: strip(item) } : {}),
      ...(Array.isArray(items) ? { items: items.map(strip) } : {}),
    };
  };

  const faults: Faults = {
    latencyMs: 0,
    jitterMs: 0,
    oddDurations: false,
    failNext(kind, { count = 1, path, seconds = 60 } = {}) {
      pending.push({ kind, remaining: count, path, seconds });
    },
    expireTokens() {
      current = null;
      legacyCurrent = null;
    },
    omitFields(fields, { path } = {}) {
      omitted.push({ fields: new Set(fields), path });
    },
    reset() {
      pending = [];
      omitted = [];
      faults.latencyMs = 0;
      faults.jitterMs = 0;
      faults.oddDurations = false;
    },
  };

  const takeFault = (path: string): PendingFault | null => {
    const fault = pending.find((f) =>
      f.path ? path.endsWith(f.path) : path.startsWith(STATS_PREFIX) || path === LEGACY_API_PATH,
    );
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) pending = pending.filter((f) => f !== fault);
    return fault;
  };

  const send = (
    res: ServerResponse,
    entry: LogEntry,
    reply: Reply,
    status = 200,
    headers: Record<string, string> = {},
  ): void => {
    const code = reply.ret_code ?? reply.code;
    entry.status = status;
    entry.retCode = typeof code === 'string' ? code : null;
    entry.reply = reply;
    const write = () => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
      res.end(JSON.stringify(reply));
    };
    // The reply's way back takes as long as the request's way in.
    if (faults.latencyMs > 0) void clock.sleep(networkDelay()).then(write);
    else write();
  };

  const networkDelay = (): number =>
    Math.max(0, faults.latencyMs + (Math.random() * 2 - 1) * faults.jitterMs);

  const rateLimitMessage = (seconds: number): string =>
    `API call too frequent. Try again [${seconds}]s later. Currently [${rateLimit}] times of API call within [60]s is allowed. Excess will be limited!`;

  /** Counts the call in the token's rolling window; returns the seconds to wait when over budget. */
  const overBudget = (token: string): number | null => {
    const now = clock.now();
    const times = (callTimes.get(token) ?? []).filter((t) => t > now - WINDOW_MS);
    callTimes.set(token, times);
    if (times.length >= rateLimit) {
      overBudgetCalls += 1;
      return Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000));
    }
    times.push(now);
    return null;
  };

  const faultReply = (fault: PendingFault, entry: LogEntry): Reply => {
    switch (fault.kind) {
      case 'rate_limit':
        return fail('229000', rateLimitMessage(fault.seconds));
      case 'token_expired':
        current = null;
        return fail('900002', 'Token invalid or not found. Get a new one!');
      case 'config':
        return fail('900004', 'No API configuration found for this company');
      case 'http_500':
        return { timestamp: clock.now(), status: 500, error: 'Internal Server Error', path: entry.path };
      default:
        return fail('999999', 'Unknown System Exception');
    }
  };

  const legacyFaultReply = (fault: PendingFault, entry: LogEntry): [Reply, number] => {
    switch (fault.kind) {
      case 'rate_limit':
        return [{ code: '429', msg: rateLimitMessage(fault.seconds) }, 429];
      case 'token_expired':
        legacyCurrent = null;
        return [legacyFail('1002', 'access_token check failed: get a new one'), 200];
      case 'config':
        return [legacyFail('1001', 'this company may not use the open platform API'), 200];
      default:
        return [
          { timestamp: clock.now(), status: 500, error: 'Internal Server Error', path: entry.path },
          500,
        ];
    }
  };

  const serveFault = (res: ServerResponse, entry: LogEntry, fault: PendingFault): void => {
    if (isLegacy(entry.path) && fault.kind !== 'hang' && fault.kind !== 'malformed_json') {
      const [reply, status] = legacyFaultReply(fault, entry);
      const retryAfter: Record<string, string> =
        status === 429 ? { 'retry-after': String(fault.seconds) } : {};
      send(res, entry, reply, status, retryAfter);
    } else if (fault.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    } else if (fault.kind === 'malformed_json') {
      const text = JSON.stringify({
        ret_code: '000000',
        ret_msg: 'Succeed',
        items: [{ code: '0', msg: 'x' }],
      });
      const truncated = text.slice(0, Math.floor(text.length / 2));
      Object.assign(entry, { status: 200, retCode: null, reply: truncated });
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(truncated);
    } else {
      send(res, entry, faultReply(fault, entry), fault.kind === 'http_500' ? 500 : 200);
    }
  };

  const issueToken = (url: URL): Reply => {
    const id = url.searchParams.get('appid') ?? '';
    const createTime = url.searchParams.get('create_time') ?? '';
    const sign = (url.searchParams.get('sign') ?? '').toLowerCase();
    if (id !== appId || !createTime || sign !== md5(`${id}${createTime}${appKey}`)) {
      return fail('900003', 'Signature verification failed: check appid, create_time and sign');
    }
    current = { token: randomBytes(16).toString('hex'), expiresAt: clock.now() + tokenTtlMs };
    issued += 1;
    return {
      item: { token: current.token, expires_in: String(tokenTtlMs / 1000) },
      ret_code: '000000',
      ret_msg: 'success',
    };
  };

  /** getAccessToken.json: sign = md5(appId + appKey + createTime), createTime in seconds or milliseconds. */
  const issueLegacyToken = (params: URLSearchParams): Reply => {
    const id = params.get('appId') ?? '';
    const createTime = params.get('createTime') ?? '';
    const sign = (params.get('sign') ?? '').toLowerCase();
    if (id !== appId || !/^\d+$/.test(createTime) || sign !== md5(`${id}${appKey}${createTime}`)) {
      return legacyFail('1001', 'sign error: check appId, createTime and sign');
    }
    const expire = params.get('expire');
    const hours = expire === null || expire === '' ? LEGACY_EXPIRE_HOURS.fallback : Number(expire);
    if (!Number.isInteger(hours) || hours < LEGACY_EXPIRE_HOURS.min || hours > LEGACY_EXPIRE_HOURS.max) {
      return legacyFail('1001', `expire must be a whole number of hours from 1 to 24, not [${expire}]`);
    }
    legacyCurrent = { token: randomBytes(16).toString('hex'), expiresAt: clock.now() + hours * 3_600_000 };
    issued += 1;
    return { code: '1000', data: { access_token: legacyCurrent.token } };
  };

  /** api.json: `{action, access_token, data: {startDate, endDate}}`, company-wide totals of the days. */
  const legacyApi = (raw: string): [Reply, number, Record<string, string>] => {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return [legacyFail('1001', 'the request body is not a JSON object'), 200, {}];
    }
    const token = typeof body.access_token === 'string' ? body.access_token : '';
    if (!legacyCurrent || token !== legacyCurrent.token || clock.now() >= legacyCurrent.expiresAt) {
      return [legacyFail('1002', 'access_token check failed: get a new one'), 200, {}];
    }
    const waitSec = overBudget(token);
    if (waitSec !== null) {
      return [{ code: '429', msg: rateLimitMessage(waitSec) }, 429, { 'retry-after': String(waitSec) }];
    }
    const action = body.action as LegacyAction;
    if (!LEGACY_ACTIONS.includes(action)) {
      return [legacyFail('1001', `unknown action [${String(body.action)}]`), 200, {}];
    }
    const data = (body.data ?? {}) as Record<string, unknown>;
    const today = todayIn(DEFAULT_ZONE, clock.now());
    const days: string[] = [];
    for (const field of ['startDate', 'endDate']) {
      const day = dayOf(data[field], 'yyyy-MM-dd');
      if (!day) {
        return [
          legacyFail('1001', `[${field}] must be a yyyy-MM-dd string, got [${String(data[field])}]`),
          200,
          {},
        ];
      }
      days.push(day.localeCompare(today.date) <= 0 ? day : today.date);
    }
    const [from, to] = days as [string, string];
    if (to < from) return [legacyFail('1001', '[endDate] cannot be earlier than [startDate]'), 200, {}];
    return [{ data: { item: legacyItem(company, action, { from, to }, today) }, code: '1000' }, 200, {}];
  };

  const statistics = (path: string, raw: string, entry: LogEntry): Reply => {
    const endpoint = ENDPOINTS[path]!;
    const token = entry.headers.token;
    if (!token) return fail('900001', 'Token is null!');
    if (!current || token !== current.token || clock.now() >= current.expiresAt) {
      return fail('900002', 'Token invalid or not found. Get a new one!');
    }
    const waitSec = overBudget(token);
    if (waitSec !== null) return fail('229000', rateLimitMessage(waitSec));
    let body: Record<string, unknown> = {};
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return fail('222000', 'Request body is not a valid JSON object');
      }
    }
    const timeZone = zoneOf(entry.headers.timezoneid);
    const today = todayIn(timeZone, clock.now());
    let range: DayRange = { from: today.date, to: today.date };
    let startInput = '';
    let endInput = '';
    if (endpoint.datePattern) {
      const checked = checkRange(body, endpoint.datePattern, today);
      if (!checked.ok) return checked.reply;
      ({ range, startInput, endInput } = checked);
    }
    const asOf = endInput ? cutAtEndTime(today, range, endInput) : today;
    const data = endpoint.handle(company, { body, range, today: asOf, timeZone, startInput, endInput });
    return { ret_code: '000000', ret_msg: 'Succeed', ...withoutOmitted(path, data) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await readBody(req);
    let body: unknown = raw === '' ? null : raw;
    try {
      body = raw === '' ? null : JSON.parse(raw);
    } catch {
      // Logged as the raw text; the endpoint answers 222000.
    }
    const headers: LogEntry['headers'] = {};
    for (const name of ['token', 'timezoneid', 'language'] as const) {
      const value = header(req, name);
      if (value !== undefined) headers[name] = value;
    }
    const entry: LogEntry = { path: url.pathname, body, headers, status: 0, retCode: null, reply: null };
    logRequest(entry);
    if (faults.latencyMs > 0) await clock.sleep(networkDelay());
    const fault = takeFault(url.pathname);
    if (fault) return serveFault(res, entry, fault);
    if (url.pathname === TOKEN_PATH && req.method === 'GET') return send(res, entry, issueToken(url));
    if (url.pathname === LEGACY_TOKEN_PATH && (req.method === 'GET' || req.method === 'POST')) {
      // Parameters in the query string, or (POST) a form body.
      const params = new URLSearchParams(url.search);
      if (req.method === 'POST') for (const [key, value] of new URLSearchParams(raw)) params.set(key, value);
      return send(res, entry, issueLegacyToken(params));
    }
    if (url.pathname === LEGACY_API_PATH && req.method === 'POST') {
      const [reply, status, headers] = legacyApi(raw);
      return send(
        res,
        entry,
        faults.oddDurations ? withOddDurations(reply, 'legacy') : reply,
        status,
        headers,
      );
    }
    if (req.method === 'POST' && ENDPOINTS[url.pathname]) {
      const reply = statistics(url.pathname, raw, entry);
      return send(res, entry, faults.oddDurations ? withOddDurations(reply, 'v5') : reply);
    }
    send(res, entry, { timestamp: clock.now(), status: 404, error: 'Not Found', path: url.pathname }, 404);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    appId,
    appKey,
    company,
    faults,
    log,
    get tokens() {
      return issued;
    },
    get overBudgetCalls() {
      return overBudgetCalls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
