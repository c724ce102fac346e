import { describe, expect, it } from 'vitest';
import { ATTEMPT_TIMEOUT_MS, backoffDelay, oneRetryWithinTwentySeconds } from '../../src/sobot/retry.ts';

describe('the production retry policy', () => {
  it('spends at most two budget slots on a failing call', () => {
    expect(oneRetryWithinTwentySeconds.retries + 1).toBe(2);
  });

  it('bounds what a hanging Sobot costs one call: every attempt timing out, plus the back-off, under 20 s', () => {
    const { retries } = oneRetryWithinTwentySeconds;
    const backoff = Array.from({ length: retries }, (_, i) =>
      backoffDelay(oneRetryWithinTwentySeconds, i + 1),
    );
    const worst = (retries + 1) * ATTEMPT_TIMEOUT_MS + backoff.reduce((a, b) => a + b, 0);
    expect(worst).toBeLessThanOrEqual(20_000);
  });
});
