// A small pool of worker threads for CPU work that must not run on the event loop that acknowledges
// Slack's requests (chart drawing). Workers start on first use and stop after a quiet spell, the
// queue of waiting jobs is bounded (a full queue refuses at once rather than growing without end),
// and a worker that dies fails only its own job: the next job starts a fresh one.

import { type ResourceLimits, Worker } from 'node:worker_threads';

/** What a pool's worker script posts back for each job. */
export type WorkerReply<Out> = { ok: true; value: Out } | { ok: false; message: string };

export interface WorkerPoolOptions {
  /** The worker module, as `new URL('./x.ts', import.meta.url)`: the .ts file when running from source. */
  script: URL;
  /** Workers running at once. */
  size: number;
  /** Jobs that may wait for a worker; one more is refused with WorkerPoolFullError. */
  maxQueued: number;
  /** A worker with nothing to do for this long is stopped, giving its memory back (default 30 s). */
  idleMs?: number;
  resourceLimits?: ResourceLimits;
  /** Given to every worker as `workerData` (cloned; a SharedArrayBuffer stays shared). */
  workerData?: unknown;
}

export interface WorkerPool<In, Out> {
  run(input: In): Promise<Out>;
  /** Jobs being worked on and waiting, for the bench and /metrics. */
  readonly stats: { running: number; queued: number; started: number };
  close(): Promise<void>;
}

/** The queue was full: the caller should go on without the result. */
export class WorkerPoolFullError extends Error {
  readonly code = 'worker_pool_full';
}

/** The job failed inside the worker, or the worker died while doing it. */
export class WorkerJobError extends Error {
  readonly code = 'worker_job_failed';
}

interface Job<In, Out> {
  input: In;
  resolve(value: Out): void;
  reject(error: Error): void;
}

interface Slot<In, Out> {
  worker: Worker;
  job: Job<In, Out> | null;
  idleTimer: NodeJS.Timeout | null;
}

const DEFAULT_IDLE_MS = 30_000;

/**
 * Running from source (tests, the demo, the bench under tsx), the worker is a .ts file that Node 20
 * cannot load by itself: the worker registers tsx first. Built, it is the .js file beside this one.
 */
function spawn({ script, resourceLimits, workerData }: WorkerPoolOptions): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { resourceLimits, workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits, workerData });
}

export function createWorkerPool<In, Out>(opts: WorkerPoolOptions): WorkerPool<In, Out> {
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  const slots = new Set<Slot<In, Out>>();
  const queue: Job<In, Out>[] = [];
  const stats = { running: 0, queued: 0, started: 0 };
  let closed = false;

  const countJobs = () => {
    stats.running = [...slots].filter((slot) => slot.job).length;
    stats.queued = queue.length;
  };

  const retire = (slot: Slot<In, Out>) => {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slots.delete(slot);
    void slot.worker.terminate();
  };

  const finish = (slot: Slot<In, Out>, settle: (job: Job<In, Out>) => void) => {
    const { job } = slot;
    slot.job = null;
    if (job) settle(job);
    // An idle worker must not keep the process alive (a bot stopping, a test ending).
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => retire(slot), idleMs);
    slot.idleTimer.unref();
    pump();
  };

  const start = (): Slot<In, Out> => {
    const slot: Slot<In, Out> = {
      worker: spawn(opts),
      job: null,
      idleTimer: null,
    };
    stats.started += 1;
    slot.worker.on('message', (reply: WorkerReply<Out>) => {
      finish(slot, (job) =>
        reply.ok ? job.resolve(reply.value) : job.reject(new WorkerJobError(reply.message)),
      );
    });
    // An uncaught error or running out of its memory limit ends the worker: its job fails, the
    // next one starts another worker.
    const lost = (error: WorkerJobError) => {
      const { job } = slot;
      slot.job = null;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slots.delete(slot);
      job?.reject(error);
      pump();
    };
    slot.worker.on('error', (error) => lost(new WorkerJobError(`the worker failed: ${error.message}`)));
    slot.worker.on('exit', (code) => lost(new WorkerJobError(`the worker stopped (exit code ${code})`)));
    slots.add(slot);
    return slot;
  };

  function pump(): void {
    while (queue.length > 0 && !closed) {
      let slot = [...slots].find((candidate) => candidate.job === null);
      if (!slot && slots.size < opts.size) slot = start();
      if (!slot) break;
      const job = queue.shift() as Job<In, Out>;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.input);
    }
    countJobs();
  }

  return {
    stats,
    run(input) {
      if (closed) return Promise.reject(new WorkerPoolFullError('the worker pool is closed'));
      if (queue.length >= opts.maxQueued) {
        return Promise.reject(new WorkerPoolFullError(`${queue.length} jobs are already waiting`));
      }
      return new Promise<Out>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new WorkerPoolFullError('the worker pool is closed'));
      await Promise.all(
        [...slots].map((slot) => {
          if (slot.idleTimer) clearTimeout(slot.idleTimer);
          return slot.worker.terminate();
        }),
      );
      slots.clear();
      countJobs();
    },
  };
}
