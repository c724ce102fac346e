// One Sobot token per company for every replica, kept in the shared store (Redis). Sobot issues a new
// token on every get_token and the old one stops working, so replicas that each fetched their own would
// invalidate one another. Here every replica reads the token from the store; one of them refreshes it,
// ahead of expiry, under a lock (SET NX PX whose value is a fencing id: only its holder releases it,
// and the new token is written only over the document it saw); the others keep using the current token
// or wait for the new one. A replica told the token is invalid (900002, legacy 1002) reads the store
// again first: when another replica already refreshed it, that one get_token served them all.
// With the store unreachable it keeps the last token it read, or fetches its own, and says so once.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { rememberSecret } from '../redact.ts';
import { createFailover } from '../store/failover.ts';
import type { Store } from '../store/store.ts';
import { createTokenCache, type FetchToken, refreshMarginMs, type TokenCache } from './token-cache.ts';

export interface SharedTokenOptions {
  fetchToken: FetchToken;
  store: Store;
  /** The company's token document, e.g. `sobot:token:v5:<appid>`; its lock is `<key>:lock`. */
  key: string;
  clock: Clock;
  logger: Logger;
  /** This process (hostname + random): the lock's fencing value starts with it. */
  owner: string;
  /** Refresh this long before expiry (default 5 minutes, or a tenth of a short lifetime). */
  refreshMarginSec?: number;
  /** How long the refresh lock lasts: longer than a get_token can take (default 30 s). */
  lockMs?: number;
  /** How often a replica waiting for another's refresh reads the store (default 200 ms). */
  pollMs?: number;
}

/** The token as the store keeps it (epoch ms on the bots' clocks). */
export interface TokenDocument {
  token: string;
  /** From then on one replica refreshes it; the others keep using it meanwhile. */
  refreshAt: number;
  expiresAt: number;
}

export function createSharedTokenCache(opts: SharedTokenOptions): TokenCache {
  const { store, clock, key } = opts;
  const lockKey = `${key}:lock`;
  const lockMs = opts.lockMs ?? 30_000;
  const pollMs = opts.pollMs ?? 200;
  const log = opts.logger.child({ module: 'sobot' });
  const failover = createFailover({
    store,
    logger: log,
    what: 'Sobot token',
    meanwhile: 'this replica keeps the last token it read, or fetches its own',
  });
  const { reach } = failover;
  // The token Sobot refused last: never handed out again, whatever the store says.
  let rejected: string | null = null;
  // The last token read, for when the store cannot be reached.
  let lastRead: TokenDocument | null = null;
  let inFlight: Promise<string> | null = null;
  const local = createTokenCache({
    fetchToken: opts.fetchToken,
    clock,
    refreshMarginSec: opts.refreshMarginSec,
  });

  const usable = (doc: TokenDocument | null): doc is TokenDocument =>
    doc !== null && doc.token !== rejected && clock.now() < doc.expiresAt;

  const adopt = (doc: TokenDocument): string => {
    rememberSecret(doc.token);
    lastRead = doc;
    return doc.token;
  };

  /** Fetches a token under the lock; null when another replica holds the lock. */
  async function refreshUnderLock(signal?: AbortSignal): Promise<string | null> {
    const fence = `${opts.owner}:${randomUUID()}`;
    if (!(await reach(store.claim(lockKey, fence, { ttlMs: lockMs })))) return null;
    try {
      // Read again under the lock: a replica may have written a new token since we last looked.
      const seen = await reach(store.get<TokenDocument>(key));
      if (usable(seen) && clock.now() < seen.refreshAt) return adopt(seen);
      const issued = await opts.fetchToken(signal);
      const now = clock.now();
      const lifetimeMs = issued.expiresInSec * 1000;
      const doc: TokenDocument = {
        token: issued.token,
        refreshAt: now + lifetimeMs - refreshMarginMs(issued.expiresInSec, opts.refreshMarginSec),
        expiresAt: now + lifetimeMs,
      };
      // Written only over the document read under the lock (a fence against a lapsed lock's late writer).
      const written = await reach(store.compareAndSet(key, seen ?? undefined, doc, { ttlMs: lifetimeMs }));
      if (!written) log.warn('sobot token changed during a refresh (its lock lapsed)');
      return adopt(doc);
    } finally {
      // Only our own lock: after a lapse it may be another replica's by now.
      await store.compareAndSet(lockKey, fence, undefined).catch(() => undefined);
    }
  }

  async function fromStore(signal?: AbortSignal): Promise<string> {
    for (;;) {
      const doc = await reach(store.get<TokenDocument>(key));
      if (usable(doc) && clock.now() < doc.refreshAt) return adopt(doc);
      const refreshed = await refreshUnderLock(signal);
      if (refreshed !== null) return refreshed;
      // Another replica is refreshing: the current token still works until it expires...
      if (usable(doc)) return adopt(doc);
      // ...otherwise wait for the new one (or for its lock to lapse, then take the lock ourselves).
      await clock.sleep(pollMs, signal);
    }
  }

  const ownToken = (signal?: AbortSignal): Promise<string> =>
    usable(lastRead) ? Promise.resolve(lastRead.token) : local.get(signal);

  return {
    get(signal) {
      return failover.run(
        () => {
          // Callers asking together share one read (and at most one refresh).
          inFlight ??= fromStore(signal).finally(() => {
            inFlight = null;
          });
          return inFlight;
        },
        () => ownToken(signal),
      );
    },
    invalidate(token) {
      rejected = token;
      local.invalidate(token);
    },
  };
}
