// The backend-neutral figures of the single-scope "cards": satisfaction, the chatbot, customers,
// and one agent. Shares are fractions; durations milliseconds; a value Sobot did not give is null.

import type { RatingScale } from './kpi-ids.ts';
import type { AgentRow, RatingUse } from './model.ts';

/** One bar of a rating distribution: "5★", "10", "Satisfied". */
export interface RatingBucket {
  label: string;
  count: number | null;
  share: number | null;
}

export interface SatisfactionFigures {
  /** The scale the company uses: the one with the most ratings in the period (null: nothing rated). */
  scale: RatingScale | null;
  /** Every scale with a rating in the period: more than one is said, never pooled. */
  scalesInUse: RatingScale[];
  validChats: number | null;
  ratedChats: number | null;
  /** Rated share of valid chats. */
  feedbackRate: number | null;
  /** Customers who said their issue was resolved, of those who answered. */
  resolvedRate: number | null;
  /** Satisfied share of rated chats on that scale (5★, 9–10, "satisfied"). */
  satisfaction: number | null;
  /** Mean score on that scale (1–5 or 0–10); null for two-level. */
  averageScore: number | null;
  /** Best first. */
  distribution: RatingBucket[];
  /** Per customer rather than per chat (a customer rating twice counts once). */
  customers: {
    rated: number | null;
    resolved: number | null;
    averageScore: number | null;
    distribution: RatingBucket[];
  };
}

export interface BotFigures {
  received: number | null;
  validReceived: number | null;
  selfServed: number | null;
  selfServiceRate: number | null;
  transfersToAgents: number | null;
  /** Customers who asked for an agent themselves. */
  activeTransfers: number | null;
  /** Transfers the bot's rules triggered. */
  triggeredTransfers: number | null;
  keywordTransfers: number | null;
  /** The same as shares of the transfers to agents, as Sobot gives them (doc: 1441 / 1452 = 99.24%). */
  activeTransferRate: number | null;
  triggeredTransferRate: number | null;
  keywordTransferRate: number | null;
  /** The same figures for the period before, from Sobot's MoM fields (null where not given). */
  previous: { received: number | null; selfServiceRate: number | null; transfersToAgents: number | null };
  /** Transfers to agents as a share of the customers received; absent where the API does not give it. */
  transferRate?: number | null;
  /** How customers rated the bot's chats; absent where the API does not give it. */
  ratings?: { rated: number | null; feedbackRate: number | null; resolvedRate: number | null };
}

export interface RegionRow {
  country: string;
  region: string;
  visitors: number | null;
  newVisitors: number | null;
  returningVisitors: number | null;
}

export interface CustomerFigures {
  validCustomers: number | null;
  newCustomers: number | null;
  returningCustomers: number | null;
  returningShare: number | null;
  fcr24h: number | null;
  previous: { validCustomers: number | null; returningShare: number | null; fcr24h: number | null };
  /** Busiest first. */
  regions: RegionRow[];
}

export interface WorkStatus {
  onlineMs: number | null;
  busyMs: number | null;
  busyCount: number | null;
  breakMs: number | null;
  mealMs: number | null;
  trainingMs: number | null;
  meetingMs: number | null;
  /** Epoch ms. */
  firstLoginAt: number | null;
  lastLogoutAt: number | null;
}

export interface AgentDetail {
  row: AgentRow;
  responseTimes: {
    firstMs: number | null;
    averageMs: number | null;
    maxMs: number | null;
    within30sRate: number | null;
    within60sRate: number | null;
  };
  ratings: { scale: RatingScale | null; distribution: RatingBucket[]; averageScore: number | null };
  /** null when Sobot has no work log for the agent in the period. */
  workStatus: WorkStatus | null;
}

/** The topics, and the rating scale their satisfaction is on (the one with most ratings over all topics). */
export interface TopicFigures {
  ratings: RatingUse;
  topics: TopicRow[];
}

/** One service classification (topic) and how its chats were rated. */
export interface TopicRow {
  id: string;
  name: string;
  /** 1 for a top-level topic, 2 for a sub-topic. */
  level: number | null;
  chats: number | null;
  ratedChats: number | null;
  /** Positive share on the topics' scale: 5★ (or 9–10 on the 0–10 scale) of the chats rated on it. */
  satisfaction: number | null;
  /** Mean of the 5-star ratings; null when none. */
  averageStars: number | null;
}
