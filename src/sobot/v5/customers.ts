// Customers card from getGeneral (valid, new and returning customers, 24h FCR) and
// getGeographicalDistribution (where visitors came from), asked in parallel.

import type { CustomerFigures, RegionRow } from '../../stats/cards.ts';
import { ratioOf } from '../../stats/kpis.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import type { V5Item } from './endpoints.ts';
import { filterParams } from './filters.ts';
import { beforeChange, beforePointChange } from './sessions.ts';

type General = V5Item<'customerOverview'>;
type Region = V5Item<'regions'>;

function previousReturningShare(g: General): number | null {
  // From the previous counts rather than `old_visitor_proportion_cycle`, which the doc's example
  // shows as a difference in points (66.67% − 38.54% = 9 / 32), unlike the relative count fields.
  const fresh = beforeChange(g.new_visitor_num, g.new_visitor_num_cycle);
  const returning = beforeChange(g.old_visitor_num, g.old_visitor_num_cycle);
  return fresh === null || returning === null ? null : ratioOf(returning, fresh + returning);
}

/** Regions busiest first; a region without a count goes last, ties by name. */
export function regionRows(items: readonly Region[]): RegionRow[] {
  return items
    .map((r) => ({
      country: r.country,
      region: r.province,
      visitors: r.visitor_total,
      newVisitors: r.new_visitor_num,
      returningVisitors: r.old_visitor_num,
    }))
    .sort(
      (a, b) =>
        (b.visitors ?? -1) - (a.visitors ?? -1) ||
        `${a.country} ${a.region}`.localeCompare(`${b.country} ${b.region}`),
    );
}

/** The card's figures from getGeneral's item (null: Sobot sent none) and the region rows. */
export function customerFigures(general: General | null, regions: readonly Region[]): CustomerFigures {
  const g = general;
  return {
    validCustomers: g?.valid_visitor_total ?? null,
    newCustomers: g?.new_visitor_num ?? null,
    returningCustomers: g?.old_visitor_num ?? null,
    returningShare: g?.old_visitor_proportion ?? null,
    fcr24h: g?.one_time_solution_rate ?? null,
    previous: {
      validCustomers: g ? beforeChange(g.valid_visitor_total, g.valid_visitor_total_cycle) : null,
      returningShare: g ? previousReturningShare(g) : null,
      // No counts behind 24h FCR here: read its MoM field as the overview does (relative change).
      fcr24h: g ? beforePointChange(g.one_time_solution_rate, g.one_time_solution_rate_cycle) : null,
    },
    regions: regionRows(regions),
  };
}

export async function fetchCustomers(
  client: SobotV5Client,
  range: DateRange,
  filters: StatsFilters,
  priority: Priority,
): Promise<CustomerFigures> {
  const body = (key: 'customerOverview' | 'regions') => ({
    search_way: 2,
    ...v5DateParams(key, range),
    ...filterParams(filters),
  });
  const [general, regions] = await Promise.all([
    client.call('customerOverview', body('customerOverview'), callFor(range, priority)),
    client.call('regions', body('regions'), callFor(range, priority)),
  ]);
  return customerFigures(general.item, regions.items);
}
