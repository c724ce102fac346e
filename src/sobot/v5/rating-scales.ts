// The three rating scales as Sobot names their fields, best bucket first. staffWorkStatis and
// getSatisfactionSurvey share the per-chat names (score5, nps_score10, level2_score5 and their
// `_rate_str` shares); getCustomerSatisfaction names its per-customer counts nps10 instead.

import type { RatingScale } from '../../stats/kpi-ids.ts';

export interface ScaleBucket {
  label: string;
  /** Rated chats in the bucket. */
  chats: string;
  /** Sobot's share of the scale's rated chats. */
  share: string;
  /** Customers in the bucket (getCustomerSatisfaction). */
  customers: string;
}

const stars = [5, 4, 3, 2, 1].map((n) => ({
  label: `${n}★`,
  chats: `score${n}`,
  share: `score${n}_rate_str`,
  customers: `score${n}`,
}));
const npsScores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => ({
  label: String(n),
  chats: `nps_score${n}`,
  share: `nps_score${n}_rate_str`,
  customers: `nps${n}`,
}));
const twoLevel = [
  { label: 'Satisfied', chats: 'level2_score5', share: 'level2_score5_rate_str', customers: 'level2_score5' },
  {
    label: 'Dissatisfied',
    chats: 'level2_score1',
    share: 'level2_score1_rate_str',
    customers: 'level2_score1',
  },
];

export const RATING_SCALES: Record<RatingScale, { buckets: readonly ScaleBucket[]; average: string | null }> =
  {
    five_star: { buckets: stars, average: 'avg_comment_score' },
    nps: { buckets: npsScores, average: 'avg_nps_score' },
    two_level: { buckets: twoLevel, average: null },
  };

/** A numeric field of a parsed reply row named at run time (the scales name their fields). */
export function numberField(row: object, field: string | null): number | null {
  const value = field === null ? undefined : (row as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : null;
}
