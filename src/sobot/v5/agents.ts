// Agent workload rows (staffWorkStatis) → backend-neutral AgentRows: Sobot's own per-agent rates,
// each kept with its count and base so that team totals reproduce them, one row per agent.

import type { RatingScale } from '../../stats/kpi-ids.ts';
import { combinedRate, kpisFromCounts, rateBase, sumKnown } from '../../stats/kpis.ts';
import type { AgentCounts, AgentRow, RatePart } from '../../stats/model.ts';
import { agentExtras, mergedExtras } from './agent-extras.ts';
import type { V5Item } from './endpoints.ts';
import { numberField } from './rating-scales.ts';

type WorkloadItem = V5Item<'agentWorkload'>;

/**
 * Each scale's positive count and Sobot's share of it, and the groups its rated chats fall in
 * (doc: good 156 + middle 253 + bad 275 = the 684 star ratings; good_rate_str 22.81% = 156 / 684).
 */
const SCALE_FIELDS: Record<RatingScale, { positive: string; rate: string; rated: readonly string[] }> = {
  five_star: { positive: 'good', rate: 'good_rate_str', rated: ['good', 'middle', 'bad'] },
  nps: { positive: 'nps_good', rate: 'good_nps_rate_str', rated: ['nps_good', 'nps_middle', 'nps_bad'] },
  two_level: {
    positive: 'level2_score5',
    rate: 'level2_score5_rate_str',
    rated: ['level2_score5', 'level2_score1'],
  },
};

function scaleRatings(item: WorkloadItem, scale: RatingScale): RatePart {
  const fields = SCALE_FIELDS[scale];
  const rated = fields.rated.map((field) => numberField(item, field));
  return {
    count: numberField(item, fields.positive),
    rate: numberField(item, fields.rate),
    base: rated.includes(null) ? null : sumKnown(rated),
  };
}

export function agentCounts(item: WorkloadItem): AgentCounts {
  return {
    chats: item.human_consult,
    validChats: item.human_valid,
    // The doc's example gives 16.67% for 1 valid reception of 6 valid (inquiry) chats, 9 chats in all.
    validReception: {
      count: item.human_valid_recep,
      rate: item.valid_recep_rate_str,
      base: item.human_valid ?? item.human_visitor_consult,
    },
    // 2 of the 6 chats the agent received last: 33.33% in the doc's example.
    fcr24h: {
      count: item.quiet_after_session_count,
      rate: item.quiet_after_session_rate_str,
      base: item.last_staff_consult,
    },
    responseWarnings: {
      count: item.human_res_warn_count,
      rate: item.human_res_warn_rate_str,
      base: item.response_counts,
    },
    ratings: {
      five_star: scaleRatings(item, 'five_star'),
      nps: scaleRatings(item, 'nps'),
      two_level: scaleRatings(item, 'two_level'),
    },
    avgFirstResponseMs: item.avg_first_response_time,
    transfersIn: item.roll_in,
    transfersOut: item.roll_out,
  };
}

/** One agent's row; `scale` is the company's rating scale, so every row's satisfaction is on it. */
export function toAgentRow(item: WorkloadItem, scale: RatingScale | null): AgentRow {
  const counts = agentCounts(item);
  return {
    // staff_id is in every reply seen but not in the field table: fall back to what identifies
    // an agent next, so two agents are never merged into one.
    agentId: item.staff_id || item.service_email || item.service_nick,
    name: item.service_nick || item.service_email || item.staff_id,
    email: item.service_email || null,
    groups: item.group_name ? item.group_name.split(',').map((g) => g.trim()) : [],
    counts,
    // One row: Sobot's own rates (combinedRate of one part is its rate), computed where it left them out.
    kpis: { ...kpisFromCounts([counts], scale), ...agentExtras(item) },
  };
}

/** Parts of one rate (an agent listed once per group) as one: counts and bases summed. */
function mergedPart(parts: readonly RatePart[]): RatePart {
  return {
    count: sumKnown(parts.map((p) => p.count)),
    base: sumKnown(parts.map(rateBase)),
    rate: combinedRate(parts),
  };
}

/** An agent in several groups may come back once per group: one row per agent, counts summed. */
export function mergeByAgent(rows: AgentRow[], scale: RatingScale | null): AgentRow[] {
  const byId = new Map<string, AgentRow[]>();
  for (const row of rows) byId.set(row.agentId, [...(byId.get(row.agentId) ?? []), row]);
  return [...byId.values()].map((parts) => {
    const [first] = parts as [AgentRow, ...AgentRow[]];
    if (parts.length === 1) return first;
    const all = parts.map((p) => p.counts);
    const sum = (pick: (c: AgentCounts) => number | null) => sumKnown(all.map(pick));
    const merged = (pick: (c: AgentCounts) => RatePart) => mergedPart(all.map(pick));
    const kpis = kpisFromCounts(all, scale);
    const counts: AgentCounts = {
      chats: sum((c) => c.chats),
      validChats: sum((c) => c.validChats),
      validReception: merged((c) => c.validReception),
      fcr24h: merged((c) => c.fcr24h),
      responseWarnings: merged((c) => c.responseWarnings),
      ratings: {
        five_star: merged((c) => c.ratings.five_star),
        nps: merged((c) => c.ratings.nps),
        two_level: merged((c) => c.ratings.two_level),
      },
      // An average does not add up: keep the chat-weighted mean so team totals stay exact.
      avgFirstResponseMs: kpis.avg_first_response,
      transfersIn: sum((c) => c.transfersIn),
      transfersOut: sum((c) => c.transfersOut),
    };
    const extras = mergedExtras(parts.map((p) => p.kpis));
    return {
      ...first,
      groups: [...new Set(parts.flatMap((p) => p.groups))],
      counts,
      kpis: { ...kpis, ...extras },
    };
  });
}
