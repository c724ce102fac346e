// The one mapping from an error to what the user reads: what happened and what to do next.
// Internal details stay in the logs; the user never sees a stack trace or a secret.

import { CommandDeadlineError } from '../command-context.ts';
import { AccessDeniedError, type BotError, UnsupportedError, UserInputError } from '../errors.ts';
import { type Lang, type MessageKey, type Phrase, say, t } from '../i18n/catalogue.ts';
import { sentences } from '../i18n/units.ts';
import { SLACK_LIMITS } from '../message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../message/message.ts';
import { redactText } from '../redact.ts';
import {
  SobotApiError,
  SobotAuthError,
  SobotBusyError,
  SobotCircuitOpenError,
  SobotConfigError,
  SobotInputError,
  SobotMalformedReplyError,
  SobotRateLimitedError,
  SobotUnavailableError,
} from '../sobot/errors.ts';
import { clockTime } from '../time-zone.ts';
import { minutesUntil } from './notices.ts';

/** Times in replies ("try again at 09:42") are in the company's zone, as periods are. */
export interface ReplyClock {
  timeZone: string;
  now: number;
}

export interface Explanation {
  what: string;
  next: string | null;
}

/** What went wrong and what to do next, in the asker's language. */
export function explainError(error: unknown, clock: ReplyClock | undefined, lang: Lang): Explanation {
  const { timeZone, now } = clock ?? { timeZone: 'UTC', now: Date.now() };
  const at = (time: number) => clockTime(time, timeZone, now);
  const said = (what: MessageKey, next: MessageKey | null, params: Phrase['params'] = {}): Explanation => ({
    what: say(lang, { key: what, params }),
    next: next && say(lang, { key: next, params }),
  });
  const own = (bot: BotError) => (bot.phrase ? say(lang, bot.phrase) : bot.message);
  if (error instanceof AccessDeniedError) return { what: own(error), next: null };
  if (error instanceof UserInputError) {
    return {
      what: own(error),
      next: error.example
        ? t(lang, 'error.tryCommand', { command: error.example })
        : t(lang, 'error.seeHelp'),
    };
  }
  if (error instanceof UnsupportedError) return { what: own(error), next: t(lang, 'error.seeHelpHere') };
  if (error instanceof SobotRateLimitedError) {
    const time = at(error.clearsAt);
    return said('error.rateLimited.what', 'error.rateLimited.next', {
      count: minutesUntil(error.clearsAt, now),
      time,
    });
  }
  if (error instanceof SobotBusyError)
    return said('error.busy.what', 'error.busy.next', { ahead: error.ahead, time: at(error.retryAt) });
  if (error instanceof CommandDeadlineError) return said('error.deadline.what', 'error.tryLater');
  if (error instanceof SobotConfigError)
    return said('error.config.what', 'error.config.next', { code: error.retCode, hint: error.hint });
  if (error instanceof SobotAuthError) return said('error.auth.what', 'error.auth.next');
  if (error instanceof SobotInputError)
    return said('error.sobotInput.what', 'error.sobotInput.next', { detail: error.message });
  if (error instanceof SobotCircuitOpenError)
    return said('error.circuit.what', 'error.circuit.next', { time: at(error.since) });
  if (error instanceof SobotUnavailableError) return said('error.unavailable.what', 'error.tryLater');
  if (error instanceof SobotMalformedReplyError) return said('error.malformed.what', 'error.malformed.next');
  if (error instanceof SobotApiError)
    return said('error.api.what', 'error.api.next', { code: error.retCode });
  return said('error.internal.what', 'error.internal.next');
}

/** `text` cut to `max` characters with "…", never inside an `&amp;`-style entity. */
function fitMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}

export function errorMessage(error: unknown, clock: ReplyClock | undefined, lang: Lang): BotMessage {
  const { what, next } = explainError(error, clock, lang);
  // A refusal is the bot's own mrkdwn (it mentions who can); anything else may quote the user, and
  // `text` is read as mrkdwn as well: what a user typed must not become a <!channel> ping.
  const shown = (words: string) =>
    error instanceof AccessDeniedError ? redactText(words) : escapeMrkdwn(redactText(words));
  // Echoes are cut where they are quoted (src/echo.ts); this keeps any other long text within limits.
  const text = fitMrkdwn(shown(next ? sentences(lang, [what, next]) : what), SLACK_LIMITS.fallbackText);
  return {
    visibility: 'ephemeral',
    text,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: fitMrkdwn(`:warning: ${shown(what)}`, SLACK_LIMITS.sectionText),
          verbatim: true,
        },
      },
      ...(next
        ? [
            {
              type: 'context' as const,
              elements: [
                {
                  type: 'mrkdwn' as const,
                  text: fitMrkdwn(shown(next), SLACK_LIMITS.sectionText),
                  verbatim: true,
                },
              ],
            },
          ]
        : []),
    ],
  };
}
