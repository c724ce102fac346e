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

/**
 * `count` calls asked for round-robin over the budgets; each is on the wire for 200 ms. Runs the fake
 * clock (letting Redis answer between steps) until all were sent; resolves with when each was sent.
 */
async function callsSent(clock: FakeClock, budgets: RateBudget[], count: number): Promise<number[]> {
  const sent: number[] = [];
  const calls = Array.from({ length: count }, async (_, i) => {
    const grant = await (budgets[i % budgets.length] as RateBudget).acquire({ priority: 'background' });
    sent.push(clock.now());
    await clock.sleep(200);
    grant.settle();
  });
  let done = false;
  const all = Promise.all(calls).then(() => {
    done = true;
  });
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await clock.advance(100);
  }
  await all;
  return sent.sort((a, b) => a - b);
}

/** The most calls sent within any 61 s (Sobot's window and the margin). */
const mostInOneWindow = (sent: number[]) =>
  Math.max(...sent.map((start) => sent.filter((t) => t >= start && t < start + 61_000).length));

describe('one Sobot budget shared by three replicas through Redis', () => {
  it('lets no more than the limit start within any window, whichever replica asks', async () => {
    const clock = createFakeClock();
    const { budgets } = await replicas(clock);
    const sent = await callsSent(clock, budgets, 3 * LIMIT);
    expect(sent).toHaveLength(3 * LIMIT);
    expect(mostInOneWindow(sent)).toBe(LIMIT);
    // The first window is used in full at once, by all three together.
    expect(sent.filter((t) => t === sent[0])).toHaveLength(LIMIT);
  }, 60_000);

  it('holds every replica through a 229000 pause one of them was told', async () => {
    const clock = createFakeClock();
    const { budgets } = await replicas(clock);
    const start = clock.now();
    budgets[0]?.pauseUntil(start + 30_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
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
    const sentShared = await callsSent(clock, [alone, ...others], LIMIT);
    expect(mostInOneWindow([...lastAlone, ...sentShared])).toBeLessThanOrEqual(LIMIT);
    expect(sentShared.filter((t) => t < (lastAlone[0] as number) + 61_000)).toHaveLength(LIMIT - 3);
    expect(logs.some((line) => line.msg === 'shared Sobot budget reachable again')).toBe(true);
  }, 60_000);
});
