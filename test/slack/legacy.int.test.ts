// SOBOT_API=legacy end to end: the real Bolt app over HTTP, the real legacy client against the
// simulator's workbench API, and what arrives at the fake Slack. The numbers in each reply are the
// numbers the simulator served; what the legacy API cannot answer gets the "needs v5" sentence.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/simulator/server.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Cell = { text: string };
type Block = { type: string; rows?: Cell[][]; fields?: Cell[]; elements?: Cell[]; text?: Cell };
type Item = Record<string, number | string>;

const API_PATH = '/open/platform/api.json';

/** "yyyy-MM-dd" of today minus `days` in Asia/Shanghai, computed with Intl (not the code under test). */
function dayBefore(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

const percent = (text: string) => Number(text.replace('%', '')) / 100;

/** The message shows one decimal of a percentage, Sobot serves two: they agree within 0.05 points. */
function expectSamePercent(shown: string, served: unknown): void {
  expect(shown).toMatch(/%$/);
  expect(Math.abs(percent(shown) - percent(String(served)))).toBeLessThanOrEqual(0.0005 + 1e-9);
}

const apiCalls = (h: Harness): LogEntry[] => h.sim.log.filter((e) => e.path === API_PATH);

/** The item the simulator served for `action` over the days given. */
function served(h: Harness, action: string, from: string, to = from): Item {
  const entry = apiCalls(h).find((e) => {
    const body = e.body as { action: string; data: { startDate: string; endDate: string } };
    return (
      e.retCode === '1000' &&
      body.action === action &&
      body.data.startDate === from &&
      body.data.endDate === to
    );
  });
  if (!entry) throw new Error(`${action} ${from}..${to} was not served`);
  return (entry.reply as { data: { item: Item } }).data.item;
}

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id);
  const [post] = await h.slack.waitForResponses(id);
  expect(post?.accepted).toBe(true);
  return post?.payload as { blocks: Block[]; text: string };
}

/** Label → value of the card's fields ("*Chats*\n347  _▼ 3.0% worse_" → "347"). */
function fields(blocks: Block[]): Map<string, string> {
  const all = blocks.flatMap((b) => b.fields ?? []);
  return new Map(
    all.map((f) => {
      const [label = '', rest = ''] = f.text.split('\n');
      return [label.replace(/\*/g, ''), rest.split(/\s{2}/)[0] ?? ''];
    }),
  );
}

const tableOf = (blocks: Block[]) =>
  (blocks.find((b) => b.type === 'table')?.rows ?? []).map((row) => row.map((cell) => cell.text));

describe('SOBOT_API=legacy over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    // Many commands in a row: lift the per-minute budget, which the client's own tests cover.
    h = await startHarness({
      env: { SOBOT_API: 'legacy', SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 60 }, rateLimit: 1000 },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.log.clear();
    h.sim.faults.reset();
  });

  it('overview yesterday: the headline numbers are the simulator’s legacy figures', async () => {
    const { blocks, text } = await answer(h, 'overview yesterday', 'overview');
    const yesterday = dayBefore(1);
    const human = served(h, 'wb_session_human', yesterday);
    const bot = served(h, 'wb_session_robot', yesterday);
    const stars = served(h, 'wb_human_satisfaction', yesterday);
    const messages = served(h, 'wb_session_message', yesterday);
    const shown = fields(blocks);
    expect(shown.get('Chats')).toBe(Number(human.consultSession).toLocaleString('en-US'));
    expect(shown.get('Bot chats')).toBe(Number(bot.consultSession).toLocaleString('en-US'));
    expect(shown.get('Transfers')).toBe(Number(human.transferSession).toLocaleString('en-US'));
    expectSamePercent(shown.get('Valid reception') ?? '', human.validReceptionRate);
    expectSamePercent(shown.get('Unanswered') ?? '', human.notReceptionSessionRate);
    // goodLv is the legacy API's positive feedback (好评率) on its one scale, five stars.
    expectSamePercent(shown.get('Positive feedback (5★)') ?? '', stars.goodLv);
    expectSamePercent(shown.get('Bot self-service') ?? '', bot.selfReceptionRate);
    expectSamePercent(shown.get('Bot to agents') ?? '', bot.toHumanSessionRate);
    expectSamePercent(shown.get('Answer ratio') ?? '', messages.answerThan);
    expect(shown.get('Chat messages')).toBe(Number(messages.totalHumanMessage).toLocaleString('en-US'));
    expect(shown.get('Customer messages')).toBe(
      Number(messages.customerToServiceMessage).toLocaleString('en-US'),
    );
    expect(shown.get('Agent messages')).toBe(Number(messages.serviceMessage).toLocaleString('en-US'));
    // What the legacy API does not have is not shown as 0: it is not shown.
    expect(shown.has('24h FCR')).toBe(false);
    expect(shown.has('Avg. first response')).toBe(false);
    expect(text).toContain(`Chats ${Number(human.consultSession).toLocaleString('en-US')}`);
    // The day before, for the comparison: the same four actions.
    const dayBeforeYesterday = dayBefore(2);
    for (const action of [
      'wb_session_human',
      'wb_session_robot',
      'wb_human_satisfaction',
      'wb_session_message',
    ]) {
      served(h, action, dayBeforeYesterday);
    }
    expect(apiCalls(h)).toHaveLength(8);
  });

  it.each([
    ['agents yesterday', 'Per-agent figures'],
    ['agent José', 'Agent names'],
    ['groups yesterday', 'Figures per skill group'],
    ['departments yesterday', 'Figures per department'],
    ['channels yesterday', 'Figures per channel'],
    ['customers yesterday', 'Customer figures'],
    ['topics last week', 'Figures per topic'],
    ['overview yesterday group:Sales', 'Filters by skill group'],
    ['trend bot_chats', 'Trends of Bot chats'],
  ])('%s: a clear "needs v5" answer, never an empty or zero table', async (command, what) => {
    const { blocks, text } = await answer(h, command, command.replace(/[^a-z]+/gi, '-'));
    expect(text.startsWith(what)).toBe(true);
    expect(text).toContain("need Sobot's v5 API");
    expect(text).toContain('SOBOT_API=legacy');
    expect(text).toContain('set SOBOT_API=v5');
    expect(blocks.some((b) => b.type === 'table' || b.fields)).toBe(false);
    expect(apiCalls(h)).toHaveLength(0);
  });

  it('satisfaction yesterday: the 5-star distribution the simulator served', async () => {
    const { blocks } = await answer(h, 'satisfaction yesterday', 'satisfaction');
    const stars = served(h, 'wb_human_satisfaction', dayBefore(1));
    const rows = tableOf(blocks);
    expect(rows[0]).toEqual(['Rating', 'Chats', 'Share']);
    const counts = Object.fromEntries(rows.slice(1).map(([label, count]) => [label, Number(count)]));
    expect(counts).toEqual({
      '5★': stars.good,
      '4★': stars.score4,
      '3★': stars.score3,
      '2★': stars.score2,
      '1★': stars.score1,
    });
    expect(fields(blocks).get('Rated chats')).toBe(String(stars.totalTimes));
    expect(fields(blocks).has('Customers who rated')).toBe(false);
  });

  it('bot yesterday: received, self-service and transfers, and how the bot’s chats were rated', async () => {
    const { blocks } = await answer(h, 'bot yesterday', 'bot');
    const bot = served(h, 'wb_session_robot', dayBefore(1));
    const ratings = served(h, 'wb_robot_satisfaction', dayBefore(1));
    served(h, 'wb_session_robot', dayBefore(2));
    const shown = fields(blocks);
    expect(shown.get('Received')).toBe(String(bot.consultSession));
    expect(shown.get('Transfers to agents')).toMatch(new RegExp(`^${bot.toHumanSession} \\(`));
    expect(shown.get('Rated bot chats')).toBe(String(ratings.totalTimes));
    expectSamePercent(shown.get('Resolved by the bot') ?? '', ratings.solvedLv);
    expect(shown.has('Asked for an agent')).toBe(false);
  });

  it('trend chats over 7 days: one wb_session_human call a day, then none from the cache', async () => {
    // Days no other test asked about (the overview's are cached: the same question).
    const week = `${dayBefore(16)}..${dayBefore(10)}`;
    const { blocks } = await answer(h, `trend chats ${week}`, 'trend');
    const days = Array.from({ length: 7 }, (_, i) => dayBefore(16 - i));
    const calls = apiCalls(h);
    expect(calls.map((c) => (c.body as { action: string }).action)).toEqual(
      Array(7).fill('wb_session_human'),
    );
    const table = tableOf(blocks).slice(1);
    days.forEach((day, i) => {
      expect(table[i]?.[1]).toBe(
        Number(served(h, 'wb_session_human', day).consultSession).toLocaleString('en-US'),
      );
    });
    h.sim.log.clear();
    await answer(h, `trend chats ${week}`, 'trend-again');
    expect(apiCalls(h)).toHaveLength(0);
  });

  it("trend chats last 7 days after the overview: yesterday's and the day before's answers are the overview's", async () => {
    await answer(h, 'overview yesterday', 'overview-before-trend');
    h.sim.log.clear();
    await answer(h, 'trend chats last 7 days', 'trend-after-overview');
    const asked = apiCalls(h).map((c) => (c.body as { data: { startDate: string } }).data.startDate);
    expect(asked).toHaveLength(5);
    expect(asked).not.toContain(dayBefore(1));
    expect(asked).not.toContain(dayBefore(2));
  });

  it('still answers after a rate limit (HTTP 429, Retry-After: 1)', async () => {
    h.sim.faults.failNext('rate_limit', { seconds: 1 });
    const { blocks } = await answer(h, 'satisfaction 2026-11-02', 'limited');
    expect(apiCalls(h).map((e) => e.status)).toEqual([429, 200]);
    expect(tableOf(blocks).length).toBeGreaterThan(1);
  });

  it('help: the table of API modes marks this bot’s mode and what needs v5', async () => {
    const { blocks, text } = await answer(h, 'help', 'help');
    const table = tableOf(blocks);
    expect(table[0]).toEqual(['command', 'v5', 'legacy (this bot)']);
    const legacy = new Map(table.slice(1).map(([command = '', , cell = '']) => [command, cell]));
    expect(legacy.get('agents')).toBe('✗ needs v5');
    expect(legacy.get('overview')).toMatch(/^✓/);
    expect(text).toContain('legacy API');
  });
});
