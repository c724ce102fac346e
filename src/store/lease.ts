// Leases: who is doing a piece of work (a digest delivery, an alert check) right now, across processes.
// A lease names its holder (hostname + random, never a pid) and when it lapses; the holder renews it on a
// heartbeat while the work runs and proves it still holds it, atomically, right before anything visible
// (a Slack post). A holder that stalls past the lease loses it to the next taker, and then posts nothing.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Store } from './store.ts';

export interface LeaseRecord {
  owner: string;
  /** Epoch ms, on the bot's clock: the lease is free from then on. */
  until: number;
}

export interface Lease {
  /** Renews the lease now: true while this process still holds it (false once someone took it over). */
  holds(): Promise<boolean>;
  /** Stops the heartbeat and frees the lease (unless someone else holds it by now). */
  release(): Promise<void>;
}

export interface Leases {
  /** Takes the lease at `key` when it is free, lapsed, or a stale one of this process; null when held. */
  take(key: string): Promise<Lease | null>;
}

export interface LeaseOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Unique per process start: hostname + random. */
  owner: string;
  /** How long a lease lasts without renewal. */
  leaseMs?: number;
}

/**
 * An owner id for this process start: the hostname tells people which container it was; the random part
 * makes it unique, since every container's main process has the same small pid.
 */
export const processOwner = (): string => `${hostname()}:${randomUUID().slice(0, 8)}`;

export const DEFAULT_LEASE_MS = 3 * 60_000;
/** Renewals per lease period: two can fail (a slow store) before the lease lapses. */
const BEATS_PER_LEASE = 3;

export function createLeases(opts: LeaseOptions): Leases {
  const { store, clock, owner } = opts;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const log = opts.logger.child({ module: 'lease' });
  // The document outlives its lease a little, so a lapsed one is seen as lapsed (not absent) for a while.
  const write = { ttlMs: 2 * leaseMs };
  /** Keys this process holds now: a lease of ours that is not listed here was left by a failed release. */
  const held = new Set<string>();

  async function take(key: string): Promise<Lease | null> {
    if (held.has(key)) return null;
    let current: LeaseRecord = { owner, until: clock.now() + leaseMs };
    if (!(await store.claim(key, current, write))) {
      const existing = await store.get<LeaseRecord>(key);
      const free = existing === null || existing.until <= clock.now() || existing.owner === owner;
      if (!free || !(await store.compareAndSet(key, existing ?? undefined, current, write))) return null;
    }
    held.add(key);

    let lost = false;
    const stop = new AbortController();
    // Renewals run one after another: two from one stale copy would make the second look like a takeover.
    let renewals: Promise<boolean> = Promise.resolve(true);
    const renew = (): Promise<boolean> => {
      renewals = renewals.then(async () => {
        if (lost) return false;
        const next: LeaseRecord = { owner, until: clock.now() + leaseMs };
        try {
          if (await store.compareAndSet(key, current, next, write)) {
            current = next;
            return true;
          }
          lost = true;
          log.warn({ key }, 'lease taken over by another process: this one stops its work');
          return false;
        } catch (error) {
          // The store is unreachable: the lease may still be ours. Posting needs proof, so no.
          log.warn({ err: error, key }, 'could not renew a lease');
          return false;
        }
      });
      return renewals;
    };
    void (async () => {
      while (!lost && !stop.signal.aborted) {
        try {
          await clock.sleep(leaseMs / BEATS_PER_LEASE, stop.signal, { background: true });
        } catch {
          return;
        }
        // Not awaited: a slow store must not push the next beat later (renewals queue up instead).
        void renew();
      }
    })();

    return {
      holds: renew,
      async release() {
        stop.abort();
        held.delete(key);
        await renewals;
        if (lost) return;
        try {
          await store.compareAndSet(key, current, undefined);
        } catch (error) {
          // It lapses on its own; until then only this process (which knows it is free) may take it again.
          log.warn({ err: error, key }, 'could not release a lease');
        }
      },
    };
  }

  return { take };
}
