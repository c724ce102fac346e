import { describe, expect, it } from 'vitest';
import { createRateBudget } from '../../src/sobot/rate-budget.ts';
import { createFakeClock } from '../support/fake-clock.ts';

describe('createRateBudget', () => {
  it('grants `limit` calls at once and makes the next wait until the oldest leaves the window', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 3, windowMs: 60_000, clock });
    const granted: number[] = [];
    for (let i = 0; i < 4; i += 1) void budget.acquire('background').then(() => granted.push(clock.now()));
    await clock.advance(0);
    expect(granted).toHaveLength(3);
    await clock.advance(59_999);
    expect(granted).toHaveLength(3);
    await clock.advance(1);
    expect(granted).toHaveLength(4);
    expect(granted[3]).toBe((granted[0] as number) + 60_000);
  });

  it('never allows more than `limit` grants in any rolling window, even with steady demand', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 20, windowMs: 60_000, clock });
    const granted: number[] = [];
    for (let i = 0; i < 100; i += 1) void budget.acquire('background').then(() => granted.push(clock.now()));
    for (let t = 0; t < 5 * 60; t += 1) await clock.advance(1000);
    expect(granted).toHaveLength(100);
    for (const start of granted) {
      const inWindow = granted.filter((g) => g >= start && g < start + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
  });

  it('serves interactive callers before background work that queued earlier', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, windowMs: 1000, clock });
    await budget.acquire('background');
    const order: string[] = [];
    void budget.acquire('background').then(() => order.push('background'));
    void budget.acquire('interactive').then(() => order.push('interactive'));
    await clock.advance(1000);
    await clock.advance(1000);
    expect(order).toEqual(['interactive', 'background']);
  });

  it('holds everyone after a pause (Sobot said "try again in N s")', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 20, clock });
    budget.pauseUntil(clock.now() + 5000);
    let granted = false;
    void budget.acquire('interactive').then(() => {
      granted = true;
    });
    await clock.advance(4999);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
  });

  it('drops a waiter whose signal aborts, without using up a grant', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, windowMs: 1000, clock });
    await budget.acquire('interactive');
    const controller = new AbortController();
    const waiting = budget.acquire('interactive', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    await clock.advance(1000);
    expect(budget.inWindow()).toBe(0);
  });
});
