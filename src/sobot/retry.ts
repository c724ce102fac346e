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

/** Production: 4 retries, 15 s of back-off in all (plus the calls' own timeouts). */
export const fourRetriesInAboutHalfAMinute: RetryPolicy = {
  retries: 4,
  minDelayMs: 1_000,
  maxDelayMs: 16_000,
  factor: 2,
  rateLimitWaits: 3,
};

/** Tests and the bench: the same shape, milliseconds apart. */
export const rapidRetryPolicy: RetryPolicy = {
  retries: 3,
  minDelayMs: 5,
  maxDelayMs: 20,
  factor: 2,
  rateLimitWaits: 3,
};

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (attempt - 1));
}
