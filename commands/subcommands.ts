// What commands with sub-actions share (`/sobot digest list`, `/sobot alerts mute …`): picking the
// action from the first word, the short ephemeral answer they give, naming a channel in it, and
// recording an admin action.

import type { AuditAction } from '../src/audit.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { type Phrase, phrase } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import type { BotMessage } from '../src/message/message.ts';
import { nearest } from './router.ts';
import type { CommandContext, CommandDeps } from './types.ts';
import { ACTION_WORDS, canonical } from './words.ts';

/** The action named by the first word (default `list`) and the words after it; a typo gets the nearest. */
export function actionOf<A extends string>(
  words: readonly string[],
  actions: readonly A[],
  command: string,
  /** What the actions act on, for the sentence: "digests", "alerts". */
  things: Phrase,
  /** The actions as the asker's language names them (`列表`、`预览` …): what the sentence offers. */
  named: Phrase,
): { action: A; rest: string[] } {
  const [first = 'list', ...rest] = words;
  const action = canonical(first, ACTION_WORDS) as A;
  if (!actions.includes(action)) {
    const guess = nearest(first, actions);
    throw new UserInputError(
      phrase('command.unknownAction', { typed: echo(first), things, actions: named }),
      `/sobot ${command} ${guess ?? 'list'}`,
    );
  }
  return { action, rest };
}

/** A short answer only the asker sees: `text` for notifications, `mrkdwn` (default the same) shown. */
export const textReply = (text: string, mrkdwn = text): BotMessage => ({
  visibility: 'ephemeral',
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn.slice(0, SLACK_LIMITS.sectionText) } }],
});

/** `<#C0123>` for a channel id (Slack shows its name), the `#name` itself otherwise. */
export { channelMention } from '../src/message/message.ts';

/** Records an admin action on `target` by whoever asked, from where they asked. */
export const recordAction = (
  deps: CommandDeps,
  ctx: CommandContext,
  action: AuditAction,
  target: string,
  detail?: string,
): Promise<void> =>
  deps.audit.record({
    action,
    target,
    by: ctx.userId,
    channel: ctx.channelId,
    via: ctx.via ?? 'command',
    ...(detail ? { detail } : {}),
  });
