// Specs for who the digest says needs attention: relative to the team by default, floors when
// the config sets them, enough chats behind each figure, biggest impact first.

import { describe, expect, it } from 'vitest';
import { agentsNeedingAttention, attentionRuleText } from '../../reports/attention.ts';
import { DEFAULT_ATTENTION } from '../../src/config-file.ts';
import type { AgentKpis, AgentRow } from '../../src/stats/model.ts';
import { NO_COUNTS } from '../support/agent-counts.ts';

const NO_KPIS: AgentKpis = {
  chats: null,
  valid_reception_rate: null,
  avg_first_response: null,
  fcr_24h: null,
  satisfaction: null,
  response_warn_rate: null,
};

function agent(name: string, kpis: Partial<AgentKpis>, rated?: number): AgentRow {
  const counts =
    rated === undefined
      ? NO_COUNTS
      : {
          ...NO_COUNTS,
          ratings: {
            ...NO_COUNTS.ratings,
            five_star: { count: null, rate: kpis.satisfaction ?? null, base: rated },
          },
        };
  return { agentId: `id-${name}`, name, email: null, groups: [], kpis: { ...NO_KPIS, ...kpis }, counts };
}

/** The team: valid reception 77.4%, satisfied 59.6% (the demo's figures for Wed 2 Dec 2026). */
const TEAM = { valid_reception_rate: 0.774, satisfaction: 0.596 };

describe('agentsNeedingAttention, relative to the team (the default)', () => {
  const names = (rows: AgentRow[], rule = DEFAULT_ATTENTION) =>
    agentsNeedingAttention(rows, rule, TEAM, 'five_star').map((flag) => flag.row.name);

  it.each([
    {
      case: '10.1 pts below on valid reception',
      kpis: { chats: 30, valid_reception_rate: 0.673 },
      needs: true,
    },
    { case: 'exactly 10 pts below', kpis: { chats: 30, valid_reception_rate: 0.674 }, needs: false },
    { case: 'below the team, but by less', kpis: { chats: 30, valid_reception_rate: 0.7 }, needs: false },
    // Under an "80% floor" (the old default) but above the team: not flagged.
    { case: 'under 80% and above the team', kpis: { chats: 30, satisfaction: 0.62 }, needs: false },
    { case: 'far below with too few chats', kpis: { chats: 9, valid_reception_rate: 0.1 }, needs: false },
    { case: 'far below with exactly min chats', kpis: { chats: 10, valid_reception_rate: 0.1 }, needs: true },
    { case: 'chats unknown', kpis: { chats: null, valid_reception_rate: 0.1 }, needs: false },
    { case: 'both rates unknown', kpis: { chats: 50 }, needs: false },
  ])('$case → $needs', ({ kpis, needs }) => {
    expect(names([agent('Li', kpis)])).toEqual(needs ? ['Li'] : []);
  });

  it('judges satisfaction only on enough rated chats: 0% of 3 ratings is not a finding', () => {
    const rows = [
      agent('Few ratings', { chats: 40, satisfaction: 0, valid_reception_rate: 0.8 }, 3),
      agent('Many ratings', { chats: 40, satisfaction: 0.3, valid_reception_rate: 0.8 }, 12),
    ];
    expect(names(rows)).toEqual(['Many ratings']);
  });

  it('sorts by impact, chats × gap: a busy agent a little below before a quiet one far below', () => {
    const rows = [
      // 20 × (77.4 − 40.0) = 748 point-chats.
      agent('Quiet, far below', { chats: 20, valid_reception_rate: 0.4 }),
      // 90 × (77.4 − 62.0) = 1,386.
      agent('Busy, a little below', { chats: 90, valid_reception_rate: 0.62 }),
      // 30 × (59.6 − 20.0) = 1,188 on satisfaction (12 ratings).
      agent('Unhappy customers', { chats: 30, satisfaction: 0.2 }, 12),
      agent('Fine', { chats: 90, valid_reception_rate: 0.9, satisfaction: 0.9 }, 30),
    ];
    const flags = agentsNeedingAttention(rows, DEFAULT_ATTENTION, TEAM, 'five_star');
    expect(flags.map((f) => [f.row.name, f.kpi, Math.round(f.impact * 100)])).toEqual([
      ['Busy, a little below', 'valid_reception_rate', 1386],
      ['Unhappy customers', 'satisfaction', 1188],
      ['Quiet, far below', 'valid_reception_rate', 748],
    ]);
  });

  it('takes the KPI with the bigger impact when an agent is below on both', () => {
    const [flag] = agentsNeedingAttention(
      [agent('Both', { chats: 50, valid_reception_rate: 0.6, satisfaction: 0.2 }, 20)],
      DEFAULT_ATTENTION,
      TEAM,
      'five_star',
    );
    expect(flag?.kpi).toBe('satisfaction');
    expect(flag?.gap).toBeCloseTo(0.396, 6);
  });

  it('skips a KPI the team has no figure for', () => {
    const flags = agentsNeedingAttention(
      [agent('Li', { chats: 50, valid_reception_rate: 0.1 })],
      DEFAULT_ATTENTION,
      { valid_reception_rate: null, satisfaction: 0.6 },
      'five_star',
    );
    expect(flags).toEqual([]);
  });
});

describe('agentsNeedingAttention with floors from the config', () => {
  const floors = { ...DEFAULT_ATTENTION, validReception: 0.8, satisfaction: 0.9, minChats: 5 };

  it.each([
    { case: 'below the valid-reception floor', kpis: { chats: 10, valid_reception_rate: 0.79 }, needs: true },
    { case: 'exactly at the floor', kpis: { chats: 10, valid_reception_rate: 0.8 }, needs: false },
    { case: 'below the satisfaction floor', kpis: { chats: 10, satisfaction: 0.85 }, needs: true },
    { case: 'below the floor with too few chats', kpis: { chats: 4, satisfaction: 0.1 }, needs: false },
  ])('$case → $needs', ({ kpis, needs }) => {
    const flags = agentsNeedingAttention([agent('Li', kpis)], floors, TEAM, 'five_star');
    expect(flags.map((f) => f.row.name)).toEqual(needs ? ['Li'] : []);
  });

  it('measures the gap from the floor', () => {
    const [flag] = agentsNeedingAttention(
      [agent('Li', { chats: 10, valid_reception_rate: 0.7 })],
      floors,
      TEAM,
      'five_star',
    );
    expect(flag?.gap).toBeCloseTo(0.1, 6);
  });

  it('keeps the team rule for the KPI without a floor', () => {
    const one = { ...DEFAULT_ATTENTION, validReception: 0.95 };
    const rows = [
      agent('Under the floor', { chats: 20, valid_reception_rate: 0.9 }),
      agent('Just under the team', { chats: 20, satisfaction: 0.55 }, 20),
      agent('Far under the team', { chats: 20, satisfaction: 0.4 }, 20),
    ];
    expect(agentsNeedingAttention(rows, one, TEAM, 'five_star').map((f) => f.row.name)).toEqual([
      'Far under the team',
      'Under the floor',
    ]);
  });
});

describe('attentionRuleText', () => {
  const labels = { valid_reception_rate: 'valid reception', satisfaction: 'satisfied' };

  it('states the team rule with the team rates', () => {
    expect(attentionRuleText(DEFAULT_ATTENTION, TEAM, labels, 'en')).toBe(
      "valid reception 10+ pts below the team's 77.4% or satisfied 10+ pts below the team's 59.6%, each on 10+ chats, biggest impact (chats × gap) first",
    );
  });

  it('states a floor where one is set', () => {
    const rule = { ...DEFAULT_ATTENTION, satisfaction: 0.8, belowTeam: 0.15 };
    expect(attentionRuleText(rule, TEAM, labels, 'en')).toBe(
      "valid reception 15+ pts below the team's 77.4% or satisfied under 80.0%, each on 10+ chats, biggest impact (chats × gap) first",
    );
  });

  it('says it in Chinese', () => {
    const zh = { valid_reception_rate: '有效接待率', satisfaction: '满意率' };
    expect(attentionRuleText(DEFAULT_ATTENTION, TEAM, zh, 'zh')).toBe(
      '有效接待率比团队（77.4%）低 10 个百分点以上或满意率比团队（59.6%）低 10 个百分点以上，各项至少 10 个会话，按影响（会话量 × 差距）排序',
    );
  });
});
