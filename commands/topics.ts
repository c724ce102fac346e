// `/sobot topics [period] [group:<name>]`: chats and ratings per service classification.

import { topicsMessage } from '../reports/topics.ts';
import { cardCommand } from './card-command.ts';

export const topicsCommand = cardCommand({
  name: 'topics',
  summary: 'help.topics.summary',
  usage: '/sobot topics [period] [group:<name>] [public]',
  examples: ['/sobot topics last week', '/sobot topics this month group:Support'],
  options: ['group'],
  legacy: false,
  ask: (stats, range, filters) => stats.topics(range, filters, 'interactive'),
  layout: topicsMessage,
});
