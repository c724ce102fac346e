import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../../src/sobot/token-cache.ts';
import { createFakeClock } from '../support/fake-clock.ts';

describe('createTokenCache', () => {
  const setup = (expiresInSec = 86_400) => {
    const clock = createFakeClock();
    let issued = 0;
    const cache = createTokenCache({
      clock,
      fetchToken: async () => {
        issued += 1;
        return { token: `t${issued}`, expiresInSec };
      },
    });
    return { clock, cache, issued: () => issued };
  };

  it('fetches once for many concurrent callers', async () => {
    const { cache, issued } = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['t1']));
    expect(issued()).toBe(1);
  });

  it('reuses the token until shortly before it expires, then refreshes', async () => {
    const { cache, clock, issued } = setup(86_400);
    await cache.get();
    await clock.advance((86_400 - 301) * 1000);
    expect(await cache.get()).toBe('t1');
    await clock.advance(2000);
    expect(await cache.get()).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('fetches again after the token is invalidated, but only once for a stale report', async () => {
    const { cache, issued } = setup();
    const first = await cache.get();
    cache.invalidate(first);
    const second = await cache.get();
    cache.invalidate(first);
    expect(await cache.get()).toBe(second);
    expect(issued()).toBe(2);
  });
});
