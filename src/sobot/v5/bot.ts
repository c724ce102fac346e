// Chatbot card from getRobotReception (being written).

import { UnsupportedError } from '../../errors.ts';
import type { BotFigures } from '../../stats/cards.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import type { SobotV5Client } from './client.ts';

export async function fetchBot(
  _client: SobotV5Client,
  _range: DateRange,
  _filters: StatsFilters,
  _priority: Priority,
): Promise<BotFigures> {
  throw new UnsupportedError('not built yet');
}
