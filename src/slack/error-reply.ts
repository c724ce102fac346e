// The one mapping from an error to what the user reads: what happened and what to do next.
// Internal details stay in the logs; the user never sees a stack trace or a secret.

import { CommandDeadlineError } from '../command-context.ts';
import { AccessDeniedError, UnsupportedError, UserInputError } from '../errors.ts';
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
import { type BotMessage, escapeMrkdwn, SLACK_LIMITS } from './message.ts';
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

/** What went wrong and what to do next, in words for the user. */
export function explainError(
  error: unknown,
  clock: ReplyClock = { timeZone: 'UTC', now: Date.now() },
): Explanation {
  const at = (time: number) => clockTime(time, clock.timeZone, clock.now);
  if (error instanceof AccessDeniedError) return { what: error.message, next: null };
  if (error instanceof UserInputError) {
    return { what: error.message, next: error.example ? `Try \`${error.example}\`` : 'See `/sobot help`.' };
  }
  if (error instanceof UnsupportedError)
    return { what: error.message, next: 'See `/sobot help` for what works here.' };
  if (error instanceof SobotRateLimitedError) {
    const minutes = minutesUntil(error.clearsAt, clock.now);
    return {
      what: `Sobot is rate-limiting this company for ${minutes} more minute${minutes === 1 ? '' : 's'} (until ${at(error.clearsAt)}).`,
      next: `Try again after ${at(error.clearsAt)}; answers already fetched are cached.`,
    };
  }
  if (error instanceof SobotBusyError) {
    return {
      what: `Sobot is busy: the bot's queue for it is ${error.ahead} calls long (Sobot allows 20 a minute).`,
      next: `Try again at ${at(error.retryAt)}.`,
    };
  }
  if (error instanceof CommandDeadlineError) {
    return {
      what: 'Sobot did not get to this question in time (its queue is long).',
      next: 'Please try again in a few minutes.',
    };
  }
  if (error instanceof SobotConfigError) {
    return {
      what: `Sobot refused the bot's credentials (${error.retCode}).`,
      next: `An admin should check: ${error.hint}.`,
    };
  }
  if (error instanceof SobotAuthError) {
    return {
      what: 'Sobot rejected the access token twice in a row.',
      next: 'Try again in a minute; if it persists, an admin should check the Sobot app key.',
    };
  }
  if (error instanceof SobotInputError) {
    return {
      what: `Sobot did not accept the question: ${error.message}`,
      next: 'Try a shorter or more recent period.',
    };
  }
  if (error instanceof SobotCircuitOpenError) {
    return {
      what: `Sobot is not answering since ${at(error.since)}, so the bot is not asking it for now.`,
      next: 'It checks every 30 seconds; please try again in a few minutes.',
    };
  }
  if (error instanceof SobotUnavailableError) {
    return {
      what: 'Sobot is not answering properly at the moment (it timed out or reported an error).',
      next: 'Please try again in a few minutes.',
    };
  }
  if (error instanceof SobotMalformedReplyError) {
    return {
      what: 'Sobot sent a reply the bot could not read.',
      next: 'Please try again; if it keeps happening, tell your admin (details are in the bot logs).',
    };
  }
  if (error instanceof SobotApiError) {
    return {
      what: `Sobot answered with an error (${error.retCode}).`,
      next: 'Please try again later; details are in the bot logs.',
    };
  }
  return {
    what: 'Something went wrong on our side.',
    next: 'Please try again; details are in the bot logs.',
  };
}

/** `text` cut to `max` characters with "…", never inside an `&amp;`-style entity. */
function fitMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}

export function errorMessage(error: unknown, clock?: ReplyClock): BotMessage {
  const { what, next } = explainError(error, clock);
  // A refusal is the bot's own mrkdwn (it mentions who can); anything else may quote the user, and
  // `text` is read as mrkdwn as well: what a user typed must not become a <!channel> ping.
  const shown = (words: string) =>
    error instanceof AccessDeniedError ? redactText(words) : escapeMrkdwn(redactText(words));
  // Echoes are cut where they are quoted (src/echo.ts); this keeps any other long text within limits.
  const text = fitMrkdwn(shown(next ? `${what} ${next}` : what), SLACK_LIMITS.fallbackText);
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
