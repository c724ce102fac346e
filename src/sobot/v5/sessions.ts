// Session KPIs from getStat rows (company totals, breakdowns) and the overview's other sources:
// 24h FCR from getGeneral, bot self-service from getRobotReception, satisfaction from
// getSatisfactionSurvey. Previous-period values come from Sobot's own MoM fields where it gives
// them (previous = current / (1 + change)), so a period comparison costs no extra call there.

import { ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { KpiValues } from '../../stats/model.ts';
import type { V5Item } from './endpoints.ts';

type ChatStats = V5Item<'chatStats'>;

/** KPIs of one or several getStat rows: counts summed, rates as ratios of the sums. */
export function sessionKpis(rows: readonly ChatStats[]): KpiValues {
  // A row without the field makes the total unknown: a partial sum would look like a real total.
  const total = (pick: (row: ChatStats) => number | null) => {
    const values = rows.map(pick);
    return values.includes(null) ? null : sumKnown(values);
  };
  const weighted = rows.filter((r) => r.avg_staff_first_res_duration !== null && (r.human_consult ?? 0) > 0);
  const weight = weighted.reduce((a, r) => a + (r.human_consult as number), 0);
  return {
    chats: total((r) => r.human_consult),
    bot_chats: total((r) => r.robot_consult),
    // getStat's valid reception % is valid receptions over all human chats (doc: 40 / 56 = 71.43%).
    valid_reception_rate: ratioOf(
      total((r) => r.human_valid_recep),
      total((r) => r.human_consult),
    ),
    queue_leave_rate: ratioOf(
      total((r) => r.queue_leave),
      total((r) => r.queue),
    ),
    response_warn_rate: ratioOf(
      total((r) => r.response_warn_count),
      total((r) => r.staff_res_total_count),
    ),
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

/** Satisfied share of rated chats across the rating scales in use, now and before (from the MoM fields). */
export function satisfactionNowAndBefore(survey: Survey | null): {
  current: number | null;
  previous: number | null;
} {
  if (!survey) return { current: null, previous: null };
  const satisfied: [number | null, number | null][] = [
    [survey.good, survey.good_ratio],
    [survey.nps_good, survey.nps_good_ratio],
    [survey.level2_score5, survey.level2_score5_ratio],
  ];
  const others: [number | null, number | null][] = [
    [survey.middle, survey.middle_ratio],
    [survey.bad, survey.bad_ratio],
    [survey.nps_middle, survey.nps_middle_ratio],
    [survey.nps_bad, survey.nps_bad_ratio],
    [survey.level2_score1, survey.level2_score1_ratio],
  ];
  const now = (pairs: [number | null, number | null][]) => sumKnown(pairs.map(([value]) => value));
  // A scale not in use reads 0 with an "NA" change: it contributed 0 before too. Any other
  // unknown makes the previous share unknown rather than wrong.
  const before = (pairs: [number | null, number | null][]) => {
    const values = pairs.map(([value, change]) =>
      value === 0 && change === null ? 0 : beforeChange(value, change),
    );
    return values.includes(null) ? null : sumKnown(values);
  };
  // Both parts must be known: sumKnown() would drop an unknown one and give 100% satisfied.
  const both = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const ratedNow = both(now(satisfied), now(others));
  const ratedBefore = both(before(satisfied), before(others));
  return { current: ratioOf(now(satisfied), ratedNow), previous: ratioOf(before(satisfied), ratedBefore) };
}
