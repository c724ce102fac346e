// `/sobot bot [period] [filters]`: the chatbot's side: customers received, served alone, and
// transferred to agents (asked for, triggered, by keyword), against the period before.

import { botMessage } from '../reports/bot.ts';
import { cardCommand } from './card-command.ts';
import { FILTER_OPTIONS } from './filter-input.ts';

export const botCommand = cardCommand({
  name: 'bot',
  summary: 'help.bot.summary',
  usage: '/sobot bot [period] [channel:|robot:<name>] [public]',
  examples: ['/sobot bot yesterday', '/sobot bot last 7 days robot:1', '/sobot bot last month public'],
  // The bot answers before a chat reaches a group, department or agent: Sobot's bot figures stay the
  // company's under those filters (src/stats/scope.ts), so the card does not take them.
  options: FILTER_OPTIONS.filter((option) => option === 'channel' || option === 'robot'),
  legacy: 'help.bot.legacy',
  ask: (stats, range, filters) => stats.bot(range, filters, 'interactive'),
  layout: botMessage,
});
