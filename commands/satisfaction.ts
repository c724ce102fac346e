// `/sobot satisfaction [period] [filters]`: the rating distribution on the company's scale, feedback
// and resolved rates, per chat and per customer.

import { satisfactionMessage } from '../reports/satisfaction.ts';
import { cardCommand } from './card-command.ts';
import { FILTER_OPTIONS } from './filter-input.ts';

export const satisfactionCommand = cardCommand({
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
  ask: (stats, range, filters) => stats.satisfaction(range, filters, 'interactive'),
  layout: satisfactionMessage,
});
