// The one mapping from an error to what the user reads: what happened and what to do next.
// Internal details stay in the logs; the user never sees a stack trace or a secret.

import { AccessDeniedError, BotError, type UserInputError } from '../errors.ts';
import { type Lang, type MessageKey, type Phrase, say, t } from '../i18n/catalogue.ts';
import { sentences } from '../i18n/units.ts';
import { SLACK_LIMITS } from '../message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../message/message.ts';
import { redactText } from '../redact.ts';
import type {
  SobotApiError,
  SobotBusyError,
  SobotCircuitOpenError,
  SobotConfigError,
  SobotRateLimitedError,
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

/** What an explanation is written with: the reply's language, its clock and a way to say catalogue keys. */
interface Wording {
  lang: Lang;
  /** An epoch-ms time as the asker's clock shows it ("09:42", or with its date when not today). */
  at(time: number): string;
  now: number;
  said(what: MessageKey, next: MessageKey | null, params?: Phrase['params']): Explanation;
  /** The error's own words (its phrase in the reply's language, or its message). */
  own(error: BotError): string;
}

type Explain = (error: BotError, wording: Wording) => Explanation;
/** An entry of EXPLANATIONS for errors of class `E`: the table is keyed by E's `code`. */
const forClass = <E extends BotError>(explain: (error: E, wording: Wording) => Explanation) =>
  explain as Explain;

/**
 * The one mapping, keyed by each error class's `code` (as bolt-js keys its errors by ErrorCode). A code
 * not here (a bug, a chart or start-up failure) is explained as an internal error.
 */
const EXPLANATIONS: Readonly<Record<string, Explain>> = {
  access_denied: (error, { own }) => ({ what: own(error), next: null }),
  user_input: forClass<UserInputError>((error, { own, lang }) => ({
    what: own(error),
    next: error.example ? t(lang, 'error.tryCommand', { command: error.example }) : t(lang, 'error.seeHelp'),
  })),
  unsupported: (error, { own, lang }) => ({ what: own(error), next: t(lang, 'error.seeHelpHere') }),
  sobot_rate_limited: forClass<SobotRateLimitedError>((error, { said, at, now }) =>
    said('error.rateLimited.what', 'error.rateLimited.next', {
      count: minutesUntil(error.clearsAt, now),
      time: at(error.clearsAt),
    }),
  ),
  sobot_busy: forClass<SobotBusyError>((error, { said, at }) =>
    said('error.busy.what', 'error.busy.next', { ahead: error.ahead, time: at(error.retryAt) }),
  ),
  command_deadline: (_error, { said }) => said('error.deadline.what', 'error.tryLater'),
  sobot_config: forClass<SobotConfigError>((error, { said }) =>
    said('error.config.what', 'error.config.next', { code: error.retCode, hint: error.hint }),
  ),
  sobot_auth: (_error, { said }) => said('error.auth.what', 'error.auth.next'),
  sobot_input: (error, { said }) =>
    said('error.sobotInput.what', 'error.sobotInput.next', { detail: error.message }),
  sobot_circuit_open: forClass<SobotCircuitOpenError>((error, { said, at }) =>
    said('error.circuit.what', 'error.circuit.next', { time: at(error.since) }),
  ),
  sobot_unavailable: (_error, { said }) => said('error.unavailable.what', 'error.tryLater'),
  sobot_malformed_reply: (_error, { said }) => said('error.malformed.what', 'error.malformed.next'),
  sobot_api_error: forClass<SobotApiError>((error, { said }) =>
    said('error.api.what', 'error.api.next', { code: error.retCode }),
  ),
};

/** What went wrong and what to do next, in the asker's language. */
export function explainError(error: unknown, clock: ReplyClock | undefined, lang: Lang): Explanation {
  const { timeZone, now } = clock ?? { timeZone: 'UTC', now: Date.now() };
  const wording: Wording = {
    lang,
    now,
    at: (time) => clockTime(time, timeZone, now),
    said: (what, next, params = {}) => ({
      what: say(lang, { key: what, params }),
      next: next && say(lang, { key: next, params }),
    }),
    own: (bot) => (bot.phrase ? say(lang, bot.phrase) : bot.message),
  };
  const explain = error instanceof BotError ? EXPLANATIONS[error.code] : undefined;
  return explain
    ? explain(error as BotError, wording)
    : wording.said('error.internal.what', 'error.internal.next');
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
