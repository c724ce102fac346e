// Agent workload rows (staffWorkStatis) → backend-neutral AgentRows: Sobot's own per-agent rates
// where it gives them, counts for exact team totals, one row per agent.

import { kpisFromCounts, sumKnown } from '../../stats/kpis.ts';
import type { AgentCounts, AgentRow } from '../../stats/model.ts';
import type { V5Item } from './endpoints.ts';

type WorkloadItem = V5Item<'agentWorkload'>;

const sumOrNull = (...values: (number | null)[]) => sumKnown(values);

/** Satisfied and rated chats over whichever rating scheme(s) the company uses. */
function ratings(item: WorkloadItem): { rated: number | null; satisfied: number | null } {
  return {
    satisfied: sumOrNull(item.good, item.nps_good, item.level2_score5),
    rated: sumOrNull(
      item.good,
      item.middle,
      item.bad,
      item.nps_good,
      item.nps_middle,
      item.nps_bad,
      item.level2_score5,
      item.level2_score1,
    ),
  };
}

export function toAgentRow(item: WorkloadItem): AgentRow {
  const { rated, satisfied } = ratings(item);
  const counts: AgentCounts = {
    chats: item.human_consult,
    validChats: item.human_valid,
    inquiryChats: item.human_visitor_consult,
    validReceptions: item.human_valid_recep,
    lastReceptionChats: item.last_staff_consult,
    fcr24hChats: item.quiet_after_session_count,
    responseRounds: item.response_counts,
    responseWarnings: item.human_res_warn_count,
    ratedChats: rated,
    satisfiedChats: satisfied,
    avgFirstResponseMs: item.avg_first_response_time,
    transfersIn: item.roll_in,
    transfersOut: item.roll_out,
  };
  const computed = kpisFromCounts([counts]);
  return {
    // staff_id is in every reply seen but not in the field table: fall back to what identifies
    // an agent next, so two agents are never merged into one.
    agentId: item.staff_id || item.service_email || item.service_nick,
    name: item.service_nick || item.service_email || item.staff_id,
    email: item.service_email || null,
    groups: item.group_name ? item.group_name.split(',').map((g) => g.trim()) : [],
    counts,
    // Sobot's own per-agent rates where it gives them; computed from the counts otherwise.
    kpis: {
      chats: item.human_consult,
      valid_reception_rate: item.valid_recep_rate_str ?? computed.valid_reception_rate,
      avg_first_response: item.avg_first_response_time,
      fcr_24h: item.quiet_after_session_rate_str ?? computed.fcr_24h,
      satisfaction: rated === 0 ? null : computed.satisfaction,
      response_warn_rate: item.human_res_warn_rate_str ?? computed.response_warn_rate,
    },
  };
}

/** An agent in several groups may come back once per group: one row per agent, counts summed. */
export function mergeByAgent(rows: AgentRow[]): AgentRow[] {
  const byId = new Map<string, AgentRow[]>();
  for (const row of rows) byId.set(row.agentId, [...(byId.get(row.agentId) ?? []), row]);
  return [...byId.values()].map((parts) => {
    const [first] = parts as [AgentRow, ...AgentRow[]];
    if (parts.length === 1) return first;
    const counts = Object.fromEntries(
      (Object.keys(first.counts) as (keyof AgentCounts)[]).map((k) => [
        k,
        sumOrNull(...parts.map((p) => p.counts[k])),
      ]),
    ) as unknown as AgentCounts;
    const kpis = kpisFromCounts(parts.map((p) => p.counts));
    // An average does not add up: keep the chat-weighted mean so team totals stay exact.
    counts.avgFirstResponseMs = kpis.avg_first_response;
    return { ...first, groups: [...new Set(parts.flatMap((p) => p.groups))], counts, kpis };
  });
}
