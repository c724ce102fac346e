// The real legacy client on 127.0.0.1: against every example reply of the legacy document (served as
// printed, placeholders filled), and against the simulator: the shared token and its refresh, 1002,
// 1001, HTTP 429 rate limits, 5xx, hangs, the shared budget, and no secret in any log line.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/clock.ts';
import { systemClock } from '../../../src/clock.ts';
import { createLogger } from '../../../src/logger.ts';
import type { LogEntry, Simulator } from '../../../src/simulator/server.ts';
import { startSimulator } from '../../../src/simulator/server.ts';
import {
  SobotAuthError,
  SobotConfigError,
  SobotRateLimitedError,
  SobotUnavailableError,
} from '../../../src/sobot/errors.ts';
import { createSobotLegacyClient, type SobotLegacyClient } from '../../../src/sobot/legacy/client.ts';
import type { LegacyAction } from '../../../src/sobot/legacy/endpoints.ts';
import { createRateBudget, type RateBudget } from '../../../src/sobot/rate-budget.ts';
import { rapidRetryPolicy } from '../../../src/sobot/retry.ts';
import { createFakeClock } from '../../support/fake-clock.ts';
import { drive, ioTicks, until } from '../../support/io-turns.ts';
import { fillExample, legacyExample } from '../../support/legacy-examples.ts';

const TOKEN_PATH = '/open/platform/getAccessToken.json';
const API_PATH = '/open/platform/api.json';
const RANGE = { from: '2026-11-20', to: '2026-11-22', timeZone: 'Asia/Shanghai' };

type Lines = { level: number; msg: string; [key: string]: unknown }[];

function captureLogs(): { lines: Lines; raw: string[]; destination: Writable } {
  const lines: Lines = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, raw, destination };
}

// ---- the document's examples ----

/**
 * A value for each `xx` of the document's examples, in the shapes Sobot really sends (numbers, numbers
 * as strings, "71.43%" rates, fractions, "HH:mm:ss" durations), and what the client must read from it.
 */
const EXAMPLE_VALUES: Record<LegacyAction, Record<string, [raw: unknown, read: number]>> = {
  wb_session_customer: {
    totalConsultSession: [1200, 1200],
    totalValidSession: ['1100', 1100],
    totalValidSessionRate: ['91.67%', 0.9167],
    avgSessionDuration: ['00:05:12', 312_000],
    avgTotalSessionDuration: ['00:03:02', 182_000],
    totalInvalidSession: [100, 100],
  },
  wb_session_robot: {
    consultSession: [834, 834],
    validSession: [300, 300],
    invalidSession: [534, 534],
    validReceptionRate: ['35.97%', 0.3597],
    selfReceptionSession: [66, 66],
    selfReceptionRate: ['22.00%', 0.22],
    toHumanSession: ['412', 412],
    toHumanSessionRate: [0.494, 0.494],
    avgSessionDuration: ['00:01:30', 90_000],
  },
  wb_session_human: {
    consultSession: [56, 56],
    selfReceptionSession: [40, 40],
    selfReceptionSessionZb: ['71.43%', 0.7143],
    validSession: [50, 50],
    invalidSession: [6, 6],
    validSessionRate: ['89.29%', 0.8929],
    validReceptionSession: [40, 40],
    invalidReceptionSession: [6, 6],
    invalidReceptionRate: ['10.71%', 0.1071],
    notReceptionSession: [10, 10],
    notReceptionSessionRate: ['17.86%', 0.1786],
    transferSession: [3, 3],
    blankListSession: [0, 0],
    avgSessionDuration: ['00:06:48', 408_000],
    solvedSession: [30, 30],
    notSolvedSession: [12, 12],
    notMarkIsSolved: [14, 14],
    maxMeantimeRecp: [5, 5],
    initiativeSession: [2, 2],
    validReceptionRate: ['71.43%', 0.7143],
  },
  wb_session_message: {
    totalMessage: [2400, 2400],
    robotMessage: [500, 500],
    totalCustomerMessage: [1100, 1100],
    serviceMessage: [800, 800],
    avgMessage: ['12.50', 12.5],
    avgCustomerMessage: [5.73, 5.73],
    avgServiceMessge: [14.29, 14.29],
    customerToRobotMessage: [300, 300],
    robotAvgCustomerMessage: [1.2, 1.2],
    robotAvgMessage: [2.4, 2.4],
    totalHumanMessage: [1600, 1600],
    customerToServiceMessage: [800, 800],
    answerThan: ['112.50%', 1.125],
    serviceWord: [24000, 24000],
    avgServiceWord: [428.57, 428.57],
    humanAvgMessage: [28.57, 28.57],
    humanAvgCustomerMessage: [14.29, 14.29],
    humanAvgServiceMessage: [14.29, 14.29],
    serviceOfflineNum: [2, 2],
  },
  wb_human_satisfaction: {
    effectSessionCount: [50, 50],
    totalTimes: [20, 20],
    canpinglv: ['40.00%', 0.4],
    initiative: [8, 8],
    invites: [12, 12],
    solvedCount: [20, 20],
    solved: [15, 15],
    notSolved: [5, 5],
    solvedLv: ['75.00%', 0.75],
    avgNum: ['4.25', 4.25],
    good: [12, 12],
    goodLv: ['60.00%', 0.6],
    middle: [6, 6],
    middleLv: ['30.00%', 0.3],
    bad: [2, 2],
    badLv: ['10.00%', 0.1],
    customActiveEvRatio: ['40.00%', 0.4],
    serviceInvEvRatio: ['60.00%', 0.6],
    score4: [4, 4],
    score3: [2, 2],
    score2: [1, 1],
    score1: [1, 1],
  },
  wb_robot_satisfaction: {
    effectSessionCount: [300, 300],
    totalTimes: [60, 60],
    canpinglv: ['20.00%', 0.2],
    solved: [45, 45],
    notSolved: [15, 15],
    solvedLv: ['75.00%', 0.75],
  },
};

const ACTIONS = Object.keys(EXAMPLE_VALUES) as LegacyAction[];

interface FakeLegacy {
  url: string;
  /** api.json bodies as received. */
  bodies: Record<string, unknown>[];
  /** getAccessToken.json query strings as received. */
  tokenQueries: URLSearchParams[];
  close(): Promise<void>;
}

/** A stand-in Sobot that answers every api.json action with its example from the document. */
async function serveExamples(replies: Partial<Record<LegacyAction, string>>): Promise<FakeLegacy> {
  const bodies: Record<string, unknown>[] = [];
  const tokenQueries: URLSearchParams[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      req.on('end', () => resolve(text));
    });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await read(req);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname === TOKEN_PATH) {
      tokenQueries.push(url.searchParams);
      res.end(JSON.stringify({ code: '1000', data: { access_token: 'example-token-0123456789' } }));
      return;
    }
    const parsed = JSON.parse(body) as Record<string, unknown>;
    bodies.push(parsed);
    res.end(replies[parsed.action as LegacyAction] ?? '{"data": {}, "code": "1000"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    tokenQueries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let fake: FakeLegacy | undefined;
let sim: Simulator | undefined;

afterEach(async () => {
  await fake?.close();
  await sim?.close();
  fake = undefined;
  sim = undefined;
});

function clientFor(
  baseUrl: string,
  opts: {
    appId?: string;
    appKey?: string;
    clock?: Clock;
    budget?: RateBudget;
    timeoutMs?: number;
    tokenHours?: number;
    destination?: Writable;
  } = {},
): SobotLegacyClient {
  const clock = opts.clock ?? systemClock;
  return createSobotLegacyClient({
    baseUrl,
    appId: opts.appId ?? 'demo-app',
    appKey: opts.appKey ?? 'demo-key',
    budget: opts.budget ?? createRateBudget({ limit: 1000, clock }),
    clock,
    logger: createLogger({ level: 'debug', destination: opts.destination ?? captureLogs().destination }),
    retryPolicy: rapidRetryPolicy,
    timeoutMs: opts.timeoutMs,
    tokenHours: opts.tokenHours,
  });
}

describe('the document’s example replies', () => {
  it.each(ACTIONS)('%s: every field of the example is read, quirks coerced', async (action) => {
    const values = EXAMPLE_VALUES[action];
    const raw = Object.fromEntries(Object.entries(values).map(([field, [value]]) => [field, value]));
    const expected = Object.fromEntries(Object.entries(values).map(([field, [, read]]) => [field, read]));
    fake = await serveExamples({ [action]: fillExample(legacyExample(action), raw) });
    const item = await clientFor(fake.url).call(action, RANGE);
    expect(item).toEqual(expected);
  });

  it('sends the documented body: the action, the access token and string dates (not an integer endDate)', async () => {
    const raw = Object.fromEntries(
      Object.entries(EXAMPLE_VALUES.wb_session_human).map(([field, [value]]) => [field, value]),
    );
    fake = await serveExamples({ wb_session_human: fillExample(legacyExample('wb_session_human'), raw) });
    await clientFor(fake.url).call('wb_session_human', RANGE);
    expect(fake.bodies).toEqual([
      {
        action: 'wb_session_human',
        access_token: 'example-token-0123456789',
        data: { startDate: '2026-11-20', endDate: '2026-11-22' },
      },
    ]);
  });

  it('signs the token request md5(appId + appKey + createTime), createTime in seconds, and asks for 24 h', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
    fake = await serveExamples({});
    await clientFor(fake.url, { appId: 'app-1', appKey: 'key-1', clock }).call('wb_session_human', RANGE);
    const [query] = fake.tokenQueries;
    const createTime = String(Date.parse('2026-11-23T02:00:00Z') / 1000);
    expect(query?.get('appId')).toBe('app-1');
    expect(query?.get('createTime')).toBe(createTime);
    expect(query?.get('sign')).toBe(createHash('md5').update(`app-1key-1${createTime}`).digest('hex'));
    expect(query?.get('expire')).toBe('24');
  });

  it('reads "NA", empty strings and missing fields as unknown (null), never 0', async () => {
    fake = await serveExamples({
      wb_session_robot: JSON.stringify({
        data: { item: { consultSession: 'NA', validSession: '', selfReceptionRate: null } },
        code: 1000,
      }),
    });
    const item = await clientFor(fake.url).call('wb_session_robot', RANGE);
    expect(item?.consultSession).toBeNull();
    expect(item?.validSession).toBeNull();
    expect(item?.selfReceptionRate).toBeNull();
    expect(item?.toHumanSession).toBeNull();
  });

  it('gives null when the reply carries no item', async () => {
    fake = await serveExamples({ wb_session_customer: '{"data": {}, "code": "1000"}' });
    expect(await clientFor(fake.url).call('wb_session_customer', RANGE)).toBeNull();
  });
});

// ---- against the simulator ----

interface Setup {
  sim: Simulator;
  client: SobotLegacyClient;
  lines: Lines;
  raw: string[];
}

async function setup(
  opts: {
    clock?: Clock;
    rateLimit?: number;
    budget?: RateBudget;
    appKey?: string;
    timeoutMs?: number;
    tokenHours?: number;
  } = {},
): Promise<Setup> {
  const clock = opts.clock ?? systemClock;
  const rateLimit = opts.rateLimit ?? 1000;
  sim = await startSimulator({ company: { agents: 40 }, clock, rateLimit });
  const { lines, raw, destination } = captureLogs();
  const client = clientFor(sim.url, {
    appId: sim.appId,
    appKey: opts.appKey ?? sim.appKey,
    clock,
    budget: opts.budget ?? createRateBudget({ limit: rateLimit, clock }),
    timeoutMs: opts.timeoutMs,
    tokenHours: opts.tokenHours,
    destination,
  });
  return { sim, client, lines, raw };
}

const apiCalls = (s: Simulator): LogEntry[] => s.log.filter((e) => e.path === API_PATH);
const tokenCalls = (s: Simulator): LogEntry[] => s.log.filter((e) => e.path === TOKEN_PATH);
const issuedTokens = (s: Simulator): string[] =>
  tokenCalls(s).flatMap((e) => {
    const token = (e.reply as { data?: { access_token?: string } } | null)?.data?.access_token;
    return token ? [token] : [];
  });
/** Days the simulator has figures for: before its fake "today" (2026-11-23 in Shanghai). */
const PAST = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };

describe('the shared token', () => {
  it('is fetched once for 30 concurrent calls, and the simulator accepts its signature', async () => {
    const { sim, client } = await setup();
    await Promise.all(Array.from({ length: 30 }, () => client.call('wb_session_human', PAST)));
    expect(tokenCalls(sim).map((e) => e.retCode)).toEqual(['1000']);
    const [token] = issuedTokens(sim);
    expect(apiCalls(sim)).toHaveLength(30);
    for (const entry of apiCalls(sim)) {
      expect((entry.body as { access_token: string }).access_token).toBe(token);
      expect(entry.retCode).toBe('1000');
    }
  });

  it('is refreshed before it expires: a 1-hour token is replaced after 55 minutes, without a 1002', async () => {
    const clock = createFakeClock();
    const { sim, client } = await setup({ clock, tokenHours: 1 });
    await client.call('wb_session_human', PAST);
    await clock.advance(54 * 60_000);
    await client.call('wb_session_human', PAST);
    expect(sim.tokens).toBe(1);
    // Refreshed 5 minutes (the margin) before the hour is up.
    await clock.advance(60_000);
    await client.call('wb_session_human', PAST);
    expect(sim.tokens).toBe(2);
    expect(apiCalls(sim).map((e) => e.retCode)).toEqual(['1000', '1000', '1000']);
    const [first, second] = issuedTokens(sim);
    expect(first).not.toBe(second);
    expect((apiCalls(sim)[2]?.body as { access_token?: string } | undefined)?.access_token).toBe(second);
  });

  it('is fetched again on 1002 (the token check failed) and the call retried once', async () => {
    const { sim, client } = await setup();
    await client.call('wb_session_human', PAST);
    sim.faults.expireTokens();
    const item = await client.call('wb_session_human', PAST);
    expect(item?.consultSession).toEqual(expect.any(Number));
    expect(apiCalls(sim).map((e) => e.retCode)).toEqual(['1000', '1002', '1000']);
    expect(sim.tokens).toBe(2);
  });

  it('gives up with SobotAuthError when a fresh token is refused too', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('token_expired', { count: 2 });
    await expect(client.call('wb_session_human', PAST)).rejects.toBeInstanceOf(SobotAuthError);
    expect(apiCalls(sim).map((e) => e.retCode)).toEqual(['1002', '1002']);
    expect(sim.tokens).toBe(2);
  });
});

describe('1001', () => {
  it('on getAccessToken.json (a wrong app key): SobotConfigError naming the settings, no retry, logged once', async () => {
    const { sim, client, lines } = await setup({ appKey: 'not-the-app-key' });
    const error = await client.call('wb_session_human', PAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotConfigError);
    expect((error as SobotConfigError).retCode).toBe('1001');
    expect((error as SobotConfigError).hint).toContain('SOBOT_APP_KEY');
    await expect(client.call('wb_session_robot', PAST)).rejects.toBeInstanceOf(SobotConfigError);
    expect(tokenCalls(sim).map((e) => e.retCode)).toEqual(['1001', '1001']);
    expect(apiCalls(sim)).toHaveLength(0);
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
  });

  it('on api.json: SobotConfigError naming the action, without retrying', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('config', { count: 3 });
    const error = await client.call('wb_session_message', PAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotConfigError);
    expect((error as SobotConfigError).hint).toContain('wb_session_message');
    expect(apiCalls(sim).map((e) => e.retCode)).toEqual(['1001']);
  });
});

describe('rate limits (HTTP 429 with Retry-After on the legacy paths)', () => {
  it('waits the seconds named, pausing every caller, then succeeds', async () => {
    const clock = createFakeClock();
    const { sim, client, lines } = await setup({ clock });
    sim.faults.failNext('rate_limit', { seconds: 2 });
    const first = client.call('wb_session_human', PAST);
    await until(() => lines.some((l) => l.msg === 'sobot rate limited'), 'the 429');
    expect(lines.find((l) => l.msg === 'sobot rate limited')).toMatchObject({ retryAfterSec: 2 });
    const second = client.call('wb_session_robot', PAST);
    await ioTicks(50);
    await clock.advance(1_999);
    await ioTicks(50);
    expect(apiCalls(sim)).toHaveLength(1);
    await clock.advance(1);
    const [human, bot] = await Promise.all([first, second]);
    expect(human?.consultSession).toEqual(expect.any(Number));
    expect(bot?.consultSession).toEqual(expect.any(Number));
    expect(apiCalls(sim).map((e) => e.status)).toEqual([429, 200, 200]);
  });

  it('throws SobotRateLimitedError with the wait after more 429s than the policy waits out', async () => {
    const clock = createFakeClock();
    const { sim, client } = await setup({ clock });
    sim.faults.failNext('rate_limit', { count: rapidRetryPolicy.rateLimitWaits + 1, seconds: 7 });
    const error = await drive(client.call('wb_session_human', PAST), clock, 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotRateLimitedError);
    expect((error as SobotRateLimitedError).retryAfterSec).toBe(7);
    expect(apiCalls(sim)).toHaveLength(rapidRetryPolicy.rateLimitWaits + 1);
  });

  it('keeps within the shared budget, so the simulator’s own limit of 20 a minute is never hit', async () => {
    const clock = createFakeClock();
    const { sim, client } = await setup({ clock, rateLimit: 20 });
    const calls = Array.from({ length: 25 }, () => client.call('wb_session_human', PAST));
    await until(() => apiCalls(sim).filter((e) => e.status !== 0).length === 20, 'the first 20 calls');
    await ioTicks(50);
    expect(apiCalls(sim)).toHaveLength(20);
    // Each slot is held until a minute and the 1-s margin after its reply.
    await clock.advance(60_000);
    await ioTicks(50);
    expect(apiCalls(sim)).toHaveLength(20);
    // The five waiting calls go out a quarter second apart, not in one burst.
    for (let step = 0; step < 5; step += 1) await clock.advance(step === 0 ? 1_000 : 250);
    await Promise.all(calls);
    expect(apiCalls(sim)).toHaveLength(25);
    expect(apiCalls(sim).filter((e) => e.status === 429)).toHaveLength(0);
  });
});

describe('transient failures', () => {
  it('retries HTTP 500 and succeeds', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('http_500', { count: 1 });
    const item = await client.call('wb_human_satisfaction', PAST);
    expect(item?.totalTimes).toEqual(expect.any(Number));
    expect(apiCalls(sim).map((e) => e.status)).toEqual([500, 200]);
  });

  it('retries a truncated JSON reply', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('malformed_json');
    await client.call('wb_robot_satisfaction', PAST);
    expect(apiCalls(sim).map((e) => e.retCode)).toEqual([null, '1000']);
  });

  it('times out a reply that never comes, retries, then throws SobotUnavailableError', async () => {
    const { sim, client } = await setup({ timeoutMs: 200 });
    sim.faults.failNext('hang', { count: 10 });
    const error = await client.call('wb_session_customer', PAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotUnavailableError);
    expect((error as Error).message).toContain('200 ms');
    expect(apiCalls(sim)).toHaveLength(1 + rapidRetryPolicy.retries);
  });
});

describe('secrets', () => {
  it('never writes the app key, an access token or the signature to the log, whatever happens', async () => {
    const clock = createFakeClock();
    const { sim, client, raw } = await setup({ clock });
    const createTime = String(Math.floor(clock.now() / 1000));
    const sign = createHash('md5').update(`${sim.appId}${sim.appKey}${createTime}`).digest('hex');
    await client.call('wb_session_human', PAST);
    sim.faults.failNext('token_expired');
    sim.faults.failNext('http_500', { path: 'api.json' });
    await drive(client.call('wb_session_robot', PAST), clock, 100);
    sim.faults.failNext('token_expired', { count: 2 });
    await drive(client.call('wb_session_robot', PAST), clock, 100).catch(() => undefined);
    const tokens = issuedTokens(sim);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(raw.length).toBeGreaterThan(5);
    const everything = raw.join('\n');
    for (const secret of [sim.appKey, sign, ...tokens]) expect(everything).not.toContain(secret);
  });
});
