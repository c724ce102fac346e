// The backend-neutral vocabulary of statistics: what every layer above src/sobot/ speaks.
// Values Sobot did not give are null (shown as "–"), never 0.

/** An inclusive range of calendar days in the company time zone. Dates are `yyyy-MM-dd`. */
export interface DateRange {
  from: string;
  to: string;
  timeZone: string;
}

/** Optional audience of a query, as Sobot ids (names are resolved before this point). */
export interface StatsFilters {
  groupIds?: string[];
  departmentIds?: string[];
  agentIds?: string[];
}

/**
 * Raw per-agent counts and averages for a period: the numbers the KPIs are computed from.
 * Counts add up across rows; averages carry the count they are weighted by.
 */
export interface AgentCounts {
  chats: number | null;
  validChats: number | null;
  /** Chats that reached the agent with a customer inquiry: the base of valid reception %. */
  inquiryChats: number | null;
  validReceptions: number | null;
  /** Chats the agent received last: the base of 24h FCR %. */
  lastReceptionChats: number | null;
  fcr24hChats: number | null;
  responseRounds: number | null;
  responseWarnings: number | null;
  ratedChats: number | null;
  satisfiedChats: number | null;
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
  kpis: AgentKpis;
  /** The counts behind the KPIs, so team totals can be computed exactly. */
  counts: AgentCounts;
}

/** Who is waiting for an answer: a person in Slack goes before digests and alert checks. */
export type Priority = 'interactive' | 'background';

/** What the stats service needs from a Sobot API (v5 or legacy); implemented under src/sobot/. */
export interface StatsBackend {
  readonly api: 'v5' | 'legacy';
  agentWorkload(range: DateRange, filters: StatsFilters, priority: Priority): Promise<AgentRow[]>;
}
