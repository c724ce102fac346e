// While a chart is being drawn, Slack's other requests are still acknowledged and answered: drawing
// runs in the chart worker, not on the event loop that acks. The test holds the drawing thread itself
// (test/support/held-render-worker.ts blocks it until told) and has `help` acked and answered
// meanwhile; were the chart drawn on the event loop, help would wait for the chart and the order
// below would break. (How fast the ack is, against a bare server, is measured by `npm run bench`.)

import { BroadcastChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { DrawJob, DrawnChart } from '../../src/charts/draw.ts';
import { type ChartPool, chartPoolOptions } from '../../src/charts/render.ts';
import { createWorkerPool } from '../../src/charts/worker-pool.ts';
import { startHarness } from '../support/bot-harness.ts';
import type { HeldWorkerData } from '../support/held-render-worker.ts';

/** The chart pool with the real worker behind a gate, telling the test when a chart is held and drawn. */
function heldPool(events: string[]): { pool: ChartPool; held: Promise<DrawJob>; release(): void } {
  const data: HeldWorkerData = { gate: new SharedArrayBuffer(4), channel: 'acks-while-charting-held' };
  const gate = new Int32Array(data.gate);
  const real = createWorkerPool<DrawJob, DrawnChart>({
    ...chartPoolOptions(),
    script: new URL('../support/held-render-worker.ts', import.meta.url),
    workerData: data,
  });
  let job: DrawJob | undefined;
  const channel = new BroadcastChannel(data.channel);
  const held = new Promise<DrawJob>((resolve) => {
    channel.onmessage = () => {
      events.push('chart drawing (worker held)');
      channel.close();
      resolve(job as DrawJob);
    };
  });
  const pool: ChartPool = {
    stats: real.stats,
    close: () => real.close(),
    async run(input) {
      job = input;
      const drawn = await real.run(input);
      events.push('chart drawn');
      return drawn;
    },
  };
  const release = () => {
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
  };
  return { pool, held, release };
}

describe('acks while a chart is drawn', () => {
  it('acks and answers /sobot help while the thread drawing an agents chart is held', async () => {
    const events: string[] = [];
    const { pool, held, release } = heldPool(events);
    const h = await startHarness({ chartPool: pool, simulator: { company: { agents: 300 } } });
    try {
      await h.command('agents yesterday', 'chart');
      const job = await held;
      expect(job.spec.labels).toHaveLength(15);

      const ack = await h.command('help', 'help');
      events.push(`help acked (HTTP ${ack.status})`);
      const [help] = await h.slack.waitForResponses('help');
      expect(help?.payload.text).toMatch(/sobot/i);
      events.push('help answered');
      release();

      const [answer] = await h.slack.waitForResponses('chart');
      const blocks = (answer?.payload.blocks ?? []) as { type: string }[];
      expect(blocks.some((block) => block.type === 'image')).toBe(true);
      expect(events).toEqual([
        'chart drawing (worker held)',
        'help acked (HTTP 200)',
        'help answered',
        'chart drawn',
      ]);
      // Drawn by a worker thread: the pool started one.
      expect(pool.stats.started).toBe(1);
    } finally {
      release();
      await h.close();
    }
  });
});
