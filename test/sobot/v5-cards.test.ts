// Specs for the v5 card figures (satisfaction, chatbot, customers), read from the doc's own example
// replies (test/fixtures/v5/), every expected value worked out by hand from the document, and for
// the requests that fetch them: which endpoints, asked at once, with which parameters.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { botFigures, fetchBot } from '../../src/sobot/v5/bot.ts';
import type { SobotV5Client, V5Page } from '../../src/sobot/v5/client.ts';
import { customerFigures, fetchCustomers, regionRows } from '../../src/sobot/v5/customers.ts';
import { type V5EndpointKey, type V5Item, v5Endpoints, v5Envelope } from '../../src/sobot/v5/endpoints.ts';
import { fetchSatisfaction, satisfactionFigures } from '../../src/sobot/v5/satisfaction.ts';
import type { DateRange } from '../../src/stats/model.ts';

type Raw = Record<string, unknown>;

function rawFixture(name: string): { item?: Raw; items?: Raw[] } {
  return JSON.parse(readFileSync(new URL(`../fixtures/v5/${name}.json`, import.meta.url), 'utf8'));
}

const parseItem = <K extends V5EndpointKey>(key: K, raw: unknown): V5Item<K> =>
  v5Endpoints[key].item.parse(raw) as V5Item<K>;

const docItem = <K extends V5EndpointKey>(key: K, fixture: string, changes: Raw = {}): V5Item<K> =>
  parseItem(key, { ...v5Envelope.parse(rawFixture(fixture)).item!, ...changes } as Raw);

const SURVEY = docItem('sessionSatisfaction', 'sessionSatisfaction');
const CUSTOMER_SURVEY = docItem('customerSatisfaction', 'customerSatisfaction');

/** Every per-scale count of the survey set to 0, to build other companies' replies from the doc's. */
const NO_RATINGS: Raw = Object.fromEntries(
  [
    ...[1, 2, 3, 4, 5].map((s) => `score${s}`),
    ...Array.from({ length: 11 }, (_, s) => `nps_score${s}`),
    'level2_score5',
    'level2_score1',
  ].map((key) => [key, 0]),
);

describe('satisfactionFigures on the doc example (getSatisfactionSurvey + getCustomerSatisfaction)', () => {
  const figures = satisfactionFigures(SURVEY, CUSTOMER_SURVEY);

  it('reads the 5-star scale: 684 star ratings against 0 on 0–10 and 3 on two levels', () => {
    expect(figures.scale).toBe('five_star');
  });

  it('takes valid chats 1282, rated chats 687, feedback 53.59% and resolved 54.39% as given', () => {
    expect(figures.validChats).toBe(1282);
    expect(figures.ratedChats).toBe(687);
    expect(figures.feedbackRate).toBe(0.5359);
    expect(figures.resolvedRate).toBe(0.5439);
  });

  it('gives satisfied as the 5-star share 22.81% and the average score "3.00"', () => {
    expect(figures.satisfaction).toBe(0.2281);
    expect(figures.averageScore).toBe(3);
  });

  it('lists the stars best first with their counts and shares', () => {
    expect(figures.distribution).toEqual([
      { label: '5★', count: 156, share: 0.2281 },
      { label: '4★', count: 112, share: 0.1637 },
      { label: '3★', count: 141, share: 0.2061 },
      { label: '2★', count: 125, share: 0.1827 },
      { label: '1★', count: 150, share: 0.2193 },
    ]);
  });

  it('reads customers: 1149 rated, 622 resolved, average "3.02", stars 253/208/228/208/244', () => {
    const { customers } = figures;
    expect(customers.rated).toBe(1149);
    expect(customers.resolved).toBe(622);
    expect(customers.averageScore).toBe(3.02);
    expect(customers.distribution.map((b) => [b.label, b.count])).toEqual([
      ['5★', 253],
      ['4★', 208],
      ['3★', 228],
      ['2★', 208],
      ['1★', 244],
    ]);
    // 253 + 208 + 228 + 208 + 244 = 1141 customers rated on stars.
    expect(customers.distribution[0]?.share).toBeCloseTo(253 / 1141, 12);
    expect(customers.distribution[4]?.share).toBeCloseTo(244 / 1141, 12);
  });
});

describe('satisfactionFigures on other scales', () => {
  it('reads a 0–10 company: scores 10 to 0, satisfied = 9–10, the NPS average', () => {
    const survey = docItem('sessionSatisfaction', 'sessionSatisfaction', {
      ...NO_RATINGS,
      nps_score10: 5,
      nps_score10_rate_str: '50.00%',
      nps_score9: 3,
      nps_score9_rate_str: '30.00%',
      nps_score0: 2,
      nps_score0_rate_str: '20.00%',
      good_nps_rate_str: '80.00%',
      avg_nps_score: '8.10',
    });
    const customers = docItem('customerSatisfaction', 'customerSatisfaction', {
      nps10: '4',
      nps0: '1',
      nps10_average: '8.00',
    });
    const figures = satisfactionFigures(survey, customers);
    expect(figures.scale).toBe('nps');
    expect(figures.satisfaction).toBe(0.8);
    expect(figures.averageScore).toBe(8.1);
    expect(figures.distribution.map((b) => b.label)).toEqual([
      '10',
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
    ]);
    expect(figures.distribution[0]).toEqual({ label: '10', count: 5, share: 0.5 });
    expect(figures.distribution[10]).toEqual({ label: '0', count: 2, share: 0.2 });
    expect(figures.customers.averageScore).toBe(8);
    expect(figures.customers.distribution[0]).toEqual({ label: '10', count: 4, share: 0.8 });
  });

  it('reads a two-level company: satisfied and dissatisfied, no average score', () => {
    // The doc's own level-2 figures: 3 satisfied, 0 dissatisfied, "100.00%".
    const survey = docItem('sessionSatisfaction', 'sessionSatisfaction', {
      ...NO_RATINGS,
      level2_score5: 3,
      level2_score1: 0,
    });
    const figures = satisfactionFigures(survey, CUSTOMER_SURVEY);
    expect(figures.scale).toBe('two_level');
    expect(figures.satisfaction).toBe(1);
    expect(figures.averageScore).toBeNull();
    expect(figures.distribution).toEqual([
      { label: 'Satisfied', count: 3, share: 1 },
      { label: 'Dissatisfied', count: 0, share: 0 },
    ]);
    // getCustomerSatisfaction's level2_score5 "8", level2_score1 "0".
    expect(figures.customers.distribution).toEqual([
      { label: 'Satisfied', count: 8, share: 1 },
      { label: 'Dissatisfied', count: 0, share: 0 },
    ]);
    expect(figures.customers.averageScore).toBeNull();
  });

  it('has no scale and no distribution when nothing was rated', () => {
    const survey = docItem('sessionSatisfaction', 'sessionSatisfaction', { ...NO_RATINGS, total_times: 0 });
    const figures = satisfactionFigures(survey, CUSTOMER_SURVEY);
    expect(figures.scale).toBeNull();
    expect(figures.distribution).toEqual([]);
    expect(figures.satisfaction).toBeNull();
    expect(figures.ratedChats).toBe(0);
  });

  it('leaves every figure unknown (null, not 0) when Sobot sends no item', () => {
    const figures = satisfactionFigures(null, null);
    expect(figures.validChats).toBeNull();
    expect(figures.feedbackRate).toBeNull();
    expect(figures.customers.rated).toBeNull();
  });
});

describe('botFigures on the getRobotReception example', () => {
  const figures = botFigures(docItem('botReception', 'botReception'));

  it('takes the counts as given: 1496 received, 300 valid, 66 self-served, 1452 transferred', () => {
    expect(figures.received).toBe(1496);
    expect(figures.validReceived).toBe(300);
    expect(figures.selfServed).toBe(66);
    expect(figures.selfServiceRate).toBe(0.22);
    expect(figures.transfersToAgents).toBe(1452);
  });

  it('splits the transfers: 1441 asked (99.24%), 6 triggered (0.41%), 1 by keyword (0.07%)', () => {
    expect(figures.activeTransfers).toBe(1441);
    expect(figures.activeTransferRate).toBe(0.9924);
    expect(figures.triggeredTransfers).toBe(6);
    expect(figures.triggeredTransferRate).toBe(0.0041);
    expect(figures.keywordTransfers).toBe(1);
    expect(figures.keywordTransferRate).toBe(0.0007);
  });

  it('recovers the previous counts from the relative MoM fields (1496 at -53.24%, 1452 at -54.64%)', () => {
    expect(figures.previous.received).toBeCloseTo(1496 / (1 - 0.5324), 9);
    expect(figures.previous.transfersToAgents).toBeCloseTo(1452 / (1 - 0.5464), 9);
  });

  it('recovers the previous self-service rate from the counts: 12 self-served of 834 valid', () => {
    // 66 at +450% was 12; 300 at -64.03% was 834.03; 22.00% − 20.56% (the doc's points) = 1.44%.
    expect(figures.previous.selfServiceRate).toBeCloseTo(12 / (300 / (1 - 0.6403)), 9);
    expect(figures.previous.selfServiceRate).toBeCloseTo(0.22 - 0.2056, 3);
  });

  it('leaves every figure unknown when Sobot sends no item', () => {
    const empty = botFigures(null);
    expect(empty.received).toBeNull();
    expect(empty.previous).toEqual({ received: null, selfServiceRate: null, transfersToAgents: null });
  });
});

describe('customerFigures on the getGeneral and getGeographicalDistribution examples', () => {
  const regions = (rawFixture('regions').items ?? []).map((raw) => parseItem('regions', raw));
  const figures = customerFigures(docItem('customerOverview', 'customerOverview'), regions);

  it('takes 21 valid, 7 new, 14 returning (66.67%) and 24h FCR 22.22% as given', () => {
    expect(figures.validCustomers).toBe(21);
    expect(figures.newCustomers).toBe(7);
    expect(figures.returningCustomers).toBe(14);
    expect(figures.returningShare).toBe(0.6667);
    expect(figures.fcr24h).toBe(0.2222);
  });

  it('recovers the previous period: 21 at -32.26% (relative), FCR 22.22% at -5.36 points', () => {
    expect(figures.previous.validCustomers).toBeCloseTo(21 / (1 - 0.3226), 9);
    // A percentage's _cycle is a difference in points (see the returning-share case below).
    expect(figures.previous.fcr24h).toBeCloseTo(0.2222 + 0.0536, 9);
  });

  it('recovers the previous returning share from the counts: 9 of 23 + 9', () => {
    // 7 at -69.57% was 23; 14 at +55.56% was 9; 66.67% − 38.54% (the doc's points) = 28.13%.
    const fresh = 7 / (1 - 0.6957);
    const returning = 14 / 1.5556;
    expect(figures.previous.returningShare).toBeCloseTo(returning / (fresh + returning), 9);
    expect(figures.previous.returningShare).toBeCloseTo(0.6667 - 0.3854, 3);
  });

  it('lists the regions busiest first, a missing province as ""', () => {
    expect(figures.regions).toEqual([
      { country: 'China', region: 'Beijing', visitors: 1445, newVisitors: 1402, returningVisitors: 43 },
      { country: 'United States', region: 'California', visitors: 2, newVisitors: 2, returningVisitors: 0 },
      { country: 'Netherlands', region: '', visitors: 1, newVisitors: 0, returningVisitors: 1 },
    ]);
  });

  it('sorts regions Sobot lists in another order, unknown counts last', () => {
    const rows = regionRows([
      parseItem('regions', { country: 'A', province: 'x', visitor_total: 'NA' }),
      parseItem('regions', { country: 'B', province: 'y', visitor_total: '3' }),
      parseItem('regions', { country: 'C', province: 'z', visitor_total: '30' }),
    ]);
    expect(rows.map((r) => r.country)).toEqual(['C', 'B', 'A']);
    expect(rows[2]?.visitors).toBeNull();
  });
});

/** A client that answers from the fixtures and holds every answer until `expected` calls were made. */
function recordingClient(expected: number) {
  const calls: { key: V5EndpointKey; body: Record<string, unknown> }[] = [];
  let release: () => void = () => {};
  const allAsked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const replies: Partial<Record<V5EndpointKey, string>> = {
    sessionSatisfaction: 'sessionSatisfaction',
    customerSatisfaction: 'customerSatisfaction',
    botReception: 'botReception',
    customerOverview: 'customerOverview',
    regions: 'regions',
  };
  const client: SobotV5Client = {
    async call<K extends V5EndpointKey>(key: K, body: Record<string, unknown>): Promise<V5Page<K>> {
      calls.push({ key, body });
      if (calls.length === expected) release();
      // Sequential calls would wait here forever: the test times out.
      await allAsked;
      const envelope = v5Envelope.parse(rawFixture(replies[key] ?? 'missing'));
      return {
        item: envelope.item ? parseItem(key, envelope.item) : null,
        items: (envelope.items ?? []).map((raw) => parseItem(key, raw)),
        pageCount: null,
        totalCount: null,
      };
    },
    fetchAll: () => Promise.reject(new Error('no paged endpoint is expected')),
  };
  return { client, calls };
}

const DAY: DateRange = { from: '2026-11-10', to: '2026-11-10', timeZone: 'Asia/Shanghai' };
const FILTERS = { groupIds: ['g1', 'g2'], robotIds: ['1'] };

describe('fetchSatisfaction', () => {
  it('asks both satisfaction endpoints at once, by day, with the filters but no bot filter', async () => {
    const { client, calls } = recordingClient(2);
    const figures = await fetchSatisfaction(client, DAY, FILTERS, 'interactive');
    expect(calls.map((c) => c.key).sort()).toEqual(['customerSatisfaction', 'sessionSatisfaction']);
    for (const { body } of calls) {
      expect(body).toMatchObject({
        start_date: '2026-11-10',
        end_date: '2026-11-10',
        group_ids_param: 'g1,g2',
      });
      expect(body).not.toHaveProperty('robot_ids_param');
      expect(body).toHaveProperty('search_way');
    }
    expect(figures.ratedChats).toBe(687);
    expect(figures.customers.rated).toBe(1149);
  });
});

describe('fetchBot', () => {
  it('makes one getRobotReception call with minutes in the dates and every filter', async () => {
    const { client, calls } = recordingClient(1);
    const figures = await fetchBot(client, DAY, FILTERS, 'interactive');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.key).toBe('botReception');
    expect(calls[0]?.body).toMatchObject({
      start_date: '2026-11-10 00:00',
      end_date: '2026-11-10 23:59',
      group_ids_param: 'g1,g2',
      robot_ids_param: '1',
    });
    expect(figures.received).toBe(1496);
  });
});

describe('fetchCustomers', () => {
  it('asks getGeneral and getGeographicalDistribution at once, with the filters', async () => {
    const { client, calls } = recordingClient(2);
    const figures = await fetchCustomers(client, DAY, FILTERS, 'interactive');
    expect(calls.map((c) => c.key).sort()).toEqual(['customerOverview', 'regions']);
    for (const { body } of calls) {
      expect(body).toMatchObject({
        start_date: '2026-11-10 00:00',
        group_ids_param: 'g1,g2',
        robot_ids_param: '1',
      });
    }
    expect(figures.validCustomers).toBe(21);
    expect(figures.regions[0]?.region).toBe('Beijing');
  });
});
