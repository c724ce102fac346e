// The buttons under a data answer: "◀ Previous period" runs the same command for the period of
// the same length before; "Share to channel" posts an ephemeral answer for everyone. Each button
// carries the whole command it runs, so the click handler needs no state.

import type { BotMessage } from '../src/slack/message.ts';
import type { DateRange } from '../src/stats/model.ts';
import { previousRange, rangeDays } from '../src/stats/period.ts';
import { commandText } from './router.ts';
import type { CommandInput } from './types.ts';

/** action_ids the Slack layer routes back to the command router. */
export const RERUN_ACTION = 'sobot_rerun';
export const SHARE_ACTION = 'sobot_share';

/** The period as the grammar writes it: `2026-11-21` or `2026-11-16..2026-11-22`. */
function periodWords(range: DateRange): string {
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}

export function withFollowUps(
  message: BotMessage,
  name: string,
  input: CommandInput,
  range: DateRange,
): BotMessage {
  const previous = previousRange(range);
  const days = rangeDays(range);
  const elements = [
    {
      type: 'button' as const,
      action_id: RERUN_ACTION,
      text: { type: 'plain_text' as const, text: days === 1 ? '◀ Previous day' : `◀ Previous ${days} days` },
      value: commandText(name, { ...input, words: [periodWords(previous)] }),
    },
  ];
  if (input.visibility === 'ephemeral') {
    elements.push({
      type: 'button',
      action_id: SHARE_ACTION,
      text: { type: 'plain_text', text: 'Share to channel' },
      value: commandText(name, { ...input, words: [periodWords(range)], visibility: 'in_channel' }),
    });
  }
  return { ...message, blocks: [...message.blocks, { type: 'actions', elements }] };
}
