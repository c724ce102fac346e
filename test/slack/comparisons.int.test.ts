// Comparisons that compare like with like, end to end: the real app, the simulator and a fake Slack
// on a fake clock. Today so far meets yesterday until the same time; a month meets the calendar
// month before; every KPI on the overview is compared over the same window, asked of Sobot.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock } from '../support/fake-clock.ts';

type Served = Record<string, unknown>;
type Cell = { text: string };
type Block = { type: string; fields?: Cell[]; elements?: Cell[] };

/** Mon 23 Nov 2026, 14:49:37 in Shanghai. */
const NOW = Date.parse('2026-11-23T06:49:37Z');

function served(h: Harness, pathEnd: string, where: (body: Served) => boolean): Served[] {
  return h.sim.log
    .filter((e) => e.path.endsWith(pathEnd) && e.retCode === '000000' && where(e.body as Served))
    .map((e) => e.reply as Served);
}
const items = (replies: Served[]) => replies.flatMap((r) => (r.items as Served[]) ?? []);
const sum = (rows: Served[], key: string) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
const bodies = (h: Harness, pathEnd: string) =>
  h.sim.log.filter((e) => e.path.endsWith(pathEnd)).map((e) => e.body as Served);

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id);
  const [post] = await h.slack.waitForResponses(id);
  return post?.payload as { blocks: Block[]; text: string };
}

function field(blocks: Block[], label: string): { value: string; change: string } {
  const fields = blocks.find((b) => b.type === 'section' && b.fields)?.fields ?? [];
  const text = fields.find((f) => f.text.startsWith(`*${label}*`))?.text ?? '';
  const [value = '', change = ''] = (text.split('\n')[1] ?? '').split(/\s{2}/);
  return { value, change: change.replace(/_/g, '') };
}

const contextOf = (blocks: Block[]) => blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';

describe('overview comparisons', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      clock: createFakeClock(NOW),
      env: { SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 60 }, rateLimit: 1000 },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.log.clear());

  it('today so far is compared with yesterday until the same minute, for every KPI on the card', async () => {
    const { blocks } = await answer(h, 'overview today', 'today');
    expect(contextOf(blocks)).toContain('so far, compared with Sun 22 Nov 2026 until 14:49');
    // Each source that takes a time is asked for yesterday up to 14:49, in its own date pattern.
    expect(bodies(h, '/session/getStat')).toContainEqual(
      expect.objectContaining({ start_date: '2026-11-22 00:00:00', end_date: '2026-11-22 14:49:00' }),
    );
    for (const path of ['/custom/getGeneral', '/custom/getRobotReception']) {
      expect(bodies(h, path)).toContainEqual(
        expect.objectContaining({ start_date: '2026-11-22 00:00', end_date: '2026-11-22 14:49' }),
      );
    }
    // getSatisfactionSurvey takes whole days: satisfaction is not compared rather than against a whole day.
    expect(bodies(h, '/satisfaction/getSatisfactionSurvey')).toEqual([
      expect.objectContaining({ start_date: '2026-11-23', end_date: '2026-11-23' }),
    ]);
    expect(field(blocks, 'Positive feedback (5★)').change).toBe('no comparison');
    // The change in chats is against what Sobot served for yesterday until 14:49.
    const now = sum(
      items(served(h, '/session/getStat', (b) => b.start_date === '2026-11-23 00:00:00')),
      'human_consult',
    );
    const before = sum(
      items(served(h, '/session/getStat', (b) => b.end_date === '2026-11-22 14:49:00')),
      'human_consult',
    );
    expect(field(blocks, 'Chats').value).toBe(now.toLocaleString('en-US'));
    const relative = Math.abs((now - before) / before) * 100;
    expect(field(blocks, 'Chats').change).toContain(`${relative.toFixed(1)}%`);

    // Yesterday until 14:49 is a part of yesterday, not the whole of it.
    h.sim.log.clear();
    await answer(h, 'overview yesterday', 'yesterday');
    const wholeDay = sum(
      items(served(h, '/session/getStat', (b) => b.end_date === '2026-11-22 23:59:59')),
      'human_consult',
    );
    expect(before).toBeLessThan(wholeDay);
  });

  it('24h FCR is compared with the value Sobot gives for the same window, not derived from _cycle', async () => {
    const { blocks } = await answer(h, 'overview 2026-11-10', 'fcr');
    const current = served(h, '/custom/getGeneral', (b) => b.start_date === '2026-11-10 00:00')[0]
      ?.item as Served;
    const previous = served(h, '/custom/getGeneral', (b) => b.start_date === '2026-11-09 00:00')[0]
      ?.item as Served;
    const points = (Number.parseFloat(String(current.one_time_solution_rate)) -
      Number.parseFloat(String(previous.one_time_solution_rate))) as number;
    const shown = field(blocks, '24h FCR (of customers)').change;
    if (Math.abs(points) < 0.05) expect(shown).toBe('unchanged');
    else expect(shown).toContain(`${Math.abs(points).toFixed(1)} pts`);
  });

  it('last month is compared with the calendar month before; this month with the month before to the same day', async () => {
    const last = await answer(h, 'overview last month', 'last-month');
    expect(contextOf(last.blocks)).toContain('compared with Tue 1 – Wed 30 Sep 2026');
    expect(bodies(h, '/session/getStat')).toContainEqual(
      expect.objectContaining({ start_date: '2026-09-01 00:00:00', end_date: '2026-09-30 23:59:59' }),
    );
    h.sim.log.clear();
    const current = await answer(h, 'overview this month', 'this-month');
    expect(contextOf(current.blocks)).toContain('so far, compared with Thu 1 – Fri 23 Oct 2026 until 14:49');
    expect(bodies(h, '/session/getStat')).toContainEqual(
      expect.objectContaining({ start_date: '2026-10-01 00:00:00', end_date: '2026-10-23 14:49:00' }),
    );
  });
});
