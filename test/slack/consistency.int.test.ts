// One number per KPI, end to end: for one scope (skill group Sales) and one period (yesterday in
// Asia/Shanghai), every answer that shows a KPI shows the same value — the overview, the one-row
// `groups` breakdown and its total, the agents' team line where it counts the same thing, a digest
// preview and `/sobot alerts run` — and that value is the one the simulator served. In English and
// Chinese, with the server's own zone (TZ) 19 hours from the company's, so "yesterday" must come
// from the company zone, not the machine's.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock } from '../support/fake-clock.ts';

type Text = { type: string; text: string };
type Block = { type: string; text?: Text; fields?: Text[]; elements?: Text[]; rows?: Text[][] };
type Served = Record<string, unknown>;
type Payload = { blocks: Block[]; text: string };

/** Tue 24 Nov 2026, 01:30 in Shanghai: yesterday there is Mon 23; in Pago Pago it is still Mon 23, 06:30. */
const NOW = Date.parse('2026-11-23T17:30:00Z');
const DAY = '2026-11-23';
const SERVER_ZONE = 'Pacific/Pago_Pago';

const CONFIG = `
access:
  admins: [U0LEAD]
digests:
  - name: sales
    channel: C0DIGEST
    schedule: "0 9 * * 1-5"
    timezone: Asia/Shanghai
    period: yesterday
    filters: { group: Sales }
alerts:
  - name: sales-valid
    kpi: valid_reception_rate
    scope: group:Sales
    op: "<"
    threshold: 0.01
    period: yesterday
    channel: C0ALERTS
  - name: sales-warnings
    kpi: response_warn_rate
    scope: group:Sales
    op: ">"
    threshold: 0.99
    period: yesterday
    channel: C0ALERTS
  - name: sales-satisfied
    kpi: satisfaction
    scope: group:Sales
    op: "<"
    threshold: 0.01
    period: yesterday
    channel: C0ALERTS
  - name: sales-answers
    kpi: answer_ratio
    scope: group:Sales
    op: "<"
    threshold: 0.01
    period: yesterday
    channel: C0ALERTS
`;

/** The words each language labels the KPIs with, written out here rather than taken from the code. */
const WORDS = {
  en: {
    validReception: 'Valid reception',
    warnings: 'Reply warnings',
    satisfied: 'Positive feedback (5★)',
    validColumn: 'Valid rec.',
    warningsColumn: 'Warnings',
    chats: 'Chats',
    chatsColumn: 'Chats',
    total: 'Total',
    messages: 'Chat messages',
    answerRatio: 'Answer ratio',
  },
  zh: {
    validReception: '有效接待率',
    warnings: '响应预警率',
    satisfied: '好评率（五星）',
    validColumn: '有效接待',
    warningsColumn: '预警',
    chats: '人工会话量',
    chatsColumn: '会话',
    total: '合计',
    messages: '人工会话消息数',
    answerRatio: '答问比',
  },
} as const;

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
const sum = (rows: Served[], key: string) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);

function field(payload: Payload, label: string): string {
  const fields = payload.blocks.flatMap((b) => b.fields ?? []).map((f) => f.text);
  const text = fields.find((f) => f.startsWith(`*${label}*`)) ?? '';
  return text.split('\n')[1]?.split(/\s{2}/)[0] ?? '';
}

function contextText(payload: Payload): string {
  return payload.blocks
    .filter((b) => b.type === 'context')
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.text)
    .join('\n');
}

/** The cell under `column` in the row named `row` of the reply's table. */
function cell(payload: Payload, row: string, column: string): string {
  const table = payload.blocks.find((b) => b.type === 'table')?.rows?.map((r) => r.map((c) => c.text)) ?? [];
  const index = table[0]?.indexOf(column) ?? -1;
  return table.find((r) => r[0] === row)?.[index] ?? '';
}

/** Whether the reply's table has a row for this name. */
function answersName(payload: Payload, name: string): boolean {
  const table = payload.blocks.find((b) => b.type === 'table')?.rows ?? [];
  return table.slice(1).some((row) => row[0]?.text === name);
}

/** The value `alerts run` reports for a rule: "… nothing breaches now (77.4%)." (zh "…（77.4%）。") */
function alertValue(text: string, rule: string): string {
  const line = text.split('\n').find((l) => l.includes(`*${rule}*`)) ?? '';
  return /[(（](\d+\.\d%)[)）][.。]$/.exec(line)?.[1] ?? '';
}

describe.each(['en', 'zh'] as const)('one number per KPI (SOBOT_LANGUAGE=%s, server in %s)', (lang) => {
  const words = WORDS[lang];
  const savedZone = process.env.TZ;
  let h: Harness;
  const answers: Record<string, Payload> = {};
  let agentName = '';

  async function ask(text: string, id: string): Promise<Payload> {
    await h.command(text, id);
    const [post] = await h.slack.waitForResponses(id);
    expect(post?.accepted).toBe(true);
    return post?.payload as Payload;
  }

  beforeAll(async () => {
    process.env.TZ = SERVER_ZONE;
    h = await startHarness({
      clock: createFakeClock(NOW),
      configYaml: CONFIG,
      env: { SOBOT_LANGUAGE: lang, SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 80 }, rateLimit: 1000 },
    });
    answers.overview = await ask('overview yesterday group:Sales', 'overview');
    answers.groups = await ask('groups yesterday group:Sales', 'groups');
    answers.agents = await ask('agents yesterday group:Sales', 'agents');
    answers.digest = await ask('digest preview sales', 'digest');
    answers.alerts = await ask('alerts run', 'alerts');
    answers.trendMessages = await ask('trend messages yesterday group:Sales', 'trend-messages');
    answers.trendAnswers = await ask('trend answer_ratio yesterday group:Sales', 'trend-answers');
    // One agent of the group, with a full name no one else has, who handled chats that day.
    const { agents } = h.sim.company;
    const agent = agents.find(
      (a) =>
        agents.filter((b) => b.name === a.name).length === 1 &&
        answersName(answers.agents as Payload, a.nick),
    );
    agentName = agent?.name ?? '';
    answers.agentOverview = await ask(`overview yesterday agent:"${agentName}"`, 'agent-overview');
    answers.agentTeam = await ask(`agents yesterday agent:"${agentName}"`, 'agent-team');
  });
  afterAll(async () => {
    await h.close();
    if (savedZone === undefined) delete process.env.TZ;
    else process.env.TZ = savedZone;
  });

  /** The getStat rows the simulator served for the group on the company's yesterday (first reply of several alike). */
  function servedRows(): Served[] {
    const reply = h.sim.log.find(
      (e) =>
        e.path.endsWith('/session/getStat') &&
        e.retCode === '000000' &&
        (e.body as Served).start_date === `${DAY} 00:00:00` &&
        String((e.body as Served).search_way) === '3' &&
        (e.body as Served).group_ids_param &&
        !(e.body as Served).staff_ids_param,
    )?.reply as Served | undefined;
    const rows = (reply?.items as Served[] | undefined) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(reply?.page_count ?? 1).toBe(1);
    return rows;
  }

  it('asks Sobot for the company zone’s yesterday, in that zone', () => {
    // The machine's clock reads 06:30 on Mon 23 Nov, where "yesterday" would be Sun 22.
    expect([new Date(NOW).getDate(), new Date(NOW).getHours()]).toEqual([23, 6]);
    const asked = h.sim.log.filter((e) => e.path.endsWith('/session/getStat'));
    expect(asked.some((e) => (e.body as Served).start_date === `${DAY} 00:00:00`)).toBe(true);
    expect(asked.every((e) => e.headers.timezoneid === 'Asia/Shanghai')).toBe(true);
  });

  /** What each answer shows for one KPI: labelled `label` in fields and the team line, `column` in tables. */
  function shownValues(label: string, column: string | null, rule: string): Record<string, string> {
    const team = contextText(answers.agents as Payload);
    const alert = (answers.alerts?.blocks[0]?.text?.text as string) ?? '';
    return {
      overview: field(answers.overview as Payload, label),
      ...(column
        ? {
            groupRow: cell(answers.groups as Payload, 'Sales', column),
            groupTotal: cell(answers.groups as Payload, words.total, column),
          }
        : {}),
      teamLine: team.slice(team.indexOf(`${label} `) + label.length + 1).split(' ')[0] ?? '',
      digest: field(answers.digest as Payload, label),
      alertsRun: alertValue(alert, rule),
    };
  }

  const everywhere = (where: string[], value: string) => Object.fromEntries(where.map((w) => [w, value]));

  it('shows one valid reception % everywhere: valid receptions of valid chats, as served', () => {
    const rows = servedRows();
    const served = percent(sum(rows, 'human_valid_recep') / sum(rows, 'human_valid'));
    expect(shownValues(words.validReception, words.validColumn, 'sales-valid')).toEqual(
      everywhere(['overview', 'groupRow', 'groupTotal', 'teamLine', 'digest', 'alertsRun'], served),
    );
  });

  it('shows one reply-warning % everywhere, as served', () => {
    const rows = servedRows();
    const served = percent(sum(rows, 'response_warn_count') / sum(rows, 'staff_res_total_count'));
    expect(shownValues(words.warnings, words.warningsColumn, 'sales-warnings')).toEqual(
      everywhere(['overview', 'groupRow', 'groupTotal', 'teamLine', 'digest', 'alertsRun'], served),
    );
  });

  it('shows one satisfaction %, Sobot’s positive share on the company scale, as served', () => {
    const survey = h.sim.log.find(
      (e) =>
        e.path.endsWith('/satisfaction/getSatisfactionSurvey') &&
        e.retCode === '000000' &&
        String((e.body as Served).start_date).startsWith(DAY),
    )?.reply as { item: Served };
    const served = percent(Number(String(survey.item.good_rate_str).replace('%', '')) / 100);
    expect(shownValues(words.satisfied, null, 'sales-satisfied')).toEqual(
      everywhere(['overview', 'teamLine', 'digest', 'alertsRun'], served),
    );
  });

  it('shows one chat count in the overview, the one-row breakdown, its total and the digest', () => {
    const served = sum(servedRows(), 'human_consult').toLocaleString('en-US');
    expect({
      overview: field(answers.overview as Payload, words.chats),
      groupRow: cell(answers.groups as Payload, 'Sales', words.chatsColumn),
      groupTotal: cell(answers.groups as Payload, words.total, words.chatsColumn),
      digest: field(answers.digest as Payload, words.chats),
    }).toEqual({ overview: served, groupRow: served, groupTotal: served, digest: served });
  });

  /** The one point of a trend of the day, as its table shows it. */
  const trendPoint = (payload: Payload) =>
    payload.blocks.find((b) => b.type === 'table')?.rows?.[1]?.[1]?.text ?? '';

  it('shows one message count and one answer ratio in the overview, a trend of the day and alerts run, as getMsgStat served', () => {
    const replies = h.sim.log.filter(
      (e) =>
        e.path.endsWith('/session/getMsgStat') &&
        e.retCode === '000000' &&
        (e.body as Served).start_date === `${DAY} 00:00:00` &&
        (e.body as Served).group_ids_param,
    );
    // Asked once for the group and the day: the overview's query, shared by both trends.
    expect(replies).toHaveLength(1);
    const rows = ((replies[0]?.reply as Served | undefined)?.items as Served[] | undefined) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    const messages = sum(rows, 'msg_human').toLocaleString('en-US');
    expect({
      overview: field(answers.overview as Payload, words.messages),
      trend: trendPoint(answers.trendMessages as Payload),
    }).toEqual({ overview: messages, trend: messages });
    const ratio = percent(sum(rows, 'msg_staff') / sum(rows, 'msg_visitor_to_staff'));
    const alert = (answers.alerts?.blocks[0]?.text?.text as string) ?? '';
    expect({
      overview: field(answers.overview as Payload, words.answerRatio),
      trend: trendPoint(answers.trendAnswers as Payload),
      alertsRun: alertValue(alert, 'sales-answers'),
    }).toEqual({ overview: ratio, trend: ratio, alertsRun: ratio });
  });

  it("gives a one-agent team line that agent's overview figures", () => {
    expect(agentName).not.toBe('');
    const overview = answers.agentOverview as Payload;
    const team = contextText(answers.agentTeam as Payload);
    for (const label of [words.validReception, words.warnings]) {
      const value = field(overview, label);
      expect(value).toMatch(/^\d+\.\d%$/);
      expect(team).toContain(`${label} ${value}`);
    }
  });
});
