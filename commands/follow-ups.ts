// The buttons under a data answer: "◀ Previous period" runs the same command for the period of
// the same length before; "Share to channel" posts an ephemeral answer for everyone. Each button
// carries the whole command it runs, so the click handler needs no state.

import { type Lang, t } from '../src/i18n/catalogue.ts';
import { OPEN_ACTION, RERUN_ACTION, SHARE_ACTION } from '../src/message/actions.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { DateRange } from '../src/stats/model.ts';
import { periodWords, previousRange, rangeDays } from '../src/stats/period.ts';
import { commandText } from './router.ts';
import type { CommandInput } from './types.ts';

export interface FollowUp {
  /** The command name, e.g. `agents` or `trend chats`. */
  name: string;
  input: CommandInput;
  range: DateRange;
  /** Words that come before the period (an agent's name). */
  leadingWords?: readonly string[];
  /** Sobot's console, for the "Open in Sobot" link. */
  consoleUrl: string;
  lang: Lang;
}

/** A button: `rest` carries its action_id and its value (a command) or url. */
export const actionButton = (text: string, rest: Record<string, string>) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  ...rest,
});

export function withFollowUps(message: BotMessage, follow: FollowUp): BotMessage {
  const { name, input, range, leadingWords = [], lang } = follow;
  const rerun = (period: DateRange, visibility = input.visibility) =>
    commandText(name, { ...input, words: [...leadingWords, periodWords(period)], visibility });
  const days = rangeDays(range);
  const elements = [
    actionButton(
      days === 1 ? t(lang, 'button.previousDay') : t(lang, 'button.previousDays', { count: days }),
      {
        action_id: RERUN_ACTION,
        value: rerun(previousRange(range)),
      },
    ),
  ];
  if (input.visibility === 'ephemeral') {
    elements.push(
      actionButton(t(lang, 'button.share'), {
        action_id: SHARE_ACTION,
        value: rerun(range, 'in_channel'),
      }),
    );
  }
  // A link button: Slack still sends an action, which the Slack layer acknowledges.
  elements.push(
    actionButton(t(lang, 'button.openSobot'), { action_id: OPEN_ACTION, url: follow.consoleUrl }),
  );
  return { ...message, blocks: [...message.blocks, { type: 'actions', elements }] };
}
