import { afterEach, describe, expect, it } from 'vitest';
import { createSharedTokenCache } from '../../src/sobot/shared-token.ts';
import type { TokenCache } from '../../src/sobot/token-cache.ts';
import { capturedLogger } from '../support/captured-logger.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { openReplicaStores, type ReplicaStore, STORE_KINDS } from '../support/replica-stores.ts';

const KEY = 'sobot:token:v5:test-app';
const DAY_SEC = 86_400;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(STORE_KINDS)('the shared Sobot token (%s store)', (kind) => {
  /** Three replicas on one store and one "Sobot" that issues t1, t2, … (each issue counted). */
  async function replicas(opts: { expiresInSec?: number } = {}) {
    const clock = createFakeClock();
    const stores = await openReplicaStores(kind, clock);
    cleanups.push(() => stores.close());
    const issued: string[] = [];
    const { logger, logs } = capturedLogger();
    const views: ReplicaStore[] = [];
    const caches: TokenCache[] = [];
    for (const name of ['a', 'b', 'c']) {
      const store = await stores.replica(name);
      views.push(store);
      caches.push(
        createSharedTokenCache({
          store,
          clock,
          logger,
          key: KEY,
          owner: `host-${name}:1`,
          fetchToken: async () => {
            // get_token takes a while on the wire: the other replicas ask meanwhile.
            await clock.sleep(300);
            issued.push(`t${issued.length + 1}`);
            return { token: `t${issued.length}`, expiresInSec: opts.expiresInSec ?? DAY_SEC };
          },
        }),
      );
    }
    return { clock, caches, views, issued, logs };
  }

  const all = (clock: FakeClock, caches: TokenCache[]) =>
    whileAdvancing(clock, Promise.all(caches.map((cache) => cache.get())), 100);

  it('fetches one token for three replicas asking at once, and they all use it', async () => {
    const { clock, caches, issued } = await replicas();
    expect(await all(clock, caches)).toEqual(['t1', 't1', 't1']);
    expect(issued).toEqual(['t1']);
  });

  it('refreshes once, ahead of expiry, while the other replicas keep the current token', async () => {
    const { clock, caches, issued } = await replicas({ expiresInSec: 3600 });
    await all(clock, caches);
    // 5 minutes before expiry the token is due for a refresh; it is still valid.
    await clock.advance((3600 - 299) * 1000);
    const during = await all(clock, caches);
    expect(issued).toEqual(['t1', 't2']);
    // The refresher has the new token; the others were not held up waiting for it.
    expect(during.filter((token) => token === 't2')).toHaveLength(1);
    expect(during.filter((token) => token === 't1')).toHaveLength(2);
    expect(await all(clock, caches)).toEqual(['t2', 't2', 't2']);
    expect(issued).toHaveLength(2);
  });

  it('costs one get_token when Sobot rejects the token on every replica (900002)', async () => {
    const { clock, caches, issued } = await replicas();
    await all(clock, caches);
    for (const cache of caches) cache.invalidate('t1');
    expect(await all(clock, caches)).toEqual(['t2', 't2', 't2']);
    // A replica whose 900002 arrives after the refresh reads the new token: no third get_token.
    caches[0]?.invalidate('t1');
    expect(await all(clock, caches)).toEqual(['t2', 't2', 't2']);
    expect(issued).toEqual(['t1', 't2']);
  });

  it('waits while another replica holds the refresh lock, and refreshes itself once that lock lapses', async () => {
    const { clock, caches, views, issued } = await replicas();
    // Replica a crashed while refreshing: its lock is there, no token is.
    await views[0]?.claim(`${KEY}:lock`, 'host-a:crashed', { ttlMs: 30_000 });
    let settled = false;
    const token = (caches[1] as TokenCache).get().finally(() => {
      settled = true;
    });
    for (let i = 0; i < 25; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await clock.advance(200);
    }
    expect(settled).toBe(false);
    expect(issued).toEqual([]);
    // The lock lapses (its PX runs out; deleted here rather than waited for on Redis's own clock).
    await views[0]?.delete(`${KEY}:lock`);
    expect(await whileAdvancing(clock, token, 100)).toBe('t1');
    expect(issued).toEqual(['t1']);
  });

  it('keeps answering when the store cannot be reached: the last token read, else its own, logged once', async () => {
    const { clock, caches, views, issued, logs } = await replicas();
    await all(clock, caches);
    const [a, b] = [views[0] as ReplicaStore, caches[0] as TokenCache];
    a.cutOff(true);
    // The token it read still works: no get_token.
    expect(await whileAdvancing(clock, b.get(), 100)).toBe('t1');
    // Rejected meanwhile: it fetches its own (the replicas cannot agree without the store).
    b.invalidate('t1');
    expect(await whileAdvancing(clock, b.get(), 100)).toBe('t2');
    expect(await whileAdvancing(clock, b.get(), 100)).toBe('t2');
    const warnings = logs.filter((line) => String(line.msg).startsWith('shared Sobot token unreachable'));
    expect(warnings).toHaveLength(1);
    // Back: the shared token again, and the switch back is logged.
    a.cutOff(false);
    expect(issued).toEqual(['t1', 't2']);
    expect(await whileAdvancing(clock, b.get(), 100)).toMatch(/^t\d$/);
    expect(logs.some((line) => line.msg === 'shared Sobot token reachable again')).toBe(true);
  });
});
