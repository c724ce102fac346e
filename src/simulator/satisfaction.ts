// Satisfaction replies (getSatisfactionSurvey, getCustomerSatisfaction) and the service summary search.

import type { DayRange } from './aggregate.ts';
import {
  avgNps,
  avgStars,
  datesBetween,
  level2Total,
  npsBad,
  npsGood,
  npsMiddle,
  npsTotal,
  percent,
  previousPeriod,
  ratingsTotal,
  ratio,
  scaleDay,
  starBad,
  starGood,
  starMiddle,
  starTotal,
} from './aggregate.ts';
import type { Company, DayFigures } from './company.ts';
import type { EndpointRequest, Json } from './params.ts';
import {
  audienceFigures,
  intParam,
  isoWeek,
  list,
  page,
  rangeTotals,
  selectAgents,
  sumOf,
  withChanges,
} from './params.ts';

/** The satisfaction figures shared by getSatisfactionSurvey and getCustomerSatisfaction. */
function satisfactionCounts(f: DayFigures) {
  const rated = ratingsTotal(f);
  return {
    rated,
    invited: rated - f.initiativeRatings,
    notSolved: rated - f.resolvedVotes,
    stars: starTotal(f),
    nps: npsTotal(f),
    level2: level2Total(f),
  };
}

export function satisfactionSurvey(company: Company, request: EndpointRequest): Json {
  const cur = audienceFigures(company, request, request.range);
  const prev = audienceFigures(company, request, previousPeriod(request.range));
  type Row = [key: string, value: (f: DayFigures) => number, kind: 'count' | 'rate' | 'score'];
  const rows: Row[] = [
    ['human_valid', (f) => f.validChats, 'count'],
    ['total_times', (f) => ratingsTotal(f), 'count'],
    ['comment_rate_str', (f) => ratio(ratingsTotal(f), f.validChats), 'rate'],
    ['valid_reception_comment_rate_str', (f) => ratio(ratingsTotal(f), f.validReceptions), 'rate'],
    ['initiative', (f) => f.initiativeRatings, 'count'],
    ['customer_initiative_rate_str', (f) => ratio(f.initiativeRatings, ratingsTotal(f)), 'rate'],
    ['invite_counts_rate_str', (f) => ratio(f.invitations, f.validChats), 'rate'],
    ['invite_counts', (f) => f.invitations, 'count'],
    ['staff_invite_rate_str', (f) => ratio(satisfactionCounts(f).invited, ratingsTotal(f)), 'rate'],
    ['invites', (f) => satisfactionCounts(f).invited, 'count'],
    ['not_solved', (f) => satisfactionCounts(f).notSolved, 'count'],
    ['not_solved_rate_str', (f) => ratio(satisfactionCounts(f).notSolved, ratingsTotal(f)), 'rate'],
    ['solved', (f) => f.resolvedVotes, 'count'],
    ['solved_rate_str', (f) => ratio(f.resolvedVotes, ratingsTotal(f)), 'rate'],
    ['solved_count', (f) => ratingsTotal(f), 'count'],
    ['avg_comment_score', avgStars, 'score'],
    ['good', starGood, 'count'],
    ['good_rate_str', (f) => ratio(starGood(f), starTotal(f)), 'rate'],
    ['middle', starMiddle, 'count'],
    ['middle_rate_str', (f) => ratio(starMiddle(f), starTotal(f)), 'rate'],
    ['bad', starBad, 'count'],
    ['bad_rate_str', (f) => ratio(starBad(f), starTotal(f)), 'rate'],
  ];
  for (let s = 5; s >= 1; s--) rows.push([`score${s}`, (f) => f[`score${s}` as keyof DayFigures], 'count']);
  for (let s = 5; s >= 1; s--) {
    rows.push([`score${s}_rate_str`, (f) => ratio(f[`score${s}` as keyof DayFigures], starTotal(f)), 'rate']);
  }
  rows.push(
    ['avg_nps_score', avgNps, 'score'],
    ['nps_good', npsGood, 'count'],
    ['good_nps_rate_str', (f) => ratio(npsGood(f), npsTotal(f)), 'rate'],
    ['nps_middle', npsMiddle, 'count'],
    ['middle_nps_rate_str', (f) => ratio(npsMiddle(f), npsTotal(f)), 'rate'],
    ['nps_bad', npsBad, 'count'],
    ['bad_nps_rate_str', (f) => ratio(npsBad(f), npsTotal(f)), 'rate'],
  );
  for (let s = 10; s >= 0; s--)
    rows.push([`nps_score${s}`, (f) => f[`nps${s}` as keyof DayFigures], 'count']);
  for (let s = 10; s >= 0; s--) {
    rows.push([
      `nps_score${s}_rate_str`,
      (f) => ratio(f[`nps${s}` as keyof DayFigures], npsTotal(f)),
      'rate',
    ]);
  }
  rows.push(
    ['level2_score1', (f) => f.level2Dissatisfied, 'count'],
    ['level2_score5', (f) => f.level2Satisfied, 'count'],
    ['level2_score1_rate_str', (f) => ratio(f.level2Dissatisfied, level2Total(f)), 'rate'],
    ['level2_score5_rate_str', (f) => ratio(f.level2Satisfied, level2Total(f)), 'rate'],
  );
  const shown = (value: number, kind: Row[2]): string | number =>
    kind === 'rate' ? percent(value) : kind === 'score' ? value.toFixed(2) : value;
  const item = withChanges(
    rows.map(([key, value, kind]) => [key, shown(value(cur), kind), value(cur), value(prev)]),
    '_ratio',
  );
  // Extra fields the doc's example carries without a MoM twin.
  const counts = satisfactionCounts(cur);
  return { item: { ...item, score_total_times: counts.stars, nps_total_times: counts.nps } };
}

export function customerSatisfaction(company: Company, request: EndpointRequest): Json {
  const cur = audienceFigures(company, request, request.range);
  const prev = audienceFigures(company, request, previousPeriod(request.range));
  const rows: Array<[string, (f: DayFigures) => number, boolean]> = [['score5_average', avgStars, true]];
  for (let s = 5; s >= 1; s--) rows.push([`score${s}`, (f) => f[`score${s}` as keyof DayFigures], false]);
  rows.push(['nps10_average', avgNps, true]);
  for (let s = 10; s >= 0; s--) rows.push([`nps${s}`, (f) => f[`nps${s}` as keyof DayFigures], false]);
  rows.push(
    ['human_valid', (f) => f.validChats, false],
    ['human_in_valid_recep', (f) => f.validReceptions, false],
    ['evaluate', ratingsTotal, false],
    ['solved', (f) => f.resolvedVotes, false],
    ['active_evaluate', (f) => f.initiativeRatings, false],
    ['staff_invite', (f) => f.invitations, false],
    ['invite_evaluate', (f) => satisfactionCounts(f).invited, false],
    ['level2_score1', (f) => f.level2Dissatisfied, false],
    ['level2_score5', (f) => f.level2Satisfied, false],
  );
  // All strings in the doc's example, averages with two decimals.
  const item = withChanges(
    rows.map(([key, value, isAverage]) => [
      key,
      isAverage ? value(cur).toFixed(2) : String(value(cur)),
      value(cur),
      value(prev),
    ]),
    '_change',
  );
  return { item };
}

interface Period {
  show: string;
  real: string;
  range: DayRange;
}

/** summary_way 0/1/2/3: the whole range, days, ISO weeks or months, labelled like the doc's example. */
function periods(range: DayRange, way: number): Period[] {
  const dates = datesBetween(range);
  const grouped = new Map<string, Period>();
  for (const date of dates) {
    let key: string;
    let show: string;
    if (way === 1) {
      key = date;
      show = date;
    } else if (way === 2) {
      const w = isoWeek(date);
      key = `${w.year}-${w.week}`;
      show = `${w.week} week ${w.monday}-${w.sunday}`;
    } else if (way === 3) {
      key = date.slice(0, 7);
      show = key;
    } else {
      key = `${range.from}-${range.to}`;
      show = key;
    }
    const period = grouped.get(key);
    if (period) period.range.to = date;
    else grouped.set(key, { show, real: key, range: { from: date, to: date } });
  }
  return [...grouped.values()];
}

export function summarySearch(company: Company, request: EndpointRequest): Json {
  const { body, range, today } = request;
  const agents = selectAgents(company, { staffIds: [], groupIds: list(body.group_ids_param), departIds: [] });
  const wanted = Array.isArray(body.level_classifys)
    ? body.level_classifys
        .map((c) => (c && typeof c === 'object' ? String((c as Json).classify_id ?? '') : ''))
        .filter(Boolean)
    : [];
  const classifications = company.classifications.filter((c) =>
    wanted.length ? wanted.includes(c.id) : c.level === 1,
  );
  const byPeriod = periods(range, intParam(body.summary_way, 0)).map((p) => ({
    p,
    f: sumOf(rangeTotals(company, agents, p.range, today), agents),
  }));
  const items = classifications.map((c) => {
    const parent = company.classifications.find((x) => x.id === c.parentId);
    const share = c.level === 1 ? c.share : c.share * (parent?.share ?? 0);
    return {
      details: byPeriod.map(({ p, f }) => {
        const s = scaleDay(f, share);
        const detail: Json = {
          show_date: p.show,
          real_date: p.real,
          total_conversation_num: s.chats,
          service_invited_num: s.invitations,
          initiative_comment_num: s.initiativeRatings,
          comment_type_total_num: ratingsTotal(s),
        };
        for (let n = 1; n <= 5; n++) detail[`star_level_num${n}`] = s[`score${n}` as keyof DayFigures];
        for (let n = 0; n <= 10; n++) detail[`score_num${n}`] = s[`nps${n}` as keyof DayFigures];
        return detail;
      }),
      level: String(c.level),
      classify_id: c.id,
      classify_show_name: c.name,
    };
  });
  return page(items, body, 'page', 'size');
}
