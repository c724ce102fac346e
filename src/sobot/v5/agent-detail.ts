// One agent's card: staffWorkStatis (workload, response times, ratings) and getWorkLogList (work
// status) for one agent id, asked in parallel and read into the backend-neutral AgentDetail.

import type { AgentDetail, RatingBucket, WorkStatus } from '../../stats/cards.ts';
import { RATING_SCALE_ORDER, ratingUseOf, ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { DateRange, Priority } from '../../stats/model.ts';
import { agentCounts, mergeByAgent, toAgentRow } from './agents.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import type { V5Item } from './endpoints.ts';
import { numberField, RATING_SCALES } from './rating-scales.ts';

type WorkloadItem = V5Item<'agentWorkload'>;
type WorkLogItem = V5Item<'workLog'>;

/** staffWorkStatis `search_way` 1: rows by department (one per agent when filtered by agent). */
const BY_DEPARTMENT = '1';

export async function fetchAgentDetail(
  client: SobotV5Client,
  range: DateRange,
  agentId: string,
  priority: Priority,
): Promise<AgentDetail | null> {
  const [workload, workLog] = await Promise.all([
    client.fetchAll(
      'agentWorkload',
      { search_way: BY_DEPARTMENT, ...v5DateParams('agentWorkload', range), staff_id_list: [agentId] },
      callFor(range, priority),
    ),
    // getWorkLogList takes agent ids comma-separated (`staff_ids_param`), unlike staffWorkStatis.
    client.fetchAll(
      'workLog',
      { ...v5DateParams('workLog', range), staff_ids_param: agentId },
      callFor(range, priority),
    ),
  ]);
  return agentDetailFrom(agentId, workload, workLog);
}

/** The card from the agent's rows; rows of other agents (should Sobot ignore the filter) are left out. */
export function agentDetailFrom(
  agentId: string,
  workload: readonly WorkloadItem[],
  workLog: readonly WorkLogItem[],
): AgentDetail | null {
  // staff_id is not in the doc's field table: a row without one is taken as the agent asked for.
  const items = workload.filter((item) => !item.staff_id || item.staff_id === agentId);
  // The agent's satisfaction on the scale their own ratings are on, as their distribution below.
  const { scale } = ratingUseOf(items.map(agentCounts));
  const [row] = mergeByAgent(
    items.map((item) => ({ ...toAgentRow(item, scale), agentId })),
    scale,
  );
  if (!row) return null;
  return {
    row,
    responseTimes: responseTimes(items),
    ratings: ratings(items),
    workStatus: workStatus(workLog.filter((entry) => entry.staff_id === agentId)),
  };
}

/** Sobot's own figures for one row; for several (one per group) a chat-weighted mean, the max of maxima. */
function responseTimes(items: readonly WorkloadItem[]): AgentDetail['responseTimes'] {
  const [only] = items;
  if (items.length === 1 && only) {
    return {
      firstMs: only.avg_first_response_time,
      averageMs: only.response_time_avg,
      maxMs: only.response_duration_max,
      within30sRate: only.first_response_in30s_rate_str,
      within60sRate: only.first_response_in60s_rate_str,
    };
  }
  const weighted = (pick: (item: WorkloadItem) => number | null) =>
    weightedMean(items.map((item) => [pick(item), item.human_consult]));
  const maxima = items.map((item) => item.response_duration_max).filter((v): v is number => v !== null);
  return {
    firstMs: weighted((item) => item.avg_first_response_time),
    averageMs: weighted((item) => item.response_time_avg),
    maxMs: maxima.length ? Math.max(...maxima) : null,
    within30sRate: weighted((item) => item.first_response_in30s_rate_str),
    within60sRate: weighted((item) => item.first_response_in60s_rate_str),
  };
}

function weightedMean(pairs: readonly [number | null, number | null][]): number | null {
  let total = 0;
  let weight = 0;
  for (const [value, w] of pairs) {
    if (value === null || w === null || w <= 0) continue;
    total += value * w;
    weight += w;
  }
  return weight === 0 ? null : total / weight;
}

/**
 * The distribution on the scale with the most ratings: a company rates on one scale, but Sobot
 * reports all three (zeros on the unused ones, e.g. the doc's staff1 has one NPS rating only).
 */
function ratings(items: readonly WorkloadItem[]): AgentDetail['ratings'] {
  const totals = RATING_SCALE_ORDER.map((scale) => {
    const spec = RATING_SCALES[scale];
    const counts = spec.buckets.map((b) => sumKnown(items.map((item) => numberField(item, b.chats))));
    return { scale, spec, counts, total: sumKnown(counts) ?? 0 };
  });
  const best = totals.reduce((a, b) => (b.total > a.total ? b : a));
  if (best.total === 0) return { scale: null, distribution: [], averageScore: null };
  const [only] = items;
  const single = items.length === 1 ? only : undefined;
  const distribution: RatingBucket[] = best.spec.buckets.map((bucket, i) => {
    const count = best.counts[i] ?? null;
    // Sobot's own share where one row gives it; of the summed counts when rows were merged.
    const share = single ? numberField(single, bucket.share) : ratioOf(count, best.total);
    return { label: bucket.label, count, share };
  });
  const { average } = best.spec;
  const averageScore =
    average === null
      ? null
      : single
        ? numberField(single, average)
        : weightedMean(
            items.map((item) => {
              const rated = sumKnown(best.spec.buckets.map((b) => numberField(item, b.chats)));
              return [numberField(item, average), rated];
            }),
          );
  return { scale: best.scale, distribution, averageScore };
}

/** One row per agent and day (or per range): durations add up; first login the earliest, last logout the latest. */
function workStatus(rows: readonly WorkLogItem[]): WorkStatus | null {
  if (rows.length === 0) return null;
  const sum = (pick: (row: WorkLogItem) => number | null) => sumKnown(rows.map(pick));
  // The doc's example rows have start_login_time ("First login time") later than first_login_time
  // ("First online time") in the same row; the earlier of the two is when the agent first came in.
  const logins = rows.flatMap((row) => [row.start_login_time, row.first_login_time]);
  const logouts = rows.map((row) => row.last_leave_time);
  return {
    onlineMs: sum((row) => row.online_duration),
    busyMs: sum((row) => row.busy_all_duration ?? row.busy_duration),
    busyCount: sum((row) => row.busy_counts),
    breakMs: sum((row) => row.rest_duration),
    mealMs: sum((row) => row.eat_duration),
    trainingMs: sum((row) => row.train_duration),
    meetingMs: sum((row) => row.meet_duration),
    firstLoginAt: extreme(logins, Math.min),
    lastLogoutAt: extreme(logouts, Math.max),
  };
}

function extreme(values: readonly (number | null)[], pick: (...values: number[]) => number): number | null {
  const known = values.filter((v): v is number => v !== null && v > 0);
  return known.length ? pick(...known) : null;
}
