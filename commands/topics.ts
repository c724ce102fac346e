// `/sobot topics [period] [group:<name>]`: chats and ratings per service classification.

import { filtersText } from '../reports/filters.ts';
import { topicsMessage } from '../reports/topics.ts';
import { filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

export const topicsCommand: CommandDefinition = {
  name: 'topics',
  summary: 'help.topics.summary',
  usage: '/sobot topics [period] [group:<name>] [public]',
  examples: ['/sobot topics last week', '/sobot topics this month group:Support'],
  options: ['group'],
  legacy: false,
  async run(input, _ctx, deps) {
    const range = periodFrom(input, 'topics', deps);
    const { filters, applied } = await filtersFrom('topics', input, deps);
    const card = await deps.stats.topics(range, filters, 'interactive');
    const message = topicsMessage(card, {
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: 'topics',
      input,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
