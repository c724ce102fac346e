// The answers cache shared by three replicas through a real Redis: one load for a question asked on all
// of them at once, answers kept for their lifetime from when they were loaded, the in-process caps
// (entries, characters) kept in Redis too, and each replica loading for itself when Redis is away.

import { afterEach, describe, expect, it } from 'vitest';
import { createQueryCache, type QueryCache } from '../../src/stats/cache.ts';
import { createSharedCacheTier } from '../../src/stats/shared-cache.ts';
import { capturedLogger } from '../support/captured-logger.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { openReplicaStores, type ReplicaStore, scriptingReplicas } from '../support/replica-stores.ts';

type ScriptingReplica = Awaited<ReturnType<typeof scriptingReplicas>>[number];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;

async function replicas(
  clock: FakeClock,
  caps: { maxEntries?: number; maxBytes?: number; loadLockMs?: number } = {},
) {
  const stores = await openReplicaStores('redis', clock);
  cleanups.push(() => stores.close());
  const { logger, logs } = capturedLogger();
  const views = await scriptingReplicas(stores);
  const caches: QueryCache[] = [];
  for (const [i, store] of views.entries()) {
    const tier = createSharedCacheTier({
      store,
      namespace: 'cache:v5:test:en:',
      clock,
      logger,
      owner: `host-${i}:1`,
      ...caps,
    });
    caches.push(createQueryCache({ clock, tier, ...caps }));
  }
  return { views, caches, logs };
}

/** A "Sobot" answering `question` after 2 s on the wire, counting its loads. */
function sobot(clock: FakeClock) {
  const loads: string[] = [];
  return {
    loads,
    ask: (question: string) => async () => {
      loads.push(question);
      await clock.sleep(2_000);
      return { question, chats: 1932 };
    },
  };
}

describe('the answers cache shared by three replicas', () => {
  it('loads a question asked ten times over three replicas at once once, and answers all ten', async () => {
    const clock = createFakeClock();
    const { caches } = await replicas(clock);
    const { loads, ask } = sobot(clock);
    const asked = Array.from({ length: 10 }, (_, i) =>
      (caches[i % 3] as QueryCache).getOrLoad('agents|yesterday', 6 * 3_600_000, ask('agents')),
    );
    const answers = await whileAdvancing(clock, Promise.all(asked), 100);
    expect(loads).toEqual(['agents']);
    expect(answers).toEqual(Array.from({ length: 10 }, () => ({ question: 'agents', chats: 1932 })));
  });

  it('serves another replica the answer for the rest of its lifetime from when it was loaded', async () => {
    const clock = createFakeClock();
    const { caches } = await replicas(clock);
    const [a, b] = caches as [QueryCache, QueryCache];
    const { loads, ask } = sobot(clock);
    await whileAdvancing(clock, a.getOrLoad('overview|today', MINUTE, ask('today')), 100);
    await clock.advance(30_000);
    await whileAdvancing(clock, b.getOrLoad('overview|today', MINUTE, ask('today')), 100);
    expect(loads).toEqual(['today']);
    // Loaded 30 s before b asked, with 60 s of life: b's copy is stale 31 s later, not 60 s later.
    await clock.advance(31_000);
    await whileAdvancing(clock, b.getOrLoad('overview|today', MINUTE, ask('today')), 100);
    expect(loads).toEqual(['today', 'today']);
  });

  it.each([
    { when: 'as it asks for the lock', read: 1 },
    { when: 'while it waits', read: 2 },
  ])('serves a replica the answer stored just before the lock went away ($when)', async ({ read }) => {
    const clock = createFakeClock();
    const stores = await openReplicaStores('redis', clock);
    cleanups.push(() => stores.close());
    const [a, b] = await scriptingReplicas(stores, 2);
    const { logger } = capturedLogger();
    const { loads, ask } = sobot(clock);
    // b's `read`-th look at the lock happens only once a's load is over: a stores its answer and lets go of
    // the lock between b's look for the answer and that look (as two replicas' requests can interleave).
    let aDone: () => void = () => undefined;
    const aFinished = new Promise<void>((resolve) => {
      aDone = resolve;
    });
    let lockReads = 0;
    const bView = {
      ...(b as ScriptingReplica),
      async get<T>(key: string) {
        if (key.endsWith(':load') && ++lockReads === read) await aFinished;
        return (b as ScriptingReplica).get<T>(key);
      },
    };
    const cacheOf = (store: ScriptingReplica, i: number) =>
      createQueryCache({
        clock,
        tier: createSharedCacheTier({
          store,
          namespace: 'cache:v5:test:en:',
          clock,
          logger,
          owner: `host-${i}:1`,
        }),
      });
    const first = cacheOf(a as ScriptingReplica, 0)
      .getOrLoad('bot|yesterday', MINUTE, ask('bot'))
      .finally(() => aDone());
    await expect.poll(() => loads, { timeout: 30_000, interval: 5 }).toEqual(['bot']);
    const second = cacheOf(bView, 1).getOrLoad('bot|yesterday', MINUTE, ask('bot'));
    const answers = await whileAdvancing(clock, Promise.all([first, second]), 100);
    expect(answers).toEqual([
      { question: 'bot', chats: 1932 },
      { question: 'bot', chats: 1932 },
    ]);
    expect(loads).toEqual(['bot']);
  });

  it('loads once a question whose load outlasts its lock (the loader renews it while Sobot’s budget holds it)', async () => {
    const clock = createFakeClock();
    const { caches } = await replicas(clock, { loadLockMs: 30_000 });
    const loads: string[] = [];
    const slow = async () => {
      loads.push('bot');
      await clock.sleep(3 * 30_000);
      return { question: 'bot', chats: 1932 };
    };
    const asked = caches.map((cache) => cache.getOrLoad('bot|2026-10-15', 6 * 3_600_000, slow));
    const answers = await whileAdvancing(clock, Promise.all(asked), 100);
    expect(loads).toEqual(['bot']);
    expect(answers).toEqual(caches.map(() => ({ question: 'bot', chats: 1932 })));
  }, 120_000);

  it('loads for itself once the lock of a replica that died while loading has lapsed', async () => {
    const clock = createFakeClock();
    const { views, caches } = await replicas(clock, { loadLockMs: 30_000 });
    const { loads, ask } = sobot(clock);
    // A replica took the lock 10 s ago and died: nothing renews it, and it lapses in 20 s.
    await (views[0] as ReplicaStore).set('cache:v5:test:en:answer:bot|yesterday:load', {
      owner: 'host-dead:1',
      until: clock.now() + 20_000,
    });
    let answered = false;
    const answer = (caches[1] as QueryCache).getOrLoad('bot|yesterday', MINUTE, ask('bot')).finally(() => {
      answered = true;
    });
    // While the lock stands, it waits (and loads nothing).
    for (let step = 0; step < 150; step += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await clock.advance(100);
    }
    expect(loads).toEqual([]);
    expect(answered).toBe(false);
    expect(await whileAdvancing(clock, answer, 100)).toEqual({ question: 'bot', chats: 1932 });
    expect(loads).toEqual(['bot']);
  }, 120_000);

  it('lets the waiting replicas load for themselves when the load they waited for failed', async () => {
    const clock = createFakeClock();
    const { caches } = await replicas(clock);
    const { loads, ask } = sobot(clock);
    const failing = async () => {
      loads.push('failed');
      await clock.sleep(2_000);
      throw new Error('Sobot did not answer');
    };
    const [a, b] = caches as [QueryCache, QueryCache];
    const first = a.getOrLoad('bot|yesterday', MINUTE, failing);
    // a holds the load lock once it is loading (Redis answers in its own time: looked at, not waited out).
    await expect.poll(() => loads, { timeout: 30_000, interval: 5 }).toEqual(['failed']);
    const second = b.getOrLoad('bot|yesterday', MINUTE, ask('bot'));
    const outcomes = await whileAdvancing(clock, Promise.allSettled([first, second]), 100);
    expect(outcomes[0].status).toBe('rejected');
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: { question: 'bot', chats: 1932 } });
    expect(loads).toEqual(['failed', 'bot']);
  });

  it('keeps at most the in-process caps in Redis, evicting the oldest answers first', async () => {
    const clock = createFakeClock();
    const { caches } = await replicas(clock, { maxEntries: 3 });
    const [a, b] = caches as [QueryCache, QueryCache];
    const { loads, ask } = sobot(clock);
    for (const day of ['d1', 'd2', 'd3', 'd4', 'd5']) {
      await whileAdvancing(clock, a.getOrLoad(day, 6 * 3_600_000, ask(day)), 100);
      await clock.advance(1_000);
    }
    loads.length = 0;
    // Newest first (a load on b stores its answer, evicting the oldest again).
    for (const day of ['d5', 'd4', 'd3', 'd2', 'd1'])
      await whileAdvancing(clock, b.getOrLoad(day, 6 * 3_600_000, ask(day)), 100);
    // d1 and d2 were evicted from Redis; d3–d5 came from it.
    expect(loads).toEqual(['d2', 'd1']);
  });

  it('loads for itself while Redis cannot be reached, says so once, and shares again when it is back', async () => {
    const clock = createFakeClock();
    const { views, caches, logs } = await replicas(clock);
    const [a, b] = caches as [QueryCache, QueryCache];
    const { loads, ask } = sobot(clock);
    (views[0] as ReplicaStore).cutOff(true);
    await whileAdvancing(clock, a.getOrLoad('q1', MINUTE, ask('q1')), 100);
    await whileAdvancing(clock, a.getOrLoad('q2', MINUTE, ask('q2')), 100);
    expect(
      logs.filter((line) => String(line.msg).startsWith('shared answers cache unreachable')),
    ).toHaveLength(1);
    (views[0] as ReplicaStore).cutOff(false);
    await whileAdvancing(clock, a.getOrLoad('q3', MINUTE, ask('q3')), 100);
    await whileAdvancing(clock, b.getOrLoad('q3', MINUTE, ask('q3')), 100);
    expect(loads).toEqual(['q1', 'q2', 'q3']);
  });
});
