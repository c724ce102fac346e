// The stats service: backend-neutral questions ("agents for this range") answered through the
// cache, so a number means the same in a command, a digest and an alert. When Sobot cannot be asked
// (down, rate-limiting, our queue full) a command is answered from an expired cache entry of the
// same question, and the command is told how old it is; scheduled work never gets stale figures.

import type { Clock } from '../clock.ts';
import { currentCommand } from '../command-context.ts';
import { echo } from '../echo.ts';
import { UserInputError } from '../errors.ts';
import { type MessageKey, phrase } from '../i18n/catalogue.ts';
import type { StatsBackend } from './backend.ts';
import type { QueryCache } from './cache.ts';
import type { AgentDetail, BotFigures, CustomerFigures, SatisfactionFigures, TopicFigures } from './cards.ts';
import type { KpiId } from './kpi-ids.ts';
import { KPIS, kpisFromCounts, MESSAGE_KPIS, ratingUseOf } from './kpis.ts';
import type {
  AgentKpis,
  AgentRow,
  DateRange,
  Dimension,
  DirectoryEntry,
  KpiValues,
  Priority,
  RatingUse,
  ScopeRow,
  StatsFilters,
} from './model.ts';
import { matchName } from './names.ts';
import { comparisonRange, isClosed } from './period.ts';
import { type Granularity, trendBuckets } from './trend.ts';
import { unsupportedOn } from './unsupported.ts';

export interface AgentsReport {
  range: DateRange;
  filters: StatsFilters;
  rows: AgentRow[];
  /** Team KPIs combined from the rows' counts, so that one agent's team line is that agent's row. */
  totals: AgentKpis;
  /** The rating scale the rows' satisfaction is on, and every scale in use. */
  ratings: RatingUse;
}

export interface OverviewReport {
  range: DateRange;
  previousRange: DateRange;
  filters: StatsFilters;
  current: KpiValues;
  previous: KpiValues;
  /** The rating scale `satisfaction` is on, where the API says. */
  ratings?: RatingUse;
}

export interface BreakdownReport {
  by: 'group' | 'department' | 'channel';
  range: DateRange;
  filters: StatsFilters;
  rows: ScopeRow[];
  /** The whole scope, each chat once: the overview's figures, whether or not the rows overlap. */
  total: KpiValues;
}

/** Filters as users name them: `group:Sales dept:华东`. */
export type FilterNames = Partial<Record<Dimension, string>>;

export interface ResolvedFilters {
  filters: StatsFilters;
  /** What was applied, by its directory name, for the reply to state. */
  applied: DirectoryEntry[];
}

export interface StatsService {
  readonly api: StatsBackend['api'];
  /** The KPIs `trend` can follow on the configured API: its session KPIs and the message KPIs. */
  readonly trendKpis: readonly KpiId[];
  agents(range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<AgentsReport>;
  overview(range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<OverviewReport>;
  breakdown(
    by: BreakdownReport['by'],
    range: DateRange,
    filters?: StatsFilters,
    priority?: Priority,
  ): Promise<BreakdownReport>;
  /** The names in one of Sobot's condition lists (the directory, cached for an hour), for pickers. */
  names(dimension: Dimension, priority?: Priority): Promise<string[]>;
  /** Names → ids through the directory (cached for an hour, reloaded on a miss at most every 5 min). */
  resolveFilters(names: FilterNames, priority?: Priority): Promise<ResolvedFilters>;
  /** One of `trendKpis` per day (or week) of `range`; each point a cached session or message query. */
  trend(kpi: KpiId, range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<TrendReport>;
  satisfaction(
    range: DateRange,
    filters?: StatsFilters,
    priority?: Priority,
  ): Promise<Card<SatisfactionFigures>>;
  bot(range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<Card<BotFigures>>;
  customers(range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<Card<CustomerFigures>>;
  agentDetail(range: DateRange, agentId: string, priority?: Priority): Promise<Card<AgentDetail | null>>;
  topics(range: DateRange, filters?: StatsFilters, priority?: Priority): Promise<Card<TopicFigures>>;
}

export interface TrendReport {
  kpi: KpiId;
  range: DateRange;
  filters: StatsFilters;
  granularity: Granularity;
  points: { range: DateRange; value: number | null }[];
}

/** A card's figures with the range and filters they are for. */
export interface Card<T> {
  range: DateRange;
  filters: StatsFilters;
  figures: T;
}

/** How long the names of groups, agents and channels are trusted. */
const DIRECTORY_TTL_MS = 60 * 60_000;
/** An unknown name reloads a list only if it is older than this, so typos do not spend the budget. */
const DIRECTORY_RELOAD_AFTER_MS = 5 * 60_000;

const DIMENSION_WORD = {
  group: 'dimension.group',
  department: 'dimension.department',
  channel: 'dimension.channel',
  agent: 'dimension.agent',
  robot: 'dimension.robot',
} as const satisfies Record<Dimension, MessageKey>;

const DIMENSION_PLURAL = {
  group: 'dimension.groups',
  department: 'dimension.departments',
  channel: 'dimension.channels',
  agent: 'dimension.agents',
  robot: 'dimension.robots',
} as const satisfies Record<Dimension, MessageKey>;

const OPTION_OF: Record<Dimension, string> = {
  group: 'group',
  department: 'dept',
  channel: 'channel',
  agent: 'agent',
  robot: 'robot',
};

function addFilter(filters: StatsFilters, entry: DirectoryEntry): void {
  const push = (key: keyof StatsFilters) => {
    filters[key] = [...(filters[key] ?? []), entry.id];
  };
  if (entry.dimension === 'group') push('groupIds');
  else if (entry.dimension === 'department') push('departmentIds');
  else if (entry.dimension === 'agent') push('agentIds');
  else if (entry.dimension === 'robot') push('robotIds');
  else push(entry.kind === 'channel_type' ? 'channelTypes' : 'subChannelKeys');
}

export interface StatsServiceOptions {
  backend: StatsBackend;
  cache: QueryCache;
  clock: Clock;
  /** How long an answer about a period that has ended stays fresh (default 6 h). */
  closedPeriodTtlMs?: number;
  /** How long an answer that includes today stays fresh (default 1 min). */
  openPeriodTtlMs?: number;
  /** Whether `error` means Sobot cannot be asked now, so an old answer may stand in (default: never). */
  isOutage?: (error: unknown) => boolean;
}

export function createStatsService(opts: StatsServiceOptions): StatsService {
  const closedTtl = opts.closedPeriodTtlMs ?? 6 * 60 * 60_000;
  const openTtl = opts.openPeriodTtlMs ?? 60_000;
  const ttlFor = (range: DateRange) => (isClosed(range, opts.clock.now()) ? closedTtl : openTtl);

  const { backend } = opts;
  const isOutage = opts.isOutage ?? (() => false);

  /** The cache, with an expired answer standing in for a command when Sobot cannot be asked. */
  const cache = {
    async getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      try {
        return await opts.cache.getOrLoad(key, ttlMs, load);
      } catch (error) {
        const command = currentCommand();
        const stale = command && isOutage(error) ? opts.cache.peek<T>(key) : null;
        if (!command || !stale) throw error;
        command.servedStale({ storedAt: stale.storedAt, cause: error });
        return stale.value;
      }
    },
  };
  const keyOf = (what: string, range: DateRange, filters: StatsFilters) =>
    `${what}|${range.timeZone}|${range.from}|${range.to}${range.until ? ` ${range.until}` : ''}|${filterKey(filters)}`;

  const directory = (dimension: Dimension, priority: Priority) =>
    cache.getOrLoad(`directory|${dimension}`, DIRECTORY_TTL_MS, () => backend.directory(dimension, priority));

  /** The session KPIs of one range, shared by overviews, trends and breakdown totals through the cache. */
  const sessions = (range: DateRange, filters: StatsFilters, priority: Priority) =>
    cache.getOrLoad(keyOf('sessions', range, filters), ttlFor(range), () =>
      backend.sessions(range, filters, priority),
    );
  /** The message KPIs of one range, shared by overviews and trends. */
  const messages = (range: DateRange, filters: StatsFilters, priority: Priority) =>
    cache.getOrLoad(keyOf('messages', range, filters), ttlFor(range), () =>
      backend.messages(range, filters, priority),
    );
  /** Every overview KPI of one range: three cached questions, so each is asked of Sobot once. */
  const overviewOf = async (range: DateRange, filters: StatsFilters, priority: Priority) => {
    const [session, message, headline] = await Promise.all([
      sessions(range, filters, priority),
      messages(range, filters, priority),
      cache.getOrLoad(keyOf('headline', range, filters), ttlFor(range), () =>
        backend.headline(range, filters, priority),
      ),
    ]);
    return { kpis: { ...session, ...message, ...headline.kpis }, ratings: headline.ratings };
  };

  async function card<T>(
    what: string,
    range: DateRange,
    filters: StatsFilters,
    load: () => Promise<T>,
  ): Promise<Card<T>> {
    const figures = await cache.getOrLoad(keyOf(what, range, filters), ttlFor(range), load);
    return { range, filters, figures };
  }

  async function resolveOne(dimension: Dimension, name: string, priority: Priority): Promise<DirectoryEntry> {
    let entries = await directory(dimension, priority);
    let match = matchName(name, entries);
    const loadedAt = opts.cache.peek(`directory|${dimension}`)?.storedAt ?? opts.clock.now();
    if (match.kind === 'none' && opts.clock.now() - loadedAt >= DIRECTORY_RELOAD_AFTER_MS) {
      // A group or agent created since the last load: look once more before saying no.
      opts.cache.forget(`directory|${dimension}`);
      entries = await directory(dimension, priority);
      match = matchName(name, entries);
    }
    const option = OPTION_OF[dimension];
    if (match.kind === 'one') return match.entry;
    if (match.kind === 'several') {
      // Namesakes (a "Support" team in two regions) can only be told apart by their ids.
      const names = match.entries.map((e) => e.name);
      const namesakes = new Set(names).size < names.length;
      const listed = namesakes ? match.entries.map((e) => `${e.name} (${e.id})`) : names;
      const pick = namesakes ? (match.entries[0]?.id ?? name) : quoted(names[0] ?? name);
      throw new UserInputError(
        phrase('filter.ambiguous', {
          what: phrase(DIMENSION_WORD[dimension]),
          typed: echo(name),
          listed: listed.join(', '),
        }),
        `${option}:${pick}`,
      );
    }
    // With no close name, a short directory is worth listing whole.
    const close = (match.close.length ? match.close : entries.length <= 12 ? entries : []).map((e) => e.name);
    const what = phrase(DIMENSION_WORD[dimension]);
    const typed = echo(name);
    throw new UserInputError(
      close.length
        ? phrase(match.close.length ? 'filter.noneClose' : 'filter.noneAll', {
            what,
            typed,
            close: close.join(', '),
            all: phrase(DIMENSION_PLURAL[dimension]),
          })
        : phrase('filter.none', { what, typed }),
      close[0] ? `${option}:${quoted(close[0])}` : null,
    );
  }

  return {
    api: backend.api,
    trendKpis: [...backend.sessionKpis, ...MESSAGE_KPIS],
    async agents(range, filters = {}, priority = 'interactive') {
      const rows = await cache.getOrLoad(keyOf('agents', range, filters), ttlFor(range), () =>
        backend.agentWorkload(range, filters, priority),
      );
      const counts = rows.map((row) => row.counts);
      const ratings = ratingUseOf(counts);
      return { range, filters, rows, totals: kpisFromCounts(counts, ratings.scale), ratings };
    },
    async overview(range, filters = {}, priority = 'interactive') {
      // Both periods from the same queries, rather than from Sobot's own _cycle/_ratio fields, whose
      // window the document does not define: one card, one comparison window. An API that counts
      // whole days cannot compare "so far": no comparison rather than a partial day against a whole one.
      const previous = comparisonRange(range, opts.clock.now());
      const comparable = previous.until === undefined || backend.partialDays;
      const [current, before] = await Promise.all([
        overviewOf(range, filters, priority),
        comparable ? overviewOf(previous, filters, priority) : null,
      ]);
      return {
        range,
        previousRange: previous,
        filters,
        current: current.kpis,
        previous: before?.kpis ?? {},
        ...(current.ratings ? { ratings: current.ratings } : {}),
      };
    },
    async breakdown(by, range, filters = {}, priority = 'interactive') {
      const rows = await cache.getOrLoad(keyOf(`breakdown:${by}`, range, filters), ttlFor(range), () =>
        backend.breakdown(by, range, filters, priority),
      );
      // After the rows: an API without breakdowns answers that before any call.
      const total = await sessions(range, filters, priority);
      return { by, range, filters, rows, total };
    },
    satisfaction: (range, filters = {}, priority = 'interactive') =>
      card('satisfaction', range, filters, () => backend.satisfaction(range, filters, priority)),
    bot: (range, filters = {}, priority = 'interactive') =>
      card('bot', range, filters, () => backend.bot(range, filters, priority)),
    customers: (range, filters = {}, priority = 'interactive') =>
      card('customers', range, filters, () => backend.customers(range, filters, priority)),
    topics: (range, filters = {}, priority = 'interactive') =>
      card('topics', range, filters, () => backend.topics(range, filters, priority)),
    agentDetail: (range, agentId, priority = 'interactive') =>
      card('agent', range, { agentIds: [agentId] }, () => backend.agentDetail(range, agentId, priority)),
    async trend(kpi, range, filters = {}, priority = 'interactive') {
      // Before any call: a session query of this API would give every point as unknown.
      const query = backend.sessionKpis.includes(kpi)
        ? sessions
        : MESSAGE_KPIS.includes(kpi)
          ? messages
          : null;
      if (!query) throw unsupportedOn(backend.api, `Trends of ${KPIS[kpi].label.en}`);
      const { granularity, buckets } = trendBuckets(range);
      const values = await Promise.all(buckets.map((bucket) => query(bucket, filters, priority)));
      return {
        kpi,
        range,
        filters,
        granularity,
        points: buckets.map((bucket, i) => ({ range: bucket, value: values[i]?.[kpi] ?? null })),
      };
    },
    async names(dimension, priority = 'interactive') {
      return (await directory(dimension, priority)).map((entry) => entry.name);
    },
    async resolveFilters(names, priority = 'interactive') {
      const wanted = Object.entries(names).filter((entry): entry is [Dimension, string] => Boolean(entry[1]));
      const applied = await Promise.all(
        wanted.map(([dimension, name]) => resolveOne(dimension, name, priority)),
      );
      const filters: StatsFilters = {};
      for (const entry of applied) addFilter(filters, entry);
      return { filters, applied };
    },
  };
}

const quoted = (name: string) => (/\s/.test(name) ? `"${name}"` : name);

function filterKey(filters: StatsFilters): string {
  return (Object.keys(filters) as (keyof StatsFilters)[])
    .filter((key) => filters[key]?.length)
    .sort()
    .map((key) => `${key}=${[...(filters[key] ?? [])].sort().join(',')}`)
    .join(';');
}
