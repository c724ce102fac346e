// `/sobot overview [period] [filters]`: the headline KPIs with their change against the period before.

import { filtersText } from '../reports/filters.ts';
import { overviewMessage } from '../reports/overview.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

export const overviewCommand: CommandDefinition = {
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
  async run(input, _ctx, deps) {
    const range = periodFrom(input, 'overview', deps);
    const { filters, applied } = await filtersFrom('overview', input, deps);
    const report = await deps.stats.overview(range, filters, 'interactive');
    const message = overviewMessage(report, {
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: 'overview',
      input,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
