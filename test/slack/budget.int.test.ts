// Sobot's budget under real conditions, end to end on a fake clock: the real app, the simulator with
// network latency each way (jittered) and the fake Slack. Floods of 5× and 10× the budget reach Sobot
// without a single over-budget call; every asker hears within 3 s where their answer stands; a digest
// due during the flood posts within its minute; a 229000 asking for an hour is not waited out; the
// circuit breaker opens on a failing Sobot, answers from the cache, and closes after a probe.

import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/simulator/server.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import type { ResponsePost } from '../support/fake-slack.ts';

const MINUTE = 60_000;
/** Mon 23 Nov 2026, 08:59:30 in Shanghai: the flood starts half a minute before a 09:00 digest. */
const MONDAY_085930 = Date.parse('2026-11-23T00:59:30Z');
const MONDAY_0900 = Date.parse('2026-11-23T01:00:00Z');
const CHANNEL = 'C0DIGEST';
const DIGEST = `
digests:
  - name: morning
    channel: ${CHANNEL}
    schedule: "0 9 * * 1-5"
    timezone: Asia/Shanghai
    period: yesterday
`;
const STATS = '/chat-static-api/api/';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function start(clock: FakeClock, configYaml?: string): Promise<Harness> {
  const h = await startHarness({
    clock,
    configYaml,
    env: { CHART_RENDERER: 'none' },
    simulator: { company: { agents: 40 } },
    progressNoticeMs: 3_000,
    // The flood meets a cold token: every call waits for it, then queues at once.
    sobotTokenAtStart: false,
  });
  harnesses.push(h);
  // Sobot in Europe's view: 150–250 ms each way.
  h.sim.faults.latencyMs = 200;
  h.sim.faults.jitterMs = 50;
  return h;
}

/** `bot <day>`: one Sobot call (getRobotReception) per distinct day. */
const day = (i: number) => new Date(Date.UTC(2026, 10, 22 - i)).toISOString().slice(0, 10);

/** The fake time each statistics call reached the simulator, in order. */
function arrivalsOf(h: Harness, clock: FakeClock): number[] {
  const arrivals: number[] = [];
  const push = h.sim.log.push.bind(h.sim.log);
  h.sim.log.push = (...entries: LogEntry[]) => {
    for (const entry of entries) if (entry.path.startsWith(STATS)) arrivals.push(clock.now());
    return push(...entries);
  };
  return arrivals;
}

const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves the fake clock in small steps, letting real I/O run between them. I/O that spans steps only
 * makes the latency Sobot sees longer, which the budget must (and does) absorb.
 */
async function drive(clock: FakeClock, until: () => boolean, maxMs: number, stepMs = 250): Promise<void> {
  const end = clock.now() + maxMs;
  while (!until() && clock.now() < end) {
    await realPause(1);
    await clock.advance(Math.min(stepMs, end - clock.now()));
  }
}

/** Waits (real time, the fake clock standing still) until `check` holds. */
async function settle(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000 && !check(); i += 1) await realPause(5);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const isNotice = (post: ResponsePost) => String(post.payload.text).startsWith(':hourglass_flowing_sand:');
const answered = (h: Harness, id: string) => (h.slack.responses.get(id) ?? []).some((p) => !isNotice(p));

/**
 * `people` askers each sending `each` trends of `days` distinct days (one Sobot call a day, all
 * queued at once): people × each × days calls.
 */
async function flood(h: Harness, people: number, each: number, days: number): Promise<string[]> {
  const ids: string[] = [];
  const sends: Promise<{ status: number }>[] = [];
  for (let n = 0; n < each; n += 1) {
    for (let p = 0; p < people; p += 1) {
      const i = ids.length;
      ids.push(`flood-${i}`);
      // From two weeks back: none of the days a digest due today asks about.
      const range = `${day(14 + (i + 1) * days)}..${day(15 + i * days)}`;
      sends.push(h.command(`trend chats ${range}`, `flood-${i}`, { user_id: `U0PERSON${p}` }));
    }
  }
  const acks = await Promise.all(sends);
  expect(acks.every((ack) => ack.status === 200)).toBe(true);
  return ids;
}

describe('Sobot budget under load, with 200 ms latency each way', () => {
  it.each([
    [5, 5, 2],
    [10, 10, 2],
  ])(
    'at %i× the budget no call reaches Sobot over its limit, and the first minute uses all 20',
    async (times, people, each) => {
      const clock = createFakeClock(MONDAY_085930);
      const h = await start(clock);
      const arrivals = arrivalsOf(h, clock);
      // Ten-day trends: ten calls each, all queued at once.
      const ids = await flood(h, people, each, 10);
      const t0 = clock.now();
      await drive(clock, () => ids.every((id) => answered(h, id)), 20 * MINUTE);
      expect(ids.filter((id) => !answered(h, id))).toEqual([]);
      expect(h.sim.overBudgetCalls).toBe(0);
      expect(h.sim.log.filter((e) => e.retCode === '229000')).toEqual([]);
      // Not wasted either: the first minute carries the whole budget.
      expect(arrivals).toHaveLength(times * 20);
      expect(arrivals.filter((t) => t < t0 + MINUTE)).toHaveLength(20);
      for (const start of arrivals) {
        expect(arrivals.filter((t) => t >= start && t < start + MINUTE).length).toBeLessThanOrEqual(20);
      }
    },
  );

  it('tells every asker of a 10× flood within 3 s where they stand, and posts a digest due meanwhile within its minute', async () => {
    const clock = createFakeClock(MONDAY_085930);
    const h = await start(clock, DIGEST);
    // 40 people, a 5-day trend each: 200 calls, 10× the budget.
    const ids = await flood(h, 40, 1, 5);
    const t0 = clock.now();
    await drive(clock, () => false, 3_000, 100);
    await settle(() => ids.every((id) => (h.slack.responses.get(id) ?? []).length > 0), 'a word to everyone');
    const first = (id: string) => String(h.slack.responses.get(id)?.[0]?.payload.text);
    const queued = ids.filter((id) =>
      /Queued, about \d+ min: Sobot allows 20 calls a minute/.test(first(id)),
    );
    const busy = ids.filter((id) => /Sobot is busy.*Try again at \d\d:\d\d/.test(first(id)));
    const quick = ids.filter(
      (id) => !isNotice(h.slack.responses.get(id)?.[0] as ResponsePost) && !busy.includes(id),
    );
    expect(queued.length + busy.length + quick.length).toBe(ids.length);
    expect(queued.length).toBeGreaterThan(20);
    // 15 calls a minute for people (a quarter kept for the digest): past 10 minutes it is "busy".
    expect(busy.length).toBeGreaterThan(0);
    expect(clock.now() - t0).toBe(3_000);

    await drive(clock, () => clock.now() >= MONDAY_0900, MINUTE);
    const digest = h.bot.digests.tick();
    let postedAt: number | null = null;
    // Small steps: the real time the digest's I/O takes between two steps adds a step of fake time,
    // so 250 ms steps on a loaded machine made the digest look 25 s later than it is.
    await drive(
      clock,
      () => {
        if (postedAt === null && h.slack.posted(CHANNEL).length > 0) postedAt = clock.now();
        return postedAt !== null;
      },
      5 * MINUTE,
      25,
    );
    expect((await digest).map((d) => d.status)).toEqual(['posted']);
    expect(postedAt).not.toBeNull();
    expect((postedAt as unknown as number) - MONDAY_0900).toBeLessThan(MINUTE);
    // The rest of the flood is the over-budget tests' subject.
    expect(h.sim.overBudgetCalls).toBe(0);
  });
});

describe('when Sobot says "try again in an hour"', () => {
  it('answers at once that Sobot is rate-limiting for 60 more minutes, calls nothing until then, and the digest retries after it', async () => {
    const clock = createFakeClock(MONDAY_0900 - 10_000);
    const h = await start(clock, DIGEST);
    h.sim.faults.failNext('rate_limit', { seconds: 3600 });
    await h.command(`bot ${day(1)}`, 'limited');
    await drive(clock, () => answered(h, 'limited'), MINUTE, 25);
    const text = String(h.slack.responses.get('limited')?.at(-1)?.payload.text);
    expect(text).toMatch(/Sobot is rate-limiting this company for 60 more minutes \(until 09:59\)/);
    // Answered right after the 229000, not after a pause.
    expect(clock.now() - (MONDAY_0900 - 10_000)).toBeLessThan(5_000);
    const callsSoFar = h.sim.log.filter((e) => e.path.startsWith(STATS)).length;

    // The digest due at 09:00 does not hammer Sobot; it tries again when the limit clears.
    await drive(clock, () => clock.now() >= MONDAY_0900, MINUTE);
    const digest = h.bot.digests.tick();
    await h.command(`bot ${day(2)}`, 'still-limited');
    await drive(clock, () => answered(h, 'still-limited'), MINUTE);
    expect(String(h.slack.responses.get('still-limited')?.at(-1)?.payload.text)).toMatch(
      /rate-limiting this company for \d+ more minutes \(until 09:59\)/,
    );
    expect(h.sim.log.filter((e) => e.path.startsWith(STATS))).toHaveLength(callsSoFar);
    await drive(clock, () => h.slack.posted(CHANNEL).length > 0, 70 * MINUTE, 5_000);
    expect((await digest).map((d) => d.status)).toEqual(['posted']);
    expect(clock.now()).toBeGreaterThanOrEqual(MONDAY_0900 - 10_000 + 3_600_000);
    expect(h.sim.overBudgetCalls).toBe(0);
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures, answers from the cache marked with its age, and closes after a probe', async () => {
    const clock = createFakeClock(MONDAY_0900);
    const h = await start(clock);
    await h.command(`bot ${day(1)}`, 'warm');
    await drive(clock, () => answered(h, 'warm'), MINUTE);
    const served = h.sim.log.find((e) => e.path.endsWith('/getRobotReception'))?.reply as {
      item: { robot_self_reception_num_proportion: string };
    };
    // Seven hours on, the cached answer has expired; then Sobot starts failing.
    await clock.advance(7 * 60 * MINUTE);
    h.sim.faults.failNext('http_500', { count: 5 });
    for (const [i, id] of ['fail-1', 'fail-2', 'fail-3'].entries()) {
      await h.command(`bot ${day(10 + i)}`, id);
      await drive(clock, () => answered(h, id), MINUTE, 100);
    }
    // Two tries each, then the third command's first failure opens it: five failures, no more calls.
    const failedCalls = h.sim.log.filter((e) => e.status === 500).length;
    expect(failedCalls).toBe(5);
    const before = h.sim.log.length;
    await h.command(`bot ${day(1)}`, 'cached');
    await drive(clock, () => answered(h, 'cached'), MINUTE, 100);
    expect(h.sim.log.length).toBe(before);
    const cached = h.slack.responses.get('cached')?.at(-1)?.payload as { text: string; blocks: unknown[] };
    expect(cached.text).toMatch(
      /^:warning: Sobot is not answering since 16:0\d; cached figures from 09:00 \(7 h old\) shown\./,
    );
    const share = Number.parseFloat(served.item.robot_self_reception_num_proportion);
    expect(JSON.stringify(cached.blocks)).toContain(`${share.toFixed(1)}%`);
    await h.command(`bot ${day(20)}`, 'uncached');
    await drive(clock, () => answered(h, 'uncached'), MINUTE, 100);
    expect(String(h.slack.responses.get('uncached')?.at(-1)?.payload.text)).toMatch(
      /Sobot is not answering since 16:0\d, so the bot is not asking it for now/,
    );
    expect(h.sim.log.length).toBe(before);

    // 30 s on, one probe goes through; Sobot answers, and the breaker closes.
    await clock.advance(30_000);
    await h.command(`bot ${day(21)}`, 'probe');
    await drive(clock, () => answered(h, 'probe'), MINUTE, 100);
    expect(String(h.slack.responses.get('probe')?.at(-1)?.payload.text)).not.toMatch(/Sobot/);
    await h.command(`bot ${day(22)}`, 'after');
    await drive(clock, () => answered(h, 'after'), MINUTE, 100);
    expect(h.sim.log.filter((e) => e.path.endsWith('/getRobotReception') && e.status === 200)).toHaveLength(
      3,
    );
  });
});
