// Today's figures for the Home tab: one snapshot shared by every viewer. Opening Home reads the
// snapshot; only when it is older than the period does one load run (a round of Sobot calls through
// the stats cache), and every viewer who opens Home meanwhile waits for that same load. The refresh
// button loads sooner, but never more often than the refresh interval, whoever presses it.

import type { Clock } from '../clock.ts';
import { parsePeriod } from '../stats/period.ts';
import type { OverviewReport, StatsService } from '../stats/service.ts';

/** The board's figures: today so far against yesterday to the same time, and chats of the last 7 days. */
export interface HomeFigures {
  /** When they were loaded. */
  at: number;
  overview: OverviewReport;
  /** Chats a day over the last 7 days (ending yesterday), or null when the API gives no trend. */
  trend: { day: string; value: number | null }[] | null;
}

export interface HomeFiguresState {
  figures: HomeFigures | null;
  /** The last load that failed, if it is the latest load: what the user reads about it. */
  lastError: { at: number; what: string } | null;
  /** When the latest load finished (ok or not), or null before the first. */
  loadedAt: number | null;
}

export interface HomeFiguresSource {
  state(): HomeFiguresState;
  /** Whether a viewer opening Home now would start a load (the snapshot is older than the period). */
  stale(): boolean;
  /** The snapshot, loaded first when it is stale; concurrent callers share one load. */
  ensure(): Promise<HomeFiguresState>;
  /** The refresh button: loads when the last load is older than the refresh interval; else says when it may. */
  refresh(): Promise<{ state: HomeFiguresState; refreshed: boolean; nextAt: number }>;
}

/** How long a snapshot serves every viewer: at most one round of Sobot calls per period. */
export const HOME_PERIOD_MS = 5 * 60_000;
/** The shortest time between two loads asked for with the refresh button. */
export const HOME_REFRESH_MS = 2 * 60_000;

export function createHomeFigures(opts: {
  stats: StatsService;
  clock: Clock;
  timeZone: string;
  /** What a failure means to a user (src/slack/error-reply.ts's explainError, in words). */
  explain(error: unknown): string;
  periodMs?: number;
  refreshMs?: number;
}): HomeFiguresSource {
  const { stats, clock, timeZone } = opts;
  const periodMs = opts.periodMs ?? HOME_PERIOD_MS;
  const refreshMs = opts.refreshMs ?? HOME_REFRESH_MS;
  let current: HomeFiguresState = { figures: null, lastError: null, loadedAt: null };
  let loading: Promise<HomeFiguresState> | null = null;

  async function trend(now: number): Promise<HomeFigures['trend']> {
    if (!stats.trendKpis.includes('chats')) return null;
    const week = parsePeriod('last 7 days', { now, timeZone });
    if (!week.ok) return null;
    const report = await stats.trend('chats', week.range);
    return report.points.map((p) => ({ day: p.range.from, value: p.value }));
  }

  async function loadNow(): Promise<HomeFiguresState> {
    const now = clock.now();
    const today = parsePeriod('today', { now, timeZone });
    if (!today.ok) throw new Error(`"today" did not parse: ${today.problem}`);
    try {
      const [overview, days] = await Promise.all([
        stats.overview(today.range),
        // The week's trend is a nicety: without it the board still shows today.
        trend(now).catch(() => null),
      ]);
      current = { figures: { at: now, overview, trend: days }, lastError: null, loadedAt: clock.now() };
    } catch (error) {
      // The last good figures stay on the board, with what went wrong in its footer.
      current = { ...current, lastError: { at: now, what: opts.explain(error) }, loadedAt: clock.now() };
    }
    return current;
  }

  /** One load at a time, shared by everyone who asks while it runs. */
  function load(): Promise<HomeFiguresState> {
    loading ??= loadNow().finally(() => {
      loading = null;
    });
    return loading;
  }

  const age = () => (current.loadedAt === null ? Number.POSITIVE_INFINITY : clock.now() - current.loadedAt);
  const stale = () => age() >= periodMs;

  return {
    state: () => current,
    stale,
    ensure: () => (loading ? loading : stale() ? load() : Promise.resolve(current)),
    async refresh() {
      const nextAt = (current.loadedAt ?? clock.now()) + refreshMs;
      if (!loading && age() < refreshMs) return { state: current, refreshed: false, nextAt };
      const state = await load();
      return { state, refreshed: true, nextAt: (state.loadedAt ?? clock.now()) + refreshMs };
    },
  };
}
