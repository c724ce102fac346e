// The v5 backend: staffWorkStatis rows (the doc's own example) into AgentRows, agents listed once
// per group merged into one row, and the agent filter sent to the simulator as a JSON array.

import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import type { Simulator } from '../../src/simulator/server.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { createRateBudget } from '../../src/sobot/rate-budget.ts';
import { rapidRetryPolicy } from '../../src/sobot/retry.ts';
import { toAgentRow } from '../../src/sobot/v5/agents.ts';
import { createV5Backend } from '../../src/sobot/v5/backend.ts';
import { createSobotV5Client, type SobotV5Client } from '../../src/sobot/v5/client.ts';
import { type V5Item, v5Endpoints } from '../../src/sobot/v5/endpoints.ts';
import type { AgentRow } from '../../src/stats/model.ts';

type WorkloadItem = V5Item<'agentWorkload'>;

const ZONE = 'Asia/Shanghai';
const parseItem = (raw: unknown): WorkloadItem => v5Endpoints.agentWorkload.item.parse(raw) as WorkloadItem;

/** The two rows of the staffWorkStatis "Return example" (sobot-api/004_*.txt). */
function docExample(): { staff1: WorkloadItem; staff2: WorkloadItem } {
  const reply = JSON.parse(
    readFileSync(new URL('../fixtures/v5/agentWorkload.json', import.meta.url), 'utf8'),
  ) as { items: unknown[] };
  const [staff1, staff2] = reply.items.map(parseItem);
  if (!staff1 || !staff2) throw new Error('the fixture lost a row');
  return { staff1, staff2 };
}

describe('toAgentRow', () => {
  it('reads who staff1 is from the doc example', () => {
    const row = toAgentRow(docExample().staff1, 'nps');
    expect(row.agentId).toBe('0a8c83731fd04728ac2ed13e9ef180dc');
    expect(row.name).toBe('staff1');
    expect(row.email).toBe('staff1@zhichi.com');
    expect(row.groups).toEqual(['group1']);
  });

  it("keeps staff1's counts and rates as the doc gives them", () => {
    expect(toAgentRow(docExample().staff1, 'nps').counts).toEqual({
      chats: 7,
      validChats: 4,
      validReception: { count: 0, rate: 0, base: 4 },
      fcr24h: { count: 2, rate: 0.3333, base: 6 },
      responseWarnings: { count: 3, rate: 0.75, base: 4 },
      // One NPS rating (nps_good 1, "100.00%"); no star or two-level ratings ("0.00%" of none).
      ratings: {
        five_star: { count: 0, rate: 0, base: 0 },
        nps: { count: 1, rate: 1, base: 1 },
        two_level: { count: 0, rate: 0, base: 0 },
      },
      avgFirstResponseMs: 353669.5,
      transfersIn: 1,
      transfersOut: 1,
    });
  });

  it("takes staff1's rates from the doc's strings, and satisfaction from good_nps_rate_str on the NPS scale", () => {
    expect(toAgentRow(docExample().staff1, 'nps').kpis).toEqual({
      chats: 7,
      valid_reception_rate: 0, // "0.00%"
      avg_first_response: 353669.5,
      fcr_24h: 0.3333, // "33.33%"
      satisfaction: 1,
      response_warn_rate: 0.75, // "75.00%"
    });
  });

  it('reads who staff2 is and their counts from the doc example', () => {
    const row = toAgentRow(docExample().staff2, 'nps');
    expect(row.agentId).toBe('903965b75366482dbc95a4322538e2c8');
    expect(row.name).toBe('staff2');
    expect(row.email).toBe('staff2@zhichi.com');
    expect(row.groups).toEqual(['group2']);
    expect(row.counts).toMatchObject({
      chats: 9,
      validChats: 6,
      // 1 valid reception of 6 valid chats is "16.67%"; of the 9 chats it would be 11.11%.
      validReception: { count: 1, rate: 0.1667, base: 6 },
      fcr24h: { count: 2, rate: 0.2222, base: 9 },
      responseWarnings: { count: 2, rate: 0.3333, base: 6 },
      avgFirstResponseMs: 392346,
      transfersIn: 0,
      transfersOut: 0,
    });
  });

  it("takes staff2's rates from the doc's strings and leaves satisfaction empty with nothing rated", () => {
    expect(toAgentRow(docExample().staff2, 'nps').kpis).toEqual({
      chats: 9,
      valid_reception_rate: 0.1667, // "16.67%"
      avg_first_response: 392346,
      fcr_24h: 0.2222, // "22.22%"
      satisfaction: null, // no ratings at all: unknown, not 0 %
      response_warn_rate: 0.3333, // "33.33%"
    });
  });

  it('computes the rates from the counts when Sobot leaves the rate strings out', () => {
    const row = toAgentRow(
      parseItem({
        staff_id: 'a1',
        service_nick: 'Ana',
        human_consult: 10,
        human_visitor_consult: 8,
        human_valid_recep: 6,
        last_staff_consult: 5,
        quiet_after_session_count: 4,
        response_counts: 20,
        human_res_warn_count: 5,
        good: 3,
        middle: 1,
        bad: 0,
      }),
      'five_star',
    );
    expect(row.kpis.valid_reception_rate).toBe(6 / 8);
    expect(row.kpis.fcr_24h).toBe(4 / 5);
    expect(row.kpis.response_warn_rate).toBe(5 / 20);
    expect(row.kpis.satisfaction).toBe(3 / 4);
    expect(row.email).toBeNull();
    expect(row.groups).toEqual([]);
  });
});

/** A client that answers fetchAll with `items`, whatever is asked. */
function clientAnswering(items: WorkloadItem[]): SobotV5Client {
  return {
    call: () => Promise.reject(new Error('the backend should page through fetchAll')),
    fetchAll: <K extends keyof typeof v5Endpoints>() => Promise.resolve(items as unknown as V5Item<K>[]),
  };
}

describe('createV5Backend().agentWorkload', () => {
  const range = { from: '2025-07-01', to: '2025-07-07', timeZone: ZONE };

  it('leaves out agents listed with no chats: the table is of agents who handled chats', async () => {
    const busy = parseItem({ staff_id: 'a1', service_nick: 'Ann', human_consult: 3 });
    const idle = parseItem({ staff_id: 'a2', service_nick: 'Bob', human_consult: 0 });
    const rows = await createV5Backend(clientAnswering([busy, idle])).agentWorkload(range, {}, 'interactive');
    expect(rows.map((r) => r.name)).toEqual(['Ann']);
  });

  it('never merges two agents when a reply leaves staff_id out', async () => {
    const ann = parseItem({ service_nick: 'Ann', service_email: 'ann@example.com', human_consult: 3 });
    const bob = parseItem({ service_nick: 'Bob', service_email: 'bob@example.com', human_consult: 4 });
    const rows = await createV5Backend(clientAnswering([ann, bob])).agentWorkload(range, {}, 'interactive');
    expect(rows.map((r) => [r.agentId, r.counts.chats])).toEqual([
      ['ann@example.com', 3],
      ['bob@example.com', 4],
    ]);
  });

  it('merges an agent listed once per group into one row, summing counts and recomputing rates', async () => {
    const common = { staff_id: 'b7', service_nick: 'Bo', service_email: 'bo@example.com' };
    const inSales = parseItem({
      ...common,
      group_name: 'Sales',
      human_consult: 5,
      human_valid: 4,
      human_visitor_consult: 4,
      human_valid_recep: 1,
      valid_recep_rate_str: '25.00%',
      last_staff_consult: 5,
      quiet_after_session_count: 2,
      quiet_after_session_rate_str: '40.00%',
      response_counts: 10,
      human_res_warn_count: 1,
      human_res_warn_rate_str: '10.00%',
      good: 3,
      middle: 1,
      bad: 0,
      avg_first_response_time: 10_000,
      roll_in: 1,
      roll_out: 0,
    });
    const inSupport = parseItem({
      ...common,
      group_name: 'Support',
      human_consult: 15,
      human_valid: 12,
      human_visitor_consult: 6,
      human_valid_recep: 5,
      valid_recep_rate_str: '83.33%',
      last_staff_consult: 5,
      quiet_after_session_count: 4,
      quiet_after_session_rate_str: '80.00%',
      response_counts: 10,
      human_res_warn_count: 4,
      human_res_warn_rate_str: '40.00%',
      good: 1,
      middle: 0,
      bad: 1,
      avg_first_response_time: 40_000,
      roll_in: 2,
      roll_out: 3,
    });
    const other = parseItem({ staff_id: 'c9', service_nick: 'Cy', human_consult: 2 });
    const rows = await createV5Backend(clientAnswering([inSales, other, inSupport])).agentWorkload(
      range,
      {},
      'background',
    );
    expect(rows.map((r) => r.agentId)).toEqual(['b7', 'c9']);
    const bo = rows[0] as AgentRow;
    expect(bo.name).toBe('Bo');
    expect(bo.groups).toEqual(['Sales', 'Support']);
    expect(bo.counts).toMatchObject({
      chats: 20,
      validChats: 16,
      validReception: { count: 6 },
      fcr24h: { count: 6, base: 10 },
      responseWarnings: { count: 5, base: 20 },
      // An average, weighted by chats: (10 000 × 5 + 40 000 × 15) / 20, not the sum of the two.
      avgFirstResponseMs: 32_500,
      transfersIn: 3,
      transfersOut: 3,
    });
    // In Support, 83.33% is 5 of the 6 valid inquiry chats, not of the 12 valid chats: the base
    // is the one that gives Sobot's rate, 4 + 6.
    expect(bo.counts.validReception.base).toBeCloseTo(10, 3);
    // 3 + 1 + 0 and 1 + 0 + 1 rated on 5 stars.
    expect(bo.counts.ratings.five_star).toMatchObject({ count: 4, base: 6 });
    expect(bo.kpis.chats).toBe(20);
    // From the sums, not the mean of 25 % and 83.33 % (to the rate strings' precision).
    expect(bo.kpis.valid_reception_rate).toBeCloseTo(6 / 10, 4);
    expect(bo.kpis.fcr_24h).toBeCloseTo(6 / 10, 10);
    expect(bo.kpis.response_warn_rate).toBeCloseTo(5 / 20, 10);
    expect(bo.kpis.satisfaction).toBeCloseTo(4 / 6, 10);
    expect(bo.kpis.avg_first_response).toBe(32_500);
  });
});

describe('createV5Backend().agentWorkload against the simulator', () => {
  let sim: Simulator | undefined;

  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('sends staff_id_list as a JSON array and returns only those agents', async () => {
    sim = await startSimulator({ company: { agents: 40 } });
    const client = createSobotV5Client({
      baseUrl: sim.url,
      appId: sim.appId,
      appKey: sim.appKey,
      timeZone: ZONE,
      language: 'en',
      budget: createRateBudget({ limit: 20, clock: systemClock }),
      clock: systemClock,
      logger: createLogger({
        level: 'silent',
        destination: new Writable({ write: (_c, _e, done) => done() }),
      }),
      retryPolicy: rapidRetryPolicy,
    });
    const [first, , third] = sim.company.agents;
    if (!first || !third) throw new Error('the simulated company has too few agents');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
    const monthAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    const rows = await createV5Backend(client).agentWorkload(
      { from: monthAgo, to: today, timeZone: ZONE },
      { agentIds: [first.id, third.id] },
      'interactive',
    );
    const [request] = sim.log.filter((e) => e.path === v5Endpoints.agentWorkload.path);
    expect(request?.body).toMatchObject({
      staff_id_list: [first.id, third.id],
      start_date: monthAgo,
      end_date: today,
      page_no: '1',
      page_size: '100',
    });
    expect(rows.map((r) => r.agentId).sort()).toEqual([first.id, third.id].sort());
    const byId = new Map(rows.map((r) => [r.agentId, r]));
    expect(byId.get(first.id)?.name).toBe(first.nick);
    expect(byId.get(third.id)?.email).toBe(third.email);
  });
});
