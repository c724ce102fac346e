// `/sobot agent` end to end: the real app over HTTP, the real Sobot client against the simulator,
// and what arrives at the fake Slack. The card's numbers are the ones the simulator served.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/message/limits.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';

type Text = { type: string; text: string };
type Block = { type: string; text?: Text; fields?: Text[] };
type Served = Record<string, unknown>;

const percent = (text: string) => Number(text.replace('%', '')) / 100;

/** "1h 02m", "1m 05s", "9s" → seconds, as precise as the text is. */
function seconds(text: string): number {
  const part = (unit: string) => Number(new RegExp(`(\\d+)${unit}`).exec(text)?.[1] ?? 0);
  return part('h') * 3600 + part('m') * 60 + part('s');
}

/** A shown duration agrees with served milliseconds to the precision it is shown in. */
function expectSameDuration(shown: string | undefined, servedMs: unknown): void {
  const ms = Number(servedMs);
  const precision = ms >= 3_600_000 ? 60 : 1;
  expect(Math.abs(seconds(shown ?? '') - ms / 1000)).toBeLessThanOrEqual(precision);
}

/** The card shows one decimal of a percentage, Sobot serves two: they agree within 0.05 points. */
function expectSamePercent(shown: string | undefined, served: unknown): void {
  expect(Math.abs(percent(shown ?? '') - percent(String(served)))).toBeLessThanOrEqual(0.0005 + 1e-9);
}

function served(h: Harness, pathEnd: string): Served[] {
  return h.sim.log
    .filter((e) => e.path.endsWith(pathEnd) && e.retCode === '000000')
    .flatMap((e) => ((e.reply as { items?: Served[] }).items ?? []) as Served[]);
}

/** "yyyy-MM-dd" of today minus `days` in a zone, computed with Intl (not the code under test). */
function dayIn(zone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

function fieldsOf(blocks: Block[]): Map<string, string> {
  return new Map(
    blocks
      .flatMap((b) => b.fields ?? [])
      .map((f) => {
        const [label = '', value = ''] = f.text.split('\n');
        return [label.replace(/^\*|\*$/g, ''), value] as const;
      }),
  );
}

async function answer(h: Harness, text: string, id: string): Promise<{ blocks: Block[]; text: string }> {
  await h.command(text, id);
  const [post] = await h.slack.waitForResponses(id);
  expect(post?.accepted).toBe(true);
  return post?.payload as { blocks: Block[]; text: string };
}

describe('/sobot agent over HTTP', () => {
  let h: Harness;
  const from = dayIn('Asia/Shanghai', 7);
  const to = dayIn('Asia/Shanghai', 1);
  const period = `${from}..${to}`;
  beforeAll(async () => {
    h = await startHarness({ simulator: { company: { agents: 120 } } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.log.clear());

  it("shows one agent's numbers as the simulator served them", async () => {
    const { blocks, text } = await answer(h, `agent José Álvarez ${period}`, 'card');
    expect(blockKitProblems({ text, blocks })).toEqual([]);
    const jose = h.sim.company.agents.find((a) => a.name === 'José Álvarez');
    expect(jose).toBeDefined();
    const [workload] = served(h, '/customerService/staffWorkStatis');
    expect(workload?.staff_id).toBe(jose?.id);
    const [log] = served(h, '/staff/getWorkLogList');
    expect(log?.staff_id).toBe(jose?.id);

    expect(text).toContain('José Álvarez');
    const fields = fieldsOf(blocks);
    expect(fields.get('Chats handled')).toBe(Number(workload?.human_consult).toLocaleString('en-US'));
    expectSamePercent(fields.get('Valid reception'), workload?.valid_recep_rate_str);
    expectSamePercent(fields.get('24h FCR (of chats)'), workload?.quiet_after_session_rate_str);
    expectSamePercent(fields.get('Reply warnings'), workload?.human_res_warn_rate_str);
    expect(fields.get('Transfers in / out')).toBe(`${workload?.roll_in} / ${workload?.roll_out}`);
    expectSameDuration(fields.get('First response (avg.)'), workload?.avg_first_response_time);
    expectSameDuration(fields.get('Average response'), workload?.response_time_avg);
    expectSameDuration(fields.get('Longest response'), workload?.response_duration_max);
    expectSamePercent(fields.get('First response ≤ 30s'), workload?.first_response_in30s_rate_str);
    expectSamePercent(fields.get('First response ≤ 60s'), workload?.first_response_in60s_rate_str);
    expectSameDuration(fields.get('Online'), log?.online_duration);
    expect(fields.get('Busy')).toMatch(new RegExp(`\\(${log?.busy_counts}×\\)$`));
    expectSameDuration(fields.get('Busy')?.replace(/\(.*\)/, ''), log?.busy_all_duration);
    expectSameDuration(fields.get('Break'), log?.rest_duration);
    expectSameDuration(fields.get('Meal'), log?.eat_duration);
    const firstLogin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(Number(log?.first_login_time)));
    expect(fields.get('First login')).toMatch(new RegExp(`${firstLogin}$`));

    // The five-star counts the simulator served, best first, in the ratings line.
    const stars = [5, 4, 3, 2, 1].map((s) => Number(workload?.[`score${s}`]));
    const ratings = blocks.find((b) => b.text?.text.startsWith('*Ratings*'))?.text?.text ?? '';
    if (stars.some((n) => n > 0)) {
      for (const [i, count] of stars.entries()) expect(ratings).toContain(`${5 - i}★ ${count} (`);
    }
  });

  it('answers a misspelt name with the close names', async () => {
    const { text } = await answer(h, `agent Jsoe Alvarez ${period}`, 'typo');
    expect(text).toContain('There is no agent "Jsoe Alvarez"');
    expect(text).toContain('José Álvarez');
    expect(text).toContain(`/sobot agent José Álvarez ${period}`);
    expect(served(h, '/customerService/staffWorkStatis')).toHaveLength(0);
  });

  it('finds an agent by the name the agents table prints to tell namesakes apart', async () => {
    // What the bot itself prints: the agents table of the period, read from the reply.
    await h.command(`agents ${period} top:99`, 'table');
    const [table] = await h.slack.waitForResponses('table');
    const rows = ((table?.payload.blocks as { type: string; rows?: { text: string }[][] }[]) ?? [])
      .find((b) => b.type === 'table')
      ?.rows?.map((row) => row[0]?.text ?? '');
    const printed = (rows ?? []).find((name) => /^[^(]+ \([^)]+\)$/.test(name));
    if (!printed) throw new Error('expected two agents sharing a display name in the table');
    const [, nick, told] = /^(.+) \((.+)\)$/.exec(printed) ?? [];
    // The simulated company's agent that name stands for: that nickname and that email.
    const agent = h.sim.company.agents.find((a) => a.nick === nick && a.email.split('@')[0] === told);
    if (!agent) throw new Error(`no simulated agent is ${printed}`);
    const namesakes = h.sim.company.agents.filter((a) => a.nick === nick);
    expect(namesakes.length).toBeGreaterThan(1);

    // A nickname with the one skill group only this namesake is in is the other form a table may print.
    const group = h.sim.company.groups.find(
      (g) =>
        agent.groupIds.length === 1 &&
        g.id === agent.groupIds[0] &&
        namesakes.filter((a) => a.groupIds.length === 1 && a.groupIds[0] === g.id).length === 1,
    );
    if (!group) throw new Error(`${printed} shares every skill group with a namesake`);
    const asTyped = [printed, told, `${nick}（${told}）`, `${nick} (${group.name})`];
    h.sim.log.clear();
    for (const [i, typed] of asTyped.entries()) {
      const { text, blocks } = await answer(h, `agent ${typed} ${period}`, `shown-${i}`);
      expect(text, typed).toContain(agent.name);
      // Later answers come from the cache: the figures are the ones served for this agent, once.
      const workload = served(h, '/customerService/staffWorkStatis').find(
        (item) => item.staff_id === agent.id,
      );
      expect(workload, typed).toBeDefined();
      expect(fieldsOf(blocks).get('Chats handled'), typed).toBe(
        Number(workload?.human_consult).toLocaleString('en-US'),
      );
    }
    // Every form fetched the card of this agent and nobody else.
    const logs = served(h, '/staff/getWorkLogList');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((item) => item.staff_id === agent.id)).toBe(true);
  });

  it('says there is no such agent when the told-apart part fits none of the namesakes', async () => {
    const { text } = await answer(h, `agent Amara (nobody.here) ${period}`, 'shown-none');
    expect(text).toContain('There is no agent "Amara (nobody.here)"');
    // No card was fetched for anyone.
    expect(served(h, '/staff/getWorkLogList')).toHaveLength(0);
  });

  it('answers an ambiguous name with every agent it could mean', async () => {
    const { text } = await answer(h, `agent jose ${period}`, 'ambiguous');
    // The simulated company's directory, as getServiceList serves it (name and nickname).
    const joses = h.sim.company.agents.filter((a) => [a.name, a.nick].some((name) => fold(name) === 'jose'));
    expect(joses.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Several agents match "jose"');
    for (const agent of joses) expect(text).toContain(agent.name);
    expect(served(h, '/customerService/staffWorkStatis')).toHaveLength(0);
  });
});
