// Specs for the `/sobot overview` card: a hand-made report of one week against the week before,
// checked against Slack's limits, with every value and change text written out by hand.

import { describe, expect, it } from 'vitest';
import { OVERVIEW_KPIS, type OverviewView, overviewMessage } from '../../reports/overview.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import type { KpiValues } from '../../src/stats/model.ts';
import type { OverviewReport } from '../../src/stats/service.ts';
import { blocksOf, contextTexts, headerOf } from '../support/message-reading.ts';

const WEEK = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };
const WEEK_BEFORE = { from: '2026-11-09', to: '2026-11-15', timeZone: 'Asia/Shanghai' };

const CURRENT: KpiValues = {
  chats: 1_200,
  bot_chats: 800,
  valid_reception_rate: 0.884,
  fcr_24h: 0.71,
  satisfaction: 0.9,
  avg_first_response: 18_000,
  response_warn_rate: 0.05,
  queue_leave_rate: 0.1,
  bot_self_service_rate: 0.6,
};

const PREVIOUS: KpiValues = {
  chats: 1_000,
  bot_chats: 800,
  valid_reception_rate: 0.872,
  fcr_24h: 0.75,
  satisfaction: null,
  avg_first_response: 20_000,
  response_warn_rate: 0.03,
  queue_leave_rate: 0.1,
  bot_self_service_rate: 0.55,
};

function report(
  current: KpiValues = CURRENT,
  previous: KpiValues = PREVIOUS,
  ratings: OverviewReport['ratings'] | null = { scale: 'five_star', inUse: ['five_star'] },
): OverviewReport {
  return {
    range: WEEK,
    previousRange: WEEK_BEFORE,
    filters: {},
    current,
    previous,
    ...(ratings ? { ratings } : {}),
  };
}

const VIEW: OverviewView = { lang: 'en', visibility: 'ephemeral', filters: null };

const fieldsOf = (m: BotMessage) =>
  blocksOf(m)
    .flatMap((b) => b.fields ?? [])
    .map((f) => f.text);

/** Label, value and change of each KPI, worked by hand from CURRENT and PREVIOUS. */
const EXPECTED_EN: [label: string, value: string, change: string][] = [
  ['Chats', '1,200', '▲ 20.0% better'],
  ['Bot chats', '800', 'unchanged'],
  ['Valid reception', '88.4%', '▲ 1.2 pts better'],
  ['24h FCR (of customers)', '71.0%', '▼ 4.0 pts worse'],
  ['Positive feedback (5★)', '90.0%', 'no comparison'],
  ['Avg. first response', '18s', '▼ 10.0% better'],
  ['Reply warnings', '5.0%', '▲ 2.0 pts worse'],
  ['Queue leave', '10.0%', 'unchanged'],
  ['Bot self-service', '60.0%', '▲ 5.0 pts better'],
];

describe('overviewMessage', () => {
  const message = overviewMessage(report(), VIEW);

  it('shows every KPI with its value and change, in reading order', () => {
    const fields = fieldsOf(message);
    expect(fields).toHaveLength(EXPECTED_EN.length);
    EXPECTED_EN.forEach(([label, value, change], i) => {
      expect(fields[i]).toContain(`*${label}*`);
      expect(fields[i]).toContain(value);
      expect(fields[i]).toContain(change);
    });
  });

  it('has a field per KPI of the report, in the order of OVERVIEW_KPIS, within Slack limits', () => {
    expect(fieldsOf(message)).toHaveLength(Object.keys(CURRENT).length);
    expect(OVERVIEW_KPIS.slice(0, 9)).toEqual(Object.keys(CURRENT));
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('names the week in the header and the week compared with', () => {
    expect(headerOf(message)).toBe('Overview · Mon 16 – Sun 22 Nov 2026');
    expect(contextTexts(message).join('\n')).toContain('compared with Mon 9 – Sun 15 Nov 2026');
    expect(contextTexts(message).join('\n')).toContain('Asia/Shanghai');
  });

  it('carries the values in the plain-text fallback', () => {
    expect(message.text).toContain('Chats 1,200');
    expect(message.text).toContain('Valid reception 88.4%');
  });

  it('shows "–" and no comparison for a KPI Sobot did not give', () => {
    const fields = fieldsOf(overviewMessage(report({ ...CURRENT, fcr_24h: null }), VIEW));
    expect(fields[3]).toContain('*24h FCR (of customers)*');
    expect(fields[3]).toContain('–');
    expect(fields[3]).toContain('no comparison');
  });

  it('keeps the visibility it was asked for', () => {
    expect(overviewMessage(report(), { ...VIEW, visibility: 'in_channel' }).visibility).toBe('in_channel');
  });
});

describe('overviewMessage chart', () => {
  const message = overviewMessage(report(), VIEW);
  const spec = message.chart?.spec;

  it('compares the rate KPIs of both periods, the period before first, by their full names', () => {
    expect(spec?.labels).toEqual([
      'Valid reception',
      '24h FCR (of customers)',
      'Positive feedback (5★)',
      'Reply warnings',
      'Queue leave',
      'Bot self-service',
    ]);
    // What and when: the axis says "%", not the two periods' names.
    expect(spec?.title).toBe('Rates, this period and the one before');
    expect(spec?.subtitle).toBe('Mon 16 – Sun 22 Nov 2026 · compared with Mon 9 – Sun 15 Nov 2026');
    expect(spec?.axisTitles).toEqual({ left: '%' });
    expect(spec?.series).toHaveLength(2);
    expect(spec?.series[0]?.label).toBe('Mon 9 – Sun 15 Nov 2026');
    expect(spec?.series[0]?.values).toEqual([0.872, 0.75, null, 0.03, 0.1, 0.55]);
    expect(spec?.series[1]?.label).toBe('Mon 16 – Sun 22 Nov 2026');
    expect(spec?.series[1]?.values).toEqual([0.884, 0.71, 0.9, 0.05, 0.1, 0.6]);
    for (const series of spec?.series ?? []) expect(series.unit).toBe('ratio');
  });

  it('goes after the KPI fields', () => {
    const position = message.chart?.position ?? 0;
    expect(blocksOf(message)[position - 1]?.fields).toBeDefined();
    expect(message.chart?.altText.length).toBeGreaterThan(0);
  });
});

describe('overviewMessage with filters', () => {
  it('states the filters, escaped for mrkdwn', () => {
    const message = overviewMessage(report(), { ...VIEW, filters: 'Skill group: R&D <East> · Channel: APP' });
    const context = contextTexts(message).join('\n');
    expect(context).toContain('Skill group: R&amp;D &lt;East&gt; · Channel: APP');
    expect(context).not.toContain('<East>');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('does not let a filter name ping anyone from the fallback text', () => {
    const message = overviewMessage(report(), { ...VIEW, filters: 'Skill group: <!channel>' });
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).toContain('&lt;!channel&gt;');
  });

  it('states the filters when there were no chats too', () => {
    const none = { chats: 0, bot_chats: 0 };
    const message = overviewMessage(report(none, PREVIOUS), { ...VIEW, filters: 'Skill group: Sales' });
    expect(JSON.stringify(message.blocks)).toContain('Skill group: Sales');
  });
});

describe('overviewMessage with no chats', () => {
  it.each([
    ['zero', { chats: 0, bot_chats: 0 }],
    ['zero and no bot figures on this API', { chats: 0 }],
  ])('says so, with no fields and no chart, when chats are %s', (_what, current) => {
    const message = overviewMessage(report(current, PREVIOUS), VIEW);
    expect(message.text).toContain('No chats in this period');
    expect(fieldsOf(message)).toEqual([]);
    expect(message.chart).toBeUndefined();
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('does not call an unknown chat count "no chats": it shows "–"', () => {
    const message = overviewMessage(report({ ...CURRENT, chats: null }, PREVIOUS), VIEW);
    expect(message.text).not.toContain('No chats');
    expect(fieldsOf(message)[0]).toContain('*Chats*\n–');
  });

  it('shows a zero rate as 0.0%, not "–"', () => {
    const message = overviewMessage(report({ ...CURRENT, queue_leave_rate: 0 }, PREVIOUS), VIEW);
    expect(fieldsOf(message)[7]).toContain('*Queue leave*\n0.0%');
  });

  it('still shows the card when only the bot had chats', () => {
    const message = overviewMessage(report({ ...CURRENT, chats: 0, bot_chats: 40 }), VIEW);
    expect(fieldsOf(message)).toHaveLength(9);
    expect(message.chart).toBeDefined();
  });

  it('says so in Chinese', () => {
    const message = overviewMessage(report({ chats: 0, bot_chats: 0 }), { ...VIEW, lang: 'zh' });
    expect(message.text).toContain('这段时间没有会话');
    expect(message.chart).toBeUndefined();
  });
});

describe('overviewMessage of a backend that gives other KPIs (the legacy API)', () => {
  // Company-wide legacy figures: no FCR, first response, warnings or queue leave at all (absent),
  // an answer ratio Sobot did not give this time (null).
  const LEGACY_NOW: KpiValues = {
    chats: 400,
    valid_chats: 360,
    valid_reception_rate: 0.8,
    unanswered_rate: 0.1,
    transfers: 12,
    avg_reception_duration: 408_000,
    bot_chats: 300,
    bot_self_service_rate: 0.45,
    bot_transfer_rate: 0.4,
    satisfaction: 0.6,
    messages: 9_000,
    customer_messages: 5_000,
    agent_messages: 4_000,
    answer_ratio: null,
  };
  const LEGACY_BEFORE: KpiValues = { ...LEGACY_NOW, chats: 500, unanswered_rate: 0.12, transfers: 12 };
  // The legacy API rates on five stars only.
  const message = overviewMessage(report(LEGACY_NOW, LEGACY_BEFORE), VIEW);
  const fields = fieldsOf(message);
  const labelOf = (field: string) => /^\*(.+?)\*/.exec(field)?.[1];

  it('leaves out the KPIs the backend does not give, and keeps the order of OVERVIEW_KPIS', () => {
    expect(fields.map(labelOf)).toEqual([
      'Chats',
      'Bot chats',
      'Valid reception',
      'Positive feedback (5★)',
      'Bot self-service',
      'Unanswered',
      'Transfers',
      'Avg. reception time',
      'Bot to agents',
      'Chat messages',
      'Customer messages',
      'Agent messages',
      'Answer ratio',
    ]);
    expect(JSON.stringify(message.blocks)).not.toContain('24h FCR');
  });

  it('puts the headline, the handling and the messages in a section each', () => {
    expect(blocksOf(message).flatMap((b) => (b.fields ? [b.fields.length] : []))).toEqual([6, 3, 4]);
  });

  it('formats them by unit, with their change and direction', () => {
    expect(fields[0]).toContain('400');
    expect(fields[0]).toContain('▼ 20.0% worse');
    expect(fields[5]).toContain('10.0%');
    expect(fields[5]).toContain('▼ 2.0 pts better');
    expect(fields[6]).toContain('12');
    expect(fields[6]).toContain('unchanged');
    // 408 s = 6 min 48 s.
    expect(fields[7]).toContain('6m 48s');
    expect(fields[9]).toContain('*Chat messages*\n9,000');
    expect(fields[12]).toContain('*Answer ratio*\n–');
  });

  it('compares the rates it shows in the chart, and fits Slack', () => {
    expect(message.chart?.spec.labels).toEqual([
      'Valid reception',
      'Positive feedback (5★)',
      'Bot self-service',
      'Unanswered',
      'Bot to agents',
      'Answer ratio',
    ]);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('shows every KPI the report has, ten to a section (Slack’s limit), within Block Kit limits', () => {
    const everything = Object.fromEntries(OVERVIEW_KPIS.map((id) => [id, 0.5])) as KpiValues;
    const message = overviewMessage(report(everything, everything), VIEW);
    expect(fieldsOf(message)).toHaveLength(OVERVIEW_KPIS.length);
    const sections = blocksOf(message).filter((b) => b.fields);
    // 24 KPIs: the headline 10, the handling 10, the messages 4.
    expect(sections.map((b) => b.fields?.length)).toEqual([10, 10, 4]);
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('overviewMessage satisfaction, as Sobot labels it on the company scale', () => {
  it('says "Satisfaction rate" on the two-level scale', () => {
    const message = overviewMessage(
      report(CURRENT, PREVIOUS, { scale: 'two_level', inUse: ['two_level'] }),
      VIEW,
    );
    expect(fieldsOf(message)[4]).toContain('*Satisfaction rate*\n90.0%');
    expect(contextTexts(message).join('\n')).not.toContain('several scales');
  });

  it('says in the context line when chats were rated on several scales', () => {
    const message = overviewMessage(
      report(CURRENT, PREVIOUS, { scale: 'five_star', inUse: ['five_star', 'nps'] }),
      VIEW,
    );
    expect(contextTexts(message).join('\n')).toContain(
      'Ratings on several scales: satisfaction is on 5 stars (most ratings), not pooled with 0–10 score',
    );
    expect(fieldsOf(message)[4]).toContain('*Positive feedback (5★)*\n90.0%');
  });
});

describe('overviewMessage in Chinese', () => {
  const message = overviewMessage(report(), { ...VIEW, lang: 'zh' });

  it('uses Chinese labels and verdicts', () => {
    const fields = fieldsOf(message);
    expect(fields[0]).toContain('*人工会话量*');
    expect(fields[0]).toContain('▲ 20.0%（改善）');
    expect(fields[1]).toContain('持平');
    expect(fields[2]).toContain('*有效接待率*');
    expect(fields[3]).toContain('*24小时一次性解决率（按客户）*');
    expect(fields[4]).toContain('*好评率（五星）*');
    expect(fields[3]).toContain('▼ 4.0 个百分点（变差）');
    expect(fields[4]).toContain('无可比数据');
    expect(fields[5]).toContain('*平均首次响应时长*');
    expect(fields[6]).toContain('*响应预警率*');
    expect(fields[7]).toContain('*排队放弃率*');
    expect(fields[8]).toContain('*机器人独立接待率*');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('names both periods in Chinese', () => {
    expect(headerOf(message)).toBe('概览 · 2026年11月16日 – 11月22日');
    expect(contextTexts(message).join('\n')).toContain('对比 2026年11月9日 – 11月15日');
    expect(message.chart?.spec.labels[0]).toBe('有效接待率');
  });
});

describe('overviewMessage under filters Sobot cannot apply to every KPI', () => {
  const labels = (m: BotMessage) => fieldsOf(m).map((text) => text.split('\n')[0]);

  it('marks the bot figures company-wide on their own line under a skill group filter', () => {
    const message = overviewMessage({ ...report(), filters: { groupIds: ['g1'] } }, VIEW);
    expect(labels(message)).toContain('*Bot chats (company-wide)*');
    expect(labels(message)).toContain('*Bot self-service (company-wide)*');
    expect(labels(message)).toContain('*Chats*');
    expect(message.text).toContain('Bot chats (company-wide) 800');
  });

  it('marks satisfaction under a bot filter, and the bot figures not', () => {
    const message = overviewMessage({ ...report(), filters: { robotIds: ['1'] } }, { ...VIEW, lang: 'zh' });
    expect(labels(message)).toContain('*好评率（五星）（全公司）*');
    expect(labels(message)).toContain('*机器人会话量*');
  });
});
