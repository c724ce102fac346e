// Answers to the same question show the same chart: it is drawn once and uploaded to Slack once,
// and every answer's image block points at that one file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Block = { type: string; slack_file?: { id: string } };

async function chartFileOf(h: Harness, text: string, id: string): Promise<string | undefined> {
  await h.command(text, id);
  const [answer] = await h.slack.waitForResponses(id);
  const blocks = (answer?.payload.blocks ?? []) as Block[];
  return blocks.find((block) => block.type === 'image')?.slack_file?.id;
}

const chartUploads = (h: Harness) =>
  h.slack.calls.filter((c) => c.method === 'files.getUploadURLExternal' && c.args.filename === 'chart.png');

describe('chart uploads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { company: { agents: 40 } } });
  });
  afterAll(() => h.close());

  it('uploads the chart of a question once, however many times it is answered', async () => {
    const first = await chartFileOf(h, 'agents yesterday top:5', 'first');
    const again = await chartFileOf(h, 'agents yesterday top:5', 'again');
    expect(first).toMatch(/^F\d+$/);
    expect(again).toBe(first);
    expect(chartUploads(h)).toHaveLength(1);
    expect(
      h.slack.uploads
        .get(first as string)
        ?.subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  });

  it('uploads the chart of another question as its own file', async () => {
    const before = chartUploads(h).length;
    const other = await chartFileOf(h, 'groups yesterday', 'other');
    const first = await chartFileOf(h, 'agents yesterday top:5', 'first-again');
    expect(other).toMatch(/^F\d+$/);
    expect(other).not.toBe(first);
    expect(chartUploads(h)).toHaveLength(before + 1);
  });
});
