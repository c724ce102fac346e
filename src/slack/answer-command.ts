// Runs one command for one asker, the same way in Slack and in the demo console: with a deadline and
// the asker's turn in Sobot's queue (command-context.ts), a notice at once when the wait is long
// ("queued, about N min") or a progress notice when the answer is slow, a mark on figures served from
// the cache, and any failure turned into a reply. Never throws.

import type { Clock } from '../clock.ts';
import { startCommand } from '../command-context.ts';
import { BotError } from '../errors.ts';
import type { Lang } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import type { BotMessage } from '../message/message.ts';
import { errorMessage } from './error-reply.ts';
import { progressText, queuedText, staleText, withNote } from './notices.ts';

/** An answer later than this is useless (a response_url lives 30 min): its queued calls are dropped. */
export const COMMAND_DEADLINE_MS = 10 * 60_000;
/** A wait longer than this is announced at once, with its estimate. */
export const LONG_WAIT_MS = 2 * 60_000;

export interface AnswerOptions {
  /** Who asked: Sobot's queue serves people in turn. */
  owner: string;
  clock: Clock;
  /** The company's zone, for the times in replies. */
  timeZone: string;
  /** The asker's language: of the notices and of an error's reply. */
  lang: Lang;
  /** When the answer takes longer than this, `notify` says it is on its way. */
  progressNoticeMs: number;
  notify(text: string): void;
  logger: Logger;
}

export async function answerCommand(
  opts: AnswerOptions,
  run: () => Promise<BotMessage>,
): Promise<BotMessage> {
  const { clock } = opts;
  const command = startCommand({
    owner: opts.owner,
    clock,
    deadlineMs: COMMAND_DEADLINE_MS,
    longWaitMs: LONG_WAIT_MS,
    onLongWait: (wait) => opts.notify(queuedText(wait, clock.now(), opts.lang)),
  });
  const progress = new AbortController();
  clock.sleep(opts.progressNoticeMs, progress.signal).then(
    () => {
      if (!command.toldAboutWait()) opts.notify(progressText(command.latestWait(), clock.now(), opts.lang));
    },
    () => undefined,
  );
  const replyClock = () => ({ timeZone: opts.timeZone, now: clock.now() });
  try {
    const message = await command.run(run);
    const stale = staleText(command.staleAnswers(), opts.timeZone, clock.now(), opts.lang);
    return stale ? withNote(message, stale) : message;
  } catch (error) {
    if (error instanceof BotError) opts.logger.info({ code: error.code, err: error }, 'command failed');
    else opts.logger.error({ err: error }, 'command crashed');
    return errorMessage(error, replyClock(), opts.lang);
  } finally {
    progress.abort();
    command.finish();
  }
}
