// Specs for the worker pool under the chart renderer: real worker threads running a test worker
// that echoes, fails a job or dies when asked.

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createWorkerPool,
  WorkerJobError,
  type WorkerPool,
  WorkerPoolFullError,
} from '../../src/charts/worker-pool.ts';
import type { TestJob } from '../support/test-worker.ts';

const pools: WorkerPool<TestJob, string>[] = [];

function pool(options: { size?: number; maxQueued?: number; idleMs?: number } = {}) {
  const created = createWorkerPool<TestJob, string>({
    script: new URL('../support/test-worker.ts', import.meta.url),
    size: options.size ?? 1,
    maxQueued: options.maxQueued ?? 10,
    idleMs: options.idleMs,
  });
  pools.push(created);
  return created;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('createWorkerPool', () => {
  it('runs every job in a worker, starting no more workers than its size', async () => {
    const two = pool({ size: 2 });
    const words = ['a', 'b', 'c', 'd', 'e'];
    expect(await Promise.all(words.map((echo) => two.run({ echo })))).toEqual(words);
    expect(two.stats.started).toBe(2);
    expect(two.stats).toMatchObject({ running: 0, queued: 0 });
  });

  it('fails a job that fails in the worker, and the worker goes on serving', async () => {
    const one = pool();
    await expect(one.run({ fail: 'no such chart' })).rejects.toThrow(new WorkerJobError('no such chart'));
    expect(await one.run({ echo: 'next' })).toBe('next');
    expect(one.stats.started).toBe(1);
  });

  it('fails only the job of a worker that dies; the next job gets a new worker', async () => {
    const one = pool();
    const dying = one.run({ die: 3 });
    const after = one.run({ echo: 'still served' });
    await expect(dying).rejects.toThrow('the worker stopped (exit code 3)');
    expect(await after).toBe('still served');
    expect(one.stats.started).toBe(2);
  });

  it('refuses a job at once when its queue is full', async () => {
    const one = pool({ maxQueued: 1 });
    const running = one.run({ echo: 'running' });
    const queued = one.run({ echo: 'queued' });
    await expect(one.run({ echo: 'refused' })).rejects.toBeInstanceOf(WorkerPoolFullError);
    expect(await Promise.all([running, queued])).toEqual(['running', 'queued']);
  });

  it('stops a worker that has been idle for idleMs, and starts one again when work comes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const one = pool({ idleMs: 30_000 });
    await one.run({ echo: 'first' });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(await one.run({ echo: 'same worker' })).toBe('same worker');
    expect(one.stats.started).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await one.run({ echo: 'new worker' })).toBe('new worker');
    expect(one.stats.started).toBe(2);
  });

  it('fails the jobs still waiting when closed', async () => {
    const one = pool();
    const running = expect(one.run({ echo: 'running' })).rejects.toBeInstanceOf(WorkerJobError);
    const waiting = expect(one.run({ echo: 'waiting' })).rejects.toBeInstanceOf(WorkerPoolFullError);
    await one.close();
    await Promise.all([running, waiting]);
    await expect(one.run({ echo: 'after' })).rejects.toThrow('the worker pool is closed');
  });
});
