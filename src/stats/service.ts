// The stats service: backend-neutral questions ("agents for this range") answered through the
// cache, so a number means the same in a command, a digest and an alert.

import type { Clock } from '../clock.ts';
import type { QueryCache } from './cache.ts';
import { kpisFromCounts } from './kpis.ts';
import type { AgentKpis, AgentRow, DateRange, Priority, StatsBackend, StatsFilters } from './model.ts';
import { isClosed } from './period.ts';

export interface AgentsReport {
  range: DateRange;
  filters: StatsFilters;
  rows: AgentRow[];
  /** Team KPIs computed from the rows' counts. */
  totals: AgentKpis;
}

export interface StatsService {
  readonly api: StatsBackend['api'];
  agents(range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<AgentsReport>;
}

export interface StatsServiceOptions {
  backend: StatsBackend;
  cache: QueryCache;
  clock: Clock;
  /** How long an answer about a period that has ended stays fresh (default 6 h). */
  closedPeriodTtlMs?: number;
  /** How long an answer that includes today stays fresh (default 1 min). */
  openPeriodTtlMs?: number;
}

export function createStatsService(opts: StatsServiceOptions): StatsService {
  const closedTtl = opts.closedPeriodTtlMs ?? 6 * 60 * 60_000;
  const openTtl = opts.openPeriodTtlMs ?? 60_000;
  const ttlFor = (range: DateRange) => (isClosed(range, opts.clock.now()) ? closedTtl : openTtl);

  return {
    api: opts.backend.api,
    async agents(range, filters = {}, priority = 'interactive') {
      const key = `agents|${range.timeZone}|${range.from}|${range.to}|${filterKey(filters)}`;
      const rows = await opts.cache.getOrLoad(key, ttlFor(range), () =>
        opts.backend.agentWorkload(range, filters, priority),
      );
      return { range, filters, rows, totals: kpisFromCounts(rows.map((row) => row.counts)) };
    },
  };
}

function filterKey(filters: StatsFilters): string {
  const part = (ids: string[] | undefined) => [...(ids ?? [])].sort().join(',');
  return `g=${part(filters.groupIds)};d=${part(filters.departmentIds)};a=${part(filters.agentIds)}`;
}
