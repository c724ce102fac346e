// How a trend splits its period: one point a day up to two weeks, one a week (Monday–Sunday,
// clipped to the period) beyond. Each point is one cached Sobot question, so the split keeps a
// trend within the shared per-minute budget.

import type { KpiId } from './kpi-ids.ts';
import { MESSAGE_KPIS, V5_SESSION_KPIS } from './kpis.ts';
import type { DateRange } from './model.ts';
import { rangeDays } from './period.ts';

export type Granularity = 'day' | 'week';

/**
 * The KPIs one session or message query answers on at least one Sobot API (StatsBackend.sessions and
 * .messages), so a trend can follow them: v5's getStat KPIs, the legacy API's valid chats, and the
 * message KPIs; `StatsService.trendKpis` says which the configured API gives.
 */
export const TREND_KPIS: readonly KpiId[] = [...V5_SESSION_KPIS, 'valid_chats', ...MESSAGE_KPIS];

/** Up to this many days, one point per day. */
export const DAILY_UP_TO_DAYS = 14;

const DAY_MS = 86_400_000;
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function trendBuckets(range: DateRange): { granularity: Granularity; buckets: DateRange[] } {
  const days = rangeDays(range);
  const start = toMs(range.from);
  const end = toMs(range.to);
  if (days <= DAILY_UP_TO_DAYS) {
    const buckets = Array.from({ length: days }, (_, i) => {
      const day = toDate(start + i * DAY_MS);
      return { from: day, to: day, timeZone: range.timeZone };
    });
    return { granularity: 'day', buckets };
  }
  const buckets: DateRange[] = [];
  let from = start;
  while (from <= end) {
    // Days to the next Sunday: getUTCDay() is 0 on Sunday.
    const toSunday = (7 - new Date(from).getUTCDay()) % 7;
    const to = Math.min(end, from + toSunday * DAY_MS);
    buckets.push({ from: toDate(from), to: toDate(to), timeZone: range.timeZone });
    from = to + DAY_MS;
  }
  return { granularity: 'week', buckets };
}
