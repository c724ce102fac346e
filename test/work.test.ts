// The drain at shutdown: it waits for work in flight, and no longer than it is allowed to.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkInFlight } from '../src/work.ts';

function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createWorkInFlight', () => {
  it('drains at once when nothing runs, and says so', async () => {
    const work = createWorkInFlight();
    expect(work.draining).toBe(false);
    expect(await work.drain(25_000)).toEqual({});
    expect(work.draining).toBe(true);
  });

  it('waits for every piece of work, failed ones included, then resolves with nothing left', async () => {
    const work = createWorkInFlight();
    const answer = deferred();
    const check = deferred();
    void work.track('answer', () => answer.promise);
    work.track('alert check', () => check.promise).catch(() => {});
    expect(work.running()).toEqual({ answer: 1, 'alert check': 1 });
    let drained: Record<string, number> | null = null;
    const drain = work.drain(25_000).then((left) => {
      drained = left;
    });
    answer.resolve();
    await answer.promise;
    expect(drained).toBeNull();
    check.reject(new Error('Sobot down'));
    await drain;
    expect(drained).toEqual({});
  });

  it('gives up after the timeout, naming what was still running', async () => {
    vi.useFakeTimers();
    const work = createWorkInFlight();
    void work.track('digest', () => new Promise(() => {}));
    const drain = work.drain(25_000);
    await vi.advanceTimersByTimeAsync(24_999);
    let left: Record<string, number> | null = null;
    void drain.then((value) => {
      left = value;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(left).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(left).toEqual({ digest: 1 });
  });
});
