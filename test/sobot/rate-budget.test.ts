import { describe, expect, it } from 'vitest';
import type { QueueWait } from '../../src/command-context.ts';
import { SobotBusyError, SobotRateLimitedError } from '../../src/sobot/errors.ts';
import { createRateBudget, type Grant, type RateBudget } from '../../src/sobot/rate-budget.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';

const WINDOW = 60_000;
const MARGIN = 1_000;

/** Queues `count` calls of `owner`; records the fake time and order of each grant. */
function queue(
  budget: RateBudget,
  clock: FakeClock,
  count: number,
  owner: string,
  granted: { owner: string; at: number; grant: Grant }[],
  priority: 'interactive' | 'background' = 'interactive',
) {
  return Array.from({ length: count }, () =>
    budget.acquire({ priority, owner }).then((grant) => {
      granted.push({ owner, at: clock.now(), grant });
      return grant;
    }),
  );
}

describe('createRateBudget', () => {
  it('holds a slot from send until a window and the margin after the reply', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, clock });
    const first = await budget.acquire({ priority: 'interactive' });
    let second: Grant | null = null;
    void budget.acquire({ priority: 'interactive' }).then((grant) => {
      second = grant;
    });
    // The reply takes five minutes: the slot stays taken all along.
    await clock.advance(5 * 60_000);
    expect(second).toBeNull();
    first.settle();
    const repliedAt = clock.now();
    await clock.advance(WINDOW + MARGIN - 1);
    expect(second).toBeNull();
    await clock.advance(1);
    expect(second).not.toBeNull();
    expect(clock.now() - repliedAt).toBe(WINDOW + MARGIN);
  });

  it('never lets more than `limit` calls arrive within any 60 s, whatever the latency each way', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 20, clock });
    const arrivals: number[] = [];
    // 10× the budget, each leg 100–300 ms, replies settled when they come back.
    const calls = Array.from({ length: 200 }, (_, i) =>
      budget.acquire({ priority: 'interactive', owner: `U${i % 7}` }).then(async (grant) => {
        const out = 100 + ((i * 37) % 200);
        const back = 100 + ((i * 53) % 200);
        await clock.sleep(out);
        arrivals.push(clock.now());
        await clock.sleep(back);
        grant.settle();
      }),
    );
    for (let t = 0; t < 12 * 60 && arrivals.length < 200; t += 1) await clock.advance(1000);
    await Promise.all(calls);
    arrivals.sort((a, b) => a - b);
    for (const start of arrivals) {
      expect(arrivals.filter((t) => t >= start && t < start + WINDOW).length).toBeLessThanOrEqual(20);
    }
  });

  it('sends calls released after a full window spaced apart, not in one burst', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 5, clock, spacingMs: 250 });
    const granted: { owner: string; at: number; grant: Grant }[] = [];
    queue(budget, clock, 10, 'U1', granted);
    await clock.advance(0);
    const start = clock.now();
    expect(granted.map((g) => g.at - start)).toEqual([0, 0, 0, 0, 0]);
    for (const { grant } of granted) grant.settle();
    await clock.advance(WINDOW + MARGIN + 2_000);
    expect(granted.slice(5).map((g) => g.at - start)).toEqual([61_000, 61_250, 61_500, 61_750, 62_000]);
  });

  it("serves people in turn, so one person's burst does not starve the others", async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, clock, spacingMs: 0 });
    const granted: { owner: string; at: number; grant: Grant }[] = [];
    queue(budget, clock, 10, 'heavy', granted);
    await clock.advance(0);
    queue(budget, clock, 1, 'second', granted);
    queue(budget, clock, 1, 'third', granted);
    for (let i = 0; i < 4; i += 1) {
      granted.at(-1)?.grant.settle();
      await clock.advance(WINDOW + MARGIN);
    }
    expect(granted.map((g) => g.owner)).toEqual(['heavy', 'second', 'third', 'heavy', 'heavy']);
  });

  it('keeps the reserved share for scheduled work and serves it first', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 4, clock, reservedShare: 0.25 });
    budget.reserveForBackground(true);
    const granted: { owner: string; at: number; grant: Grant }[] = [];
    queue(budget, clock, 6, 'people', granted);
    await clock.advance(0);
    // Three of four slots: the fourth stays free for a digest.
    expect(granted.map((g) => g.owner)).toEqual(['people', 'people', 'people']);
    queue(budget, clock, 1, 'digest', granted, 'background');
    await clock.advance(250);
    expect(granted.map((g) => g.owner)).toEqual(['people', 'people', 'people', 'digest']);
  });

  it('lends the reserve to people while no scheduled work is configured', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 4, clock });
    const granted: { owner: string; at: number; grant: Grant }[] = [];
    queue(budget, clock, 6, 'people', granted);
    await clock.advance(0);
    expect(granted).toHaveLength(4);
  });

  it('tells a waiting call its place and expected start, a cycle of the window per full round ahead', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 2, clock, spacingMs: 0 });
    const granted: { owner: string; at: number; grant: Grant }[] = [];
    queue(budget, clock, 2, 'A', granted);
    await clock.advance(0);
    for (const { grant } of granted) grant.settle();
    queue(budget, clock, 3, 'A', granted);
    await clock.advance(0);
    let told: QueueWait | null = null;
    void budget.acquire({
      priority: 'interactive',
      owner: 'B',
      onQueued: (wait) => {
        told = wait;
      },
    });
    await clock.advance(0);
    const now = clock.now();
    // Ahead: A's three queued calls interleave with B's one: A, B → B waits for one call.
    expect(told).toMatchObject({ ahead: 1, perMinute: 2 });
    expect((told as unknown as QueueWait).startsAt).toBe(now + WINDOW + MARGIN);
    const later = await budget.estimate('interactive', 'C');
    // C comes after A and B, neither served yet: the first free slot of the second cycle.
    expect(later.ahead).toBe(2);
    expect(later.startsAt).toBeGreaterThan(now + 2 * (WINDOW + MARGIN));
    expect(later.startsAt).toBeLessThan(now + 2 * (WINDOW + MARGIN) + 2_000);
  });

  it('refuses a call that could not start in time as busy, with when to try again', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, clock });
    const first = await budget.acquire({ priority: 'interactive' });
    first.settle();
    const refused = await budget
      .acquire({ priority: 'interactive', latestStart: clock.now() + 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SobotBusyError);
    expect((refused as SobotBusyError).retryAt).toBe(clock.now() + WINDOW + MARGIN);
    expect(budget.queued()).toBe(0);
  });

  it('holds everyone through a short 229000 pause', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 20, clock });
    budget.pauseUntil(clock.now() + 5000);
    let granted = false;
    void budget.acquire({ priority: 'interactive' }).then(() => {
      granted = true;
    });
    await clock.advance(4999);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
  });

  it('answers waiting and new calls at once when a pause is longer than the maximum, until it clears', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, clock, maxPauseMs: 120_000 });
    (await budget.acquire({ priority: 'interactive' })).settle();
    const waiting = budget.acquire({ priority: 'background' }).catch((e: unknown) => e);
    await clock.advance(0);
    const clearsAt = clock.now() + 3_600_000;
    budget.pauseUntil(clearsAt);
    const error = await waiting;
    expect(error).toBeInstanceOf(SobotRateLimitedError);
    expect((error as SobotRateLimitedError).clearsAt).toBe(clearsAt);
    await expect(budget.acquire({ priority: 'interactive' })).rejects.toBeInstanceOf(SobotRateLimitedError);
    await clock.advance(3_600_000);
    await expect(budget.acquire({ priority: 'interactive' })).resolves.toBeDefined();
  });

  it('drops a waiter whose signal aborts, without using up a slot', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, windowMs: 1000, marginMs: 0, clock });
    (await budget.acquire({ priority: 'interactive' })).settle();
    const controller = new AbortController();
    const waiting = budget.acquire({ priority: 'interactive', signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    await clock.advance(1000);
    expect(budget.inWindow()).toBe(0);
    expect(budget.queued()).toBe(0);
  });
});
