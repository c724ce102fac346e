// Specs for the stats service over a recording backend and the real cache on a fake clock: how long
// answers stay fresh for ended and running periods, team totals computed from the counts, filter
// names resolved through the directory, and cached overviews and breakdowns.

import { describe, expect, it } from 'vitest';
import { UnsupportedError, UserInputError } from '../../src/errors.ts';
import type { StatsBackend } from '../../src/stats/backend.ts';
import { createQueryCache } from '../../src/stats/cache.ts';
import { kpisFromCounts } from '../../src/stats/kpis.ts';
import type {
  AgentRow,
  DateRange,
  Dimension,
  DirectoryEntry,
  HeadlineFigures,
  ScopeRow,
  StatsFilters,
} from '../../src/stats/model.ts';
import { createStatsService } from '../../src/stats/service.ts';
import { counts, part, starRatings } from '../support/agent-counts.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { unusedBackend } from '../support/unused-stats.ts';

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
      validReception: part({ count: 93, base: 97 }),
      fcr24h: part({ count: 57, base: 80 }),
      ratings: starRatings(24, 25),
      responseWarnings: part({ count: 10, base: 320 }),
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
      validReception: part({ count: 73, base: 81 }),
      fcr24h: part({ count: 42, base: 72 }),
      ratings: starRatings(0, 0),
      responseWarnings: part({ count: 25, base: 200 }),
      avgFirstResponseMs: 42_000,
    }),
  },
];

/** A backend that answers ROWS and records every question it gets. */
function recordingBackend() {
  const calls: { range: DateRange; filters: StatsFilters }[] = [];
  const backend: StatsBackend = {
    ...unusedBackend(),
    async agentWorkload(range, filters) {
      calls.push({ range, filters });
      return ROWS;
    },
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

// ---- filters by name, overview and breakdown ----

const entry = (
  dimension: Dimension,
  id: string,
  name: string,
  extra: Partial<DirectoryEntry> = {},
): DirectoryEntry => ({ dimension, id, name, aliases: [], ...extra });

const SALES = entry('group', 'g1', 'Sales');
const SUPPORT = entry('group', 'g2', 'Support');
const SALES_VIP = entry('group', 'g3', 'Sales VIP');
const SESSION = entry('group', 'g4', 'Session Stat Test');
const BILLING = entry('group', 'g5', 'Billing');
const APP = entry('channel', '2', 'APP', { kind: 'channel_type' });
const IOS = entry('channel', '2_1', 'iOS App Store', { aliases: ['2_1'], kind: 'sub_channel' });
const EAST = entry('department', 'd1', 'East China');
const JOSE = entry('agent', 's1', 'José', { aliases: ['jose@example.com'] });
const BOT = entry('robot', '1', 'Sobot Assistant');

const DIRECTORY: Record<Dimension, DirectoryEntry[]> = {
  group: [SALES, SUPPORT, SALES_VIP, SESSION],
  channel: [APP, IOS],
  department: [EAST],
  agent: [JOSE],
  robot: [BOT],
};

const HEADLINE: HeadlineFigures = {
  kpis: { fcr_24h: 0.4, satisfaction: 0.9 },
  ratings: { scale: 'five_star', inUse: ['five_star'] },
};
const MESSAGES = { messages: 31, answer_ratio: 8 / 23 };

const SCOPES: ScopeRow[] = [{ scopeId: 'g1', name: 'Sales', kpis: { chats: 56 } }];
const SCOPE_TOTAL = { chats: 70 };

/**
 * A backend whose directory answers `loads[n]` on its n-th load of a dimension (the last one
 * thereafter), and which records every directory load and every overview and breakdown question.
 */
function directoryBackend(loads: Partial<Record<Dimension, DirectoryEntry[][]>> = {}) {
  const directoryCalls: Dimension[] = [];
  const questions: { what: string; range: DateRange; filters: StatsFilters }[] = [];
  const backend: StatsBackend = {
    ...unusedBackend(),
    async headline(range, filters) {
      questions.push({ what: 'headline', range, filters });
      return HEADLINE;
    },
    async messages(range, filters) {
      questions.push({ what: 'messages', range, filters });
      return MESSAGES;
    },
    async breakdown(by, range, filters) {
      questions.push({ what: `breakdown:${by}`, range, filters });
      return SCOPES;
    },
    async sessions(range, filters) {
      questions.push({ what: 'sessions', range, filters });
      return SCOPE_TOTAL;
    },
    async directory(dimension) {
      const versions = loads[dimension] ?? [DIRECTORY[dimension]];
      const n = directoryCalls.filter((d) => d === dimension).length;
      directoryCalls.push(dimension);
      return versions[Math.min(n, versions.length - 1)] ?? [];
    },
  };
  const loadsOf = (dimension: Dimension) => directoryCalls.filter((d) => d === dimension).length;
  return { backend, directoryCalls, questions, loadsOf };
}

function serviceOver(loads?: Partial<Record<Dimension, DirectoryEntry[][]>>) {
  const clock = createFakeClock();
  const recorded = directoryBackend(loads);
  const stats = createStatsService({ backend: recorded.backend, cache: createQueryCache({ clock }), clock });
  return { clock, stats, ...recorded };
}

async function inputError(run: Promise<unknown>): Promise<UserInputError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return error as UserInputError;
}

describe('resolveFilters', () => {
  it('turns a group and a channel type name into ids, and says what it applied', async () => {
    const { stats } = serviceOver();
    expect(await stats.resolveFilters({ group: 'sales', channel: 'APP' })).toEqual({
      filters: { groupIds: ['g1'], channelTypes: ['2'] },
      applied: [SALES, APP],
    });
  });

  it('turns a sub-channel, by name or by key, into a sub-channel key', async () => {
    const { stats } = serviceOver();
    expect(await stats.resolveFilters({ channel: 'ios app store' })).toEqual({
      filters: { subChannelKeys: ['2_1'] },
      applied: [IOS],
    });
    expect((await stats.resolveFilters({ channel: '2_1' })).filters).toEqual({ subChannelKeys: ['2_1'] });
  });

  it('maps departments, agents and bots to their filters', async () => {
    const { stats } = serviceOver();
    const resolved = await stats.resolveFilters({ department: 'east china', agent: 'jose', robot: 'sobot' });
    expect(resolved.filters).toEqual({ departmentIds: ['d1'], agentIds: ['s1'], robotIds: ['1'] });
    expect(resolved.applied).toEqual([EAST, JOSE, BOT]);
  });

  it('lists namesakes with their ids, and accepts the id to pick one', async () => {
    const west = { dimension: 'department' as const, id: 'd7', name: 'Customer Service', aliases: [] };
    const east = { dimension: 'department' as const, id: 'd8', name: 'Customer Service', aliases: [] };
    const { stats } = serviceOver({ department: [[west, east]] });
    const error = await inputError(stats.resolveFilters({ department: 'customer service' }));
    expect(error.message).toContain('Customer Service (d7), Customer Service (d8)');
    expect(error.example).toBe('dept:d7');
    expect((await stats.resolveFilters({ department: 'd8' })).filters).toEqual({ departmentIds: ['d8'] });
  });

  it('applies nothing and loads no directory when no filter is named', async () => {
    const { stats, directoryCalls } = serviceOver();
    expect(await stats.resolveFilters({})).toEqual({ filters: {}, applied: [] });
    expect(await stats.resolveFilters({ group: undefined, channel: '' })).toEqual({
      filters: {},
      applied: [],
    });
    expect(directoryCalls).toEqual([]);
  });

  it('loads a directory once for many resolves within an hour, and again after it', async () => {
    const { clock, stats, loadsOf } = serviceOver();
    for (const name of ['Sales', 'support', 'g3', 'session stat test'])
      await stats.resolveFilters({ group: name });
    await clock.advance(HOUR - 1);
    await stats.resolveFilters({ group: 'Sales' });
    expect(loadsOf('group')).toBe(1);
    await clock.advance(1);
    await stats.resolveFilters({ group: 'Sales' });
    expect(loadsOf('group')).toBe(2);
  });

  it('keeps each dimension apart', async () => {
    const { stats, loadsOf } = serviceOver();
    await stats.resolveFilters({ group: 'Sales', channel: 'APP' });
    await stats.resolveFilters({ group: 'Support', channel: 'iOS' });
    expect(loadsOf('group')).toBe(1);
    expect(loadsOf('channel')).toBe(1);
    expect(loadsOf('agent')).toBe(0);
  });

  it('reloads a directory older than 5 minutes when a name is not found, and finds a group created since', async () => {
    const { stats, loadsOf, clock } = serviceOver({
      group: [DIRECTORY.group, [...DIRECTORY.group, BILLING]],
    });
    await stats.resolveFilters({ group: 'Sales' });
    expect(loadsOf('group')).toBe(1);
    await clock.advance(5 * 60_000);
    expect(await stats.resolveFilters({ group: 'billing' })).toEqual({
      filters: { groupIds: ['g5'] },
      applied: [BILLING],
    });
    expect(loadsOf('group')).toBe(2);
    // The reloaded directory is cached like the first one.
    await stats.resolveFilters({ group: 'Billing' });
    await stats.resolveFilters({ group: 'Sales' });
    expect(loadsOf('group')).toBe(2);
  });

  it('answers typos from the cached list: at most one reload per list every 5 minutes', async () => {
    const { stats, loadsOf, clock } = serviceOver();
    await inputError(stats.resolveFilters({ group: 'Slaes' }));
    // Loaded just now: no reload.
    expect(loadsOf('group')).toBe(1);
    await clock.advance(5 * 60_000);
    await inputError(stats.resolveFilters({ group: 'Slaes' }));
    expect(loadsOf('group')).toBe(2);
    for (const typo of ['Slaes', 'Suport', 'Biling']) await inputError(stats.resolveFilters({ group: typo }));
    expect(loadsOf('group')).toBe(2);
    await clock.advance(4 * 60_000);
    await inputError(stats.resolveFilters({ group: 'Slaes' }));
    expect(loadsOf('group')).toBe(2);
  });

  it('rejects an unknown name, listing the close names, with an example that works', async () => {
    const { stats } = serviceOver();
    const error = await inputError(stats.resolveFilters({ group: 'Slaes' }));
    expect(error.message).toContain('"Slaes"');
    expect(error.message).toContain('Close names: Sales.');
    expect(error.example).toBe('group:Sales');
  });

  it('quotes a close name with spaces in the example', async () => {
    const { stats } = serviceOver();
    const error = await inputError(stats.resolveFilters({ group: 'Sesion Stat Tset' }));
    expect(error.message).toContain('Session Stat Test');
    expect(error.example).toBe('group:"Session Stat Test"');
  });

  it('lists a short directory whole when nothing is close', async () => {
    const { stats } = serviceOver();
    const error = await inputError(stats.resolveFilters({ group: 'Marketing' }));
    expect(error.message).toContain('no skill group "Marketing"');
    for (const name of ['Sales', 'Support', 'Sales VIP', 'Session Stat Test']) {
      expect(error.message).toContain(name);
    }
    expect(error.example).toBe('group:Sales');
  });

  it('lists nothing from a long directory when nothing is close', async () => {
    const many = Array.from({ length: 30 }, (_, i) => entry('group', `x${i}`, `Team ${i}`));
    const { stats } = serviceOver({ group: [many] });
    const error = await inputError(stats.resolveFilters({ group: 'Marketing' }));
    expect(error.message).toContain('"Marketing"');
    expect(error.message).not.toContain('Team 1');
    expect(error.example).toBeNull();
  });

  it('names the option of the dimension in the example', async () => {
    const { stats } = serviceOver();
    const error = await inputError(stats.resolveFilters({ department: 'East Chnia' }));
    expect(error.message).toContain('department');
    expect(error.example).toBe('dept:"East China"');
  });

  it('rejects a name that fits several, listing them', async () => {
    const { stats } = serviceOver();
    const error = await inputError(stats.resolveFilters({ group: 'sal' }));
    expect(error.message).toContain('Several skill groups match "sal"');
    expect(error.message).toContain('Sales, Sales VIP');
    expect(error.example).toBe('group:Sales');
  });
});

describe('overview and breakdown', () => {
  const WEEK: DateRange = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };

  it('returns the figures with the period it is compared with', async () => {
    const { stats } = serviceOver();
    const report = await stats.overview(WEEK, { groupIds: ['g1'] });
    // Each period's KPIs are its session, message and headline answers together.
    const kpis = { ...SCOPE_TOTAL, ...MESSAGES, ...HEADLINE.kpis };
    expect(report).toEqual({
      range: WEEK,
      previousRange: { from: '2026-11-09', to: '2026-11-15', timeZone: 'Asia/Shanghai' },
      filters: { groupIds: ['g1'] },
      current: kpis,
      previous: kpis,
      ratings: HEADLINE.ratings,
    });
    // A day: the day before; October: September, the calendar month before (not the 31 days before).
    expect((await stats.overview(day('2026-11-22'))).previousRange).toEqual(day('2026-11-21'));
    const october: DateRange = { from: '2026-10-01', to: '2026-10-31', timeZone: 'UTC' };
    expect((await stats.overview(october)).previousRange).toEqual({
      from: '2026-09-01',
      to: '2026-09-30',
      timeZone: 'UTC',
    });
    // The clock reads Mon 23 Nov 2026 10:00 in Shanghai: today so far meets yesterday until 10:00.
    expect((await stats.overview(day('2026-11-23'))).previousRange).toEqual({
      ...day('2026-11-22'),
      until: '10:00:00',
    });
  });

  /** A backend answering every overview question, recording the ranges asked; partial days or not. */
  function overviewBackend(partialDays: boolean) {
    const asked: { what: string; range: DateRange }[] = [];
    const backend: StatsBackend = {
      ...unusedBackend(),
      partialDays,
      async headline(range) {
        asked.push({ what: 'headline', range });
        return HEADLINE;
      },
      async sessions(range) {
        asked.push({ what: 'sessions', range });
        return SCOPE_TOTAL;
      },
      async messages(range) {
        asked.push({ what: 'messages', range });
        return MESSAGES;
      },
    };
    return { backend, asked };
  }

  it('asks the backend for the comparison range and caches per comparison minute', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T06:49:30Z')); // 14:49:30 in Shanghai
    const { backend, asked } = overviewBackend(true);
    const stats = createStatsService({ backend, cache: createQueryCache({ clock }), clock });
    await stats.overview(day('2026-11-23'));
    await clock.advance(20_000); // 14:49:50: the same minute, the same answer
    await stats.overview(day('2026-11-23'));
    await clock.advance(60_000); // 14:50:50: a new minute, a new comparison
    await stats.overview(day('2026-11-23'));
    const before = asked.filter((a) => a.range.from === '2026-11-22');
    for (const what of ['sessions', 'messages', 'headline']) {
      expect(before.filter((a) => a.what === what).map((a) => a.range)).toEqual([
        { ...day('2026-11-22'), until: '14:49:00' },
        { ...day('2026-11-22'), until: '14:50:00' },
      ]);
    }
  });

  it('makes no comparison "so far" on an API that counts whole days, and asks nothing for it', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T06:49:30Z'));
    const { backend, asked } = overviewBackend(false);
    const stats = createStatsService({ backend, cache: createQueryCache({ clock }), clock });
    const report = await stats.overview(day('2026-11-23'));
    expect(report.previous).toEqual({});
    expect(report.current).toEqual({ ...SCOPE_TOTAL, ...MESSAGES, ...HEADLINE.kpis });
    expect(asked.map((a) => a.range.from)).toEqual(['2026-11-23', '2026-11-23', '2026-11-23']);
  });

  it('caches the overview per range and filters: three questions for each of its two periods', async () => {
    const { stats, questions } = serviceOver();
    await stats.overview(WEEK, { groupIds: ['g1'] });
    await stats.overview(WEEK, { groupIds: ['g1'] });
    expect(questions).toHaveLength(6);
    expect(questions.filter((q) => q.range === WEEK).map((q) => q.what)).toEqual([
      'sessions',
      'messages',
      'headline',
    ]);
    await stats.overview(WEEK, { groupIds: ['g2'] });
    await stats.overview(WEEK);
    expect(questions).toHaveLength(18);
    // The day before 22 Nov is 21 Nov, not yet asked; 22 Nov is.
    await stats.overview(day('2026-11-22'), { groupIds: ['g1'] });
    expect(questions).toHaveLength(24);
    expect(questions[0]).toEqual({ what: 'sessions', range: WEEK, filters: { groupIds: ['g1'] } });
  });

  it("shares a period's answers between overviews: yesterday's comparison is the day before's own figures", async () => {
    const { stats, questions } = serviceOver();
    await stats.overview(day('2026-11-22'));
    await stats.overview(day('2026-11-21'));
    // 22 Nov and 21 Nov for the first, 20 Nov only for the second.
    expect(questions).toHaveLength(9);
    expect(new Set(questions.map((q) => q.range.from))).toEqual(
      new Set(['2026-11-22', '2026-11-21', '2026-11-20']),
    );
  });

  it('caches the breakdown per dimension, range and filters, with the scope total once', async () => {
    const { stats, questions } = serviceOver();
    const report = await stats.breakdown('group', WEEK, { channelTypes: ['2'] });
    expect(report).toEqual({
      by: 'group',
      range: WEEK,
      filters: { channelTypes: ['2'] },
      rows: SCOPES,
      total: SCOPE_TOTAL,
    });
    await stats.breakdown('group', WEEK, { channelTypes: ['2'] });
    expect(questions).toHaveLength(2);
    // The same scope's total is the same session query, whatever the rows are by.
    await stats.breakdown('channel', WEEK, { channelTypes: ['2'] });
    await stats.breakdown('group', WEEK);
    await stats.breakdown('group', day('2026-11-22'), { channelTypes: ['2'] });
    expect(questions.map((q) => q.what)).toEqual([
      'breakdown:group',
      'sessions',
      'breakdown:channel',
      'breakdown:group',
      'sessions',
      'breakdown:group',
      'sessions',
    ]);
  });

  it("gives a breakdown's total from the overview's session query: no second question", async () => {
    const { stats, questions } = serviceOver();
    const overview = await stats.overview(WEEK);
    const groups = await stats.breakdown('group', WEEK);
    await stats.breakdown('department', WEEK);
    expect(questions.filter((q) => q.range === WEEK).map((q) => q.what)).toEqual([
      'sessions',
      'messages',
      'headline',
      'breakdown:group',
      'breakdown:department',
    ]);
    expect(groups.total.chats).toBe(overview.current.chats);
  });
});

describe('trend and the KPIs the backend gives', () => {
  const THREE_DAYS: DateRange = { from: '2026-11-16', to: '2026-11-18', timeZone: 'Asia/Shanghai' };

  function trendOver(api: StatsBackend['api']) {
    const clock = createFakeClock();
    const asked: DateRange[] = [];
    const backend: StatsBackend = {
      ...unusedBackend(),
      api,
      sessionKpis: ['chats', 'transfers'],
      async sessions(range) {
        asked.push(range);
        return { chats: Number(range.from.slice(-2)), transfers: 1 };
      },
      async messages(range) {
        messagesAsked.push(range);
        return { messages: 100 + Number(range.from.slice(-2)), answer_ratio: 0.5 };
      },
    };
    const messagesAsked: DateRange[] = [];
    const stats = createStatsService({ backend, cache: createQueryCache({ clock }), clock });
    return { stats, asked, messagesAsked };
  }

  it('offers the trends the backend’s session query gives, and the message KPIs', () => {
    expect(trendOver('legacy').stats.trendKpis).toEqual([
      'chats',
      'transfers',
      'messages',
      'customer_messages',
      'agent_messages',
      'answer_ratio',
    ]);
  });

  it('follows a message KPI with one message query a day, and no session query', async () => {
    const { stats, asked, messagesAsked } = trendOver('v5');
    const report = await stats.trend('messages', THREE_DAYS);
    expect(report.points.map((p) => p.value)).toEqual([116, 117, 118]);
    await stats.trend('answer_ratio', THREE_DAYS);
    expect(messagesAsked.map((r) => r.from)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
    expect(asked).toEqual([]);
  });

  it('follows such a KPI with one session query a day, each cached for the other KPIs', async () => {
    const { stats, asked } = trendOver('legacy');
    const report = await stats.trend('chats', THREE_DAYS);
    expect(report.points.map((p) => p.value)).toEqual([16, 17, 18]);
    await stats.trend('transfers', THREE_DAYS);
    expect(asked.map((r) => r.from)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
  });

  it('refuses, before any call, a KPI the backend’s session query does not give: on legacy, "needs v5"', async () => {
    const { stats, asked } = trendOver('legacy');
    const error = await stats.trend('bot_chats', THREE_DAYS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toMatch(/^Trends of Bot chats need Sobot's v5 API;.*SOBOT_API=v5/);
    expect(asked).toEqual([]);
  });

  it('on v5, says the KPI is not available from that API', async () => {
    const { stats } = trendOver('v5');
    const error = await stats.trend('queue_leave_rate', THREE_DAYS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toBe("Trends of Queue leave are not available from Sobot's v5 API.");
  });
});
