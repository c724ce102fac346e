// Session KPIs from getStat rows (company totals, breakdowns) and the overview's other sources:
// 24h FCR from getGeneral, bot self-service from getRobotReception, satisfaction from
// getSatisfactionSurvey (on the company's rating scale). Previous-period values come from Sobot's own MoM fields where it gives
// them (previous = current / (1 + change)), so a period comparison costs no extra call there.

import type { RatingScale } from '../../stats/kpi-ids.ts';
import { ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { KpiValues, RatePart, RatingUse } from '../../stats/model.ts';
import type { V5Item } from './endpoints.ts';
import { satisfiedShare, surveyRatingUse } from './satisfaction.ts';
import { rateOf, totalOf } from './session-extras.ts';

type ChatStats = V5Item<'chatStats'>;

/**
 * KPIs of one or several getStat rows: counts summed, each rate Sobot's own for one row and, for
 * several, combined so that it reproduces every row's rate (combinedRate).
 */
export function sessionKpis(rows: readonly ChatStats[]): KpiValues {
  // A row without the field makes the total unknown: a partial sum would look like a real total.
  const total = (pick: (row: ChatStats) => number | null) => totalOf(rows, pick);
  const rate = (pick: (row: ChatStats) => RatePart) => rateOf(rows, pick);
  const weighted = rows.filter((r) => r.avg_staff_first_res_duration !== null && (r.human_consult ?? 0) > 0);
  const weight = weighted.reduce((a, r) => a + (r.human_consult as number), 0);
  return {
    chats: total((r) => r.human_consult),
    bot_chats: total((r) => r.robot_consult),
    // Of valid chats, as staffWorkStatis shows (1 of 6 valid, 9 in all: 16.67%); getStat's own
    // example cannot tell (40 / 56, with 56 chats all valid).
    valid_reception_rate: rate((r) => ({
      count: r.human_valid_recep,
      rate: r.human_valid_recep_rate,
      base: r.human_valid,
    })),
    // Sobot says 0.0 with no queue (doc example): a zero, not an unknown.
    queue_leave_rate: rate((r) => ({ count: r.queue_leave, rate: r.queue_leave_rate, base: r.queue })),
    // doc: response_warn_count 20 / staff_res_total_count 189 = response_warn_rate 0.1058.
    response_warn_rate: rate((r) => ({
      count: r.response_warn_count,
      rate: r.response_warn_rate,
      base: r.staff_res_total_count,
    })),
    avg_first_response:
      weight === 0
        ? null
        : weighted.reduce(
            (a, r) => a + (r.avg_staff_first_res_duration as number) * (r.human_consult as number),
            0,
          ) / weight,
  };
}

/**
 * The rate before a period-over-period change given in points, as getGeneral and getRobotReception
 * give it for their percentages (doc: 22.00% with _cycle 20.56% was 1.44%, i.e. 12 of 834).
 */
export function beforePointChange(current: number | null, change: number | null): number | null {
  return current === null || change === null ? null : current - change;
}

/** The value before a relative period-over-period change ("-5.36%" → current / 0.9464). */
export function beforeChange(current: number | null, change: number | null): number | null {
  if (current === null || change === null || change <= -1) return null;
  return current / (1 + change);
}

type Survey = V5Item<'sessionSatisfaction'>;

/** Each scale's positive and other buckets with their relative MoM changes (doc: good 156 + middle 253 + bad 275 = 684 stars). */
function scalePairs(s: Survey, scale: RatingScale): { positive: Pair[]; others: Pair[] } {
  if (scale === 'five_star')
    return {
      positive: [[s.good, s.good_ratio]],
      others: [
        [s.middle, s.middle_ratio],
        [s.bad, s.bad_ratio],
      ],
    };
  if (scale === 'nps')
    return {
      positive: [[s.nps_good, s.nps_good_ratio]],
      others: [
        [s.nps_middle, s.nps_middle_ratio],
        [s.nps_bad, s.nps_bad_ratio],
      ],
    };
  return {
    positive: [[s.level2_score5, s.level2_score5_ratio]],
    others: [[s.level2_score1, s.level2_score1_ratio]],
  };
}
type Pair = [value: number | null, change: number | null];

/**
 * Satisfaction as Sobot gives it, on the company's scale (the one with most ratings): its own
 * positive share now (good_rate_str, good_nps_rate_str or level2_score5_rate_str), and before, from
 * the scale's MoM fields. Other scales in use are named in `ratings`, never pooled in.
 */
export function satisfactionNowAndBefore(survey: Survey | null): {
  current: number | null;
  previous: number | null;
  ratings: RatingUse;
} {
  if (!survey) return { current: null, previous: null, ratings: { scale: null, inUse: [] } };
  const ratings = surveyRatingUse(survey);
  if (ratings.scale === null) return { current: null, previous: null, ratings };
  const { positive, others } = scalePairs(survey, ratings.scale);
  // A bucket with nothing in it reads 0 with an "NA" change: it held 0 before too. Any other
  // unknown makes the previous share unknown rather than wrong.
  const before = (pairs: Pair[]) => {
    const values = pairs.map(([value, change]) =>
      value === 0 && change === null ? 0 : beforeChange(value, change),
    );
    return values.includes(null) ? null : sumKnown(values);
  };
  const positiveBefore = before(positive);
  const othersBefore = before(others);
  const ratedBefore = positiveBefore === null || othersBefore === null ? null : positiveBefore + othersBefore;
  return {
    current: satisfiedShare(survey, ratings.scale),
    previous: ratioOf(positiveBefore, ratedBefore),
    ratings,
  };
}
