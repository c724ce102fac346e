import { describe, expect, it } from 'vitest';
import { createLocalWindowLog } from '../../src/sobot/window-log.ts';

describe('createLocalWindowLog', () => {
  const T = 1_000_000;

  it('takes slots up to the cap, and none beyond', async () => {
    const log = createLocalWindowLog({ windowMs: 60_000, marginMs: 1_000 });
    expect(await log.tryTake(T, 2)).not.toBeNull();
    expect(await log.tryTake(T, 2)).not.toBeNull();
    expect(await log.tryTake(T, 2)).toBeNull();
    // A higher cap (scheduled work may use the reserve) still finds room.
    expect(await log.tryTake(T, 3)).not.toBeNull();
  });

  it('holds a slot while its call is on the wire, then until window + margin after the reply', async () => {
    const log = createLocalWindowLog({ windowMs: 60_000, marginMs: 1_000 });
    const slot = (await log.tryTake(T, 1)) as string;
    expect(await log.tryTake(T + 10 * 60_000, 1)).toBeNull();
    await log.settle(slot, T + 10 * 60_000);
    expect(await log.tryTake(T + 10 * 60_000 + 60_999, 1)).toBeNull();
    expect(await log.tryTake(T + 10 * 60_000 + 61_000, 1)).not.toBeNull();
  });

  it('lists when held slots free, guessing the reply of calls still out', async () => {
    const log = createLocalWindowLog({ windowMs: 60_000, marginMs: 1_000 });
    const answered = (await log.tryTake(T, 5)) as string;
    await log.tryTake(T + 100, 5);
    await log.settle(answered, T + 400);
    expect(await log.holds(T + 500, 400)).toEqual([T + 400 + 61_000, T + 500 + 61_000]);
  });
});
