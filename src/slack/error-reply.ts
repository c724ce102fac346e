// The one mapping from an error to what the user reads: what happened and what to do next.
// Internal details stay in the logs; the user never sees a stack trace or a secret.

import { AccessDeniedError, UnsupportedError, UserInputError } from '../errors.ts';
import { redactText } from '../redact.ts';
import {
  SobotApiError,
  SobotAuthError,
  SobotConfigError,
  SobotInputError,
  SobotMalformedReplyError,
  SobotRateLimitedError,
  SobotUnavailableError,
} from '../sobot/errors.ts';
import { type BotMessage, escapeMrkdwn, SLACK_LIMITS } from './message.ts';

export interface Explanation {
  what: string;
  next: string | null;
}

/** What went wrong and what to do next, in words for the user. */
export function explainError(error: unknown): Explanation {
  if (error instanceof AccessDeniedError) return { what: error.message, next: null };
  if (error instanceof UserInputError) {
    return { what: error.message, next: error.example ? `Try \`${error.example}\`` : 'See `/sobot help`.' };
  }
  if (error instanceof UnsupportedError)
    return { what: error.message, next: 'See `/sobot help` for what works here.' };
  if (error instanceof SobotRateLimitedError) {
    return {
      what: 'Sobot is rate-limiting us right now (it allows 20 statistics calls a minute).',
      next: `Try again in about ${error.retryAfterSec} seconds; answers you already asked for are cached.`,
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

export function errorMessage(error: unknown): BotMessage {
  const { what, next } = explainError(error);
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
