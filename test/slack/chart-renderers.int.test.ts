// The chart renderer chosen by CHART_RENDERER, seen from Slack: a QuickChart URL in an image
// block (a server on loopback that must not be contacted for a small chart), or no image at all.

import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/bot-harness.ts';

type Block = { type: string; image_url?: string; alt_text?: string };

describe('CHART_RENDERER seen from Slack', () => {
  const quickchartRequests: string[] = [];
  const quickchart = createServer((req, res) => {
    quickchartRequests.push(req.url ?? '');
    res.writeHead(500).end();
  });
  let base = '';
  beforeAll(async () => {
    quickchart.listen(0, '127.0.0.1');
    await once(quickchart, 'listening');
    base = `http://127.0.0.1:${(quickchart.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => quickchart.close(() => resolve())));

  it('quickchart: shows the chart by URL on the configured server, without fetching it', async () => {
    const h = await startHarness({ env: { CHART_RENDERER: 'quickchart', QUICKCHART_URL: base } });
    try {
      await h.command('agents yesterday top:5', 'qc');
      const [post] = await h.slack.waitForResponses('qc');
      const image = ((post?.payload.blocks ?? []) as Block[]).find((b) => b.type === 'image');
      expect(image?.image_url?.startsWith(`${base}/chart?`)).toBe(true);
      expect(image?.image_url?.length).toBeLessThanOrEqual(3000);
      expect(image?.alt_text).toMatch(/chats and valid reception/);
      expect(quickchartRequests).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('none: answers with the numbers and no image', async () => {
    const h = await startHarness({ env: { CHART_RENDERER: 'none' } });
    try {
      await h.command('agents yesterday', 'none');
      const [post] = await h.slack.waitForResponses('none');
      const blocks = (post?.payload.blocks ?? []) as Block[];
      expect(blocks.some((b) => b.type === 'image')).toBe(false);
      expect(blocks.some((b) => b.type === 'table')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
