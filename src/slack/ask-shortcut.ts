// The global shortcut "Sobot: ask": a form with the question and the period, for people who do not
// remember the syntax. Submitting runs the /sobot command it stands for, for the asker and under the
// same access rules as typing it, and posts the answer (or why not) to them in their messages with the
// bot, with the command written out so they can type it next time.

import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { HomeViewer } from '../home/board.ts';
import { type Lang, t } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import { ASK, ASK_COMMANDS, ASK_PERIODS } from '../message/actions.ts';
import { SLACK_LIMITS } from '../message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../message/message.ts';
import type { ChannelPoster } from '../message/poster.ts';
import type { WorkInFlight } from '../work.ts';
import type { CommandOrigin } from './app.ts';
import { errorsByBlock } from './form-fields.ts';

/** The most a typed narrowing may hold (a command line is short). */
const MAX_FILTERS = 200;

export interface AskShortcutOptions {
  client: WebClient;
  modal(lang: Lang): Record<string, unknown>;
  viewerOf(userId: string): Promise<HomeViewer>;
  runCommand(text: string, origin: CommandOrigin): Promise<BotMessage>;
  /** The reply a failure gets, as typing the command would get it. */
  failure(error: unknown, lang: Lang): BotMessage;
  poster: ChannelPoster;
  work: WorkInFlight;
  logger: Logger;
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

export function registerAskShortcut(app: App, opts: AskShortcutOptions): void {
  const log = opts.logger.child({ module: 'ask' });

  app.shortcut(ASK.shortcut, async ({ ack, shortcut }) => {
    await ack();
    try {
      const viewer = await opts.viewerOf(shortcut.user.id);
      await opts.client.views.open({
        trigger_id: shortcut.trigger_id,
        view: opts.modal(viewer.lang) as never,
      });
    } catch (error) {
      log.error({ err: error }, 'could not open the ask form');
    }
  });

  app.view(ASK.view, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const values = view.state.values as StateValues;
    const command = values[ASK.command]?.[ASK.command]?.selected_option?.value ?? '';
    const period = values[ASK.period]?.[ASK.period]?.selected_option?.value ?? '';
    const filters = (values[ASK.filters]?.[ASK.filters]?.value ?? '').replace(/\s+/g, ' ').trim();
    const viewer = await opts.viewerOf(userId);
    const choice = t(viewer.lang, 'ask.error.choice');
    // Only the choices offered: a forged submission cannot smuggle another command in.
    const errors = {
      ...((ASK_COMMANDS as readonly string[]).includes(command) ? {} : { command: choice }),
      ...((ASK_PERIODS as readonly string[]).includes(period) ? {} : { period: choice }),
      ...(filters.length <= MAX_FILTERS
        ? {}
        : { filters: t(viewer.lang, 'ask.error.long', { max: MAX_FILTERS }) }),
    };
    if (Object.keys(errors).length > 0) return ack(errorsByBlock(errors, ASK));
    await ack();
    if (opts.work.draining) return;
    const text = [command, period, filters].filter(Boolean).join(' ');
    await opts.work
      .track('ask', async () => {
        let reply: BotMessage;
        try {
          reply = await opts.runCommand(text, {
            userId,
            channelId: userId,
            via: 'button',
            lang: viewer.lang,
          });
        } catch (error) {
          reply = opts.failure(error, viewer.lang);
        }
        const asked = t(viewer.lang, 'ask.asked', { command: escapeMrkdwn(`/sobot ${text}`) });
        // The command as it would be typed, above the answer when the message has room for it.
        const line: KnownBlock = {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: asked, verbatim: true }],
        };
        const blocks = reply.blocks.length < SLACK_LIMITS.blocks ? [line, ...reply.blocks] : reply.blocks;
        await opts.poster.post(userId, { ...reply, visibility: 'in_channel', blocks });
      })
      .catch((error: unknown) => log.error({ err: error }, 'could not answer an ask'));
  });
}
