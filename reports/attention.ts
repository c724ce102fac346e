// Who the digest says needs attention: agents clearly worse than the team on valid reception or
// satisfaction (or under a floor the config sets) whose figure rests on enough chats to matter,
// biggest impact (chats × gap) first. Pure.

import type { AttentionRule } from '../src/config-file.ts';
import { t } from '../src/i18n/catalogue.ts';
import type { RatingScale } from '../src/stats/kpi-ids.ts';
import { rateBase } from '../src/stats/kpis.ts';
import type { AgentKpis, AgentRow } from '../src/stats/model.ts';
import { formatCount, formatRatio, type Lang } from './format.ts';

/** The KPIs an agent can need attention for, in the order the rule names them. */
export const ATTENTION_KPIS = ['valid_reception_rate', 'satisfaction'] as const;
export type AttentionKpi = (typeof ATTENTION_KPIS)[number];

/** The team's own rates, which a relative rule compares with. */
export type TeamRates = Pick<AgentKpis, AttentionKpi>;

export interface AttentionFlag {
  row: AgentRow;
  /** The KPI with the largest impact for this agent. */
  kpi: AttentionKpi;
  /** How far below the team's rate (relative rule) or the floor (a floor set) the agent is. */
  gap: number;
  /** chats × gap: a big team member a little below counts as much as a small one far below. */
  impact: number;
}

/** The rate an agent must reach on `kpi`: the floor when set, else the team's rate less the gap; null when unknown. */
function barOf(kpi: AttentionKpi, rule: AttentionRule, team: TeamRates): number | null {
  const floor = kpi === 'valid_reception_rate' ? rule.validReception : rule.satisfaction;
  if (floor !== null) return floor;
  const teamRate = team[kpi];
  return teamRate === null ? null : teamRate - rule.belowTeam;
}

/** What the gap is measured from: the floor when set, else the team's rate. */
function referenceOf(kpi: AttentionKpi, rule: AttentionRule, team: TeamRates): number | null {
  const floor = kpi === 'valid_reception_rate' ? rule.validReception : rule.satisfaction;
  return floor ?? team[kpi];
}

/**
 * The chats an agent's rate rests on: valid chats for valid reception, chats rated on the team's
 * scale for satisfaction (three ratings, one bad, are not "33% satisfied" in any useful sense).
 * The agent's chats when Sobot did not give that count.
 */
function baseOf(row: AgentRow, kpi: AttentionKpi, scale: RatingScale | null | undefined): number | null {
  const base =
    kpi === 'valid_reception_rate'
      ? (row.counts.validChats ?? rateBase(row.counts.validReception))
      : scale
        ? rateBase(row.counts.ratings[scale])
        : null;
  return base ?? row.kpis.chats;
}

export function agentsNeedingAttention(
  rows: readonly AgentRow[],
  rule: AttentionRule,
  team: TeamRates,
  scale?: RatingScale | null,
): AttentionFlag[] {
  const flags: AttentionFlag[] = [];
  for (const row of rows) {
    const chats = row.kpis.chats;
    if (chats === null || chats < rule.minChats) continue;
    let worst: AttentionFlag | null = null;
    for (const kpi of ATTENTION_KPIS) {
      const base = baseOf(row, kpi, scale);
      if (base === null || base < rule.minChats) continue;
      const value = row.kpis[kpi];
      const bar = barOf(kpi, rule, team);
      const reference = referenceOf(kpi, rule, team);
      if (value === null || bar === null || reference === null || !(value < bar)) continue;
      const gap = reference - value;
      if (!worst || chats * gap > worst.impact) worst = { row, kpi, gap, impact: chats * gap };
    }
    if (worst) flags.push(worst);
  }
  // Ties by name, so the order never depends on Sobot's row order.
  return flags.sort((a, b) => b.impact - a.impact || a.row.name.localeCompare(b.row.name));
}

const pointsOf = (fraction: number) => (fraction * 100).toFixed(1).replace(/\.0$/, '');

/**
 * "valid reception 10+ pts below the team's 77.4% or positive feedback (5★) under 80.0%, 10+ chats, …".
 * `labels` are the KPIs' names as the digest shows them (lower case in English).
 */
export function attentionRuleText(
  rule: AttentionRule,
  team: TeamRates,
  labels: Record<AttentionKpi, string>,
  lang: Lang,
): string {
  const conditions = ATTENTION_KPIS.flatMap((kpi) => {
    const floor = kpi === 'valid_reception_rate' ? rule.validReception : rule.satisfaction;
    if (floor !== null) return [t(lang, 'attention.under', { kpi: labels[kpi], floor: formatRatio(floor) })];
    const teamRate = team[kpi];
    if (teamRate === null) return [];
    const points = pointsOf(rule.belowTeam);
    return [t(lang, 'attention.belowTeam', { kpi: labels[kpi], points, team: formatRatio(teamRate) })];
  });
  const joined = conditions.reduce((a, b) => t(lang, 'attention.or', { a, b }));
  return t(lang, 'attention.rule', { conditions: joined, chats: formatCount(rule.minChats) });
}

/** "15.9 pts below": how far an agent is from the team's rate or the floor. */
export const gapText = (flag: AttentionFlag, lang: Lang): string =>
  t(lang, 'attention.gap', { points: (flag.gap * 100).toFixed(1) });
