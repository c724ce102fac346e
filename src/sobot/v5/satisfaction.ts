// Satisfaction card from getSatisfactionSurvey and getCustomerSatisfaction (being written).

import { UnsupportedError } from '../../errors.ts';
import type { SatisfactionFigures } from '../../stats/cards.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import type { SobotV5Client } from './client.ts';

export async function fetchSatisfaction(
  _client: SobotV5Client,
  _range: DateRange,
  _filters: StatsFilters,
  _priority: Priority,
): Promise<SatisfactionFigures> {
  throw new UnsupportedError('not built yet');
}
