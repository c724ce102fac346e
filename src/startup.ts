// The checked start: before the bot says it is running, Slack accepts the bot token (auth.test) and,
// in Socket Mode, the app token (apps.connections.open), and Sobot issues a token for SOBOT_APPID and
// SOBOT_APP_KEY. A refusal stops the start with one line naming the setting and the service's own error;
// an outage (no answer, 5xx, rate limit) is retried with back-off, each attempt reported in the log.

import type { Clock } from './clock.ts';
import { BotError } from './errors.ts';
import type { Logger } from './logger.ts';
import { slackErrorCode } from './slack/errors.ts';
import { SobotApiError, SobotConfigError, SobotMalformedReplyError } from './sobot/errors.ts';

/** A setting the service refused: the start stops, `message` is the one line the operator reads. */
export class StartupError extends BotError {
  readonly code = 'startup_refused';
}

/** One thing to reach before the bot may run. Throws StartupError when retrying cannot help. */
export interface StartupCheck {
  /** What is being reached, for the log: "Slack (bot token)". */
  name: string;
  run(): Promise<void>;
}

export interface StartupBackoff {
  minDelayMs: number;
  maxDelayMs: number;
}

/** 1 s, 2 s, 4 s … then every 30 s: an outage of minutes is ridden out, and said so each time. */
export const startupBackoff: StartupBackoff = { minDelayMs: 1_000, maxDelayMs: 30_000 };

/** Slack errors that say "try again", not "this token is wrong" (docs.slack.dev, Web API errors). */
const SLACK_TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Slack's refusal of `variable` as a StartupError; anything else (no answer, 5xx) is thrown on to be retried. */
export async function slackTokenCheck(variable: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== null && !SLACK_TRANSIENT.has(code)) {
      throw new StartupError(`${variable} was refused by Slack: ${code}`, { cause: error });
    }
    throw error;
  }
}

/** Sobot's refusal of the credentials (or a base URL that is not Sobot) as a StartupError; outages thrown on. */
export async function sobotTokenCheck(
  fetchToken: () => Promise<unknown>,
  where: { api: 'v5' | 'legacy'; baseUrl: string },
): Promise<void> {
  try {
    await fetchToken();
  } catch (error) {
    if (error instanceof SobotConfigError) {
      throw new StartupError(
        `SOBOT_APPID / SOBOT_APP_KEY were refused by Sobot: ${error.retCode} (${error.hint})`,
        { cause: error },
      );
    }
    if (error instanceof SobotApiError && error.retCode !== '999999') {
      throw new StartupError(
        `SOBOT_BASE_URL ${where.baseUrl} answered the token request with ${error.message.replace(/^Sobot answered /, '')}: check SOBOT_BASE_URL (the region) and SOBOT_API (${where.api})`,
        { cause: error },
      );
    }
    if (error instanceof SobotMalformedReplyError) {
      throw new StartupError(
        `SOBOT_BASE_URL ${where.baseUrl} did not answer like Sobot's ${where.api} API: check SOBOT_BASE_URL and SOBOT_API`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Runs each check in turn until it passes: a StartupError ends the start, any other failure is
 * logged and retried after a growing pause. `signal` (shutdown during the start) ends the waiting.
 */
export async function runStartupChecks(
  checks: readonly StartupCheck[],
  opts: { clock: Clock; logger: Logger; backoff?: StartupBackoff; signal?: AbortSignal },
): Promise<void> {
  const log = opts.logger.child({ module: 'startup' });
  const backoff = opts.backoff ?? startupBackoff;
  for (const check of checks) {
    for (let attempt = 1; ; attempt += 1) {
      opts.signal?.throwIfAborted();
      try {
        await check.run();
        log.info({ check: check.name }, 'reached');
        break;
      } catch (error) {
        if (error instanceof StartupError) throw error;
        const delayMs = Math.min(backoff.maxDelayMs, backoff.minDelayMs * 2 ** (attempt - 1));
        log.warn(
          { check: check.name, attempt, retryInMs: delayMs, reason: (error as Error).message },
          'cannot reach it yet; retrying',
        );
        await opts.clock.sleep(delayMs, opts.signal);
      }
    }
  }
}
