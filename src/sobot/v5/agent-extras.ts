// The per-agent figures of staffWorkStatis beyond the table's columns (AGENT_EXTRA_KPIS): 30s/60s
// first-response %, feedback %, maximum concurrent chats, answer ratio, transfers out, unanswered %,
// reception and response times, resolved/unresolved/untagged. Sort keys and CSV columns.

import { AGENT_EXTRA_KPIS, KPIS, sumKnown } from '../../stats/kpis.ts';
import type { KpiValues } from '../../stats/model.ts';
import type { V5Item } from './endpoints.ts';

type WorkloadItem = V5Item<'agentWorkload'>;

/** One staffWorkStatis row's extra figures, as Sobot gives them (doc example: comment_rate_str "25.00%" = 1 of 4). */
export function agentExtras(item: WorkloadItem): KpiValues {
  return {
    first_response_30s_rate: item.first_response_in30s_rate_str,
    first_response_60s_rate: item.first_response_in60s_rate_str,
    feedback_rate: item.comment_rate_str,
    max_concurrent: item.max_conv_num,
    answer_ratio: item.answer_than_str,
    transfers: item.roll_out,
    unanswered_rate: item.not_recep_rate_str,
    avg_reception_duration: item.avg_session_duration,
    avg_response_time: item.response_time_avg,
    resolved_chats: item.summary_solved,
    unresolved_chats: item.summary_not_solved,
    untagged_chats: item.solve_not_mark,
  };
}

/**
 * An agent listed once per group, as one: counts summed, the maximum the largest; a rate or an
 * average is unknown, since the document gives no count to weigh the rows by.
 */
export function mergedExtras(parts: readonly KpiValues[]): KpiValues {
  const merged: KpiValues = {};
  for (const id of AGENT_EXTRA_KPIS) {
    const values = parts.map((p) => p[id] ?? null);
    if (id === 'max_concurrent') {
      const known = values.filter((v): v is number => v !== null);
      merged[id] = known.length ? Math.max(...known) : null;
    } else {
      merged[id] = KPIS[id].unit === 'count' ? sumKnown(values) : null;
    }
  }
  return merged;
}
