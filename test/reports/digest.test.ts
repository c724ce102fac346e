// Specs for the scheduled digest's message: data built by hand, the largest digest checked against
// Slack's limits, hostile names escaped, and every expected string worked out by hand.

import { describe, expect, it } from 'vitest';
import { type DigestData, digestFailureMessage, digestMessage } from '../../reports/digest.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotFigures, SatisfactionFigures } from '../../src/stats/cards.ts';
import type { AgentKpis, AgentRow, DateRange, RatingUse } from '../../src/stats/model.ts';
import { NO_COUNTS } from '../support/agent-counts.ts';
import { blocksOf, contextTexts, headerOf, mrkdwnTexts, tableOf } from '../support/message-reading.ts';

const ZONE = 'Asia/Shanghai';
const SUNDAY: DateRange = { from: '2026-11-22', to: '2026-11-22', timeZone: ZONE };
const SATURDAY: DateRange = { from: '2026-11-21', to: '2026-11-21', timeZone: ZONE };
const LAST_WEEK: DateRange = { from: '2026-11-16', to: '2026-11-22', timeZone: ZONE };
const WEEK_BEFORE: DateRange = { from: '2026-11-09', to: '2026-11-15', timeZone: ZONE };
/** Floors set in the config: the rule the largest digest's expected lines are worked out with. */
const FLOORS = { belowTeam: 0.1, validReception: 0.8, satisfaction: 0.8, minChats: 5 };

const NO_KPIS: AgentKpis = {
  chats: null,
  valid_reception_rate: null,
  avg_first_response: null,
  fcr_24h: null,
  satisfaction: null,
  response_warn_rate: null,
};

function agent(name: string, kpis: Partial<AgentKpis>): AgentRow {
  return {
    agentId: `staff-${name}`,
    name,
    email: null,
    groups: [],
    kpis: { ...NO_KPIS, ...kpis },
    counts: NO_COUNTS,
  };
}

const SATISFACTION: SatisfactionFigures = {
  scale: 'five_star',
  scalesInUse: ['five_star'],
  validChats: 1_800,
  ratedChats: 1_234,
  feedbackRate: 0.6856,
  resolvedRate: 0.8,
  satisfaction: 0.915,
  averageScore: 4.6,
  distribution: [],
  customers: { rated: 1_100, resolved: 880, averageScore: 4.6, distribution: [] },
};

const BOT: BotFigures = {
  received: 2_000,
  validReceived: 1_900,
  selfServed: 900,
  selfServiceRate: 0.45,
  transfersToAgents: 1_100,
  activeTransfers: 700,
  triggeredTransfers: 300,
  keywordTransfers: 100,
  activeTransferRate: 0.6364,
  triggeredTransferRate: 0.2727,
  keywordTransferRate: 0.0909,
  previous: { received: 1_800, selfServiceRate: 0.4, transfersToAgents: 1_080 },
};

function digestData(overrides: Partial<DigestData> = {}): DigestData {
  return {
    name: 'morning',
    range: SUNDAY,
    previousRange: SATURDAY,
    filters: null,
    overview: { current: { chats: 120 }, previous: { chats: 100 } },
    agents: null,
    satisfaction: null,
    bot: null,
    week: null,
    attention: FLOORS,
    warnings: [],
    unavailable: [],
    lateFor: null,
    mention: null,
    ...overrides,
  };
}

/** Names Slack would read as markup, and CJK ones. */
const HOSTILE = ['<@U123>', '*bold*', 'a&b', '王小明', '<!channel>', 'Mia <Trainee> Chen'];

/**
 * 300 agents, all below both floors. Agent i has 309 − i chats, valid reception 10% + i × 0.2%,
 * satisfaction 50%: the impact (chats × gap below the 80% floor) falls with the index, so the
 * biggest impact first is index order, flagged for valid reception (gap 70 − 0.2 × i points)
 * while that gap is over satisfaction's 30 points (i < 200).
 */
function worstTeam(size = 300): AgentRow[] {
  return Array.from({ length: size }, (_, i) =>
    agent(HOSTILE[i] ?? (i % 2 === 0 ? `客服 ${i} 号` : `Agent ${i}`), {
      chats: 309 - i,
      valid_reception_rate: 0.1 + i * 0.002,
      avg_first_response: 20_000 + i * 100,
      fcr_24h: 0.5,
      satisfaction: 0.5,
      response_warn_rate: 0.1,
    }),
  );
}

const WEEK_DAYS = ['16', '17', '18', '19', '20', '21', '22'].map((d) => `2026-11-${d}`);

/** Everything a digest can carry at once. */
function largest(): DigestData {
  return digestData({
    range: LAST_WEEK,
    previousRange: WEEK_BEFORE,
    filters: 'Skill group: R&D <East> · Channel: APP',
    overview: {
      current: {
        chats: 9_432,
        valid_reception_rate: 0.61,
        fcr_24h: 0.55,
        satisfaction: 0.5,
        avg_first_response: 42_000,
        response_warn_rate: 0.12,
      },
      previous: {
        chats: 9_000,
        valid_reception_rate: 0.7,
        fcr_24h: 0.6,
        satisfaction: 0.55,
        avg_first_response: 30_000,
        response_warn_rate: 0.1,
      },
    },
    agents: worstTeam(),
    satisfaction: SATISFACTION,
    bot: BOT,
    week: {
      days: WEEK_DAYS,
      chats: [1_200, 1_350, 1_410, 1_380, 1_500, 1_300, 1_292],
      validReception: [0.6, 0.62, 0.6, 0.61, 0.63, 0.6, 0.59],
    },
    warnings: [
      'The period ended only 1h 30m ago; Sobot may still be counting.',
      'Chats fell to 20% of the period before: <check> Sobot & the filters.',
    ],
    unavailable: ['Bot figures are not offered by the legacy API <v1>.'],
    lateFor: '09:00 on 2026-11-23',
    mention: '<!here>',
  });
}

/** The "Needs attention" line of the main message. */
const attentionLine = (texts: string[]) =>
  texts
    .flatMap((t) => t.split('\n'))
    .find((line) => line.startsWith('*Needs attention*') || line.startsWith('*需要关注*')) ?? '';

describe('digestMessage at its largest', () => {
  it.each(['en', 'zh'] as const)('fits Slack’s limits in the main message and the thread (%s)', (lang) => {
    const { main, thread } = digestMessage(largest(), lang);
    expect(blockKitProblems(main)).toEqual([]);
    expect(thread).toHaveLength(1);
    for (const reply of thread) expect(blockKitProblems(reply)).toEqual([]);
    expect(main.visibility).toBe('in_channel');
    expect(thread[0]?.visibility).toBe('in_channel');
  });

  it('escapes every name where Slack reads mrkdwn, fallback texts included', () => {
    const { main, thread } = digestMessage(largest(), 'en');
    const reply = thread[0];
    if (!reply) throw new Error('expected a thread reply');
    const readAsMarkup = [...mrkdwnTexts(main), main.text, ...mrkdwnTexts(reply), reply.text].join('\n');
    for (const raw of ['<@U123>', '<!channel>', '<Trainee>', '<East>', '<check>', '<v1>', 'a&b', 'R&D']) {
      expect(readAsMarkup).not.toContain(raw);
    }
    const line = attentionLine(mrkdwnTexts(main));
    expect(line).toContain(
      '&lt;@U123&gt;: 309 chats handled, Valid rec. 10.0% (70.0 pts below), Satisfaction 50.0%',
    );
    expect(line).toContain(
      'a&amp;b: 307 chats handled, Valid rec. 10.4% (69.6 pts below), Satisfaction 50.0%',
    );
    expect(line).toContain('&lt;!channel&gt;: 305 chats handled');
    expect(contextTexts(main)[0]).toContain('Skill group: R&amp;D &lt;East&gt; · Channel: APP');
    expect(main.text).toContain('Skill group: R&amp;D &lt;East&gt;');
    expect(reply.text).toContain('&lt;@U123&gt;, *bold*, a&amp;b, 王小明, &lt;!channel&gt;');
    // The only markup that notifies is the mention the digest was configured with.
    expect(main.text.startsWith('<!here> · ')).toBe(true);
    expect(blocksOf(main)[2]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<!here>' } });
  });

  it('names the five with the biggest impact in the message and the rest in the thread', () => {
    const { main, thread } = digestMessage(largest(), 'en');
    const line = attentionLine(mrkdwnTexts(main));
    // Five agent entries, each with its chats, then the pointer to the thread.
    expect(line.match(/: \d+ chats handled,/g)).toHaveLength(5);
    expect(line).toContain(
      '王小明: 306 chats handled, Valid rec. 10.6% (69.4 pts below), Satisfaction 50.0%',
    );
    expect(line).not.toContain('Mia');
    expect(line.endsWith(', and 295 more in the thread')).toBe(true);
    expect(main.text).toContain('Needs attention: 300');

    const reply = thread[0];
    if (!reply) throw new Error('expected a thread reply');
    expect(mrkdwnTexts(reply)[0]).toBe('*All 300 agents who need attention* · Mon 16 – Sun 22 Nov 2026');
    const [titles, ...rows] = tableOf(reply);
    expect(titles).toEqual(['Agent', 'Handled', 'Valid rec.', 'Satisfaction', '1st reply', 'Warnings']);
    // Slack's table holds 100 rows, one of them the titles: 99 of the 300, worst first.
    expect(rows).toHaveLength(99);
    const team = worstTeam();
    expect(rows.map((row) => row[0])).toEqual(team.slice(0, 99).map((a) => a.name));
    expect(rows[0]).toEqual(['<@U123>', '309', '10.0%', '50.0%', '20s', '10.0%']);
    // Agent 98: 211 chats, 10% + 98 × 0.2% = 29.6%, 20 s + 9.8 s = 29.8 s → 30s.
    expect(rows[98]).toEqual(['客服 98 号', '211', '29.6%', '50.0%', '30s', '10.0%']);
    expect(contextTexts(reply)).toEqual([
      'Showing 99 of 300 agents · the full list: `/sobot agents 2026-11-16..2026-11-22 sort:valid_reception_rate:asc`',
    ]);
  });

  it('shows the header, the scope, the late note, the warnings and every section', () => {
    const { main } = digestMessage(largest(), 'en');
    expect(headerOf(main)).toBe('Digest morning · Mon 16 – Sun 22 Nov 2026');
    expect(contextTexts(main)).toEqual([
      'Asia/Shanghai · Skill group: R&amp;D &lt;East&gt; · Channel: APP · compared with Mon 9 – Sun 15 Nov 2026',
      '⏰ Late: this digest was due at 09:00 on 2026-11-23 while the bot was unavailable.',
      'Bot figures are not offered by the legacy API &lt;v1&gt;.',
    ]);
    const texts = mrkdwnTexts(main);
    expect(texts).toContain(
      "⚠️ Sobot's figures may be incomplete: The period ended only 1h 30m ago; Sobot may still be counting. " +
        'Chats fell to 20% of the period before: &lt;check&gt; Sobot &amp; the filters.',
    );
    // The headline already shows satisfaction: the satisfaction line does not repeat it.
    expect(texts).toContain('*Satisfaction*: 1,234 rated chats, 80.0% resolved');
    expect(texts).toContain('*Bot*: 2,000 chats, 45.0% self-served, 1,100 sent to agents');
    // The busiest three: agents 0, 1 and 2 with 309, 308 and 307 chats.
    const busiest = texts.flatMap((t) => t.split('\n')).find((l) => l.startsWith('*Most chats*'));
    expect(busiest).toBe(
      '*Most chats*: &lt;@U123&gt;: 309 chats handled, Valid rec. 10.0%, Satisfaction 50.0% · ' +
        '*bold*: 308 chats handled, Valid rec. 10.2%, Satisfaction 50.0% · ' +
        'a&amp;b: 307 chats handled, Valid rec. 10.4%, Satisfaction 50.0%',
    );
  });

  it('carries the week’s chart, placed right after the last block', () => {
    const { main } = digestMessage(largest(), 'en');
    expect(main.chart?.position).toBe(main.blocks.length);
    expect(main.chart?.spec.labels).toEqual([
      'Mon 16 Nov',
      'Tue 17 Nov',
      'Wed 18 Nov',
      'Thu 19 Nov',
      'Fri 20 Nov',
      'Sat 21 Nov',
      'Sun 22 Nov',
    ]);
    expect(main.chart?.spec.subtitle).toBe('Mon 16 – Sun 22 Nov 2026');
    expect(main.chart?.spec.series.map((s) => [s.label, s.values])).toEqual([
      ['Chats', [1_200, 1_350, 1_410, 1_380, 1_500, 1_300, 1_292]],
      ['Valid reception', [0.6, 0.62, 0.6, 0.61, 0.63, 0.6, 0.59]],
    ]);
    expect(main.chart?.altText).toBe('Chats per day and valid reception %, 2026-11-16 to 2026-11-22');
  });
});

describe('digestMessage headline KPIs', () => {
  const fieldsOf = (data: DigestData) =>
    blocksOf(digestMessage(data, 'en').main)
      .flatMap((b) => b.fields ?? [])
      .map((f) => f.text);

  it('shows each KPI with ▲/▼ and better or worse in the sense the KPI is read', () => {
    const fields = fieldsOf(
      digestData({
        overview: {
          current: {
            chats: 120,
            valid_reception_rate: 0.884,
            fcr_24h: null,
            satisfaction: 0.9,
            avg_first_response: 45_000,
            response_warn_rate: 0.05,
            bot_self_service_rate: 0.4,
          },
          previous: {
            chats: 100,
            valid_reception_rate: 0.872,
            fcr_24h: 0.6,
            avg_first_response: 30_000,
            response_warn_rate: 0.08,
          },
        },
      }),
    );
    expect(fields).toEqual([
      // 100 → 120 is 20% more chats: more is better.
      '*Chats*\n120  _▲ 20.0% better_',
      // 87.2% → 88.4% is 1.2 points up.
      '*Valid reception*\n88.4%  _▲ 1.2 pts better_',
      // Nothing to compare with before.
      '*Satisfaction*\n90.0%  _no comparison_',
      // 30 s → 45 s is 50% slower: a longer first response is worse.
      '*Avg. first response*\n45s  _▲ 50.0% worse_',
      // 8.0% → 5.0% of replies warned: fewer warnings is better.
      '*Reply warnings*\n5.0%  _▼ 3.0 pts better_',
    ]);
  });

  it('leaves out KPIs without a value and KPIs that are not headline ones', () => {
    const fields = fieldsOf(
      digestData({
        overview: {
          current: { chats: 50, fcr_24h: null, queue_leave_rate: 0.1, bot_self_service_rate: 0.4 },
          previous: { chats: 50 },
        },
      }),
    );
    expect(fields).toEqual(['*Chats*\n50  _unchanged_']);
  });

  it('says "No chats in this period." instead of a row of zeros', () => {
    const { main } = digestMessage(
      digestData({
        overview: { current: { chats: 0, valid_reception_rate: null }, previous: { chats: 80 } },
      }),
      'en',
    );
    expect(blocksOf(main).flatMap((b) => b.fields ?? [])).toEqual([]);
    expect(mrkdwnTexts(main)).toContain('No chats in this period.');
    expect(main.text).toContain('No chats in this period.');
  });

  it('leaves the headline out when the digest has no overview section', () => {
    const { main } = digestMessage(digestData({ overview: null }), 'en');
    expect(blocksOf(main).flatMap((b) => b.fields ?? [])).toEqual([]);
    expect(mrkdwnTexts(main)).not.toContain('No chats in this period.');
  });
});

describe('digestMessage satisfaction, once and as Sobot labels it', () => {
  const FIVE_STAR: RatingUse = { scale: 'five_star', inUse: ['five_star'] };

  it('shows it in the headline, labelled for the scale, and not again in the satisfaction line', () => {
    const { main } = digestMessage(
      digestData({
        overview: {
          current: { chats: 120, satisfaction: 0.915 },
          previous: { chats: 100 },
          ratings: FIVE_STAR,
        },
        satisfaction: SATISFACTION,
      }),
      'en',
    );
    const texts = mrkdwnTexts(main).join('\n');
    expect(texts.match(/91\.5%/g)).toHaveLength(1);
    expect(
      blocksOf(main)
        .flatMap((b) => b.fields ?? [])
        .map((f) => f.text),
    ).toContain('*Positive feedback (5★)*\n91.5%  _no comparison_');
  });

  it('shows it in the satisfaction line when the digest has no headline', () => {
    const { main } = digestMessage(digestData({ overview: null, satisfaction: SATISFACTION }), 'en');
    expect(mrkdwnTexts(main)).toContain(
      '*Satisfaction*: 1,234 rated chats, Positive feedback (5★) 91.5%, 80.0% resolved',
    );
  });

  it('says in the context line when chats were rated on several scales', () => {
    const { main } = digestMessage(
      digestData({
        overview: {
          current: { chats: 120, satisfaction: 0.915 },
          previous: { chats: 100 },
          ratings: { scale: 'two_level', inUse: ['five_star', 'two_level'] },
        },
      }),
      'zh',
    );
    expect(contextTexts(main)[0]).toContain(
      '评价使用了多种方式：满意度按满意 / 不满意（评价最多）计算，未合并五星评价',
    );
    expect(
      blocksOf(main)
        .flatMap((b) => b.fields ?? [])
        .map((f) => f.text)[1],
    ).toContain('*满意率*');
  });

  it("labels the agents' satisfaction on their scale in the attention rule and the agent lines", () => {
    const { main } = digestMessage(
      digestData({
        agents: [agent('Ann', { chats: 9, valid_reception_rate: 0.5, satisfaction: 0.4 })],
        agentRatings: { scale: 'nps', inUse: ['nps'] },
      }),
      'en',
    );
    const line = attentionLine(mrkdwnTexts(main));
    expect(line).toContain('or positive feedback (0–10) under 80.0%');
    // Satisfaction 40 points under its floor is the bigger gap (valid reception: 30).
    expect(line).toContain('Ann: 9 chats handled, Positive 40.0% (40.0 pts below), Valid rec. 50.0%');
  });
});

describe('digestMessage attention and chart', () => {
  it('says nobody needs attention, and opens no thread, when all agents are fine', () => {
    const { main, thread } = digestMessage(
      digestData({ agents: [agent('Ok', { chats: 40, valid_reception_rate: 0.95, satisfaction: 0.9 })] }),
      'en',
    );
    expect(attentionLine(mrkdwnTexts(main))).toBe(
      '*Needs attention* _(valid reception under 80.0% or satisfaction under 80.0%, each on 5+ chats, biggest impact (chats × gap) first)_: nobody',
    );
    expect(thread).toEqual([]);
  });

  it('keeps five agents needing attention in the message without a thread', () => {
    const { main, thread } = digestMessage(digestData({ agents: worstTeam(5) }), 'en');
    const line = attentionLine(mrkdwnTexts(main));
    expect(line.match(/: \d+ chats handled,/g)).toHaveLength(5);
    expect(line).not.toContain('more in the thread');
    expect(thread).toEqual([]);
  });

  it.each([
    { case: 'no week at all', week: null },
    {
      case: 'a week without any chats figure',
      week: { days: WEEK_DAYS, chats: WEEK_DAYS.map(() => null), validReception: WEEK_DAYS.map(() => 0.5) },
    },
  ])('has no chart with $case', ({ week }) => {
    expect(digestMessage(digestData({ week }), 'en').main.chart).toBeUndefined();
  });

  it('draws the chart when a single day of the week has a value', () => {
    const chats = WEEK_DAYS.map((_, i) => (i === 6 ? 42 : null));
    const { main } = digestMessage(
      digestData({ week: { days: WEEK_DAYS, chats, validReception: WEEK_DAYS.map(() => null) } }),
      'en',
    );
    expect(main.chart?.spec.series[0]?.values).toEqual([null, null, null, null, null, null, 42]);
    expect(main.chart?.position).toBe(main.blocks.length);
  });
});

describe('digestFailureMessage', () => {
  it('escapes the digest name and the reason, and says how to post it by hand', () => {
    const notice = digestFailureMessage('a<b', 'Sobot said <error> & gave up', 'Next try at 10:00', 'en');
    expect(blockKitProblems(notice)).toEqual([]);
    expect(mrkdwnTexts(notice)).toEqual([
      '⚠️ Digest *a&lt;b* could not be built: Sobot said &lt;error&gt; &amp; gave up',
      'Next try at 10:00 · `/sobot digest now a&lt;b` posts it once Sobot answers.',
    ]);
    expect(notice.text).toBe('⚠️ Digest a&lt;b could not be built: Sobot said &lt;error&gt; &amp; gave up');
    expect(notice.visibility).toBe('in_channel');
  });

  it('leaves out what happens next when nothing is scheduled', () => {
    const notice = digestFailureMessage('morning', 'Sobot is down', null, 'en');
    expect(contextTexts(notice)).toEqual(['`/sobot digest now morning` posts it once Sobot answers.']);
  });
});

describe('digest headline under a filter Sobot cannot apply to a KPI', () => {
  it('marks satisfaction under a bot filter as company-wide', () => {
    const post = digestMessage(
      digestData({
        filters: 'Bot: Helper',
        scope: { robotIds: ['1'] },
        overview: { current: { chats: 120, satisfaction: 0.9 }, previous: { chats: 100, satisfaction: 0.8 } },
      }),
      'en',
    );
    expect(JSON.stringify(post.main.blocks)).toContain('*Satisfaction (company-wide)*');
    expect(post.main.text).toContain('Satisfaction (company-wide) 90.0%');
  });
});
