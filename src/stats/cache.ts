// Answers cached for as long as they can be trusted, and concurrent identical questions sharing
// one upstream load (so 100 people asking at once cost one round of Sobot calls, not 100), within
// a cap on entries and on bytes. Expired answers are kept (until evicted) as stand-ins for when Sobot
// cannot be asked. With Redis a shared tier behind it does the same across replicas.

import type { Clock } from '../clock.ts';

export interface QueryCache {
  /** The cached value for `key`, the in-flight load for it, or a new load kept for `ttlMs`. */
  getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  /** The last value stored for `key`, fresh or not, and when it was stored. */
  peek<T>(key: string): { value: T; storedAt: number } | null;
  /** Drops `key`, so the next getOrLoad loads it again. */
  forget(key: string): void;
  /** Loads started (cache misses that were not coalesced), for /metrics and the bench. */
  readonly stats: { hits: number; coalesced: number; loads: number };
}

/** An answer and when it was loaded from Sobot (epoch ms): it stays fresh for its lifetime from then. */
export interface Stored<T> {
  value: T;
  storedAt: number;
}

/**
 * Where a miss goes before Sobot: with Redis, the replicas' shared cache (shared-cache.ts), which
 * loads each answer once for all of them.
 */
export interface CacheTier {
  /** The answer to `key`: one the tier keeps, or `load`ed now. */
  load<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<Stored<T>>;
  forget(key: string): void;
}

/**
 * What the answers kept may weigh, counted as the characters of their JSON (a 300-agent workload is
 * ~0.2 MB of it; in memory an answer takes a few times its JSON). Bounds memory when many teams,
 * filters and periods are asked within the answers' lifetime.
 */
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** The caps of one cache: shared by the in-process cache and the replicas' one. */
export const CACHE_CAPS = { maxEntries: 500, maxBytes: DEFAULT_MAX_BYTES };

/** An answer's weight for the byte cap; measured once, when it is stored. */
const weightOf = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

export function createQueryCache(opts: {
  clock: Clock;
  maxEntries?: number;
  maxBytes?: number;
  /** Asked on a miss before Sobot (default: none, a miss loads). */
  tier?: CacheTier;
  /**
   * Turns of the event loop for callers that shared another's load (slack/ack-first.ts's AnswerTurns;
   * default: none, they all resume at once). Twenty askers of one question otherwise resume in one
   * microtask drain when its load lands and build their twenty answers (~20 ms each) as one stretch
   * that holds back every ack arriving meanwhile; one per turn, the loop polls for requests between them.
   */
  turns?: { next(): Promise<void> };
}): QueryCache {
  const maxEntries = opts.maxEntries ?? CACHE_CAPS.maxEntries;
  const maxBytes = opts.maxBytes ?? CACHE_CAPS.maxBytes;
  const entries = new Map<string, { value: unknown; storedAt: number; expiresAt: number; bytes: number }>();
  const inFlight = new Map<string, Promise<unknown>>();
  const stats = { hits: 0, coalesced: 0, loads: 0 };
  let bytes = 0;

  const drop = (key: string) => {
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  };

  const remember = (key: string, { value, storedAt }: Stored<unknown>, ttlMs: number) => {
    drop(key);
    const weight = weightOf(value);
    // An answer heavier than the whole budget is served but not kept.
    if (weight > maxBytes) return;
    entries.set(key, { value, storedAt, expiresAt: storedAt + ttlMs, bytes: weight });
    bytes += weight;
    // Maps iterate in insertion order: the first key is the least recently stored.
    while (entries.size > maxEntries || bytes > maxBytes) drop(entries.keys().next().value as string);
  };

  return {
    stats,
    peek<T>(key: string) {
      const entry = entries.get(key);
      return entry ? { value: entry.value as T, storedAt: entry.storedAt } : null;
    },
    forget(key) {
      drop(key);
      opts.tier?.forget(key);
    },
    getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const cached = entries.get(key);
      if (cached && cached.expiresAt > opts.clock.now()) {
        stats.hits += 1;
        return Promise.resolve(cached.value as T);
      }
      const pending = inFlight.get(key);
      if (pending) {
        stats.coalesced += 1;
        const { turns } = opts;
        if (!turns) return pending as Promise<T>;
        return pending.then(async (value) => {
          await turns.next();
          return value as T;
        });
      }
      stats.loads += 1;
      const loaded = opts.tier
        ? opts.tier.load(key, ttlMs, load)
        : load().then((value) => ({ value, storedAt: opts.clock.now() }));
      const loading = loaded
        .then((stored) => {
          remember(key, stored, ttlMs);
          return stored.value;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, loading);
      return loading;
    },
  };
}
