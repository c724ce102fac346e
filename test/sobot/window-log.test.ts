import { afterAll, describe, expect, it } from 'vitest';
import { createRedisWindowLog } from '../../src/sobot/shared-window-log.ts';
import { createLocalWindowLog, type WindowLog, type WindowTiming } from '../../src/sobot/window-log.ts';
import { canRunScripts } from '../../src/store/store.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { openReplicaStores, type ReplicaStores } from '../support/replica-stores.ts';

const opened: ReplicaStores[] = [];
afterAll(async () => {
  for (const stores of opened) await stores.close();
});

/** A log in a Redis no other test uses (each call: a new key prefix on the shared test server). */
async function redisLog(timing: WindowTiming): Promise<WindowLog> {
  const stores = await openReplicaStores('redis', createFakeClock());
  opened.push(stores);
  const store = await stores.replica('a');
  if (!canRunScripts(store)) throw new Error('the Redis store runs no scripts');
  return createRedisWindowLog(store, 'sobot:budget:v5:test', timing, createFakeClock());
}

// The same behaviour from this process's log and from the replicas' shared one in Redis.
describe.each([
  { kind: 'local', open: async (timing: WindowTiming) => createLocalWindowLog(timing) },
  { kind: 'redis', open: redisLog },
])('the window log ($kind)', ({ open }) => {
  const T = 1_000_000;

  it('takes slots up to the cap, and none beyond', async () => {
    const log = await open({ windowMs: 60_000, marginMs: 1_000 });
    expect(await log.tryTake(T, 2)).not.toBeNull();
    expect(await log.tryTake(T, 2)).not.toBeNull();
    expect(await log.tryTake(T, 2)).toBeNull();
    // A higher cap (scheduled work may use the reserve) still finds room.
    expect(await log.tryTake(T, 3)).not.toBeNull();
  });

  it('holds a slot while its call is on the wire, then until window + margin after the reply', async () => {
    const log = await open({ windowMs: 60_000, marginMs: 1_000 });
    const slot = (await log.tryTake(T, 1)) as string;
    expect(await log.tryTake(T + 30_000, 1)).toBeNull();
    await log.settle(slot, T + 30_000);
    expect(await log.tryTake(T + 30_000 + 60_999, 1)).toBeNull();
    expect(await log.tryTake(T + 30_000 + 61_000, 1)).not.toBeNull();
  });

  it('lists when held slots free, guessing the reply of calls still out', async () => {
    const log = await open({ windowMs: 60_000, marginMs: 1_000 });
    const answered = (await log.tryTake(T, 5)) as string;
    await log.tryTake(T + 100, 5);
    await log.settle(answered, T + 400);
    expect(await log.holds(T + 500, 400)).toEqual([T + 400 + 61_000, T + 500 + 61_000]);
  });

  it('keeps the latest 229000 pause', async () => {
    const log = await open({ windowMs: 60_000, marginMs: 1_000 });
    expect(await log.pausedUntil()).toBeLessThanOrEqual(T);
    await log.pause(T + 60_000);
    await log.pause(T + 30_000);
    expect(await log.pausedUntil()).toBe(T + 60_000);
  });
});

describe('the shared window log in Redis', () => {
  it('frees the slot of a call whose replica died on the wire, once no call could still be out', async () => {
    const log = await redisLog({ windowMs: 60_000, marginMs: 1_000 });
    const T = 1_000_000;
    expect(await log.tryTake(T, 1)).not.toBeNull();
    // Attempts time out after 8 s: a minute on the wire plus the hold is beyond any real call.
    expect(await log.tryTake(T + 60_000 + 60_999, 1)).toBeNull();
    expect(await log.tryTake(T + 60_000 + 61_000, 1)).not.toBeNull();
  });
});
