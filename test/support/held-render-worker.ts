// The real chart worker (charts/render-worker.ts), held by a test: each job it is given blocks this
// thread on a shared gate until the test lets go, after saying so on a BroadcastChannel. Whatever
// the bot does meanwhile, it does without this thread. Started by the worker pool, never imported.

import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import '../../src/charts/render-worker.ts';

export interface HeldWorkerData {
  /** An Int32Array's buffer: element 0 becomes 1 when the test lets the worker go on. */
  gate: SharedArrayBuffer;
  /** The BroadcastChannel told 'held' when a job holds the thread. */
  channel: string;
}

/** A test that cannot let go must not hang the worker for ever. */
const LONGEST_HOLD_MS = 60_000;

const data = workerData as HeldWorkerData;
const gate = new Int32Array(data.gate);
const held = new BroadcastChannel(data.channel);
held.unref();

// Registered after the real worker's listener (its import runs first), so the job has started.
parentPort?.on('message', () => {
  held.postMessage('held');
  // Not let go (the test never got to release it): the job fails, and so does the test.
  if (Atomics.wait(gate, 0, 0, LONGEST_HOLD_MS) === 'timed-out') throw new Error('never let go');
});
