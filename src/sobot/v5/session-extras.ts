// The getStat KPIs beyond the breakdown columns (sessions.ts): unanswered and no-reply shares,
// transfers, the resolved/unresolved/untagged tags and the reception, response and queue times.
// Read from the same rows, so the overview, a trend point and an alert rule cost no extra call.

import { combinedRate, sumKnown } from '../../stats/kpis.ts';
import type { KpiValues, RatePart } from '../../stats/model.ts';
import type { V5Item } from './endpoints.ts';

type ChatStats = V5Item<'chatStats'>;

/** The sum of a count over rows; unknown when a row left it out (a partial sum would look like a total). */
export function totalOf<Row>(rows: readonly Row[], pick: (row: Row) => number | null): number | null {
  const values = rows.map(pick);
  return values.includes(null) ? null : sumKnown(values);
}

/** A rate over rows: one row's own, several combined (combinedRate); unknown when a row left its count out. */
export function rateOf<Row>(rows: readonly Row[], pick: (row: Row) => RatePart): number | null {
  return rows.some((row) => pick(row).count === null) ? null : combinedRate(rows.map(pick));
}

/**
 * KPIs of one or several getStat rows: counts summed; rates Sobot's own for one row and combined for
 * several; averages Sobot's own for one row and, for several, weighted by the count each averages
 * over (the document names none; these are the counts the averages are of).
 */
export function sessionExtras(rows: readonly ChatStats[]): KpiValues {
  const total = (pick: (row: ChatStats) => number | null) => totalOf(rows, pick);
  const rate = (pick: (row: ChatStats) => RatePart) => rateOf(rows, pick);
  const average = (value: (row: ChatStats) => number | null, weight: (row: ChatStats) => number | null) => {
    const [only] = rows;
    if (rows.length === 1 && only) return value(only);
    let sum = 0;
    let weights = 0;
    for (const row of rows) {
      const v = value(row);
      const w = weight(row);
      if (v === null || w === null || w === 0) continue;
      sum += v * w;
      weights += w;
    }
    return weights === 0 ? null : sum / weights;
  };
  return {
    // doc: human_not_recep 14 of human_consult 56 = human_not_recep_rate 0.25.
    unanswered_rate: rate((r) => ({
      count: r.human_not_recep,
      rate: r.human_not_recep_rate,
      base: r.human_consult,
    })),
    // doc: human_invalid_recep 2 of 56 valid chats = human_invalid_recep_rate 0.0357.
    no_reply_rate: rate((r) => ({
      count: r.human_invalid_recep,
      rate: r.human_invalid_recep_rate,
      base: r.human_valid,
    })),
    transfers: total((r) => r.human_transfer),
    resolved_chats: total((r) => r.summary_solved),
    unresolved_chats: total((r) => r.summary_not_solved),
    untagged_chats: total((r) => r.not_mark_is_solved),
    avg_reception_duration: average(
      (r) => r.avg_human_recep_duration,
      (r) => r.human_valid,
    ),
    avg_response_time: average(
      (r) => r.avg_staff_res_total_duration,
      (r) => r.staff_res_total_count,
    ),
    avg_queue_wait: average(
      (r) => r.avg_queue_accept_duration,
      (r) => r.queue_accept,
    ),
    avg_queue_leave_time: average(
      (r) => r.avg_queue_leave_duration,
      (r) => r.queue_leave,
    ),
  };
}
