// Waiting without sleeping: turns of the event loop let loopback I/O (the simulator, the file store's
// thread pool) progress while a fake clock stands still. Every wait is bounded and says what it gave up on.

import type { FakeClock } from './fake-clock.ts';

/** One turn of the event loop, so loopback I/O can progress while a fake clock stands still. */
export const ioTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export const ioTicks = async (n: number) => {
  for (let i = 0; i < n; i += 1) await ioTick();
};

/** Resolves once `condition` holds; throws after 5000 turns, naming `what` it waited for. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 5000 && !condition(); i += 1) await ioTick();
  if (!condition()) throw new Error(`gave up waiting for ${what}`);
}

/**
 * Resolves once something sleeps on the clock. What runs meanwhile may be real I/O (the file store writes
 * through the thread pool), which turns of the event loop alone do not wait for: it pauses 5 ms at a time,
 * and gives up after 2000 pauses rather than hang the test.
 */
export async function untilSleeping(clock: FakeClock): Promise<void> {
  for (let i = 0; i < 2000 && clock.pending() === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (clock.pending() === 0) throw new Error('gave up waiting for something to sleep on the fake clock');
}

/** Lets loopback I/O run, then moves the fake clock, until `promise` settles (200 steps at most). */
export async function drive<T>(promise: Promise<T>, clock: FakeClock, stepMs: number): Promise<T> {
  let settled = false;
  const done = () => {
    settled = true;
  };
  promise.then(done, done);
  for (let i = 0; i < 200 && !settled; i += 1) {
    await ioTicks(30);
    await clock.advance(stepMs);
  }
  return promise;
}
