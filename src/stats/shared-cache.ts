// The answers cache shared by the replicas, behind each one's in-process cache (cache.ts's tier): an answer
// loaded by one replica is served to the others from Redis for its lifetime, and a question asked on
// several replicas at once is loaded once: the replica that takes the key's load lock (a lease, renewed
// while the load runs: on a busy morning a load waits minutes for Sobot's budget) asks Sobot, the others
// read Redis every `pollMs` until the answer is there, or the lock is gone or lapsed (the load failed, or
// its replica died), or `maxWaitMs` passed; then they load it themselves. Redis keeps the same caps as one
// process (entries and JSON characters), evicting the oldest first, in one Lua script per write.
// With Redis unreachable each replica loads for itself.

import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { createFailover } from '../store/failover.ts';
import { createLeases, type LeaseRecord } from '../store/lease.ts';
import type { ScriptingStore } from '../store/store.ts';
import { CACHE_CAPS, type CacheTier, type Stored } from './cache.ts';

export interface SharedCacheOptions {
  store: ScriptingStore;
  /** Every key of this cache starts with it: `cache:<api>:<appid>:<language>:`. */
  namespace: string;
  clock: Clock;
  logger: Logger;
  /** This process (hostname + random): the load lock's value. */
  owner: string;
  maxEntries?: number;
  maxBytes?: number;
  /** How often a replica waiting for another's load looks (default 100 ms). */
  pollMs?: number;
  /** How long a load lock lasts without renewal: a dead loader's lapses then (default 30 s). */
  loadLockMs?: number;
  /** The longest wait for another replica's load, however long it keeps its lock (default 10 min). */
  maxWaitMs?: number;
}

/**
 * KEYS: the answer, the index (sorted set: key → when stored), the sizes (hash: key → characters, and
 * '#total'). ARGV: the answer's JSON, its lifetime (ms), now, max entries, max characters.
 */
const PUT = `
local size = string.len(ARGV[1])
local old = tonumber(redis.call('HGET', KEYS[3], KEYS[1]) or '0')
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], KEYS[1])
redis.call('HSET', KEYS[3], KEYS[1], size)
local total = redis.call('HINCRBY', KEYS[3], '#total', size - old)
while redis.call('ZCARD', KEYS[2]) > tonumber(ARGV[4]) or total > tonumber(ARGV[5]) do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  redis.call('DEL', oldest)
  redis.call('ZREM', KEYS[2], oldest)
  total = redis.call('HINCRBY', KEYS[3], '#total', -tonumber(redis.call('HGET', KEYS[3], oldest) or '0'))
  redis.call('HDEL', KEYS[3], oldest)
end
return total`;

export function createSharedCacheTier(opts: SharedCacheOptions): CacheTier {
  const { store, clock, namespace } = opts;
  const maxEntries = opts.maxEntries ?? CACHE_CAPS.maxEntries;
  const maxBytes = opts.maxBytes ?? CACHE_CAPS.maxBytes;
  const pollMs = opts.pollMs ?? 100;
  const maxWaitMs = opts.maxWaitMs ?? 10 * 60_000;
  const loadLocks = createLeases({
    store,
    clock,
    logger: opts.logger,
    owner: opts.owner,
    leaseMs: opts.loadLockMs ?? 30_000,
  });
  const log = opts.logger.child({ module: 'cache' });
  const failover = createFailover({
    store,
    logger: log,
    what: 'answers cache',
    meanwhile: 'this replica asks Sobot for what it does not hold itself',
  });
  const { reach } = failover;
  const answerKey = (key: string) => `${namespace}answer:${key}`;
  const indexKeys = [`${namespace}index`, `${namespace}sizes`];

  const put = async (key: string, stored: Stored<unknown>, ttlMs: number) => {
    const json = JSON.stringify(stored);
    // Heavier than the whole cache: served, not kept (as in-process).
    if (json === undefined || json.length > maxBytes) return;
    const args = [json, Math.ceil(ttlMs), stored.storedAt, maxEntries, maxBytes];
    await store.runScript(PUT, [answerKey(key), ...indexKeys], args);
  };

  /** The stored answer, or `key` loaded under its lock, or the answer of the replica holding the lock. */
  async function loadOnce<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<Stored<T>> {
    const fresh = (stored: Stored<T> | null): stored is Stored<T> =>
      stored !== null && stored.storedAt + ttlMs > clock.now();
    const found = await reach(store.get<Stored<T>>(answerKey(key)));
    if (fresh(found)) return found;
    const lockKey = `${answerKey(key)}:load`;
    const lock = await reach(loadLocks.take(lockKey));
    if (lock) {
      try {
        // Taken just after another replica stored the answer and let go: that answer, not a second load.
        const stored = await reach(store.get<Stored<T>>(answerKey(key)));
        if (fresh(stored)) return stored;
        const loaded = { value: await load(), storedAt: clock.now() };
        await put(key, loaded, ttlMs).catch((error: unknown) =>
          log.warn({ err: error }, 'answer not kept in the shared cache'),
        );
        return loaded;
      } finally {
        await lock.release();
      }
    }
    // Another replica is loading it: its answer, unless its lock goes away or lapses without one.
    const giveUpAt = clock.now() + maxWaitMs;
    while (clock.now() < giveUpAt) {
      await clock.sleep(pollMs);
      const loaded = await reach(store.get<Stored<T>>(answerKey(key)));
      if (fresh(loaded)) return loaded;
      const holder = await reach(store.get<LeaseRecord>(lockKey));
      if (holder === null || holder.until <= clock.now()) {
        // Its holder stores the answer before it lets go of the lock: one more look tells a load that
        // ended between the two reads above from one that failed.
        const last = await reach(store.get<Stored<T>>(answerKey(key)));
        if (fresh(last)) return last;
        break;
      }
    }
    return { value: await load(), storedAt: clock.now() };
  }

  return {
    load(key, ttlMs, load) {
      return failover.run(
        () => loadOnce(key, ttlMs, load),
        async () => ({ value: await load(), storedAt: clock.now() }),
      );
    },
    forget(key) {
      void store.delete(answerKey(key)).catch(() => undefined);
    },
  };
}
