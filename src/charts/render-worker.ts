// The chart worker's entry (run by the pool in charts/render.ts, never imported): draws each spec
// it is sent and posts the PNG back, its bytes moved rather than copied.

import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type DrawJob, type DrawnChart, drawChart } from './draw.ts';
import type { WorkerReply } from './worker-pool.ts';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread');

// On Linux, a priority set for "this process" (pid 0) applies to the calling thread only: drawing then
// yields the CPU to the event loop that acks Slack, rather than sharing it equally on a busy machine.
// Elsewhere it would lower the whole process, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed in this container: drawing simply runs at the normal priority.
  }
}

port.on('message', async (job: DrawJob) => {
  let reply: WorkerReply<DrawnChart>;
  try {
    const drawn = await drawChart(job.spec, job.devicePixelRatio);
    // The canvas's buffer lives outside the JS heap and cannot be handed over; one copy that can.
    const png = new Uint8Array(drawn.png);
    reply = { ok: true, value: { ...drawn, png } };
    port.postMessage(reply, [png.buffer]);
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
