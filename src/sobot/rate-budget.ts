// The one Sobot call budget every caller shares: at most `limit` calls in ANY rolling window
// (Sobot counts 20 calls per 60 s; a continuously refilling token bucket can burst past that),
// interactive commands served before background work, and a shared pause after a 229000.

import type { Clock } from '../clock.ts';
import type { Priority } from '../stats/model.ts';

export interface RateBudget {
  /** Resolves when one call may be made now; the grant is counted at that instant. */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void>;
  /** Sobot said "try again in N s": nobody calls before `until` (epoch ms). */
  pauseUntil(until: number): void;
  /** Calls granted within the current window (for /metrics and the bench). */
  inWindow(): number;
  /** Calls waiting for a grant (for /metrics). */
  queued(): number;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export function createRateBudget(opts: { limit: number; windowMs?: number; clock: Clock }): RateBudget {
  const { limit, clock } = opts;
  const windowMs = opts.windowMs ?? 60_000;
  const granted: number[] = [];
  const queues: Record<Priority, Waiter[]> = { interactive: [], background: [] };
  let pausedUntil = 0;
  let timerArmed = false;

  const prune = (now: number) => {
    while (granted.length > 0 && (granted[0] as number) <= now - windowMs) granted.shift();
  };

  const nextWaiter = (): Waiter | undefined => queues.interactive.shift() ?? queues.background.shift();
  const hasWaiters = () => queues.interactive.length + queues.background.length > 0;

  const pump = () => {
    const now = clock.now();
    prune(now);
    while (hasWaiters() && now >= pausedUntil && granted.length < limit) {
      const waiter = nextWaiter() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      granted.push(now);
      waiter.resolve();
    }
    if (!hasWaiters() || timerArmed) return;
    const freeAt = granted.length < limit ? now : (granted[0] as number) + windowMs;
    timerArmed = true;
    void clock.sleep(Math.max(1, Math.max(freeAt, pausedUntil) - now)).then(() => {
      timerArmed = false;
      pump();
    });
  };

  return {
    acquire(priority, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const queue = queues[priority];
            const index = queue.indexOf(waiter);
            if (index >= 0) queue.splice(index, 1);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queues[priority].push(waiter);
        pump();
      });
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
    inWindow() {
      prune(clock.now());
      return granted.length;
    },
    queued: () => queues.interactive.length + queues.background.length,
  };
}
