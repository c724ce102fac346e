// Customers card from getGeneral and getGeographicalDistribution (being written).

import { UnsupportedError } from '../../errors.ts';
import type { CustomerFigures } from '../../stats/cards.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import type { SobotV5Client } from './client.ts';

export async function fetchCustomers(
  _client: SobotV5Client,
  _range: DateRange,
  _filters: StatsFilters,
  _priority: Priority,
): Promise<CustomerFigures> {
  throw new UnsupportedError('not built yet');
}
