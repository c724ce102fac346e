import { describe, expect, it } from 'vitest';
import { createHomeFigures, HOME_PERIOD_MS, HOME_REFRESH_MS } from '../../src/home/figures.ts';
import { SobotUnavailableError } from '../../src/sobot/errors.ts';
import type { DateRange } from '../../src/stats/model.ts';
import type { OverviewReport, StatsService } from '../../src/stats/service.ts';
import { createFakeClock } from '../support/fake-clock.ts';

/** A stats service that counts the overviews asked for and answers each when the test says. */
function countingStats() {
  const asked: DateRange[] = [];
  const pending: { resolve: (r: OverviewReport) => void; reject: (e: unknown) => void }[] = [];
  const stats = {
    trendKpis: [],
    overview: (range: DateRange) =>
      new Promise<OverviewReport>((resolve, reject) => {
        asked.push(range);
        pending.push({ resolve, reject });
      }),
  } as unknown as StatsService;
  const answer = (chats: number) =>
    pending.shift()?.resolve({
      range: asked.at(-1) as DateRange,
      previousRange: asked.at(-1) as DateRange,
      filters: {},
      current: { chats },
      previous: { chats: chats - 1 },
    });
  const fail = (error: unknown) => pending.shift()?.reject(error);
  return { stats, asked, answer, fail };
}

const flush = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('the Home figures snapshot', () => {
  const start = Date.parse('2026-11-23T02:00:00Z');

  it('loads once for every viewer who asks while it loads, then serves the snapshot for the period', async () => {
    const clock = createFakeClock(start);
    const sobot = countingStats();
    const figures = createHomeFigures({
      stats: sobot.stats,
      clock,
      timeZone: 'Asia/Shanghai',
      explain: String,
    });
    const viewers = [figures.ensure(), figures.ensure(), figures.ensure()];
    await flush();
    sobot.answer(120);
    const states = await Promise.all(viewers);
    expect(sobot.asked).toHaveLength(1);
    expect(sobot.asked[0]).toMatchObject({ from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Shanghai' });
    expect(states.map((s) => s.figures?.overview.current.chats)).toEqual([120, 120, 120]);

    await clock.advance(HOME_PERIOD_MS - 1);
    expect(figures.stale()).toBe(false);
    await figures.ensure();
    expect(sobot.asked).toHaveLength(1);

    await clock.advance(1);
    expect(figures.stale()).toBe(true);
    const next = figures.ensure();
    await flush();
    sobot.answer(130);
    expect((await next).figures?.overview.current.chats).toBe(130);
    expect(sobot.asked).toHaveLength(2);
  });

  it('refreshes on request no sooner than the refresh interval after the last load', async () => {
    const clock = createFakeClock(start);
    const sobot = countingStats();
    const figures = createHomeFigures({
      stats: sobot.stats,
      clock,
      timeZone: 'Asia/Shanghai',
      explain: String,
    });
    const first = figures.ensure();
    await flush();
    sobot.answer(1);
    await first;

    await clock.advance(HOME_REFRESH_MS - 1);
    const early = await figures.refresh();
    expect(early).toMatchObject({ refreshed: false, nextAt: start + HOME_REFRESH_MS });
    expect(sobot.asked).toHaveLength(1);

    await clock.advance(1);
    const refreshing = figures.refresh();
    await flush();
    sobot.answer(2);
    expect(await refreshing).toMatchObject({ refreshed: true, nextAt: start + 2 * HOME_REFRESH_MS });
    expect(sobot.asked).toHaveLength(2);
  });

  it('keeps the last good figures when a load fails, and says what went wrong', async () => {
    const clock = createFakeClock(start);
    const sobot = countingStats();
    const figures = createHomeFigures({
      stats: sobot.stats,
      clock,
      timeZone: 'Asia/Shanghai',
      explain: (error) => `explained: ${(error as Error).message}`,
    });
    const first = figures.ensure();
    await flush();
    sobot.answer(50);
    await first;
    await clock.advance(HOME_PERIOD_MS);
    const second = figures.ensure();
    await flush();
    sobot.fail(new SobotUnavailableError('Sobot answered 503', 'getStat'));
    const state = await second;
    expect(state.figures?.overview.current.chats).toBe(50);
    expect(state.lastError).toEqual({ at: start + HOME_PERIOD_MS, what: 'explained: Sobot answered 503' });
    // A failed load counts as the period's round: the next viewer does not retry at once.
    expect(figures.stale()).toBe(false);
  });
});
