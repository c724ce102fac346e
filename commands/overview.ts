// `/sobot overview [period] [filters]`: the headline KPIs with their change against the period before.

import { overviewMessage } from '../reports/overview.ts';
import { cardCommand } from './card-command.ts';
import { FILTER_OPTIONS } from './filter-input.ts';

export const overviewCommand = cardCommand({
  name: 'overview',
  summary: 'help.overview.summary',
  usage: '/sobot overview [period] [group:|dept:|channel:|agent:|robot:<name>] [public]',
  examples: [
    '/sobot overview yesterday',
    '/sobot overview this week group:Sales',
    '/sobot overview last month public',
  ],
  options: [...FILTER_OPTIONS],
  legacy: 'help.overview.legacy',
  ask: (stats, range, filters) => stats.overview(range, filters, 'interactive'),
  layout: overviewMessage,
});
