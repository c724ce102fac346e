// Typed, coded errors. Callers branch on the class; src/slack/error-reply.ts turns each into what a user reads.

export abstract class BotError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user typed something we cannot act on. `example` is a command that works. */
export class UserInputError extends BotError {
  readonly code = 'user_input';
  constructor(
    message: string,
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
