// A card command: `/sobot <name> [period] [filters]` answered by one stats question and one layout,
// with the follow-up buttons under it. overview, satisfaction, bot, customers and topics are each just
// their help text, their question and their layout.

import { filtersText } from '../reports/filters.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { DateRange, StatsFilters } from '../src/stats/model.ts';
import type { StatsService } from '../src/stats/service.ts';
import { filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

/** How a card is laid out: in the asker's language, for the chat or the channel, under its filters. */
export interface CardView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  filters: string | null;
}

export function cardCommand<Card>(
  definition: Omit<CommandDefinition, 'run'> & {
    /** The stats question, asked for a person waiting in Slack. */
    ask(stats: StatsService, range: DateRange, filters: StatsFilters): Promise<Card>;
    layout(card: Card, view: CardView): BotMessage;
  },
): CommandDefinition {
  const { ask, layout, ...command } = definition;
  return {
    ...command,
    async run(input, _ctx, deps) {
      const range = periodFrom(input, command.name, deps);
      const { filters, applied } = await filtersFrom(command.name, input, deps);
      const card = await ask(deps.stats, range, filters);
      const message = layout(card, {
        lang: deps.lang,
        visibility: input.visibility,
        filters: filtersText(applied, deps.lang),
      });
      return withFollowUps(message, {
        name: command.name,
        input,
        range,
        consoleUrl: deps.consoleUrl,
        lang: deps.lang,
      });
    },
  };
}
