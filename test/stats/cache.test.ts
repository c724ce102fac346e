// Specs for the query cache: one upstream load however many ask at once, answers kept for their TTL
// on an injected clock, failures never cached, and bounded by entries and by bytes.

import { describe, expect, it } from 'vitest';
import { createAnswerTurns } from '../../src/slack/ack-first.ts';
import { createQueryCache } from '../../src/stats/cache.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { sendWaitingRequest } from '../support/waiting-request.ts';

/** A load the test resolves or rejects by hand, counting how often it was started. */
function controlledLoad<T>() {
  let calls = 0;
  let settle: { resolve: (v: T) => void; reject: (e: unknown) => void } | null = null;
  return {
    load: () => {
      calls += 1;
      return new Promise<T>((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
    resolve: (value: T) => settle?.resolve(value),
    reject: (error: unknown) => settle?.reject(error),
    calls: () => calls,
  };
}

describe('createQueryCache', () => {
  it('runs one load for 100 concurrent callers and gives each the same answer', async () => {
    const cache = createQueryCache({ clock: createFakeClock() });
    const upstream = controlledLoad<{ rows: number }>();
    const answers = Array.from({ length: 100 }, () =>
      cache.getOrLoad('agents|yesterday', 60_000, upstream.load),
    );
    upstream.resolve({ rows: 84 });
    const values = await Promise.all(answers);
    expect(upstream.calls()).toBe(1);
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toEqual({ rows: 84 });
    expect(cache.stats).toEqual({ hits: 0, coalesced: 99, loads: 1 });
  });

  it('answers from memory until the TTL has passed, then loads again', async () => {
    const clock = createFakeClock();
    const cache = createQueryCache({ clock });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return loads;
    };
    expect(await cache.getOrLoad('k', 60_000, load)).toBe(1);
    await clock.advance(59_999);
    expect(await cache.getOrLoad('k', 60_000, load)).toBe(1);
    await clock.advance(1);
    expect(await cache.getOrLoad('k', 60_000, load)).toBe(2);
    expect(cache.stats).toEqual({ hits: 1, coalesced: 0, loads: 2 });
  });

  it('keeps different keys apart', async () => {
    const cache = createQueryCache({ clock: createFakeClock() });
    expect(await cache.getOrLoad('a', 1_000, async () => 'A')).toBe('A');
    expect(await cache.getOrLoad('b', 1_000, async () => 'B')).toBe('B');
    expect(await cache.getOrLoad('a', 1_000, async () => 'not A')).toBe('A');
  });

  it('does not cache a failed load: every waiting caller sees the error, the next one retries', async () => {
    const cache = createQueryCache({ clock: createFakeClock() });
    const upstream = controlledLoad<string>();
    const first = cache.getOrLoad('k', 60_000, upstream.load);
    const second = cache.getOrLoad('k', 60_000, upstream.load);
    upstream.reject(new Error('sobot down'));
    await expect(first).rejects.toThrow('sobot down');
    await expect(second).rejects.toThrow('sobot down');
    expect(await cache.getOrLoad('k', 60_000, async () => 'recovered')).toBe('recovered');
    expect(cache.stats.loads).toBe(2);
  });

  it('forgets the least recently stored entry beyond its cap', async () => {
    const cache = createQueryCache({ clock: createFakeClock(), maxEntries: 2 });
    await cache.getOrLoad('a', 60_000, async () => 'A1');
    await cache.getOrLoad('b', 60_000, async () => 'B1');
    await cache.getOrLoad('c', 60_000, async () => 'C1');
    expect(await cache.getOrLoad('b', 60_000, async () => 'B2')).toBe('B1');
    expect(await cache.getOrLoad('c', 60_000, async () => 'C2')).toBe('C1');
    expect(await cache.getOrLoad('a', 60_000, async () => 'A2')).toBe('A2');
  });

  it('keeps at most maxEntries answers however many keys are asked', async () => {
    const cache = createQueryCache({ clock: createFakeClock(), maxEntries: 10 });
    for (let i = 0; i < 50; i += 1) await cache.getOrLoad(`k${i}`, 60_000, async () => i);
    let reloaded = 0;
    for (let i = 49; i >= 0; i -= 1) {
      await cache.getOrLoad(`k${i}`, 60_000, async () => {
        reloaded += 1;
        return -1;
      });
    }
    // Only the last ten stored (k40..k49) were still held; k39..k0 had to be loaded again.
    expect(reloaded).toBe(40);
  });

  it('keeps the answers within maxBytes of JSON, forgetting the least recently stored first', async () => {
    const cache = createQueryCache({ clock: createFakeClock(), maxBytes: 250 });
    const answer = (tag: string) => ({ tag, rows: 'x'.repeat(90) }); // 112 characters of JSON: two fit, not three
    await cache.getOrLoad('a', 60_000, async () => answer('a1'));
    await cache.getOrLoad('b', 60_000, async () => answer('b1'));
    await cache.getOrLoad('c', 60_000, async () => answer('c1'));
    expect((await cache.getOrLoad('b', 60_000, async () => answer('b2'))).tag).toBe('b1');
    expect((await cache.getOrLoad('c', 60_000, async () => answer('c2'))).tag).toBe('c1');
    expect((await cache.getOrLoad('a', 60_000, async () => answer('a2'))).tag).toBe('a2');
  });

  it('serves an answer heavier than maxBytes without keeping it', async () => {
    const cache = createQueryCache({ clock: createFakeClock(), maxBytes: 100 });
    await cache.getOrLoad('small', 60_000, async () => 'kept');
    expect(await cache.getOrLoad('huge', 60_000, async () => 'y'.repeat(200))).toHaveLength(200);
    expect(await cache.getOrLoad('huge', 60_000, async () => 'loaded again')).toBe('loaded again');
    expect(await cache.getOrLoad('small', 60_000, async () => 'not kept')).toBe('kept');
  });

  it('resumes the callers that shared a load one per turn it is given, the loader first', async () => {
    const given: Array<() => void> = [];
    const cache = createQueryCache({
      clock: createFakeClock(),
      turns: { next: () => new Promise<void>((resolve) => given.push(resolve)) },
    });
    const upstream = controlledLoad<string>();
    const resumed: string[] = [];
    const askers = ['loader', 'second', 'third'].map((name) =>
      cache
        .getOrLoad('agents|yesterday', 60_000, upstream.load)
        .then((value) => resumed.push(`${name}:${value}`)),
    );
    upstream.resolve('84 rows');
    await askers[0];
    expect(resumed).toEqual(['loader:84 rows']);
    expect(given).toHaveLength(2);
    given.shift()?.();
    await askers[1];
    expect(resumed).toEqual(['loader:84 rows', 'second:84 rows']);
    given.shift()?.();
    await askers[2];
    expect(resumed).toEqual(['loader:84 rows', 'second:84 rows', 'third:84 rows']);
  });

  it('lets a request already sent be read before the twenty askers of one question have all resumed', async () => {
    let askersResumed = 0;
    let resumedWhenServed = -1;
    const waiting = await sendWaitingRequest(() => {
      resumedWhenServed = askersResumed;
    });
    const cache = createQueryCache({ clock: createFakeClock(), turns: createAnswerTurns() });
    const upstream = controlledLoad<number>();
    const askers = Array.from({ length: 20 }, () =>
      cache.getOrLoad('agents|yesterday', 60_000, upstream.load).then(() => {
        askersResumed += 1;
      }),
    );
    upstream.resolve(84);
    await waiting.answered;
    await Promise.all(askers);
    waiting.close();
    expect(resumedWhenServed).toBeGreaterThanOrEqual(0);
    expect(resumedWhenServed).toBeLessThan(20);
  });
});
