// The port the stats service reads through: what it needs from a Sobot API (v5 or legacy), implemented
// under src/sobot/ (v5/backend.ts, legacy/backend.ts). Only types: the vocabulary of model.ts and cards.ts.

import type { AgentDetail, BotFigures, CustomerFigures, SatisfactionFigures, TopicFigures } from './cards.ts';
import type { KpiId } from './kpi-ids.ts';
import type {
  AgentRow,
  DateRange,
  Dimension,
  DirectoryEntry,
  HeadlineFigures,
  KpiValues,
  Priority,
  ScopeRow,
  StatsFilters,
} from './model.ts';

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
