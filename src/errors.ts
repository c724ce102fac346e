// Typed, coded errors. Callers branch on the class; src/slack/error-reply.ts turns each into what a user reads.
// An error a user reads carries a phrase (src/i18n/): said in the asker's language in the reply, in
// English in the logs (its `message`).

import { type Phrase, say } from './i18n/catalogue.ts';

export abstract class BotError extends Error {
  abstract readonly code: string;
  /** What the user reads, in any language; null: `message` is for the logs only. */
  readonly phrase: Phrase | null;
  constructor(message: string | Phrase, options?: ErrorOptions) {
    super(typeof message === 'string' ? message : say('en', message), options);
    this.name = new.target.name;
    this.phrase = typeof message === 'string' ? null : message;
  }
}

/** The user typed something we cannot act on. `example` is a command that works. */
export class UserInputError extends BotError {
  readonly code = 'user_input';
  constructor(
    message: string | Phrase,
    readonly example: string | null = null,
  ) {
    super(message);
  }
}

/** Settings are missing or invalid. `problems` lists every one of them. */
export class ConfigError extends BotError {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A capability this deployment cannot offer (e.g. per-agent data on the legacy API). */
export class UnsupportedError extends BotError {
  readonly code = 'unsupported';
}

/**
 * The access rules (`access:` in the config file) do not let this user do this. The message is
 * mrkdwn built by the bot (it mentions who can), shown as it is.
 */
export class AccessDeniedError extends BotError {
  readonly code = 'access_denied';
}
