// A worker for the worker pool's specs: echoes, fails a job, or dies, as each job asks.

import { parentPort } from 'node:worker_threads';

export type TestJob = { echo: string } | { fail: string } | { die: number };

parentPort?.on('message', (job: TestJob) => {
  if ('echo' in job) parentPort?.postMessage({ ok: true, value: job.echo });
  else if ('fail' in job) parentPort?.postMessage({ ok: false, message: job.fail });
  else process.exit(job.die);
});
