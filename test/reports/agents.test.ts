// Specs for the `/sobot agents` message: rows built by hand, checked against Slack's limits, the
// CSV read back with an independent RFC 4180 parser, and expected strings written out by hand.

import { describe, expect, it } from 'vitest';
import { type AgentsView, agentsMessage, sortAgents } from '../../reports/agents.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { AgentKpiId } from '../../src/stats/kpi-ids.ts';
import { AGENT_KPIS } from '../../src/stats/kpis.ts';
import type { AgentCounts, AgentKpis, AgentRow } from '../../src/stats/model.ts';
import type { AgentsReport } from '../../src/stats/service.ts';
import { NO_COUNTS } from '../support/agent-counts.ts';
import { parseCsv } from '../support/csv.ts';
import { blocksOf, contextTexts, headerOf, mrkdwnTexts, tableOf } from '../support/message-reading.ts';

const NO_KPIS: AgentKpis = {
  chats: null,
  valid_reception_rate: null,
  avg_first_response: null,
  fcr_24h: null,
  satisfaction: null,
  response_warn_rate: null,
};

interface RowSpec {
  name: string;
  kpis?: Partial<AgentKpis>;
  counts?: Partial<AgentCounts>;
  email?: string | null;
  groups?: string[];
}

let nextId = 1;
function agent(spec: RowSpec): AgentRow {
  nextId += 1;
  return {
    agentId: `staff-${nextId}`,
    name: spec.name,
    email: spec.email ?? null,
    groups: spec.groups ?? [],
    kpis: { ...NO_KPIS, ...spec.kpis },
    counts: { ...NO_COUNTS, ...spec.counts },
  };
}

const NAMES = [
  '王小明',
  "Seán O'Brien",
  'Tom & Jerry',
  '<!channel>',
  'Smith, "Jay"',
  '李娜, 客服一组',
  'a<b>c',
];

/** A team of `size`: agent i has 10 + i chats, and every other KPI derived from i. */
function team(size: number, nameOf: (i: number) => string = (i) => `${NAMES[i % NAMES.length]} ${i}`) {
  return Array.from({ length: size }, (_, i) =>
    agent({
      name: nameOf(i),
      email: i % 3 === 0 ? null : `agent${i}@example.com`,
      groups: i % 2 === 0 ? ['Sales', 'VIP, Gold'] : ['Support'],
      kpis: {
        chats: 10 + i,
        valid_reception_rate: i % 10 === 9 ? null : (i % 100) / 100,
        avg_first_response: (i % 50) * 1_000,
        fcr_24h: 0.5,
        satisfaction: i % 4 === 0 ? null : 0.9,
        response_warn_rate: 0.0125,
      },
    }),
  );
}

const RANGE = { from: '2026-11-21', to: '2026-11-21', timeZone: 'Asia/Shanghai' };

function report(rows: AgentRow[], totals: Partial<AgentKpis> = {}): AgentsReport {
  return {
    range: RANGE,
    filters: {},
    ratings: { scale: 'five_star', inUse: ['five_star'] },
    rows,
    totals: {
      ...NO_KPIS,
      chats: rows.reduce((n, r) => n + (r.kpis.chats ?? 0), 0),
      valid_reception_rate: 0.884,
      ...totals,
    },
  };
}

const VIEW: AgentsView = { sortBy: 'chats', order: 'desc', top: 15, lang: 'en', visibility: 'ephemeral' };

describe('agentsMessage for the largest realistic team (300 agents)', () => {
  const rows = team(300);
  const message = agentsMessage(report(rows), VIEW);

  it('fits every Slack limit', () => {
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('shows 15 agents by default and says so', () => {
    expect(tableOf(message)).toHaveLength(16);
    expect(contextTexts(message).join('\n')).toContain('Showing 15 of 300');
  });

  it('shows the busiest agents first', () => {
    // Agent i has 10 + i chats, so the busiest is agent 299 with 309 chats.
    const first = tableOf(message)[1];
    expect(first?.[0]).toBe(`${NAMES[299 % NAMES.length]} 299`);
    expect(first?.[1]).toBe('309');
  });

  it('names the attached CSV in the footer', () => {
    expect(contextTexts(message).join('\n')).toContain('agents-2026-11-21.csv');
    expect(message.files?.map((f) => f.filename)).toEqual(['agents-2026-11-21.csv']);
  });

  it('attaches a CSV that starts with a byte-order mark and has a header and 300 rows', () => {
    const csv = message.files?.[0]?.content ?? '';
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = parseCsv(csv.slice(1));
    expect(records).toHaveLength(301);
    expect(records[0]).toEqual([
      'agent',
      'email',
      'groups',
      'chats',
      'valid_reception_rate_pct',
      'avg_first_response_sec',
      'fcr_24h_pct',
      'satisfaction_pct',
      'response_warn_rate_pct',
      // The other per-agent figures: sort keys, not table columns.
      'first_response_30s_rate_pct',
      'first_response_60s_rate_pct',
      'feedback_rate_pct',
      'max_concurrent',
      'answer_ratio_pct',
      'transfers',
      'unanswered_rate_pct',
      'avg_reception_duration_sec',
      'avg_response_time_sec',
      'resolved_chats',
      'unresolved_chats',
      'untagged_chats',
    ]);
    for (const record of records) expect(record).toHaveLength(21);
  });

  it('round-trips names with commas, quotes and CJK, and the numbers, through the CSV', () => {
    // These rows have none of the other per-agent figures: blank, not 0.
    const NO_EXTRAS = Array.from({ length: 12 }, () => '');
    const records = parseCsv((message.files?.[0]?.content ?? '').slice(1)).slice(1);
    const byName = new Map(records.map((r) => [r[0], r]));
    expect(byName.size).toBe(300);
    // Agent 4 is 'Smith, "Jay" 4': 14 chats, 4% valid reception, 4 s first response, no rating.
    expect(byName.get('Smith, "Jay" 4')).toEqual([
      'Smith, "Jay" 4',
      'agent4@example.com',
      'Sales; VIP, Gold',
      '14',
      '4.00',
      '4.0',
      '50.00',
      '',
      '1.25',
      ...NO_EXTRAS,
    ]);
    expect(byName.get('李娜, 客服一组 5')).toEqual([
      '李娜, 客服一组 5',
      'agent5@example.com',
      'Support',
      '15',
      '5.00',
      '5.0',
      '50.00',
      '90.00',
      '1.25',
      ...NO_EXTRAS,
    ]);
    // Agent 9: no valid reception (blank, not 0), no email; agent 0: no satisfaction.
    expect(byName.get(`${NAMES[9 % NAMES.length]} 9`)?.slice(1, 5)).toEqual(['', 'Support', '19', '']);
    expect(byName.get('王小明 0')?.slice(0, 3)).toEqual(['王小明 0', '', 'Sales; VIP, Gold']);
    expect(byName.get('王小明 0')?.[7]).toBe('');
  });

  it('charts the top 15 agents in the table order', () => {
    const tableNames = tableOf(message)
      .slice(1)
      .map((r) => r[0]);
    expect(message.chart?.spec.labels).toEqual(tableNames);
    expect(message.chart?.spec.labels).toHaveLength(15);
    expect(message.chart?.spec.series[0]?.values).toEqual(
      tableOf(message)
        .slice(1)
        .map((r) => Number(r[1])),
    );
  });

  it('carries the team chats total in the plain-text fallback', () => {
    // 300 × 10 + (0 + … + 299) = 3,000 + 44,850.
    expect(message.text).toContain('47,850');
    // Chats handled: a transferred chat counts for each agent who handled it.
    expect(contextTexts(message).join('\n')).toContain('Chats handled 47,850');
  });
});

describe('agentsMessage with top:99', () => {
  const longName = (i: number) => `王小明 Wang Xiaoming-Hernández 客服 ${i}`;

  it('shows at most 99 agents and stays within Slack limits', () => {
    const message = agentsMessage(report(team(300, longName)), { ...VIEW, top: 99 });
    expect(blockKitProblems(message)).toEqual([]);
    const shown = tableOf(message).length - 1;
    expect(shown).toBeGreaterThan(15);
    expect(shown).toBeLessThanOrEqual(99);
    expect(contextTexts(message).join('\n')).toContain(`Showing ${shown} of 300`);
  });
});

describe('agentsMessage for a small team', () => {
  const message = agentsMessage(report(team(10)), VIEW);

  it('shows everyone, attaches no CSV', () => {
    expect(tableOf(message)).toHaveLength(11);
    expect(message.files).toBeUndefined();
    expect(contextTexts(message).join('\n')).toContain('Showing 10 of 10');
    expect(contextTexts(message).join('\n')).not.toContain('.csv');
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('agentsMessage with no agents', () => {
  const message = agentsMessage(report([]), VIEW);

  it('says there were no chats, with no table and no chart', () => {
    expect(message.text).toContain('No chats in this period');
    expect(blocksOf(message).some((b) => b.type === 'table')).toBe(false);
    expect(message.chart).toBeUndefined();
    expect(message.files).toBeUndefined();
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('sortAgents', () => {
  // Distinct values for each KPI, and two agents without any: the order is worked out per KPI.
  const values: Record<string, Partial<AgentKpis>> = {
    Ann: {
      chats: 30,
      valid_reception_rate: 0.5,
      avg_first_response: 9_000,
      fcr_24h: 0.2,
      satisfaction: 0.7,
      response_warn_rate: 0.3,
    },
    Bob: {
      chats: 10,
      valid_reception_rate: 0.9,
      avg_first_response: 3_000,
      fcr_24h: 0.6,
      satisfaction: 0.95,
      response_warn_rate: 0.01,
    },
    Cai: {
      chats: 20,
      valid_reception_rate: 0.7,
      avg_first_response: 6_000,
      fcr_24h: 0.4,
      satisfaction: 0.8,
      response_warn_rate: 0.1,
    },
    Dee: { chats: 5 },
    Eve: { chats: 1 },
  };
  const rows = Object.entries(values).map(([name, kpis]) => agent({ name, kpis }));
  // Dee and Eve lack every KPI but chats: they go last, busier first.
  const expected: Record<AgentKpiId, { desc: string[]; asc: string[] }> = {
    chats: { desc: ['Ann', 'Cai', 'Bob', 'Dee', 'Eve'], asc: ['Eve', 'Dee', 'Bob', 'Cai', 'Ann'] },
    valid_reception_rate: {
      desc: ['Bob', 'Cai', 'Ann', 'Dee', 'Eve'],
      asc: ['Ann', 'Cai', 'Bob', 'Dee', 'Eve'],
    },
    avg_first_response: {
      desc: ['Ann', 'Cai', 'Bob', 'Dee', 'Eve'],
      asc: ['Bob', 'Cai', 'Ann', 'Dee', 'Eve'],
    },
    fcr_24h: { desc: ['Bob', 'Cai', 'Ann', 'Dee', 'Eve'], asc: ['Ann', 'Cai', 'Bob', 'Dee', 'Eve'] },
    satisfaction: {
      desc: ['Bob', 'Cai', 'Ann', 'Dee', 'Eve'],
      asc: ['Ann', 'Cai', 'Bob', 'Dee', 'Eve'],
    },
    response_warn_rate: {
      desc: ['Ann', 'Cai', 'Bob', 'Dee', 'Eve'],
      asc: ['Bob', 'Cai', 'Ann', 'Dee', 'Eve'],
    },
  };

  for (const id of AGENT_KPIS) {
    for (const order of ['desc', 'asc'] as const) {
      it(`sorts by ${id} ${order}, agents without a value last`, () => {
        expect(sortAgents(rows, id, order).map((r) => r.name)).toEqual(expected[id][order]);
      });
    }
  }

  it('orders the message table the same way', () => {
    const message = agentsMessage(report(rows), { ...VIEW, sortBy: 'avg_first_response', order: 'asc' });
    expect(
      tableOf(message)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['Bob', 'Cai', 'Ann', 'Dee', 'Eve']);
    expect(tableOf(message)[1]?.[3]).toBe('3s');
    expect(contextTexts(message).join('\n')).toContain('best first');
  });

  it('does not reorder its input', () => {
    const before = rows.map((r) => r.name);
    sortAgents(rows, 'fcr_24h', 'asc');
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});

describe('agentsMessage text safety', () => {
  const rows = [
    agent({ name: '<!channel>', kpis: { chats: 99 } }),
    agent({ name: 'Tom & Jerry', kpis: { chats: 98 } }),
    agent({ name: '<@U123|boss>', kpis: { chats: 97 } }),
  ];
  const message = agentsMessage(report(rows), { ...VIEW, visibility: 'in_channel' });

  it('has no raw Slack control sequence in any mrkdwn text', () => {
    for (const text of mrkdwnTexts(message)) {
      expect(text).not.toMatch(/</);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });

  it('escapes agent names in the mrkdwn fallback text, so no one is pinged', () => {
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).not.toContain('<@U123');
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(message.text).toContain('Tom &amp; Jerry');
  });

  it('shows names literally in the table (raw_text is not parsed)', () => {
    expect(tableOf(message).map((r) => r[0])).toContain('Tom & Jerry');
  });
});

describe('agentsMessage header and language', () => {
  it('keeps the header within 150 characters', () => {
    const long = { from: '2026-09-01', to: '2026-11-29', timeZone: 'America/Argentina/ComodRivadavia' };
    for (const lang of ['en', 'zh'] as const) {
      const message = agentsMessage({ ...report(team(3)), range: long }, { ...VIEW, lang });
      expect(headerOf(message).length).toBeGreaterThan(0);
      expect(headerOf(message).length).toBeLessThanOrEqual(150);
    }
  });

  it('names the day in the header', () => {
    expect(headerOf(agentsMessage(report(team(3)), VIEW))).toBe('Agents · Sat 21 Nov 2026');
  });

  it('uses Chinese labels when lang is zh', () => {
    const message = agentsMessage(report(team(20)), { ...VIEW, lang: 'zh' });
    expect(headerOf(message)).toBe('客服 · 2026年11月21日 周六');
    expect(tableOf(message)[0]).toEqual([
      '客服',
      '接待',
      '有效接待',
      '首响',
      '一次解决（会话）',
      '好评',
      '预警',
    ]);
    expect(contextTexts(message).join('\n')).toContain('显示 15 / 20 位客服');
    expect(message.chart?.spec.series[0]?.label).toBe('接待会话量');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('says "No chats" in Chinese too', () => {
    const message = agentsMessage(report([]), { ...VIEW, lang: 'zh' });
    expect(message.text).toContain('这段时间没有人工会话');
  });

  it('keeps the visibility it was asked for', () => {
    expect(agentsMessage(report(team(2)), { ...VIEW, visibility: 'in_channel' }).visibility).toBe(
      'in_channel',
    );
  });
});

describe("agentsMessage labels: what the agents' figures are", () => {
  const rows = team(3);

  it('says chats handled, FCR of chats, and satisfaction as Sobot labels it on the scale', () => {
    const message = agentsMessage(report(rows, { fcr_24h: 0.5, satisfaction: 0.75 }), VIEW);
    const context = contextTexts(message).join('\n');
    expect(context).toContain('Chats handled 33');
    expect(context).toContain('24h FCR (of chats) 50.0%');
    expect(context).toContain('Positive feedback (5★) 75.0%');
    expect(tableOf(message)[0]).toEqual([
      'Agent',
      'Handled',
      'Valid rec.',
      '1st reply',
      'FCR (chats)',
      'Positive',
      'Warnings',
    ]);
  });

  it('says when ratings came on several scales, and which one the figures are on', () => {
    const message = agentsMessage(
      { ...report(rows), ratings: { scale: 'two_level', inUse: ['five_star', 'two_level'] } },
      VIEW,
    );
    const context = contextTexts(message).join('\n');
    expect(context).toContain('Satisfaction rate');
    expect(context).toContain(
      'Ratings on several scales: satisfaction is on Satisfied / dissatisfied (most ratings), not pooled with 5 stars',
    );
  });
});
