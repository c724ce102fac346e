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

const start = Date.parse('2026-11-23T02:00:00Z');

function setUp(explain: (error: unknown) => string = String) {
  const clock = createFakeClock(start);
  const sobot = countingStats();
  const figures = createHomeFigures({ stats: sobot.stats, clock, timeZone: 'Asia/Shanghai', explain });
  return { clock, sobot, figures };
}

/** What `load` resolves with once Sobot answers the overview it asked for with `chats`. */
async function answered<T>(
  load: Promise<T>,
  sobot: ReturnType<typeof countingStats>,
  chats: number,
): Promise<T> {
  await flush();
  sobot.answer(chats);
  return load;
}

describe('the Home figures snapshot', () => {
  it('loads once for every viewer who asks while it loads, then serves the snapshot for the period', async () => {
    const { clock, sobot, figures } = setUp();
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
    const next = await answered(figures.ensure(), sobot, 130);
    expect(next.figures?.overview.current.chats).toBe(130);
    expect(sobot.asked).toHaveLength(2);
  });

  it('refreshes on request no sooner than the refresh interval after the last load', async () => {
    const { clock, sobot, figures } = setUp();
    await answered(figures.ensure(), sobot, 1);

    await clock.advance(HOME_REFRESH_MS - 1);
    const early = await figures.refresh();
    expect(early).toMatchObject({ refreshed: false, nextAt: start + HOME_REFRESH_MS });
    expect(sobot.asked).toHaveLength(1);

    await clock.advance(1);
    expect(await answered(figures.refresh(), sobot, 2)).toMatchObject({
      refreshed: true,
      nextAt: start + 2 * HOME_REFRESH_MS,
    });
    expect(sobot.asked).toHaveLength(2);
  });

  it('keeps the last good figures when a load fails, and says what went wrong', async () => {
    const { clock, sobot, figures } = setUp((error) => `explained: ${(error as Error).message}`);
    await answered(figures.ensure(), sobot, 50);
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
