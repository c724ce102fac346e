// Specs for the v5 session KPIs, read from the doc's own examples (test/fixtures/v5/): getStat rows
// summed into rates, previous values recovered from Sobot's MoM fields, and the filter parameters.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { v5Endpoints, v5Envelope } from '../../src/sobot/v5/endpoints.ts';
import { filterParams } from '../../src/sobot/v5/filters.ts';
import {
  beforeChange,
  beforePointChange,
  satisfactionNowAndBefore,
  sessionKpis,
} from '../../src/sobot/v5/sessions.ts';

function fixture(name: string): { item?: unknown; items?: unknown[] } {
  const raw = JSON.parse(readFileSync(new URL(`../fixtures/v5/${name}.json`, import.meta.url), 'utf8'));
  return v5Envelope.parse(raw);
}

/** The getStat example row: DeskTop--6, 56 human chats, 40 valid receptions (doc, getStat). */
const DOC_ROW = v5Endpoints.chatStats.item.parse(fixture('chatStats').items?.[0]);
/** The getSatisfactionSurvey example reply. */
const DOC_SURVEY = v5Endpoints.sessionSatisfaction.item.parse(fixture('sessionSatisfaction').item);

describe('sessionKpis on the getStat example row', () => {
  const kpis = sessionKpis([DOC_ROW]);

  it('counts 56 human chats and no bot chats', () => {
    expect(kpis.chats).toBe(56);
    expect(kpis.bot_chats).toBe(0);
  });

  it('gives valid reception as 40 / 56, the doc own 71.43%', () => {
    expect(kpis.valid_reception_rate).toBeCloseTo(40 / 56, 12);
    expect(kpis.valid_reception_rate).toBeCloseTo(0.7142857142857143, 12);
  });

  it('gives reply warnings as 20 / 189, the doc own response_warn_rate', () => {
    expect(kpis.response_warn_rate).toBeCloseTo(20 / 189, 12);
    expect(kpis.response_warn_rate).toBeCloseTo(0.10582010582010581, 12);
  });

  it('gives the average first response in milliseconds ("00:14:13")', () => {
    expect(kpis.avg_first_response).toBeCloseTo(853_451.6, 6);
  });

  it("gives queue leave as Sobot's 0% when nobody queued (queue 0, queue_leave_rate 0.0): zero is zero", () => {
    expect(kpis.queue_leave_rate).toBe(0);
  });
});

describe('sessionKpis on several rows', () => {
  const other = {
    ...DOC_ROW,
    channel_flag: '7',
    human_consult: 44,
    human_valid: 44,
    robot_consult: 100,
    human_valid_recep: 30,
    human_valid_recep_rate: 30 / 44,
    queue: 10,
    queue_leave: 2,
    queue_leave_rate: 0.2,
    response_warn_count: 5,
    staff_res_total_count: 111,
    response_warn_rate: 5 / 111,
    avg_staff_first_res_duration: 60_000,
  };
  const kpis = sessionKpis([DOC_ROW, other]);

  it('sums the counts', () => {
    expect(kpis.chats).toBe(100);
    expect(kpis.bot_chats).toBe(100);
  });

  it('takes rates as ratios of the sums, not averages of the rates', () => {
    expect(kpis.valid_reception_rate).toBeCloseTo(70 / 100, 12);
    expect(kpis.response_warn_rate).toBeCloseTo(25 / 300, 12);
    expect(kpis.queue_leave_rate).toBeCloseTo(2 / 10, 12);
  });

  it('takes valid reception of valid chats, rows whose valid share differs included', () => {
    // 20 valid receptions of 40 valid chats, 50 chats in all: "50.00%", not 40%.
    const someInvalid = {
      ...other,
      human_consult: 50,
      human_valid: 40,
      human_valid_recep: 20,
      human_valid_recep_rate: 0.5,
    };
    expect(sessionKpis([someInvalid]).valid_reception_rate).toBe(0.5);
    expect(sessionKpis([DOC_ROW, someInvalid]).valid_reception_rate).toBeCloseTo((40 + 20) / (56 + 40), 12);
  });

  it("takes a row's base from its count and rate where the reply leaves the base out", () => {
    const noBase = { ...other, human_valid: null, staff_res_total_count: null };
    const total = sessionKpis([DOC_ROW, noBase]);
    expect(total.valid_reception_rate).toBeCloseTo(70 / 100, 12);
    expect(total.response_warn_rate).toBeCloseTo(25 / 300, 12);
  });

  it("reproduces each row's own rate in a total of that row with an empty one", () => {
    const empty = {
      ...DOC_ROW,
      human_consult: 0,
      human_valid: 0,
      human_valid_recep: 0,
      human_valid_recep_rate: 0,
      queue: 0,
      queue_leave: 0,
      queue_leave_rate: 0,
      response_warn_count: 0,
      staff_res_total_count: 0,
      response_warn_rate: 0,
    };
    for (const row of [DOC_ROW, other]) {
      const alone = sessionKpis([row]);
      const withEmpty = sessionKpis([row, empty]);
      expect(withEmpty.valid_reception_rate).toBeCloseTo(alone.valid_reception_rate as number, 12);
      expect(withEmpty.response_warn_rate).toBeCloseTo(alone.response_warn_rate as number, 12);
      expect(withEmpty.queue_leave_rate).toBeCloseTo(alone.queue_leave_rate as number, 12);
    }
  });

  it('weights the first response by each row human chats', () => {
    // (853,451.6 ms × 56 + 60,000 ms × 44) / 100.
    expect(kpis.avg_first_response).toBeCloseTo((853_451.6 * 56 + 60_000 * 44) / 100, 6);
  });

  it('leaves out of the weighting a row without a first response or without chats', () => {
    const silent = { ...other, avg_staff_first_res_duration: null };
    const idle = { ...other, human_consult: 0, avg_staff_first_res_duration: 999_999 };
    expect(sessionKpis([DOC_ROW, silent]).avg_first_response).toBeCloseTo(853_451.6, 6);
    expect(sessionKpis([DOC_ROW, idle]).avg_first_response).toBeCloseTo(853_451.6, 6);
  });

  it('makes a total unknown when any row lacks the count: a partial sum would look real', () => {
    const partial = { ...other, robot_consult: null };
    expect(sessionKpis([DOC_ROW, partial]).bot_chats).toBeNull();
    expect(sessionKpis([DOC_ROW, other]).bot_chats).toBe(100);
    const none = { ...DOC_ROW, robot_consult: null };
    expect(sessionKpis([none]).bot_chats).toBeNull();
  });

  it('gives nothing for no rows', () => {
    const empty = sessionKpis([]);
    expect(empty.chats).toBeNull();
    expect(empty.valid_reception_rate).toBeNull();
    expect(empty.avg_first_response).toBeNull();
  });
});

describe('beforeChange', () => {
  it('recovers the previous value from a relative change', () => {
    // "-5.36%": previous = current / (1 − 0.0536).
    expect(beforeChange(0.2222, -0.0536)).toBeCloseTo(0.2222 / 0.9464, 12);
    expect(beforeChange(150, 0.5)).toBeCloseTo(100, 12);
    expect(beforeChange(80, 0)).toBe(80);
  });

  it('is null for an "NA" change or a missing value', () => {
    expect(beforeChange(0.2222, null)).toBeNull();
    expect(beforeChange(null, -0.0536)).toBeNull();
  });

  it('is null for a -100% change (the value cannot be recovered)', () => {
    expect(beforeChange(0, -1)).toBeNull();
    expect(beforeChange(5, -1.5)).toBeNull();
  });
});

describe('satisfactionNowAndBefore on the getSatisfactionSurvey example', () => {
  const { current, previous, ratings } = satisfactionNowAndBefore(DOC_SURVEY);

  it("gives Sobot's own positive share on the scale with most ratings, not a pool of the scales", () => {
    // 684 star ratings and 3 two-level ones: the company rates on 5 stars; good_rate_str "22.81%"
    // (156 / 684). Pooling the scales would give (156 + 3) / 687 = 23.1%.
    expect(current).toBe(0.2281);
    expect(ratings).toEqual({ scale: 'five_star', inUse: ['five_star', 'two_level'] });
  });

  it('gives the share before, from the *_ratio changes of that scale', () => {
    // Each count before is count / (1 + change): good_ratio -66.95%, middle_ratio -73.06%,
    // bad_ratio -70.01%.
    const good = 156 / (1 - 0.6695);
    const middle = 253 / (1 - 0.7306);
    const bad = 275 / (1 - 0.7001);
    expect(previous).toBeCloseTo(good / (good + middle + bad), 12);
    // good_rate_str 22.81% changed by +12.49%: before it was 22.81% / 1.1249 ≈ 20.28%.
    expect(previous).toBeCloseTo(0.2281 / 1.1249, 3);
  });

  it('agrees with the doc own MoM of the good rate and of the ratings', () => {
    // good_rate_str 22.81% changed by +12.49%: before it was 22.81% / 1.1249 ≈ 20.28% of 5-star ratings.
    const good = 156 / (1 - 0.6695);
    const fiveStarBefore = good + 253 / (1 - 0.7306) + 275 / (1 - 0.7001);
    expect(good / fiveStarBefore).toBeCloseTo(0.2281 / 1.1249, 3);
    // total_times 687 changed by -70.60%: about 2,337 ratings before.
    expect(fiveStarBefore + 3 / (1 - 0.6667)).toBeCloseTo(687 / (1 - 0.706), -1);
  });

  it('gives nothing without a survey', () => {
    expect(satisfactionNowAndBefore(null)).toEqual({
      current: null,
      previous: null,
      ratings: { scale: null, inUse: [] },
    });
  });

  it('leaves the share before unknown when a used scale has no change', () => {
    const noChange = { ...DOC_SURVEY, middle_ratio: null };
    const result = satisfactionNowAndBefore(noChange);
    expect(result.current).toBe(0.2281);
    expect(result.previous).toBeNull();
  });

  it('has no share when nothing was rated', () => {
    const unrated = {
      ...DOC_SURVEY,
      ...Object.fromEntries(
        ['score5', 'score4', 'score3', 'score2', 'score1', 'good', 'middle', 'bad', 'level2_score5'].map(
          (f) => [f, 0],
        ),
      ),
      good_ratio: null,
      middle_ratio: null,
      bad_ratio: null,
      level2_score5_ratio: null,
    };
    expect(satisfactionNowAndBefore(unrated)).toEqual({
      current: null,
      previous: null,
      ratings: { scale: null, inUse: [] },
    });
  });
});

describe('filterParams', () => {
  it('joins each filter ids with commas under the doc parameter names', () => {
    expect(
      filterParams({
        groupIds: ['3b4a3eb565f74558a0b746023a85e0ad', '2a5171b2a85d49bda666f1569588d12e'],
        departmentIds: ['11b97b04eaea4f89b84fcbb75e41a3d6'],
        agentIds: ['s1', 's2', 's3'],
        subChannelKeys: ['4_1', '4_2'],
        channelTypes: ['0', '2'],
        robotIds: ['1', '2', '3', '4', '5'],
      }),
    ).toEqual({
      group_ids_param: '3b4a3eb565f74558a0b746023a85e0ad,2a5171b2a85d49bda666f1569588d12e',
      depart_ids_param: '11b97b04eaea4f89b84fcbb75e41a3d6',
      staff_ids_param: 's1,s2,s3',
      channel_flag: '4_1,4_2',
      source: '0,2',
      robot_ids_param: '1,2,3,4,5',
    });
  });

  it('omits filters that are absent or empty', () => {
    expect(filterParams({})).toEqual({});
    expect(filterParams({ groupIds: [], agentIds: undefined, channelTypes: ['2'] })).toEqual({ source: '2' });
  });
});

describe('beforePointChange', () => {
  it("reads a percentage MoM as points, as the doc's bot reception example shows", () => {
    // robot_self_reception_num_proportion 22.00%, _cycle 20.56%: before, 66 / 450% → 12 self-served
    // of 300 / -64.03% → 834 valid, i.e. 1.44%.
    expect(beforePointChange(0.22, 0.2056)).toBeCloseTo(12 / 834, 4);
    expect(beforePointChange(0.22, null)).toBeNull();
  });
});
