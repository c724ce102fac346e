// Named retry policies (after @slack/web-api's): how often and how patiently a Sobot call is
// retried on transient failures (999999, 5xx, timeouts, dropped connections).

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** How many 229000 "try again in N s" answers one call waits out before giving up. */
  rateLimitWaits: number;
}

/**
 * Production: one retry after 1.5 s, so a failing call spends at most two budget slots, and with the
 * 8-s attempt timeout (ATTEMPT_TIMEOUT_MS) a hanging Sobot costs a call under 20 s in all.
 */
export const oneRetryWithinTwentySeconds: RetryPolicy = {
  retries: 1,
  minDelayMs: 1_500,
  maxDelayMs: 1_500,
  factor: 2,
  rateLimitWaits: 2,
};

/** Tests and the bench: the same shape, milliseconds apart. */
export const rapidRetryPolicy: RetryPolicy = {
  retries: 1,
  minDelayMs: 5,
  maxDelayMs: 5,
  factor: 2,
  rateLimitWaits: 2,
};

/** One attempt's limit, connecting and reading included. */
export const ATTEMPT_TIMEOUT_MS = 8_000;

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (attempt - 1));
}
