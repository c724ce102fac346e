// The loop every Sobot call goes through, whichever API: the circuit breaker, the shared token, a slot
// of the shared budget held until the reply is in (on behalf of the command it serves: its asker, its
// deadline and AbortSignal), one fresh token when Sobot rejects ours, waits when it rate-limits us,
// back-off on transient failures, and configuration errors logged once. Each client supplies one
// attempt: send, then read the reply.

import type { Dispatcher } from 'undici';
import type { Clock } from '../clock.ts';
import { currentCommand } from '../command-context.ts';
import type { Logger } from '../logger.ts';
import { type BotMetrics, noMetrics } from '../metrics/metrics.ts';
import type { Priority } from '../stats/model.ts';
import { type CircuitBreaker, createCircuitBreaker } from './breaker.ts';
import { SobotAuthError, SobotConfigError, SobotRateLimitedError, SobotUnavailableError } from './errors.ts';
import { TooManyRequests, TransientFailure } from './http.ts';
import type { RateBudget } from './rate-budget.ts';
import { backoffDelay, type RetryPolicy } from './retry.ts';
import type { TokenCache, TokenCacheFactory } from './token-cache.ts';

/**
 * What either API's client is built from; each adds its own (the v5 zone and language, the legacy
 * token lifetime).
 */
export interface SobotClientOptions {
  /** The server root, e.g. https://open.sobot.com (or https://www.sobot.com for some legacy accounts). */
  baseUrl: string;
  appId: string;
  appKey: string;
  budget: RateBudget;
  clock: Clock;
  logger: Logger;
  dispatcher?: Dispatcher;
  retryPolicy?: RetryPolicy;
  /** Where the token lives (default: this process; with Redis, shared by the replicas). */
  tokens?: TokenCacheFactory;
  timeoutMs?: number;
  metrics?: BotMetrics;
}

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
  breaker?: CircuitBreaker;
  metrics?: BotMetrics;
}): SobotCaller {
  const { tokens, budget, clock, log, policy } = opts;
  const breaker = opts.breaker ?? createCircuitBreaker({ clock });
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
    async call<T>(
      endpoint: string,
      callOpts: CallOptions,
      attempt: (token: string, signal: AbortSignal | undefined) => Promise<Attempt<T>>,
    ): Promise<T> {
      const priority = callOpts.priority ?? 'interactive';
      // The command this call serves: its asker's turn in the queue, its deadline, its notices.
      const command = currentCommand();
      const signals = [callOpts.signal, command?.signal].filter((s): s is AbortSignal => s !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      let transientAttempts = 0;
      let rateLimitWaits = 0;
      let tokenRefreshed = false;

      const waitOut = (retryAfterSec: number) => {
        const clearsAt = clock.now() + retryAfterSec * 1000;
        metrics.sobotRateLimitPause(endpoint, retryAfterSec);
        log.warn({ path: endpoint, retryAfterSec }, 'sobot rate limited');
        // A pause beyond SOBOT_MAX_PAUSE refuses every call until it clears, this one included.
        budget.pauseUntil(clearsAt);
        if (rateLimitWaits >= policy.rateLimitWaits)
          throw new SobotRateLimitedError(endpoint, retryAfterSec, clearsAt);
        rateLimitWaits += 1;
      };

      for (;;) {
        try {
          breaker.admit(endpoint);
          const token = await tokens.get(signal);
          const grant = await budget.acquire({
            priority,
            owner: command?.owner,
            signal,
            latestStart: command?.deadline,
            onQueued: command?.queued,
          });
          let outcome: Attempt<T>;
          try {
            outcome = await attempt(token, signal);
          } finally {
            grant.settle();
          }
          breaker.succeeded();
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
            breaker.succeeded();
            waitOut(error.retryAfterSec);
            continue;
          }
          if (error instanceof SobotConfigError) reportConfigError(error);
          if (!(error instanceof TransientFailure)) throw error;
          breaker.failed();
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
          await clock.sleep(delay, signal);
        }
      }
    },
  };
}
