// `/sobot bot [period] [filters]`: the chatbot's side: customers received, served alone, and
// transferred to agents (asked for, triggered, by keyword), against the period before.

import { botMessage } from '../reports/bot.ts';
import { filtersText } from '../reports/filters.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

export const botCommand: CommandDefinition = {
  name: 'bot',
  summary: 'help.bot.summary',
  usage: '/sobot bot [period] [channel:|robot:<name>] [public]',
  examples: ['/sobot bot yesterday', '/sobot bot last 7 days robot:1', '/sobot bot last month public'],
  // The bot answers before a chat reaches a group, department or agent: Sobot's bot figures stay the
  // company's under those filters (src/stats/scope.ts), so the card does not take them.
  options: FILTER_OPTIONS.filter((option) => option === 'channel' || option === 'robot'),
  legacy: 'help.bot.legacy',
  async run(input, _ctx, deps) {
    const range = periodFrom(input, 'bot', deps);
    const { filters, applied } = await filtersFrom('bot', input, deps);
    const card = await deps.stats.bot(range, filters, 'interactive');
    const message = botMessage(card, {
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: 'bot',
      input,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
