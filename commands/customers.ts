// `/sobot customers [period] [filters]`: valid, new and returning customers, 24h FCR, and the
// regions visitors came from.

import { customersMessage } from '../reports/customers.ts';
import { filtersText } from '../reports/filters.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

export const customersCommand: CommandDefinition = {
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
  async run(input, _ctx, deps) {
    const range = periodFrom(input, 'customers', deps);
    const { filters, applied } = await filtersFrom('customers', input, deps);
    const card = await deps.stats.customers(range, filters, 'interactive');
    const message = customersMessage(card, {
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: 'customers',
      input,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
