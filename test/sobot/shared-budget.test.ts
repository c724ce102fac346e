// Three replicas' budgets over one window log in a real Redis: together they never start more than the
// limit within Sobot's window, a 229000 seen by one holds all, and a replica cut off from Redis counts
// alone with its share (limit ÷ replicas), says so once, and rejoins the shared count when Redis is back.

import { afterEach, describe, expect, it } from 'vitest';
import { createRateBudget, type RateBudget } from '../../src/sobot/rate-budget.ts';
import { createSharedWindowLog } from '../../src/sobot/shared-window-log.ts';
import { SOBOT_WINDOW } from '../../src/sobot/window-log.ts';
import { capturedLogger } from '../support/captured-logger.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { openReplicaStores, type ReplicaStore, scriptingReplicas } from '../support/replica-stores.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LIMIT = 9;

async function replicas(clock: FakeClock) {
  const stores = await openReplicaStores('redis', clock);
  cleanups.push(() => stores.close());
  const { logger, logs } = capturedLogger();
  const views = await scriptingReplicas(stores);
  const budgets: RateBudget[] = [];
  for (const store of views) {
    const log = createSharedWindowLog({
      store,
      key: 'sobot:budget:v5:test',
      timing: SOBOT_WINDOW,
      replicas: 3,
      clock,
      logger,
    });
    budgets.push(createRateBudget({ limit: LIMIT, clock, log }));
  }
  return { views, budgets, logs };
}

/** Calls asked for and not yet all done; `sent` holds when each was sent, in the order they were. */
interface Calls {
  sent: number[];
  done: Promise<void>;
}

/** `count` calls asked for round-robin over the budgets; each is on the wire for 200 ms (fake). */
function startCalls(clock: FakeClock, budgets: RateBudget[], count: number): Calls {
  const sent: number[] = [];
  const calls = Array.from({ length: count }, async (_, i) => {
    const grant = await (budgets[i % budgets.length] as RateBudget).acquire({ priority: 'background' });
    sent.push(clock.now());
    await clock.sleep(200);
    grant.settle();
  });
  return { sent, done: Promise.all(calls).then(() => undefined) };
}

/**
 * Waits, the fake clock standing still, until `count` of the calls were sent: what the budget lets go
 * without waiting for any slot to free. Redis answers in its own (real) time, so this polls.
 */
async function sentWithoutWaiting(calls: Calls, count: number): Promise<void> {
  await expect.poll(() => calls.sent.length, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(count);
}

/** Runs the fake clock (letting Redis answer between steps) until all calls were sent and settled. */
async function allSent(clock: FakeClock, calls: Calls): Promise<number[]> {
  let done = false;
  void calls.done.then(() => {
    done = true;
  });
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await clock.advance(100);
  }
  await calls.done;
  return [...calls.sent].sort((a, b) => a - b);
}

const callsSent = (clock: FakeClock, budgets: RateBudget[], count: number) =>
  allSent(clock, startCalls(clock, budgets, count));

/** The most calls sent within any 61 s (Sobot's window and the margin). */
const mostInOneWindow = (sent: number[]) =>
  Math.max(...sent.map((start) => sent.filter((t) => t >= start && t < start + 61_000).length));

describe('one Sobot budget shared by three replicas through Redis', () => {
  it('lets no more than the limit start within any window, whichever replica asks', async () => {
    const clock = createFakeClock();
    const { budgets } = await replicas(clock);
    const calls = startCalls(clock, budgets, 3 * LIMIT);
    // The first window is used in full by all three together, before any time passes (counted, not
    // timed: the clock stands still while Redis answers).
    await sentWithoutWaiting(calls, LIMIT);
    expect(calls.sent).toHaveLength(LIMIT);
    const sent = await allSent(clock, calls);
    expect(sent).toHaveLength(3 * LIMIT);
    expect(mostInOneWindow(sent)).toBe(LIMIT);
  }, 60_000);

  it('holds every replica through a 229000 pause one of them was told', async () => {
    const clock = createFakeClock();
    const { views, budgets } = await replicas(clock);
    const start = clock.now();
    budgets[0]?.pauseUntil(start + 30_000);
    // The pause is recorded in Redis in the background: the others are asked once it is there.
    await expect
      .poll(() => views[1]?.get('sobot:budget:v5:test:pause'), { timeout: 30_000, interval: 5 })
      .toBe(start + 30_000);
    const sent = await callsSent(clock, budgets.slice(1), 2);
    expect(Math.min(...sent)).toBeGreaterThanOrEqual(start + 30_000);
  }, 60_000);

  it('counts alone with a third of the limit while Redis is unreachable, logs it once, and rejoins', async () => {
    const clock = createFakeClock();
    const { views, budgets, logs } = await replicas(clock);
    const a = views[0] as ReplicaStore;
    const [alone, ...others] = budgets as [RateBudget, RateBudget, RateBudget];
    a.cutOff(true);
    // Alone: 9 ÷ 3 = 3 calls in the window, then it waits for its own slots to free.
    const sentAlone = await callsSent(clock, [alone], 6);
    expect(sentAlone.filter((t) => t < (sentAlone[0] as number) + 61_000)).toHaveLength(3);
    const warnings = logs.filter((line) => String(line.msg).startsWith('shared Sobot budget unreachable'));
    expect(warnings).toHaveLength(1);

    // Back: its calls of the last window count in the shared log, so all three together stay within it.
    a.cutOff(false);
    const lastAlone = sentAlone.slice(3);
    const shared = startCalls(clock, [alone, ...others], LIMIT);
    // The three calls made alone still hold their slots: six go out before any time passes, not nine.
    await sentWithoutWaiting(shared, LIMIT - 3);
    expect(shared.sent).toHaveLength(LIMIT - 3);
    const sentShared = await allSent(clock, shared);
    expect(mostInOneWindow([...lastAlone, ...sentShared])).toBeLessThanOrEqual(LIMIT);
    expect(logs.some((line) => line.msg === 'shared Sobot budget reachable again')).toBe(true);
  }, 60_000);
});
