import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/sobot/breaker.ts';
import { SobotCircuitOpenError } from '../../src/sobot/errors.ts';
import { createFakeClock } from '../support/fake-clock.ts';

describe('createCircuitBreaker', () => {
  it('stays closed through fewer failures in a row than the threshold, and a success resets the count', () => {
    const clock = createFakeClock();
    const breaker = createCircuitBreaker({ clock, threshold: 3 });
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(() => breaker.admit('/x')).not.toThrow();
    expect(breaker.openSince()).toBeNull();
  });

  it('opens at the threshold, refusing calls at once with the time the failures began', async () => {
    const clock = createFakeClock();
    const breaker = createCircuitBreaker({ clock, threshold: 3 });
    const firstFailure = clock.now();
    breaker.failed();
    await clock.advance(5_000);
    breaker.failed();
    breaker.failed();
    let error: unknown = null;
    try {
      breaker.admit('/x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SobotCircuitOpenError);
    expect((error as SobotCircuitOpenError).since).toBe(firstFailure);
    expect(breaker.openSince()).toBe(firstFailure);
  });

  it('lets one probe through per interval: a failure keeps it open, a success closes it', async () => {
    const clock = createFakeClock();
    const breaker = createCircuitBreaker({ clock, threshold: 1, probeIntervalMs: 30_000 });
    breaker.failed();
    await clock.advance(29_999);
    expect(() => breaker.admit('/x')).toThrow(SobotCircuitOpenError);
    await clock.advance(1);
    expect(() => breaker.admit('/x')).not.toThrow();
    // Only one probe: the next caller is refused while it is out.
    expect(() => breaker.admit('/x')).toThrow(SobotCircuitOpenError);
    breaker.failed();
    await clock.advance(30_000);
    breaker.admit('/x');
    breaker.succeeded();
    expect(breaker.openSince()).toBeNull();
    expect(() => breaker.admit('/x')).not.toThrow();
  });
});
