// The real v5 client against the real simulator on 127.0.0.1: the shared token, paging, the date
// patterns, every fault the simulator can inject, and the shared per-minute budget.

import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.ts';
import { systemClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import type { LogEntry, Simulator } from '../../src/simulator/server.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import {
  SobotAuthError,
  SobotConfigError,
  SobotInputError,
  SobotRateLimitedError,
  SobotUnavailableError,
} from '../../src/sobot/errors.ts';
import { createRateBudget, type RateBudget } from '../../src/sobot/rate-budget.ts';
import { rapidRetryPolicy } from '../../src/sobot/retry.ts';
import {
  createSobotV5Client,
  retryAfterSeconds,
  type SobotV5Client,
  v5DateParams,
} from '../../src/sobot/v5/client.ts';
import { v5Endpoints } from '../../src/sobot/v5/endpoints.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { drive, ioTicks, until } from '../support/io-turns.ts';

const TOKEN_PATH = '/api/get_token';
const API = '/chat-static-api/api';
const ZONE = 'Asia/Shanghai';

interface Setup {
  sim: Simulator;
  client: SobotV5Client;
  /** Every line the client logged, parsed. */
  lines: { level: number; msg: string; [key: string]: unknown }[];
}

interface SetupOptions {
  agents?: number;
  clock?: Clock;
  /** Calls per 60 s the simulator allows (and, unless `budget` is given, the client too). */
  rateLimit?: number;
  budget?: RateBudget;
  appKey?: string;
  timeoutMs?: number;
  timeZone?: string;
}

let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(opts: SetupOptions = {}): Promise<Setup> {
  const clock = opts.clock ?? systemClock;
  const rateLimit = opts.rateLimit ?? 1000;
  sim = await startSimulator({ company: { agents: opts.agents ?? 40 }, clock, rateLimit });
  const lines: Setup['lines'] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const client = createSobotV5Client({
    baseUrl: sim.url,
    appId: sim.appId,
    appKey: opts.appKey ?? sim.appKey,
    timeZone: opts.timeZone ?? ZONE,
    language: 'en',
    budget: opts.budget ?? createRateBudget({ limit: rateLimit, clock }),
    clock,
    logger: createLogger({ level: 'debug', destination }),
    retryPolicy: rapidRetryPolicy,
    timeoutMs: opts.timeoutMs,
  });
  return { sim, client, lines };
}

const statsRequests = (s: Simulator): LogEntry[] => s.log.filter((e) => e.path.startsWith(API));
const tokenRequests = (s: Simulator): LogEntry[] => s.log.filter((e) => e.path === TOKEN_PATH);

/** yyyy-MM-dd of `daysBack` days before today in `timeZone`. */
function dayBefore(daysBack: number, timeZone = ZONE): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - daysBack * 86_400_000).toISOString().slice(0, 10);
}

describe('the shared token', () => {
  it('is fetched once for 30 concurrent calls, with an md5 signature the server accepts', async () => {
    const { sim, client } = await setup();
    await Promise.all(Array.from({ length: 30 }, () => client.call('channels', {})));
    expect(sim.tokens).toBe(1);
    const [tokenEntry] = tokenRequests(sim);
    expect(tokenRequests(sim)).toHaveLength(1);
    // The simulator answers 900003 unless sign = md5(appid + create_time + app_key).
    expect(tokenEntry?.retCode).toBe('000000');
    const issued = (tokenEntry?.reply as { item?: { token?: string } } | undefined)?.item?.token;
    expect(issued).toEqual(expect.any(String));
    const calls = statsRequests(sim);
    expect(calls).toHaveLength(30);
    for (const entry of calls) {
      expect(entry.headers).toEqual({ token: issued, timezoneid: ZONE, language: 'en' });
      expect(entry.retCode).toBe('000000');
    }
  });

  it('sends the configured time zone as `timezoneid`', async () => {
    const { sim, client } = await setup({ timeZone: 'Europe/Berlin' });
    await client.call('channels', {});
    expect(statsRequests(sim)[0]?.headers.timezoneid).toBe('Europe/Berlin');
  });
});

describe('fetchAll', () => {
  it('pages agent workload with page_no/page_size "100" and returns each of 300 agents once', async () => {
    const { sim, client } = await setup({ agents: 300 });
    const range = { from: dayBefore(30), to: dayBefore(1), timeZone: ZONE };
    const items = await client.fetchAll('agentWorkload', {
      search_way: '1',
      ...v5DateParams('agentWorkload', range),
    });
    const ids = items.map((item) => item.staff_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(sim.company.agents.map((a) => a.id).sort());
    const calls = statsRequests(sim);
    // 300 rows at 100 a page.
    expect(calls).toHaveLength(3);
    expect(calls[0]?.reply).toMatchObject({ page_count: 3, total_count: 300 });
    // Pages after the first go out together, in any order.
    const pages = calls.map((c) => c.body as Record<string, unknown>).map((b) => [b.page_no, b.page_size]);
    expect(pages.sort()).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    for (const call of calls) expect(call.body).toMatchObject({ start_date: range.from, end_date: range.to });
  });

  it('uses page/size on the endpoints that name them so (the agent list)', async () => {
    const { sim, client } = await setup({ agents: 250 });
    const agents = await client.fetchAll('agents', {});
    expect(agents).toHaveLength(250);
    const bodies = statsRequests(sim).map((c) => c.body as { page: string });
    expect(bodies.sort((a, b) => a.page.localeCompare(b.page))).toEqual([
      { page: '1', size: '100' },
      { page: '2', size: '100' },
      { page: '3', size: '100' },
    ]);
  });

  it('makes one call, without paging fields, on an unpaged endpoint', async () => {
    const { sim, client } = await setup();
    const channels = await client.fetchAll('channels', {});
    expect(channels.length).toBeGreaterThan(0);
    expect(statsRequests(sim).map((c) => c.body)).toEqual([{}]);
  });
});

describe('v5DateParams', () => {
  const range = { from: '2025-07-01', to: '2025-07-07', timeZone: ZONE };

  it('gives whole seconds where the doc asks for yyyy-MM-dd HH:mm:ss (getStat)', () => {
    expect(v5DateParams('chatStats', range)).toEqual({
      start_date: '2025-07-01 00:00:00',
      end_date: '2025-07-07 23:59:59',
    });
  });

  it('gives minutes where the doc asks for yyyy-MM-dd HH:mm (getGeneral)', () => {
    expect(v5DateParams('customerOverview', range)).toEqual({
      start_date: '2025-07-01 00:00',
      end_date: '2025-07-07 23:59',
    });
  });

  it('gives bare days where the doc asks for yyyy-MM-dd (staffWorkStatis)', () => {
    expect(v5DateParams('agentWorkload', range)).toEqual({
      start_date: '2025-07-01',
      end_date: '2025-07-07',
    });
  });

  it('produces dates the simulator accepts for each pattern', async () => {
    const { sim, client } = await setup();
    const recent = { from: dayBefore(7), to: dayBefore(1), timeZone: ZONE };
    await client.call('chatStats', { search_way: '1', ...v5DateParams('chatStats', recent) });
    await client.call('customerOverview', v5DateParams('customerOverview', recent));
    await client.call('agentWorkload', { search_way: '1', ...v5DateParams('agentWorkload', recent) });
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual(['000000', '000000', '000000']);
  });
});

describe('faults', () => {
  it('fetches one new token after 900002 and the call succeeds', async () => {
    const { sim, client } = await setup();
    await client.call('channels', {});
    sim.faults.failNext('token_expired');
    const page = await client.call('channels', {});
    expect(page.items.length).toBeGreaterThan(0);
    expect(sim.tokens).toBe(2);
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual(['000000', '900002', '000000']);
  });

  it('gives up with SobotAuthError when a fresh token is rejected too', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('token_expired', { count: 2 });
    await expect(client.call('channels', {})).rejects.toBeInstanceOf(SobotAuthError);
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual(['900002', '900002']);
    expect(sim.tokens).toBe(2);
  });

  it('waits out a 229000 "try again [1]s", pausing every caller, then succeeds', async () => {
    const clock = createFakeClock();
    const { sim, client, lines } = await setup({ clock });
    sim.faults.failNext('rate_limit', { seconds: 1 });
    const first = client.call('channels', {});
    await until(() => lines.some((l) => l.msg === 'sobot rate limited'), 'the 229000');
    expect(lines.find((l) => l.msg === 'sobot rate limited')).toMatchObject({ level: 40, retryAfterSec: 1 });
    // A second caller arrives during the pause: it must not reach Sobot before the second is over.
    const second = client.call('robots', {});
    await ioTicks(50);
    await clock.advance(999);
    await ioTicks(50);
    expect(statsRequests(sim)).toHaveLength(1);
    await clock.advance(1);
    const [a, b] = await Promise.all([first, second]);
    expect(a.items.length).toBeGreaterThan(0);
    expect(b.items.length).toBeGreaterThan(0);
    const calls = statsRequests(sim);
    expect(calls.map((c) => c.retCode)).toEqual(['229000', '000000', '000000']);
    expect(
      calls
        .map((c) => c.path)
        .slice(1)
        .sort(),
    ).toEqual([v5Endpoints.channels.path, v5Endpoints.robots.path]);
  });

  it('throws SobotRateLimitedError with retryAfterSec after more 229000s than rateLimitWaits', async () => {
    const clock = createFakeClock();
    const { sim, client } = await setup({ clock });
    sim.faults.failNext('rate_limit', { count: rapidRetryPolicy.rateLimitWaits + 1, seconds: 7 });
    const error = await drive(client.call('channels', {}), clock, 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotRateLimitedError);
    expect((error as SobotRateLimitedError).retryAfterSec).toBe(7);
    // The first try plus one per allowed wait, all answered 229000.
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual(
      Array(rapidRetryPolicy.rateLimitWaits + 1).fill('229000'),
    );
  });

  it('retries HTTP 500 once after a back-off and succeeds', async () => {
    const { sim, client, lines } = await setup();
    sim.faults.failNext('http_500', { count: 1 });
    const page = await client.call('channels', {});
    expect(page.items.length).toBeGreaterThan(0);
    expect(statsRequests(sim).map((c) => c.status)).toEqual([500, 200]);
    // rapidRetryPolicy: 5 ms.
    const delays = lines.filter((l) => l.msg === 'sobot call failed, retrying').map((l) => l.delayMs);
    expect(delays).toEqual([5]);
  });

  it('retries 999999 (internal error) and succeeds on the last allowed retry', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('internal', { count: rapidRetryPolicy.retries });
    const page = await client.call('channels', {});
    expect(page.items.length).toBeGreaterThan(0);
    // One failed call spends two slots at most: the try and one retry.
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual(['999999', '000000']);
  });

  it('throws SobotUnavailableError when 5xx and 999999 outlast the retries', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('http_500', { count: 2 });
    sim.faults.failNext('internal', { count: 10 });
    await expect(client.call('channels', {})).rejects.toBeInstanceOf(SobotUnavailableError);
    // One try and one retry, no more.
    expect(statsRequests(sim)).toHaveLength(1 + rapidRetryPolicy.retries);
  });

  it('retries a truncated JSON reply', async () => {
    const { sim, client } = await setup();
    sim.faults.failNext('malformed_json');
    const page = await client.call('channels', {});
    expect(page.items.length).toBeGreaterThan(0);
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual([null, '000000']);
  });

  it('times out a reply that never comes, retries, then throws SobotUnavailableError', async () => {
    const { sim, client } = await setup({ timeoutMs: 200 });
    sim.faults.failNext('hang', { count: 10 });
    const error = await client.call('channels', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotUnavailableError);
    expect((error as Error).message).toContain('200 ms');
    expect(statsRequests(sim)).toHaveLength(1 + rapidRetryPolicy.retries);
  });

  it('throws SobotConfigError on 900004 without retrying, and logs it at error level once', async () => {
    const { sim, client, lines } = await setup();
    sim.faults.failNext('config', { count: 3 });
    const error = await client.call('channels', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotConfigError);
    expect((error as SobotConfigError).retCode).toBe('900004');
    expect(statsRequests(sim)).toHaveLength(1);
    await expect(client.call('channels', {})).rejects.toBeInstanceOf(SobotConfigError);
    await expect(client.call('channels', {})).rejects.toBeInstanceOf(SobotConfigError);
    expect(statsRequests(sim)).toHaveLength(3);
    // pino's error level is 50.
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
  });

  it('throws SobotConfigError when get_token rejects the signature (wrong app key)', async () => {
    const { sim, client } = await setup({ appKey: 'not-the-app-key' });
    const error = await client.call('channels', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotConfigError);
    expect((error as SobotConfigError).retCode).toBe('900003');
    expect(tokenRequests(sim).map((t) => t.retCode)).toEqual(['900003']);
    expect(statsRequests(sim)).toHaveLength(0);
    expect(sim.tokens).toBe(0);
  });

  it('throws SobotInputError on 222000 (a 91-day range) without retrying', async () => {
    const { sim, client } = await setup();
    // 2025-01-01..2025-04-01 inclusive: 31 + 28 + 31 + 1 = 91 days, one over the doc's 90.
    const error = await client
      .call('agentWorkload', { search_way: '1', start_date: '2025-01-01', end_date: '2025-04-01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SobotInputError);
    expect(statsRequests(sim).map((c) => c.retCode)).toEqual(['222000']);
  });
});

describe('the rate budget', () => {
  it('never lets more than 20 calls reach Sobot in any 60 s, so Sobot never answers 229000', async () => {
    const clock = createFakeClock();
    const inner = createRateBudget({ limit: 20, clock });
    let granted = 0;
    const budget: RateBudget = {
      ...inner,
      acquire: (request) =>
        inner.acquire(request).then((grant) => {
          granted += 1;
          return grant;
        }),
    };
    const { sim, client } = await setup({ clock, rateLimit: 20, budget });
    // The fake time each statistics request reached the simulator.
    const arrivals: number[] = [];
    const push = sim.log.push.bind(sim.log);
    sim.log.push = (...entries: LogEntry[]) => {
      for (const entry of entries) if (entry.path.startsWith(API)) arrivals.push(clock.now());
      return push(...entries);
    };
    let settled = 0;
    const calls = Array.from({ length: 45 }, () =>
      client.call('channels', {}).finally(() => {
        settled += 1;
      }),
    );
    const answered = () => statsRequests(sim).filter((e) => e.status !== 0).length;
    // The token arrives over real I/O; then the first minute's 20 calls go at once.
    await until(() => granted === 20, 'the first 20 grants');
    // Move the clock only while nothing is on the wire, so arrival time = grant time.
    for (let step = 0; step < 400 && settled < 45; step += 1) {
      await until(() => answered() === granted, 'granted calls to be answered');
      await clock.advance(1000);
    }
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(45);
    expect(statsRequests(sim).filter((e) => e.retCode === '229000')).toHaveLength(0);
    expect(arrivals).toHaveLength(45);
    for (const start of arrivals) {
      expect(arrivals.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(20);
    }
    // 45 calls at 20 a minute need a third minute.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(120_000);
  });

  it('serves scheduled work before people who queued earlier, so a flood cannot starve a digest', async () => {
    const clock = createFakeClock();
    const { sim, client } = await setup({ clock, budget: createRateBudget({ limit: 1, clock }) });
    await client.call('robots', {});
    // The budget is now spent until 60 s and the 1-s margin after the reply.
    const interactive = client.call('classifications', {}, { priority: 'interactive' });
    await ioTicks(10);
    const background = client.call('channels', {}, { priority: 'background' });
    await ioTicks(10);
    expect(statsRequests(sim)).toHaveLength(1);
    await clock.advance(60_999);
    await ioTicks(10);
    expect(statsRequests(sim)).toHaveLength(1);
    await clock.advance(1);
    await background;
    expect(statsRequests(sim).map((c) => c.path)).toEqual([
      v5Endpoints.robots.path,
      v5Endpoints.channels.path,
    ]);
    await clock.advance(61_000);
    await interactive;
    expect(statsRequests(sim).map((c) => c.path)).toEqual([
      v5Endpoints.robots.path,
      v5Endpoints.channels.path,
      v5Endpoints.classifications.path,
    ]);
  });
});

describe('retryAfterSeconds', () => {
  it("reads 60 from the doc's 229000 message", () => {
    expect(
      retryAfterSeconds(
        'API call too frequent. Try again [60]s later. Currently [20] times of API call within [60]s is allowed. Excess will be limited!',
      ),
    ).toBe(60);
  });

  it('reads other waits in the same wording', () => {
    expect(retryAfterSeconds('API call too frequent. Try again [17]s later.')).toBe(17);
  });

  it('falls back to a minute when the message says nothing usable', () => {
    expect(retryAfterSeconds('')).toBe(60);
    expect(retryAfterSeconds('API call too frequent')).toBe(60);
    expect(retryAfterSeconds('Try again [soon]s later')).toBe(60);
  });
});
