// A circuit breaker in front of Sobot: after `threshold` failures in a row (5xx, 999999, timeouts,
// dropped connections) Sobot is taken for down and not called at all, so each command answers at once
// instead of spending budget slots and twenty seconds on it. Every `probeIntervalMs` one call is let
// through as a probe: an answer closes the breaker, another failure keeps it open.

import type { Clock } from '../clock.ts';
import { SobotCircuitOpenError } from './errors.ts';

export interface CircuitBreaker {
  /** Throws SobotCircuitOpenError while open, except for the one probe call per interval. */
  admit(endpoint: string): void;
  /** Sobot answered (whatever it said, it is up). */
  succeeded(): void;
  /** A failure that says Sobot is down or broken. */
  failed(): void;
  /** Since when Sobot has been failing, while open (epoch ms). */
  openSince(): number | null;
}

export function createCircuitBreaker(opts: {
  clock: Clock;
  /** Failures in a row that open it (default 5). */
  threshold?: number;
  /** How long it stays open before the next probe (default 30 s). */
  probeIntervalMs?: number;
}): CircuitBreaker {
  const threshold = opts.threshold ?? 5;
  const probeIntervalMs = opts.probeIntervalMs ?? 30_000;
  let failures = 0;
  let firstFailureAt = 0;
  let openedAt: number | null = null;
  let nextProbeAt = 0;

  return {
    admit(endpoint) {
      if (openedAt === null) return;
      const now = opts.clock.now();
      if (now < nextProbeAt) throw new SobotCircuitOpenError(firstFailureAt, endpoint);
      // This call is the probe; the others wait for its outcome.
      nextProbeAt = now + probeIntervalMs;
    },
    succeeded() {
      failures = 0;
      openedAt = null;
    },
    failed() {
      const now = opts.clock.now();
      if (failures === 0) firstFailureAt = now;
      failures += 1;
      if (openedAt === null && failures >= threshold) openedAt = now;
      if (openedAt !== null) nextProbeAt = now + probeIntervalMs;
    },
    openSince: () => (openedAt === null ? null : firstFailureAt),
  };
}
