// `/sobot satisfaction`, `bot` and `customers`, end to end: the real app, the simulator and a fake
// Slack. The numbers in each reply are the numbers the simulator served, from as few calls as the
// card needs.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Cell = { text: string };
type Block = { type: string; rows?: Cell[][]; fields?: Cell[]; elements?: Cell[] };
type Served = Record<string, unknown>;

const DAY = '2026-11-10';

function served(h: Harness, pathEnd: string): Served[] {
  return h.sim.log
    .filter((e) => e.path.endsWith(pathEnd) && e.retCode === '000000')
    .map((e) => e.reply as Served);
}

/** Statistics calls made (condition lists and the token left out). */
const statsCalls = (h: Harness) =>
  h.sim.log.filter((e) => !e.path.includes('/condition/') && !e.path.endsWith('/get_token'));

const itemOf = (h: Harness, pathEnd: string) => (served(h, pathEnd)[0]?.item ?? {}) as Served;
const count = (value: unknown) => Number(value).toLocaleString('en-US');
const percentText = (value: unknown) => `${Number(String(value).replace('%', '')).toFixed(1)}%`;

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id);
  const [post] = await h.slack.waitForResponses(id);
  expect(post?.accepted).toBe(true);
  return post?.payload as { blocks: Block[]; text: string };
}

/** The value of the field labelled `label`, without its change. */
function field(blocks: Block[], label: string): string {
  const fields = blocks.find((b) => b.type === 'section' && b.fields)?.fields ?? [];
  const text = fields.find((f) => f.text.startsWith(`*${label}*\n`))?.text ?? '';
  return text.split('\n')[1]?.split(/\s{2}/)[0] ?? '';
}

const tableOf = (blocks: Block[]) =>
  blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];

/** The simulator's place names that are not English, as an English reply names them. */
const IN_ENGLISH: Record<string, string> = {
  中国: 'China',
  广东: 'Guangdong',
  上海: 'Shanghai',
  日本: 'Japan',
  東京都: 'Tokyo',
  Deutschland: 'Germany',
  Bayern: 'Bavaria',
  Brasil: 'Brazil',
};

describe('satisfaction, bot and customers over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { company: { agents: 60 } } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.log.clear());

  it('satisfaction: the ratings Sobot served, on the scale with the most ratings, from two calls', async () => {
    const { blocks, text } = await answer(h, `satisfaction ${DAY}`, 'satisfaction');
    expect(text).not.toMatch(/went wrong|error/i);
    const survey = itemOf(h, '/satisfaction/getSatisfactionSurvey');
    const customers = itemOf(h, '/satisfaction/getCustomerSatisfaction');
    expect(
      statsCalls(h)
        .map((e) => e.path.split('/').pop())
        .sort(),
    ).toEqual(['getCustomerSatisfaction', 'getSatisfactionSurvey']);
    const sum = (keys: string[]) => keys.reduce((total, key) => total + Number(survey[key]), 0);
    const ratings = {
      stars: sum(['score5', 'score4', 'score3', 'score2', 'score1']),
      nps: sum(Array.from({ length: 11 }, (_, s) => `nps_score${s}`)),
      level2: sum(['level2_score5', 'level2_score1']),
    };
    // The simulated company rates on stars; if that changes, this test must say which scale.
    expect(ratings.stars).toBeGreaterThan(Math.max(ratings.nps, ratings.level2));
    // The simulated company rates on 5 stars: Sobot's own good_rate_str, labelled as Sobot does.
    expect(field(blocks, 'Positive feedback (5★)')).toBe(percentText(survey.good_rate_str));
    expect(field(blocks, 'Rated chats')).toBe(count(survey.total_times));
    expect(field(blocks, 'Valid chats')).toBe(count(survey.human_valid));
    expect(field(blocks, 'Feedback rate')).toBe(percentText(survey.comment_rate_str));
    expect(field(blocks, 'Resolved')).toBe(percentText(survey.solved_rate_str));
    expect(field(blocks, 'Average score')).toBe(`${Number(survey.avg_comment_score).toFixed(1)} / 5`);
    expect(field(blocks, 'Customers who rated')).toBe(count(customers.evaluate));
    expect(field(blocks, 'Customers resolved')).toBe(count(customers.solved));
    const rows = tableOf(blocks).slice(1);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(
      [5, 4, 3, 2, 1].map((s) => [
        `${s}★`,
        count(survey[`score${s}`]),
        percentText(survey[`score${s}_rate_str`]),
        count(customers[`score${s}`]),
      ]),
    );
  });

  it('bot: what getRobotReception served, in one call', async () => {
    const { blocks } = await answer(h, `bot ${DAY}`, 'bot');
    const bot = itemOf(h, '/custom/getRobotReception');
    expect(statsCalls(h)).toHaveLength(1);
    expect(field(blocks, 'Received')).toBe(count(bot.robot_reception_num));
    expect(field(blocks, 'Validly received')).toBe(count(bot.robot_reception_valid_num));
    expect(field(blocks, 'Self-served')).toBe(count(bot.robot_self_reception_num));
    expect(field(blocks, 'Bot self-service')).toBe(percentText(bot.robot_self_reception_num_proportion));
    expect(field(blocks, 'Transfers to agents')).toBe(count(bot.transfer_to_staff_num));
    expect(field(blocks, 'Asked for an agent')).toBe(
      `${count(bot.robot_to_staff_active)} (${percentText(bot.robot_to_staff_active_proportion)} of transfers)`,
    );
    expect(field(blocks, 'Triggered by rules')).toBe(
      `${count(bot.trigger_to_manual_num)} (${percentText(bot.trigger_to_manual_num_proportion)} of transfers)`,
    );
  });

  it('customers: what getGeneral and getGeographicalDistribution served, asked together', async () => {
    const { blocks } = await answer(h, `customers ${DAY}`, 'customers');
    const general = itemOf(h, '/custom/getGeneral');
    const regions = (served(h, '/custom/getGeographicalDistribution')[0]?.items ?? []) as Served[];
    expect(statsCalls(h)).toHaveLength(2);
    expect(field(blocks, 'Valid customers')).toBe(count(general.valid_visitor_total));
    expect(field(blocks, 'New customers')).toBe(count(general.new_visitor_num));
    expect(field(blocks, 'Returning customers')).toBe(count(general.old_visitor_num));
    expect(field(blocks, 'Returning share')).toBe(percentText(general.old_visitor_proportion));
    expect(field(blocks, '24h FCR (of customers)')).toBe(percentText(general.one_time_solution_rate));
    const visited = regions
      .filter((r) => Number(r.visitor_total) > 0)
      .sort((a, b) => Number(b.visitor_total) - Number(a.visitor_total));
    const shown = tableOf(blocks).slice(1);
    expect(shown.length).toBe(Math.min(visited.length, 15));
    shown.forEach((row, i) => {
      const r = visited[i] as Served;
      // An English reply names the places Sobot gave in Chinese, Japanese, German or Portuguese in English.
      const english = (place: unknown) => IN_ENGLISH[String(place)] ?? String(place);
      expect(row[0]).toBe([r.country, r.province].filter(Boolean).map(english).join(' · '));
      expect(row.slice(1)).toEqual([
        count(r.visitor_total),
        count(r.new_visitor_num),
        count(r.old_visitor_num),
      ]);
    });
  });

  it('bot passes a channel filter to Sobot and says so', async () => {
    const key = h.sim.company.subChannels[0]?.flagKey;
    const { blocks } = await answer(h, `bot ${DAY} channel:${key}`, 'bot-filtered');
    const bodies = statsCalls(h).map((e) => e.body as Served);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.channel_flag).toBe(key);
    const context = blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';
    expect(context).toContain('Channel: ');
  });

  it('bot refuses a skill group filter Sobot does not apply to the bot, before asking Sobot', async () => {
    const { text } = await answer(h, `bot ${DAY} group:sales`, 'bot-group');
    expect(text).toContain('Unknown option "group:"');
    expect(text).toContain('`bot` accepts `channel:`, `robot:`');
    expect(statsCalls(h)).toHaveLength(0);
  });

  it('satisfaction refuses a bot filter Sobot cannot apply, before asking Sobot', async () => {
    const { text } = await answer(h, `satisfaction ${DAY} robot:1`, 'satisfaction-robot');
    expect(text).toContain('Unknown option "robot:"');
    expect(statsCalls(h)).toHaveLength(0);
  });
});
