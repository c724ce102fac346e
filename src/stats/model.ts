// The backend-neutral vocabulary of statistics: what every layer above src/sobot/ speaks.
// Values Sobot did not give are null (shown as "–"), never 0.

import type {
  AgentDetail,
  BotFigures,
  CustomerFigures,
  RatingScale,
  SatisfactionFigures,
  TopicFigures,
} from './cards.ts';
import type { KpiId, RatePart } from './kpis.ts';

/** An inclusive range of calendar days in the company time zone. Dates are `yyyy-MM-dd`. */
export interface DateRange {
  from: string;
  to: string;
  timeZone: string;
  /**
   * `HH:mm:ss`: the range ends at this time of its last day, not at its end. Set on the range a
   * period that includes now is compared with, so "today so far" meets "yesterday until the same time".
   */
  until?: string;
}

/** Optional audience of a query, as Sobot ids (names are resolved before this point). */
export interface StatsFilters {
  groupIds?: string[];
  departmentIds?: string[];
  agentIds?: string[];
  /** Sub-channel keys (`channel_flag_key`, e.g. "4_1"). */
  subChannelKeys?: string[];
  /** Channel types (`source`, e.g. "0" for the desktop site). */
  channelTypes?: string[];
  robotIds?: string[];
}

/** What a filter or a breakdown can name. */
export type Dimension = 'group' | 'department' | 'channel' | 'agent' | 'robot';

/** One named thing of a dimension, as the backend knows it. */
export interface DirectoryEntry {
  dimension: Dimension;
  id: string;
  name: string;
  /** Other names it answers to (nickname, email, channel key). */
  aliases: string[];
  /** For channels: whether `id` is a channel type or a sub-channel key. */
  kind?: 'channel_type' | 'sub_channel';
  /** For departments: the names of every department under it, which its figures include. */
  includes?: string[];
}

/** KPI values of one scope and period; a KPI the backend cannot give is absent or null. */
export type KpiValues = Partial<Record<KpiId, number | null>>;

/** One row of a breakdown by group, department or channel. */
export interface ScopeRow {
  scopeId: string;
  name: string;
  kpis: KpiValues;
}

/** The overview's figures of one range beyond the session and message queries (FCR, bot, satisfaction). */
export interface HeadlineFigures {
  kpis: KpiValues;
  /** The rating scale `satisfaction` is read on, where the API says (absent on the legacy API). */
  ratings?: RatingUse;
}

/** How rows were rated: the company's scale (most ratings; null: nothing rated) and every scale used. */
export interface RatingUse {
  scale: RatingScale | null;
  inUse: RatingScale[];
}

/**
 * Per-agent counts, rates and averages for a period: what the team KPIs are combined from. Each rate
 * is kept with its count and base (RatePart) so that a combination of rows reproduces each row's
 * own rate; the first-response average is weighted by chats when rows are combined.
 */
export interface AgentCounts {
  /** Chats the agent handled: a transferred chat counts for each agent who handled it. */
  chats: number | null;
  validChats: number | null;
  /** Valid receptions of valid chats (doc example: 1 of 6 valid inquiry chats = 16.67%). */
  validReception: RatePart;
  /** Chats closed with no new chat within 24 h, of the chats the agent received last. */
  fcr24h: RatePart;
  /** Replies that breached the response-time warning, of all replies. */
  responseWarnings: RatePart;
  /** Per rating scale: positive ratings, Sobot's positive share, and rated chats on the scale. */
  ratings: Record<RatingScale, RatePart>;
  /** Average first response time in milliseconds. */
  avgFirstResponseMs: number | null;
  transfersIn: number | null;
  transfersOut: number | null;
}

/** The KPIs a per-agent table shows, as Sobot reported them for that agent. */
export type AgentKpis = Record<AgentKpiId, number | null>;
export type AgentKpiId =
  | 'chats'
  | 'valid_reception_rate'
  | 'avg_first_response'
  | 'fcr_24h'
  | 'satisfaction'
  | 'response_warn_rate';

export interface AgentRow {
  agentId: string;
  name: string;
  email: string | null;
  groups: string[];
  /** The table's KPIs, and the per-agent figures that are sort keys and CSV columns (AGENT_EXTRA_KPIS). */
  kpis: AgentKpis & KpiValues;
  /** The counts behind the KPIs, so team totals can be computed exactly. */
  counts: AgentCounts;
}

/** Who is waiting for an answer: a person in Slack goes before digests and alert checks. */
export type Priority = 'interactive' | 'background';

/** What the stats service needs from a Sobot API (v5 or legacy); implemented under src/sobot/. */
export interface StatsBackend {
  readonly api: 'v5' | 'legacy';
  agentWorkload(range: DateRange, filters: StatsFilters, priority: Priority): Promise<AgentRow[]>;
  /**
   * Whether a range may end at a time of day (DateRange.until), so a period that includes now can be
   * compared "so far". The legacy API counts whole days only.
   */
  readonly partialDays: boolean;
  /**
   * The overview's KPIs of one range besides sessions() and messages(): 24h FCR, the bot's figures,
   * satisfaction on the company's scale. The overview asks the three for each of its two ranges.
   */
  headline(range: DateRange, filters: StatsFilters, priority: Priority): Promise<HeadlineFigures>;
  /** The session KPIs of one range (chats, valid reception, first response, warnings, queue leave). */
  sessions(range: DateRange, filters: StatsFilters, priority: Priority): Promise<KpiValues>;
  /** The KPIs sessions() gives: what a trend can follow on this API. */
  readonly sessionKpis: readonly KpiId[];
  /** The message volumes and answer ratio of one range (MESSAGE_KPIS). */
  messages(range: DateRange, filters: StatsFilters, priority: Priority): Promise<KpiValues>;
  breakdown(
    by: 'group' | 'department' | 'channel',
    range: DateRange,
    filters: StatsFilters,
    priority: Priority,
  ): Promise<ScopeRow[]>;
  /** Everything of one dimension that filters can name. */
  directory(dimension: Dimension, priority: Priority): Promise<DirectoryEntry[]>;
  satisfaction(range: DateRange, filters: StatsFilters, priority: Priority): Promise<SatisfactionFigures>;
  bot(range: DateRange, filters: StatsFilters, priority: Priority): Promise<BotFigures>;
  customers(range: DateRange, filters: StatsFilters, priority: Priority): Promise<CustomerFigures>;
  /** Chats and ratings per service classification (the level-1 topics). */
  topics(range: DateRange, filters: StatsFilters, priority: Priority): Promise<TopicFigures>;
  /** One agent's card; null when the agent handled no chats in the range. */
  agentDetail(range: DateRange, agentId: string, priority: Priority): Promise<AgentDetail | null>;
}
