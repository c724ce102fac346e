// The getStat KPIs no command showed before (unanswered, no agent reply, transfers, resolved /
// unresolved / untagged, reception, response and queue times), end to end: the overview, a trend and
// an alert rule show what the simulator served. The real app, the simulator and a fake Slack.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Served = Record<string, unknown>;
type Cell = { text: string };
type Block = { type: string; rows?: Cell[][]; fields?: Cell[]; text?: Cell };

const DAY = '2026-11-10';
/** The alert rule's day: another day than the commands', so its figures are not from the cache. */
const RULE_DAY = '2026-11-12';
const CONFIG = `
access:
  admins: [U0LEAD]
alerts:
  - name: unanswered
    kpi: unanswered
    scope: overall
    op: ">"
    threshold: 0
    period: "${RULE_DAY}"
    channel: C0ALERTS
`;

function rowsServed(h: Harness, where: (body: Served) => boolean): Served[] {
  return h.sim.log
    .filter((e) => e.path.endsWith('/session/getStat') && e.retCode === '000000' && where(e.body as Served))
    .flatMap((e) => ((e.reply as Served).items as Served[]) ?? []);
}
const sum = (rows: Served[], key: string) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id, { user_id: 'U0LEAD' });
  const [post] = await h.slack.waitForResponses(id);
  return post?.payload as { blocks: Block[]; text: string };
}

function field(blocks: Block[], label: string): string {
  const fields = blocks.flatMap((b) => (b.type === 'section' ? (b.fields ?? []) : []));
  const text = fields.find((f) => f.text.startsWith(`*${label}*`))?.text ?? '';
  return text.split('\n')[1]?.split(/\s{2}/)[0] ?? '';
}

describe('getStat KPIs end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      configYaml: CONFIG,
      env: { SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 60 }, rateLimit: 1000 },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.log.clear());

  it('overview: the counts and shares equal what getStat served for the day', async () => {
    const { blocks } = await answer(h, `overview ${DAY}`, 'overview');
    const rows = rowsServed(h, (b) => b.start_date === `${DAY} 00:00:00`);
    // Of valid chats, the base the simulator (like Sobot's example, where the two are equal) uses.
    const valid = sum(rows, 'human_valid');
    expect(field(blocks, 'Unanswered')).toBe(percent(sum(rows, 'human_not_recep'), valid));
    expect(field(blocks, 'No agent reply')).toBe(percent(sum(rows, 'human_invalid_recep'), valid));
    expect(field(blocks, 'Transfers')).toBe(sum(rows, 'human_transfer').toLocaleString('en-US'));
    expect(field(blocks, 'Resolved')).toBe(sum(rows, 'summary_solved').toLocaleString('en-US'));
    expect(field(blocks, 'Unresolved')).toBe(sum(rows, 'summary_not_solved').toLocaleString('en-US'));
    expect(field(blocks, 'Not tagged resolved or not')).toBe(
      sum(rows, 'not_mark_is_solved').toLocaleString('en-US'),
    );
    for (const label of ['Avg. reception time', 'Avg. response time', 'Avg. queue wait']) {
      expect(field(blocks, label)).toMatch(/\d+s$/);
    }
    // Still one getStat query per period: the new figures cost no call.
    expect(h.sim.log.filter((e) => e.path.endsWith('/session/getStat'))).toHaveLength(2);
  });

  it('trend: transfers a day, each the sum getStat served for that day', async () => {
    const { blocks } = await answer(h, 'trend transfers 2026-11-02..2026-11-04', 'trend');
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    expect(table).toHaveLength(4);
    for (const [i, row] of table.slice(1).entries()) {
      const date = `2026-11-0${i + 2}`;
      const served = rowsServed(h, (b) => b.start_date === `${date} 00:00:00`);
      expect(Number(row[1]?.replace(/,/g, ''))).toBe(sum(served, 'human_transfer'));
    }
  });

  it('agents sort:frt30: the 30-second first-response share becomes a column, best first, as staffWorkStatis served it', async () => {
    const { blocks } = await answer(h, `agents ${DAY} sort:frt30 top:99`, 'agents');
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    const header = table[0] ?? [];
    expect(header.at(-1)).toBe('≤30s');
    const served = h.sim.log
      .filter((e) => e.path.endsWith('/staffWorkStatis'))
      .flatMap((e) => ((e.reply as Served).items as Served[]) ?? [])
      .filter((item) => Number(item.human_consult) > 0);
    const shares = table.slice(1).map((row) => Number.parseFloat(row.at(-1) ?? ''));
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const best = Math.max(
      ...served.map((item) => Number.parseFloat(String(item.first_response_in30s_rate_str))),
    );
    expect(shares[0]).toBeCloseTo(best, 1);
  });

  it('alert rule on the unanswered share: alerts run shows the share Sobot served', async () => {
    const { blocks } = await answer(h, 'alerts run', 'alerts');
    const rows = rowsServed(h, (b) => b.start_date === `${RULE_DAY} 00:00:00`);
    const expected = percent(sum(rows, 'human_not_recep'), sum(rows, 'human_valid'));
    expect(JSON.stringify(blocks)).toContain(`overall: ${expected} over`);
  });
});
