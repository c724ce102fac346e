// The backend-neutral vocabulary of statistics: what every layer above src/sobot/ speaks.
// Values Sobot did not give are null (shown as "–"), never 0.

import type { AgentKpiId, KpiId, RatingScale } from './kpi-ids.ts';

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

/**
 * One row's part of a rate: Sobot's count and its rate for the row, and the field the document's
 * examples show as the base (null when none is known).
 */
export interface RatePart {
  count: number | null;
  rate: number | null;
  base: number | null;
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
