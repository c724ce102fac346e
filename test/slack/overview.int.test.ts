// `/sobot overview`, `groups` and `channels`, and name filters, end to end: the real app, the
// simulator and a fake Slack. The numbers in the reply are the numbers the simulator served.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Cell = { text: string };
type Block = { type: string; rows?: Cell[][]; fields?: Cell[]; elements?: Cell[] };
type Served = Record<string, unknown>;

const DAY = '2026-11-10';

function served(h: Harness, pathEnd: string, where: (body: Served) => boolean = () => true): Served[] {
  return h.sim.log
    .filter((e) => e.path.endsWith(pathEnd) && e.retCode === '000000' && where(e.body as Served))
    .map((e) => e.reply as Served);
}

/** Departments come as a tree: every node, children after their parent. */
const flatten = (nodes: Served[]): Served[] =>
  nodes.flatMap((node) => [node, ...flatten((node.child_list as Served[] | undefined) ?? [])]);
const items = (replies: Served[]) => replies.flatMap((r) => (r.items as Served[]) ?? []);
const sum = (rows: Served[], key: string) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
const percent = (text: string) => Number(text.replace('%', '')) / 100;

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id);
  const [post] = await h.slack.waitForResponses(id);
  expect(post?.accepted).toBe(true);
  return post?.payload as { blocks: Block[]; text: string };
}

function field(blocks: Block[], label: string): string {
  const fields = blocks.flatMap((b) => (b.type === 'section' && b.fields) || []);
  const text = fields.find((f) => f.text.startsWith(`*${label}*`))?.text ?? '';
  return text.split('\n')[1]?.split(/\s{2}/)[0] ?? '';
}

describe('overview, breakdowns and filters over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    // Many commands in a row: lift the per-minute budget, which other tests cover.
    h = await startHarness({
      env: { SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 120 }, rateLimit: 1000 },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.log.clear());

  it('overview: headline numbers equal what Sobot served for the day', async () => {
    const { blocks } = await answer(h, `overview ${DAY}`, 'overview');
    const channelRows = items(served(h, '/session/getStat', (b) => b.start_date === `${DAY} 00:00:00`));
    expect(field(blocks, 'Chats')).toBe(sum(channelRows, 'human_consult').toLocaleString('en-US'));
    expect(field(blocks, 'Bot chats')).toBe(sum(channelRows, 'robot_consult').toLocaleString('en-US'));
    // Valid receptions of valid chats, as every row's own human_valid_recep_rate.
    const validReception = sum(channelRows, 'human_valid_recep') / sum(channelRows, 'human_valid');
    expect(Math.abs(percent(field(blocks, 'Valid reception')) - validReception)).toBeLessThanOrEqual(0.0005);
    const general = served(h, '/custom/getGeneral')[0]?.item as Served;
    expect(
      Math.abs(
        percent(field(blocks, '24h FCR (of customers)')) - percent(String(general.one_time_solution_rate)),
      ),
    ).toBeLessThanOrEqual(0.0005 + 1e-9);
    const bot = served(h, '/custom/getRobotReception')[0]?.item as Served;
    expect(
      Math.abs(
        percent(field(blocks, 'Bot self-service')) - percent(String(bot.robot_self_reception_num_proportion)),
      ),
    ).toBeLessThanOrEqual(0.0005 + 1e-9);
    // The previous day was asked for too, for the comparison.
    expect(served(h, '/session/getStat', (b) => b.start_date === '2026-11-09 00:00:00')).not.toHaveLength(0);
  });

  it('overview: the message volumes and answer ratio are what getMsgStat served, in ten calls', async () => {
    const day = '2026-11-05';
    const { blocks } = await answer(h, `overview ${day}`, 'messages');
    const on = (date: string) => (b: Served) => b.start_date === `${date} 00:00:00`;
    const rows = items(served(h, '/session/getMsgStat', on(day)));
    expect(rows.length).toBeGreaterThan(1);
    expect(field(blocks, 'Chat messages')).toBe(sum(rows, 'msg_human').toLocaleString('en-US'));
    expect(field(blocks, 'Customer messages')).toBe(
      sum(rows, 'msg_visitor_to_staff').toLocaleString('en-US'),
    );
    expect(field(blocks, 'Agent messages')).toBe(sum(rows, 'msg_staff').toLocaleString('en-US'));
    // Agent messages per customer message, as each row's own msg_staff_visitor_rate.
    const answerRatio = sum(rows, 'msg_staff') / sum(rows, 'msg_visitor_to_staff');
    expect(Math.abs(percent(field(blocks, 'Answer ratio')) - answerRatio)).toBeLessThanOrEqual(0.0005);
    // By channel, which partitions the chats: each chat's messages once.
    expect(served(h, '/session/getMsgStat').length).toBe(2);
    for (const body of h.sim.log.filter((e) => e.path.endsWith('/session/getMsgStat')).map((e) => e.body))
      expect(String((body as Served).search_way)).toBe('3');
    // Five calls for each of the two days: getStat, getMsgStat, getGeneral, getRobotReception,
    // getSatisfactionSurvey.
    const statistics = h.sim.log.filter((e) => e.path.includes('/chat-static-api/'));
    expect(statistics).toHaveLength(10);
    for (const date of [day, '2026-11-04']) {
      expect(
        statistics
          .filter((e) => String((e.body as Served).start_date).startsWith(date))
          .map((e) => e.path.split('/').at(-1))
          .sort(),
      ).toEqual(['getGeneral', 'getMsgStat', 'getRobotReception', 'getSatisfactionSurvey', 'getStat']);
    }
  });

  it("groups after the overview: the Total row is the overview's chats, from its getStat (no second call)", async () => {
    const day = '2026-11-03';
    await answer(h, `overview ${day}`, 'overview-first');
    const overviewRows = items(
      served(
        h,
        '/session/getStat',
        (b) => String(b.search_way) === '3' && b.start_date === `${day} 00:00:00`,
      ),
    );
    h.sim.log.clear();
    const { blocks } = await answer(h, `groups ${day}`, 'groups-after');
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    expect(table[1]?.[0]).toBe('Total');
    expect(Number(table[1]?.[1]?.replace(/,/g, ''))).toBe(sum(overviewRows, 'human_consult'));
    // One call: the rows by skill group; the total was the overview's.
    expect(
      h.sim.log
        .filter((e) => e.path.endsWith('/session/getStat'))
        .map((e) => String((e.body as Served).search_way)),
    ).toEqual(['2']);
  });

  it('groups: one row per skill group with the chats Sobot served', async () => {
    // A day no other test asked about: the total comes from its own getStat by channel.
    const { blocks } = await answer(h, 'groups 2026-11-12', 'groups');
    const rows = items(served(h, '/session/getStat', (b) => String(b.search_way) === '2'));
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    const [total, ...scopes] = table.slice(1);
    const shown = new Map(scopes.map((row) => [row[0], Number(row[1]?.replace(/,/g, ''))]));
    const active = rows.filter((r) => Number(r.human_consult) > 0 || Number(r.robot_consult) > 0);
    expect(shown.size).toBe(active.length);
    for (const row of active) expect(shown.get(String(row.group_name))).toBe(Number(row.human_consult));
    // The total counts each chat once (the channel rows partition them), not the sum of the groups.
    const channelRows = items(served(h, '/session/getStat', (b) => String(b.search_way) === '3'));
    expect(total?.[0]).toBe('Total');
    expect(Number(total?.[1]?.replace(/,/g, ''))).toBe(sum(channelRows, 'human_consult'));
  });

  it.each([
    ['departments', '1', 'depart_name'],
    ['channels', '3', 'channel_flag_name'],
  ])('%s: one row per scope with the chats Sobot served', async (command, searchWay, nameKey) => {
    const { blocks } = await answer(h, `${command} ${DAY}`, command);
    const rows = items(served(h, '/session/getStat', (b) => String(b.search_way) === searchWay));
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    const [total, ...scopes] = table.slice(1);
    expect(total?.[0]).toBe('Total');
    const shown = new Map(scopes.map((row) => [row[0], Number(row[1]?.replace(/,/g, ''))]));
    const active = rows.filter((r) => Number(r.human_consult) > 0 || Number(r.robot_consult) > 0);
    expect(shown.size).toBe(active.length);
    for (const row of active) expect(shown.get(String(row[nameKey]))).toBe(Number(row.human_consult));
  });

  it('filters by a skill group named loosely, and says so in the reply', async () => {
    const { blocks } = await answer(h, `overview ${DAY} group:sales`, 'filtered');
    const groups = items(served(h, '/condition/getGroupList'));
    const sales = groups.find((g) => g.group_name === 'Sales');
    const statsBodies = h.sim.log
      .filter((e) => e.path.endsWith('/session/getStat'))
      .map((e) => e.body as Served);
    expect(statsBodies.length).toBeGreaterThan(0);
    for (const body of statsBodies) expect(body.group_ids_param).toBe(sales?.group_id);
    const context = blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';
    expect(context).toContain('Skill group: Sales');
  });

  it.each([
    ['dept', '/condition/getDepartmentList', 'depart_ids_param'],
    ['channel', '/condition/getChildChannelList', 'channel_flag'],
    ['agent', '/condition/getServiceList', 'staff_ids_param'],
    ['robot', '/condition/getRobotList', 'robot_ids_param'],
  ])(
    'filters by %s: the id Sobot listed for the name goes with every statistics call',
    async (option, listPath, param) => {
      // Learn a real name from the condition list the bot itself will consult.
      await answer(h, `overview ${DAY} ${option}:zz-no-such-name`, `probe-${option}`);
      const listed = served(h, listPath).flatMap((reply) => flatten((reply.items as Served[]) ?? []));
      const entry = listed[listed.length - 1] as Served;
      const name = String(
        entry.depart_name ?? entry.sub_channel_name ?? entry.service_name ?? entry.robot_name,
      );
      const id = String(entry.depart_id ?? entry.channel_flag_key ?? entry.service_id ?? entry.robot_flag);
      h.sim.log.clear();
      const { blocks } = await answer(h, `overview ${DAY} ${option}:"${name}"`, `filter-${option}`);
      const bodies = h.sim.log
        .filter((e) => e.path.endsWith('/session/getStat'))
        .map((e) => e.body as Served);
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) expect(body[param]).toBe(id);
      const context = blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';
      expect(context).toContain(name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    },
  );

  it('marks satisfaction company-wide when the overview is filtered by bot (Sobot has no bot filter there)', async () => {
    const robots = await (async () => {
      // A miss reloads a list at most every 5 minutes: start from no list, so the probe loads it.
      h.bot.engine.cache.forget('directory|robot');
      await answer(h, `overview ${DAY} robot:zz-none`, 'robot-probe');
      return items(served(h, '/condition/getRobotList'));
    })();
    h.sim.log.clear();
    const { blocks } = await answer(h, `overview ${DAY} robot:"${robots[0]?.robot_name}"`, 'robot-overview');
    expect(field(blocks, 'Positive feedback (5★) (company-wide)')).toMatch(/^\d+\.\d%$/);
    expect(field(blocks, 'Bot chats')).not.toBe('');
    const surveys = h.sim.log.filter((e) => e.path.endsWith('/satisfaction/getSatisfactionSurvey'));
    // The day and the day before, neither with the bot filter Sobot does not take there.
    expect(surveys).toHaveLength(2);
    for (const survey of surveys) expect((survey.body as Served).robot_ids_param).toBeUndefined();
  });

  it("marks the bot figures company-wide under a skill group filter; the rest are the group's", async () => {
    // Another day than the tests above, so the answer is not from the cache.
    const { blocks } = await answer(h, 'overview 2026-11-11 group:sales', 'group-bot');
    const rows = items(served(h, '/session/getStat', (b) => b.start_date === '2026-11-11 00:00:00'));
    expect(field(blocks, 'Bot chats (company-wide)')).toBe(
      sum(rows, 'robot_consult').toLocaleString('en-US'),
    );
    expect(field(blocks, 'Bot self-service (company-wide)')).toMatch(/%$/);
    expect(field(blocks, 'Chats')).toBe(sum(rows, 'human_consult').toLocaleString('en-US'));
  });

  it('says a parent department includes its sub-departments, and names them', async () => {
    h.bot.engine.cache.forget('directory|department');
    await answer(h, `overview ${DAY} dept:zz-none`, 'dept-probe');
    const tree = served(h, '/condition/getDepartmentList').flatMap(
      (reply) => (reply.items as Served[]) ?? [],
    );
    const parent = flatten(tree).find((d) => ((d.child_list as Served[] | undefined) ?? []).length > 0);
    if (!parent) throw new Error('the simulated company has no parent department');
    const below = flatten((parent.child_list as Served[]) ?? []).map((d) => String(d.depart_name));
    const { blocks } = await answer(h, `overview ${DAY} dept:"${parent.depart_name}"`, 'dept-parent');
    const context = blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';
    expect(context).toContain(
      `Department: ${parent.depart_name} (incl. sub-departments ${below.slice(0, 5).join(', ')}`,
    );
  });

  it('answers an unknown group with the close names and a command that works', async () => {
    const { text } = await answer(h, `channels ${DAY} group:Salez`, 'unknown-group');
    expect(text).toContain('There is no skill group "Salez"');
    expect(text).toContain(`/sobot channels ${DAY} group:Sales`);
    expect(h.sim.log.filter((e) => e.path.endsWith('/session/getStat'))).toHaveLength(0);
  });
});

describe('/sobot topics over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { company: { agents: 60 } } });
  });
  afterAll(() => h.close());

  it('shows each topic with the chats the service summary served', async () => {
    const { blocks } = await answer(h, `topics ${DAY}`, 'topics');
    const topics = items(served(h, '/summary/search'));
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    const shown = new Map(table.slice(1).map((row) => [row[0], Number(row[1]?.replace(/,/g, ''))]));
    expect(shown.size).toBe(topics.length);
    for (const topic of topics) {
      expect(shown.get(String(topic.classify_show_name))).toBe(
        sum(topic.details as Served[], 'total_conversation_num'),
      );
    }
  });
});

describe('/sobot trend over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { company: { agents: 40 } } });
  });
  afterAll(() => h.close());

  it('draws one point a day, each the chats Sobot served for that day', async () => {
    const { blocks } = await answer(h, 'trend chats 2026-11-02..2026-11-08', 'trend');
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    expect(table).toHaveLength(8);
    for (const [i, row] of table.slice(1).entries()) {
      const date = `2026-11-0${i + 2}`;
      const rows = items(served(h, '/session/getStat', (b) => b.start_date === `${date} 00:00:00`));
      expect(Number(row[1]?.replace(/,/g, ''))).toBe(sum(rows, 'human_consult'));
    }
  });

  it('follows the chat messages with one getMsgStat a day, each what Sobot served', async () => {
    h.sim.log.clear();
    const { blocks } = await answer(h, 'trend messages 2026-11-02..2026-11-08', 'trend-messages');
    const table = blocks.find((b) => b.type === 'table')?.rows?.map((row) => row.map((c) => c.text)) ?? [];
    expect(table).toHaveLength(8);
    for (const [i, row] of table.slice(1).entries()) {
      const date = `2026-11-0${i + 2}`;
      const rows = items(served(h, '/session/getMsgStat', (b) => b.start_date === `${date} 00:00:00`));
      expect(rows.length).toBeGreaterThan(0);
      expect(Number(row[1]?.replace(/,/g, ''))).toBe(sum(rows, 'msg_human'));
    }
    expect(h.sim.log.filter((e) => e.path.includes('/chat-static-api/'))).toHaveLength(7);
  });
});
