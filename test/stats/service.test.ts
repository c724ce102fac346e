// Specs for the stats service over a recording backend and the real cache on a fake clock: how long
// answers stay fresh for ended and running periods, and team totals computed from the counts.

import { describe, expect, it } from 'vitest';
import { createQueryCache } from '../../src/stats/cache.ts';
import { kpisFromCounts } from '../../src/stats/kpis.ts';
import type { AgentRow, DateRange, StatsBackend, StatsFilters } from '../../src/stats/model.ts';
import { createStatsService } from '../../src/stats/service.ts';
import { counts } from '../support/agent-counts.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const ROWS: AgentRow[] = [
  {
    agentId: 'a1',
    name: '王小明',
    email: null,
    groups: ['Sales'],
    kpis: {
      chats: 97,
      valid_reception_rate: 0.959,
      avg_first_response: 18_000,
      fcr_24h: 0.712,
      satisfaction: 0.96,
      response_warn_rate: 0.031,
    },
    counts: counts({
      chats: 97,
      inquiryChats: 97,
      validReceptions: 93,
      lastReceptionChats: 80,
      fcr24hChats: 57,
      ratedChats: 25,
      satisfiedChats: 24,
      responseRounds: 320,
      responseWarnings: 10,
      avgFirstResponseMs: 18_000,
    }),
  },
  {
    agentId: 'a2',
    name: "Seán O'Brien",
    email: 'sean@example.com',
    groups: ['Support'],
    kpis: {
      chats: 88,
      valid_reception_rate: 0.901,
      avg_first_response: 42_000,
      fcr_24h: 0.583,
      satisfaction: null,
      response_warn_rate: 0.125,
    },
    counts: counts({
      chats: 88,
      inquiryChats: 81,
      validReceptions: 73,
      lastReceptionChats: 72,
      fcr24hChats: 42,
      ratedChats: 0,
      satisfiedChats: 0,
      responseRounds: 200,
      responseWarnings: 25,
      avgFirstResponseMs: 42_000,
    }),
  },
];

/** A backend that answers ROWS and records every question it gets. */
function recordingBackend() {
  const calls: { range: DateRange; filters: StatsFilters }[] = [];
  const backend: StatsBackend = {
    api: 'v5',
    async agentWorkload(range, filters) {
      calls.push({ range, filters });
      return ROWS;
    },
    overview: () => Promise.reject(new Error('not asked in these tests')),
    breakdown: () => Promise.reject(new Error('not asked in these tests')),
    directory: () => Promise.reject(new Error('not asked in these tests')),
  };
  return { backend, calls };
}

/** The fake clock starts at 2026-11-23T02:00Z: 10:00 on Mon 23 Nov in Shanghai, 21:00 on 22 Nov in New York. */
function setup() {
  const clock = createFakeClock();
  const { backend, calls } = recordingBackend();
  const stats = createStatsService({ backend, cache: createQueryCache({ clock }), clock });
  return { clock, stats, calls };
}

const day = (date: string, timeZone = 'Asia/Shanghai'): DateRange => ({ from: date, to: date, timeZone });

describe('createStatsService', () => {
  it('keeps an ended period for six hours', async () => {
    const { clock, stats, calls } = setup();
    const yesterday = day('2026-11-22');
    await stats.agents(yesterday);
    await clock.advance(6 * HOUR - 1);
    await stats.agents(yesterday);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await stats.agents(yesterday);
    expect(calls).toHaveLength(2);
  });

  it('keeps a period that includes today for one minute', async () => {
    const { clock, stats, calls } = setup();
    const today: DateRange = { from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Shanghai' };
    await stats.agents(today);
    await clock.advance(MINUTE - 1);
    await stats.agents(today);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await stats.agents(today);
    expect(calls).toHaveLength(2);
  });

  it('decides "includes today" in the range own zone', async () => {
    // 22 Nov has ended in Shanghai but is still running in New York.
    const { clock, stats, calls } = setup();
    await stats.agents(day('2026-11-22', 'America/New_York'));
    await clock.advance(MINUTE);
    await stats.agents(day('2026-11-22', 'America/New_York'));
    expect(calls).toHaveLength(2);
  });

  it('honours configured TTLs', async () => {
    const clock = createFakeClock();
    const { backend, calls } = recordingBackend();
    const stats = createStatsService({
      backend,
      cache: createQueryCache({ clock }),
      clock,
      closedPeriodTtlMs: 10 * MINUTE,
    });
    await stats.agents(day('2026-11-20'));
    await clock.advance(10 * MINUTE);
    await stats.agents(day('2026-11-20'));
    expect(calls).toHaveLength(2);
  });

  it('shares one backend call among concurrent identical questions', async () => {
    const { stats, calls } = setup();
    await Promise.all(Array.from({ length: 100 }, () => stats.agents(day('2026-11-22'))));
    expect(calls).toHaveLength(1);
  });

  it('treats the same filters in another order as the same question, other filters as another', async () => {
    const { stats, calls } = setup();
    await stats.agents(day('2026-11-22'), { groupIds: ['g2', 'g1'] });
    await stats.agents(day('2026-11-22'), { groupIds: ['g1', 'g2'] });
    expect(calls).toHaveLength(1);
    await stats.agents(day('2026-11-22'), { groupIds: ['g1'] });
    await stats.agents(day('2026-11-22'), { agentIds: ['g1'] });
    await stats.agents(day('2026-11-22', 'UTC'), { groupIds: ['g1'] });
    expect(calls).toHaveLength(4);
    expect(calls[1]?.filters).toEqual({ groupIds: ['g1'] });
  });

  it('returns the rows with team totals computed from their counts', async () => {
    const { stats } = setup();
    const report = await stats.agents(day('2026-11-22'));
    expect(report.rows).toEqual(ROWS);
    expect(report.range).toEqual(day('2026-11-22'));
    expect(report.filters).toEqual({});
    expect(report.totals).toEqual(kpisFromCounts(ROWS.map((r) => r.counts)));
    // Worked by hand: (93 + 73) / (97 + 81), (57 + 42) / (80 + 72), 24 / 25, (10 + 25) / 520,
    // and (18 s × 97 + 42 s × 88) / 185.
    expect(report.totals.chats).toBe(185);
    expect(report.totals.valid_reception_rate).toBeCloseTo(166 / 178, 10);
    expect(report.totals.fcr_24h).toBeCloseTo(99 / 152, 10);
    expect(report.totals.satisfaction).toBeCloseTo(24 / 25, 10);
    expect(report.totals.response_warn_rate).toBeCloseTo(35 / 520, 10);
    expect(report.totals.avg_first_response).toBeCloseTo((18_000 * 97 + 42_000 * 88) / 185, 6);
  });

  it('reports which API it speaks', () => {
    expect(setup().stats.api).toBe('v5');
  });
});
