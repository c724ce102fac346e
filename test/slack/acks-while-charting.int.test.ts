// While the chart of one answer is being drawn, Slack's other requests are still acknowledged:
// drawing runs in the chart worker, not on the event loop that acks. (How fast the ack is, against
// a bare server, is measured by `npm run bench`; this spec asserts the order of events.)

import { describe, expect, it } from 'vitest';
import type { DrawJob } from '../../src/charts/draw.ts';
import { type ChartPool, createChartPool } from '../../src/charts/render.ts';
import { startHarness } from '../support/bot-harness.ts';

/** The real chart pool, telling the test when a chart starts and finishes being drawn. */
function watchedPool(events: string[]): { pool: ChartPool; drawing: Promise<DrawJob> } {
  const real = createChartPool();
  let started!: (job: DrawJob) => void;
  const drawing = new Promise<DrawJob>((resolve) => {
    started = resolve;
  });
  const pool: ChartPool = {
    stats: real.stats,
    close: () => real.close(),
    async run(job) {
      events.push('chart drawing');
      started(job);
      const drawn = await real.run(job);
      events.push('chart drawn');
      return drawn;
    },
  };
  return { pool, drawing };
}

describe('acks while a chart is drawn', () => {
  it('acks and answers /sobot help while the chart of an agents answer is still being drawn', async () => {
    const events: string[] = [];
    const { pool, drawing } = watchedPool(events);
    const h = await startHarness({ chartPool: pool, simulator: { company: { agents: 300 } } });
    try {
      await h.command('agents yesterday', 'chart');
      const job = await drawing;
      expect(job.spec.labels).toHaveLength(15);

      const ack = await h.command('help', 'help');
      events.push(`help acked (HTTP ${ack.status})`);
      const [help] = await h.slack.waitForResponses('help');
      expect(help?.payload.text).toMatch(/sobot/i);

      const [answer] = await h.slack.waitForResponses('chart');
      const blocks = (answer?.payload.blocks ?? []) as { type: string }[];
      expect(blocks.some((block) => block.type === 'image')).toBe(true);
      expect(events).toEqual(['chart drawing', 'help acked (HTTP 200)', 'chart drawn']);
      // Drawn by a worker thread: the pool started one.
      expect(pool.stats.started).toBe(1);
    } finally {
      await h.close();
    }
  });
});
