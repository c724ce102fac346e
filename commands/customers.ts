// `/sobot customers [period] [filters]`: valid, new and returning customers, 24h FCR, and the
// regions visitors came from.

import { customersMessage } from '../reports/customers.ts';
import { cardCommand } from './card-command.ts';
import { FILTER_OPTIONS } from './filter-input.ts';

export const customersCommand = cardCommand({
  name: 'customers',
  summary: 'help.customers.summary',
  usage: '/sobot customers [period] [group:|dept:|channel:|agent:|robot:<name>] [public]',
  examples: [
    '/sobot customers yesterday',
    '/sobot customers last 30 days channel:APP',
    '/sobot customers this week public',
  ],
  options: [...FILTER_OPTIONS],
  legacy: false,
  ask: (stats, range, filters) => stats.customers(range, filters, 'interactive'),
  layout: customersMessage,
});
