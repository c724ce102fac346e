// Satisfaction card from getSatisfactionSurvey (per chat) and getCustomerSatisfaction (per customer),
// read on the rating scale the company uses: 5 stars, 0–10 (NPS) or two levels.

import type { RatingBucket, SatisfactionFigures } from '../../stats/cards.ts';
import type { RatingScale } from '../../stats/kpi-ids.ts';
import { ratingUse, ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { DateRange, Priority, RatingUse, StatsFilters } from '../../stats/model.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import type { V5Item } from './endpoints.ts';
import { surveyFilterParams } from './filters.ts';
import { numberField, RATING_SCALES } from './rating-scales.ts';

type Survey = V5Item<'sessionSatisfaction'>;
type CustomerSurvey = V5Item<'customerSatisfaction'>;

type Bucket = [label: string, count: number | null, share: number | null];

/** Best first on each scale; the shares are this period's `*_rate_str` (of rated chats on that scale). */
function chatBuckets(s: Survey): Record<RatingScale, Bucket[]> {
  const on = (scale: RatingScale): Bucket[] =>
    RATING_SCALES[scale].buckets.map((b) => [b.label, numberField(s, b.chats), numberField(s, b.share)]);
  return { five_star: on('five_star'), nps: on('nps'), two_level: on('two_level') };
}

/** getCustomerSatisfaction gives counts only; shares are taken of the scale's own total. */
function customerCounts(c: CustomerSurvey, scale: RatingScale): [string, number | null][] {
  return RATING_SCALES[scale].buckets.map((b) => [b.label, numberField(c, b.customers)]);
}

/** How the chats were rated: the company's scale (most ratings) and every scale in use. */
export function surveyRatingUse(survey: Survey): RatingUse {
  const buckets = chatBuckets(survey);
  return ratingUse((scale) => sumKnown(buckets[scale].map(([, count]) => count)));
}

/** Sobot's own positive share on a scale: good = 5★ only, nps_good = 9–10 (doc: good 156 = score5 156). */
export function satisfiedShare(s: Survey, scale: RatingScale): number | null {
  if (scale === 'five_star') return s.good_rate_str;
  if (scale === 'nps') return s.good_nps_rate_str;
  return s.level2_score5_rate_str;
}

function customerFigures(
  c: CustomerSurvey | null,
  scale: RatingScale | null,
): SatisfactionFigures['customers'] {
  if (!c) return { rated: null, resolved: null, averageScore: null, distribution: [] };
  const counts = scale ? customerCounts(c, scale) : [];
  const total = counts.some(([, count]) => count === null) ? null : sumKnown(counts.map(([, n]) => n));
  return {
    rated: c.evaluate,
    resolved: c.solved,
    averageScore: scale === 'five_star' ? c.score5_average : scale === 'nps' ? c.nps10_average : null,
    distribution: counts.map(([label, count]) => ({ label, count, share: ratioOf(count, total) })),
  };
}

/** The card's figures from the two replies' items (null: Sobot sent no item). */
export function satisfactionFigures(
  survey: Survey | null,
  customers: CustomerSurvey | null,
): SatisfactionFigures {
  const buckets = survey ? chatBuckets(survey) : null;
  const { scale, inUse } = survey ? surveyRatingUse(survey) : { scale: null, inUse: [] };
  const distribution: RatingBucket[] =
    buckets && scale ? buckets[scale].map(([label, count, share]) => ({ label, count, share })) : [];
  return {
    scale,
    scalesInUse: inUse,
    validChats: survey?.human_valid ?? null,
    ratedChats: survey?.total_times ?? null,
    feedbackRate: survey?.comment_rate_str ?? null,
    resolvedRate: survey?.solved_rate_str ?? null,
    satisfaction: survey && scale ? satisfiedShare(survey, scale) : null,
    averageScore:
      survey && scale === 'five_star'
        ? survey.avg_comment_score
        : survey && scale === 'nps'
          ? survey.avg_nps_score
          : null,
    distribution,
    customers: customerFigures(customers, scale),
  };
}

export async function fetchSatisfaction(
  client: SobotV5Client,
  range: DateRange,
  filters: StatsFilters,
  priority: Priority,
): Promise<SatisfactionFigures> {
  // search_way is required though the item is a company (or filtered) total whatever its value.
  const params = surveyFilterParams(filters);
  const body = (key: 'sessionSatisfaction' | 'customerSatisfaction') => ({
    search_way: 1,
    ...v5DateParams(key, range),
    ...params,
  });
  const [survey, customers] = await Promise.all([
    client.call('sessionSatisfaction', body('sessionSatisfaction'), callFor(range, priority)),
    client.call('customerSatisfaction', body('customerSatisfaction'), callFor(range, priority)),
  ]);
  return satisfactionFigures(survey.item, customers.item);
}
