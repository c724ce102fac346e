// Durations in forms the documents do not show ("05:23" from v5; seconds from the legacy API) do
// not fail the reply: the rest is read, the duration shows "–" and a warning is logged. The real
// app, the simulator (faults.oddDurations) and a fake Slack.

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Served = Record<string, unknown>;
type Cell = { text: string };
type Block = { type: string; rows?: Cell[][]; fields?: Cell[] };

const DAY = '2026-11-10';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function start(env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness({
    env: { SOBOT_RATE_LIMIT: '1000', ...env },
    simulator: { company: { agents: 30 }, rateLimit: 1000 },
  });
  h.sim.faults.oddDurations = true;
  harnesses.push(h);
  return h;
}

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id);
  const [post] = await h.slack.waitForResponses(id);
  return post?.payload as { blocks: Block[]; text: string };
}

function field(blocks: Block[], label: string): string {
  const fields = blocks.flatMap((b) => (b.type === 'section' && b.fields) || []);
  const text = fields.find((f) => f.text.startsWith(`*${label}*`))?.text ?? '';
  return text.split('\n')[1]?.split(/\s{2}/)[0] ?? '';
}

const warnings = (h: Harness) =>
  h.logs
    .map((line) => JSON.parse(line) as Served)
    .filter((e) => e.msg === 'sobot value unreadable, shown as unknown');

describe('durations in forms the documents do not show', () => {
  it('v5 "mm:ss": the agents table is read, the first-response column is "–", a warning names the field', async () => {
    const h = await start();
    const { blocks } = await answer(h, `agents ${DAY}`, 'agents');
    const served = h.sim.log.find((e) => e.path.endsWith('/staffWorkStatis'))?.reply as Served;
    const items = served.items as Served[];
    expect(String(items[0]?.avg_first_response_time)).toMatch(/^\d\d:\d\d$/);
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    const header = table[0] ?? [];
    const firstReply = header.indexOf('1st reply');
    const chats = header.indexOf('Handled');
    expect(table.length).toBeGreaterThan(1);
    for (const row of table.slice(1)) expect(row[firstReply]).toBe('–');
    // The counts are still Sobot's.
    const busiest = [...items].sort((a, b) => Number(b.human_consult) - Number(a.human_consult))[0];
    expect(table[1]?.[chats]).toBe(Number(busiest?.human_consult).toLocaleString('en-US'));
    const logged = warnings(h);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).toContainEqual(
      expect.objectContaining({
        field: 'avg_first_response_time',
        level: 40,
        path: expect.stringContaining('staffWorkStatis'),
      }),
    );
  });

  it('v5 "mm:ss": the overview shows its other figures and "–" for the first response', async () => {
    const h = await start();
    const { blocks } = await answer(h, `overview ${DAY}`, 'overview');
    const rows = h.sim.log
      .filter(
        (e) => e.path.endsWith('/session/getStat') && (e.body as Served).start_date === `${DAY} 00:00:00`,
      )
      .flatMap((e) => ((e.reply as Served).items as Served[]) ?? []);
    expect(field(blocks, 'Avg. first response')).toBe('–');
    const chats = rows.reduce((total, row) => total + Number(row.human_consult), 0);
    expect(field(blocks, 'Chats')).toBe(chats.toLocaleString('en-US'));
  });

  it('legacy seconds: the overview shows the chats and "–" for the reception time', async () => {
    const h = await start({ SOBOT_API: 'legacy' });
    const { blocks } = await answer(h, `overview ${DAY}`, 'legacy');
    const human = h.sim.log
      .filter((e) => (e.body as Served | null)?.action === 'wb_session_human')
      .map((e) => ((e.reply as Served).data as Served).item as Served)
      .find((item) => item !== undefined);
    expect(typeof human?.avgSessionDuration).toBe('number');
    expect(field(blocks, 'Avg. reception time')).toBe('–');
    expect(field(blocks, 'Chats')).not.toBe('–');
    expect(warnings(h)).toContainEqual(expect.objectContaining({ field: 'avgSessionDuration' }));
  });
});
