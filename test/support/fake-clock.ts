// A Clock whose time moves only when a test says so: sleepers wake in order as time advances.

import type { Clock } from '../../src/clock.ts';

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, waking every sleeper that falls due, in order. */
  advance(ms: number): Promise<void>;
  /** Sleepers not yet woken, not counting background ones (heartbeats). */
  pending(): number;
}

const flush = async () => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
};

export function createFakeClock(start = Date.parse('2026-11-23T02:00:00Z')): FakeClock {
  let now = start;
  let timers: { at: number; background: boolean; resolve: () => void; reject: (e: unknown) => void }[] = [];
  return {
    now: () => now,
    sleep(ms, signal, options) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          timers = timers.filter((t) => t !== timer);
          reject(signal?.reason);
        };
        const timer = {
          at: now + ms,
          background: options?.background ?? false,
          resolve: () => {
            // A signal reused for many sleeps (a heartbeat's) must not collect a listener per sleep.
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject,
        };
        timers.push(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = Math.max(now, due.at);
        due.resolve();
        await flush();
      }
      now = target;
      await flush();
    },
    pending: () => timers.filter((t) => !t.background).length,
  };
}

/**
 * Awaits `work` while moving the fake clock by `stepMs` whenever something sleeps on it, so
 * back-off waits (retries, rate limits) pass without real time.
 */
export async function whileAdvancing<T>(clock: FakeClock, work: Promise<T>, stepMs = 30_000): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (clock.pending() > 0) await clock.advance(stepMs);
  }
  return done;
}
