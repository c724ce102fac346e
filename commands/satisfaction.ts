// `/sobot satisfaction [period] [filters]`: the rating distribution on the company's scale, feedback
// and resolved rates, per chat and per customer.

import { filtersText } from '../reports/filters.ts';
import { satisfactionMessage } from '../reports/satisfaction.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

export const satisfactionCommand: CommandDefinition = {
  name: 'satisfaction',
  summary: 'help.satisfaction.summary',
  usage: '/sobot satisfaction [period] [group:|dept:|channel:|agent:<name>] [public]',
  examples: [
    '/sobot satisfaction yesterday',
    '/sobot satisfaction last week group:Sales',
    '/sobot satisfaction this month public',
  ],
  // Sobot's satisfaction reports take no bot filter (getSatisfactionSurvey request table).
  options: FILTER_OPTIONS.filter((option) => option !== 'robot'),
  legacy: 'help.satisfaction.legacy',
  async run(input, _ctx, deps) {
    const range = periodFrom(input, 'satisfaction', deps);
    const { filters, applied } = await filtersFrom('satisfaction', input, deps);
    const card = await deps.stats.satisfaction(range, filters, 'interactive');
    const message = satisfactionMessage(card, {
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: 'satisfaction',
      input,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
