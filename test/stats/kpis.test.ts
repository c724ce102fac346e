// Specs for the KPI registry: every KPI is fully described, every v5 and legacy source names a field
// the documented reply really has, and team KPIs are ratios of sums, computed by hand below.

import { describe, expect, it } from 'vitest';
import { type LegacyAction, legacyActions } from '../../src/sobot/legacy/endpoints.ts';
import { type V5EndpointKey, v5Endpoints } from '../../src/sobot/v5/endpoints.ts';
import type { KpiId } from '../../src/stats/kpi-ids.ts';
import {
  AGENT_KPIS,
  combinedRate,
  findKpi,
  KPIS,
  kpiSourceRows,
  kpisFromCounts,
  kpiWords,
  rateBase,
  ratingUseOf,
} from '../../src/stats/kpis.ts';
import { counts, part, starRatings } from '../support/agent-counts.ts';
import { readmeTable } from '../support/readme.ts';

/** The Sobot path segment used in `source` strings → our endpoint registry key. */
const ENDPOINT_OF: Record<string, V5EndpointKey> = {
  getStat: 'chatStats',
  staffWorkStatis: 'agentWorkload',
  getMsgStat: 'messageStats',
  getGeneral: 'customerOverview',
  getRobotReception: 'botReception',
  getSatisfactionSurvey: 'sessionSatisfaction',
};

function fieldsOf(key: V5EndpointKey): string[] {
  const item = v5Endpoints[key].item as unknown as { shape?: Record<string, unknown> };
  if (!item.shape) throw new Error(`${key} has no object schema`);
  return Object.keys(item.shape);
}

const ids = Object.keys(KPIS) as KpiId[];

const v5Sources = ids.flatMap((id) =>
  [KPIS[id].source.v5Overall, KPIS[id].source.v5PerAgent]
    .filter((s): s is string => s !== null)
    .map((source) => ({ id, source })),
);

const legacySources = ids.flatMap((id) => {
  const source = KPIS[id].source.legacy;
  return source === null ? [] : [{ id, source }];
});

describe('KPIS', () => {
  it.each(ids)('describes %s with en and zh labels, a unit and a direction', (id) => {
    const kpi = KPIS[id];
    expect(kpi.id).toBe(id);
    expect(kpi.label.en.trim()).not.toBe('');
    expect(kpi.label.zh).toMatch(/\p{Script=Han}/u);
    expect(kpi.short.en.trim()).not.toBe('');
    expect(kpi.short.zh).toMatch(/\p{Script=Han}/u);
    expect(['count', 'ratio', 'duration', 'score']).toContain(kpi.unit);
    expect(['higher', 'lower']).toContain(kpi.better);
  });

  it('has the eight headline KPIs of the design, bot chats, the legacy API’s own figures, the rest of getStat and getMsgStat’s', () => {
    expect(ids.sort()).toEqual(
      [
        'chats',
        'bot_chats',
        'valid_reception_rate',
        'fcr_24h',
        'satisfaction',
        'avg_first_response',
        'response_warn_rate',
        'bot_self_service_rate',
        'queue_leave_rate',
        'valid_chats',
        'unanswered_rate',
        'transfers',
        'avg_reception_duration',
        'answer_ratio',
        'bot_transfer_rate',
        'no_reply_rate',
        'avg_response_time',
        'avg_queue_wait',
        'avg_queue_leave_time',
        'resolved_chats',
        'unresolved_chats',
        'untagged_chats',
        'first_response_30s_rate',
        'first_response_60s_rate',
        'feedback_rate',
        'max_concurrent',
        'messages',
        'customer_messages',
        'agent_messages',
      ].sort(),
    );
  });

  it('takes the design table’s legacy sources, and has none for what the legacy API lacks', () => {
    expect(KPIS.chats.source.legacy).toBe('wb_session_human.consultSession');
    expect(KPIS.valid_reception_rate.source.legacy).toBe('wb_session_human.validReceptionRate');
    expect(KPIS.satisfaction.source.legacy).toBe('wb_human_satisfaction.goodLv');
    expect(KPIS.bot_self_service_rate.source.legacy).toBe('wb_session_robot.selfReceptionRate');
    for (const id of ['fcr_24h', 'avg_first_response', 'response_warn_rate', 'queue_leave_rate'] as const) {
      expect(KPIS[id].source.legacy).toBeNull();
    }
  });

  it('marks the durations and warning/leave rates as lower-is-better', () => {
    expect(KPIS.avg_first_response.better).toBe('lower');
    expect(KPIS.response_warn_rate.better).toBe('lower');
    expect(KPIS.queue_leave_rate.better).toBe('lower');
    expect(KPIS.valid_reception_rate.better).toBe('higher');
  });

  it.each(v5Sources)('$id: v5 source $source names a field of that endpoint reply', ({ source }) => {
    const [endpoint = '', field = '', ...extra] = source.split('.');
    expect(extra).toEqual([]);
    const key = ENDPOINT_OF[endpoint];
    expect(key, `unknown endpoint "${endpoint}"`).toBeDefined();
    expect(fieldsOf(key as V5EndpointKey)).toContain(field);
  });

  it.each(legacySources)('$id: legacy source $source names a field of that action’s reply', ({ source }) => {
    const [action = '', field = '', ...extra] = source.split('.');
    expect(extra).toEqual([]);
    expect(Object.keys(legacyActions), `unknown action "${action}"`).toContain(action);
    const item = legacyActions[action as LegacyAction] as unknown as { shape: Record<string, unknown> };
    expect(Object.keys(item.shape)).toContain(field);
  });

  it('marks unanswered, transfers, reception time and bot transfers as lower-is-better', () => {
    expect(KPIS.unanswered_rate.better).toBe('lower');
    expect(KPIS.transfers.better).toBe('lower');
    expect(KPIS.avg_reception_duration.better).toBe('lower');
    expect(KPIS.bot_transfer_rate.better).toBe('lower');
    expect(KPIS.valid_chats.better).toBe('higher');
  });

  it('every per-agent table column is a KPI with a per-agent v5 source', () => {
    for (const id of AGENT_KPIS) expect(KPIS[id].source.v5PerAgent).not.toBeNull();
  });

  it('no alias is claimed by two KPIs', () => {
    const words = kpiWords();
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('findKpi', () => {
  it.each([
    ['fcr', 'fcr_24h'],
    ['FCR', 'fcr_24h'],
    ['valid-reception', 'valid_reception_rate'],
    ['valid reception', 'valid_reception_rate'],
    ['FRT', 'avg_first_response'],
    ['avg_first_response', 'avg_first_response'],
    ['csat', 'satisfaction'],
    ['warnings', 'response_warn_rate'],
  ])('finds "%s" as %s', (word, id) => {
    expect(findKpi(word)?.id).toBe(id);
  });

  it('returns undefined for a word that names no KPI', () => {
    expect(findKpi('happiness')).toBeUndefined();
    expect(findKpi('')).toBeUndefined();
  });
});

describe('kpisFromCounts', () => {
  // A busy agent, a struggling one and one without FCR/rating data; counts and bases only.
  const busy = counts({
    chats: 100,
    validReception: part({ count: 81, base: 90 }),
    fcr24h: part({ count: 60, base: 80 }),
    responseWarnings: part({ count: 20, base: 400 }),
    ratings: starRatings(45, 50),
    avgFirstResponseMs: 10_000,
  });
  const struggling = counts({
    chats: 10,
    validReception: part({ count: 2, base: 10 }),
    fcr24h: part({ count: 1, base: 10 }),
    responseWarnings: part({ count: 50, base: 100 }),
    ratings: starRatings(0, 2),
    avgFirstResponseMs: 60_000,
  });
  const partial = counts({
    chats: 50,
    validReception: part({ count: 38, base: 40 }),
    responseWarnings: part({ count: 0, base: 0 }),
  });

  it('sums chats', () => {
    expect(kpisFromCounts([busy, struggling, partial]).chats).toBe(160);
  });

  it('takes the ratio of summed counts, not the mean of the agents rates', () => {
    const team = kpisFromCounts([busy, struggling, partial]);
    // (81 + 2 + 38) / (90 + 10 + 40); the mean of rates would be (0.9 + 0.2 + 0.95) / 3 ≈ 0.683.
    expect(team.valid_reception_rate).toBeCloseTo(121 / 140, 10);
    // (60 + 1) / (80 + 10); the third agent reported no FCR data.
    expect(team.fcr_24h).toBeCloseTo(61 / 90, 10);
    expect(team.satisfaction).toBeCloseTo(45 / 52, 10);
    expect(team.response_warn_rate).toBeCloseTo(70 / 500, 10);
  });

  it('weights the first-response average by chats', () => {
    // (10 s × 100 + 60 s × 10) / 110; the agent without a value is left out of both sides.
    const team = kpisFromCounts([busy, struggling, partial]);
    expect(team.avg_first_response).toBeCloseTo(1_600_000 / 110, 6);
  });

  it('gives null, not 0, when every agent lacks a value', () => {
    const team = kpisFromCounts([partial, counts({ chats: 3 })]);
    expect(team.fcr_24h).toBeNull();
    expect(team.satisfaction).toBeNull();
    expect(team.avg_first_response).toBeNull();
  });

  it('gives null when the base is 0 and Sobot gave no rate', () => {
    const team = kpisFromCounts([
      counts({ chats: 0, ratings: starRatings(0, 0), validReception: part({ count: 0, base: 0 }) }),
    ]);
    expect(team.satisfaction).toBeNull();
    expect(team.valid_reception_rate).toBeNull();
    expect(team.avg_first_response).toBeNull();
  });

  it('gives 0%, not "–", where Sobot said 0% of nothing', () => {
    const nothing = part({ count: 0, base: 0, rate: 0 });
    const team = kpisFromCounts([
      counts({ chats: 2, responseWarnings: nothing }),
      counts({ chats: 3, responseWarnings: nothing }),
    ]);
    expect(team.response_warn_rate).toBe(0);
  });

  it('gives nulls for an empty team', () => {
    expect(kpisFromCounts([])).toEqual({
      chats: null,
      valid_reception_rate: null,
      fcr_24h: null,
      satisfaction: null,
      avg_first_response: null,
      response_warn_rate: null,
    });
  });

  it('leaves an agent whose base is missing out of the numerator too', () => {
    // Without pairing, 5 warnings over 10 rounds would become (5 + 7) / 10 = 120%.
    const team = kpisFromCounts([
      counts({ responseWarnings: part({ count: 5, base: 10 }) }),
      counts({ responseWarnings: part({ count: 7 }) }),
    ]);
    expect(team.response_warn_rate).toBeCloseTo(0.5, 10);
  });

  it("gives one agent's own Sobot rates as the team's", () => {
    // The doc's staff2: 1 valid reception, 6 valid chats of 9, "16.67%"; 2 of 9 last = "22.22%".
    const staff2 = counts({
      chats: 9,
      validReception: part({ count: 1, base: 6, rate: 0.1667 }),
      fcr24h: part({ count: 2, base: 9, rate: 0.2222 }),
    });
    const team = kpisFromCounts([staff2]);
    expect(team.valid_reception_rate).toBe(0.1667);
    expect(team.fcr_24h).toBe(0.2222);
  });

  it('reads satisfaction on the scale with the most ratings, never pooling scales', () => {
    const fiveStar = counts({
      ratings: { ...starRatings(3, 10, 0.3), nps: part({ count: 4, base: 4, rate: 1 }) },
    });
    const team = kpisFromCounts([fiveStar]);
    expect(team.satisfaction).toBe(0.3);
    expect(ratingUseOf([fiveStar])).toEqual({ scale: 'five_star', inUse: ['five_star', 'nps'] });
  });
});

describe('combinedRate', () => {
  it("gives one row's own rate, not a recomputation", () => {
    expect(combinedRate([{ count: 40, rate: 0.7143, base: 56 }])).toBe(0.7143);
  });

  it("takes an unnamed base from the row's count and rate, so every row's rate is reproduced", () => {
    // Two rows whose rates are of bases the reply does not give: 10 of 20 and 30 of 40.
    const rows = [
      { count: 10, rate: 0.5, base: null },
      { count: 30, rate: 0.75, base: null },
    ];
    expect(combinedRate(rows)).toBeCloseTo(40 / 60, 10);
    // A combined total of one row is that row's rate.
    for (const row of rows)
      expect(combinedRate([row, { count: 0, rate: 0, base: 0 }])).toBeCloseTo(row.rate, 10);
  });

  it('prefers a named base that reproduces the rate string over count / rate', () => {
    expect(rateBase({ count: 1, rate: 0.1667, base: 6 })).toBe(6);
    // 9 chats in all would give 11.11%, not Sobot's 16.67%: the base is not all chats.
    expect(rateBase({ count: 1, rate: 0.1667, base: 9 })).toBeCloseTo(1 / 0.1667, 10);
  });

  it('is 0 for rows that each say 0% of nothing, and unknown with nothing known', () => {
    expect(
      combinedRate([
        { count: 0, rate: 0, base: 0 },
        { count: 0, rate: 0, base: 0 },
      ]),
    ).toBe(0);
    expect(combinedRate([{ count: null, rate: null, base: null }])).toBeNull();
  });
});

describe('the README’s table of where the numbers come from', () => {
  it('has one row per KPI of the registry, with its sources and formula', () => {
    const rows = readmeTable('kpi-sources');
    expect(rows).toEqual(kpiSourceRows().map((r) => [r.kpi, r.v5, r.v5PerAgent, r.legacy, r.formula]));
    expect(rows).toHaveLength(Object.keys(KPIS).length);
  });

  it('names the fields the v5 backend reads for the KPIs it derives', () => {
    // The code reads getStat's warning counts, not getMsgStat's, and satisfaction's positive shares.
    expect(KPIS.response_warn_rate.source.v5Overall).toBe('getStat.response_warn_rate');
    expect(KPIS.satisfaction.source.v5Overall).toBe('getSatisfactionSurvey.good_rate_str');
    expect(KPIS.satisfaction.source.v5PerAgent).toBe('staffWorkStatis.good_rate_str');
  });
});
