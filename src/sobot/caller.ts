// The loop every Sobot call goes through, whichever API: the shared token, the shared budget, one
// fresh token when Sobot rejects ours, waits when it rate-limits us, back-off on transient failures,
// and configuration errors logged once. Each client supplies one attempt: send, then read the reply.

import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { type BotMetrics, noMetrics } from '../metrics/metrics.ts';
import type { Priority } from '../stats/model.ts';
import { SobotAuthError, SobotConfigError, SobotRateLimitedError, SobotUnavailableError } from './errors.ts';
import { TooManyRequests, TransientFailure } from './http.ts';
import type { RateBudget } from './rate-budget.ts';
import { backoffDelay, type RetryPolicy } from './retry.ts';
import type { TokenCache } from './token-cache.ts';

export interface CallOptions {
  priority?: Priority;
  signal?: AbortSignal;
}

/**
 * What one attempt found: a value, or one of the answers the loop knows how to handle. Anything
 * else an attempt throws: a TransientFailure is retried, every other error ends the call.
 */
export type Attempt<T> =
  | { kind: 'ok'; value: T }
  /** The token was refused (v5 900001/900002, legacy 1002). */
  | { kind: 'token_rejected'; detail: string }
  | { kind: 'rate_limited'; retryAfterSec: number };

export interface SobotCaller {
  /** Runs `attempt` with a token and a budget grant until it succeeds or the policy gives up. */
  call<T>(
    endpoint: string,
    opts: CallOptions,
    attempt: (token: string, signal: AbortSignal | undefined) => Promise<Attempt<T>>,
  ): Promise<T>;
}

export function createSobotCaller(opts: {
  tokens: TokenCache;
  budget: RateBudget;
  clock: Clock;
  /** The client's logger (`module: 'sobot'`). */
  log: Logger;
  policy: RetryPolicy;
  metrics?: BotMetrics;
}): SobotCaller {
  const { tokens, budget, clock, log, policy } = opts;
  const metrics = opts.metrics ?? noMetrics;
  const reportedConfigErrors = new Set<string>();

  // Once per code and hint: the legacy 1001 means one thing on the token and another on api.json.
  const reportConfigError = (error: SobotConfigError) => {
    const key = `${error.retCode} ${error.hint}`;
    if (reportedConfigErrors.has(key)) return;
    reportedConfigErrors.add(key);
    log.error(
      { retCode: error.retCode, endpoint: error.endpoint },
      `sobot configuration error: ${error.hint}`,
    );
  };

  return {
    async call(endpoint, callOpts, attempt) {
      const priority = callOpts.priority ?? 'interactive';
      let transientAttempts = 0;
      let rateLimitWaits = 0;
      let tokenRefreshed = false;

      const waitOut = (retryAfterSec: number) => {
        if (rateLimitWaits >= policy.rateLimitWaits) throw new SobotRateLimitedError(endpoint, retryAfterSec);
        rateLimitWaits += 1;
        metrics.sobotRateLimitPause(endpoint, retryAfterSec);
        log.warn({ path: endpoint, retryAfterSec }, 'sobot rate limited');
        budget.pauseUntil(clock.now() + retryAfterSec * 1000);
      };

      for (;;) {
        try {
          const token = await tokens.get(callOpts.signal);
          await budget.acquire(priority, callOpts.signal);
          const outcome = await attempt(token, callOpts.signal);
          if (outcome.kind === 'ok') return outcome.value;
          if (outcome.kind === 'token_rejected') {
            tokens.invalidate(token);
            if (tokenRefreshed)
              throw new SobotAuthError(`Sobot rejected a fresh token (${outcome.detail})`, endpoint);
            tokenRefreshed = true;
            continue;
          }
          waitOut(outcome.retryAfterSec);
        } catch (error) {
          if (error instanceof TooManyRequests) {
            waitOut(error.retryAfterSec);
            continue;
          }
          if (error instanceof SobotConfigError) reportConfigError(error);
          if (!(error instanceof TransientFailure)) throw error;
          transientAttempts += 1;
          if (transientAttempts > policy.retries) {
            throw new SobotUnavailableError(`Sobot did not answer properly: ${error.message}`, endpoint, {
              cause: error,
            });
          }
          const delay = backoffDelay(policy, transientAttempts);
          metrics.sobotRetry(endpoint);
          log.warn(
            { path: endpoint, attempt: transientAttempts, delayMs: delay, reason: error.message },
            'sobot call failed, retrying',
          );
          await clock.sleep(delay, callOpts.signal);
        }
      }
    },
  };
}
