// Contract tests: each v5 document's example reply, served verbatim over HTTP on 127.0.0.1, read by
// the real client, backend and stats service, and every KPI the bot derives from it checked against
// the example's own rate fields (written out here from the document, not from the code). The
// simulator encodes the team's reading of the document; these replies are the document itself.

import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createRateBudget } from '../../src/sobot/rate-budget.ts';
import { rapidRetryPolicy } from '../../src/sobot/retry.ts';
import { createV5Backend } from '../../src/sobot/v5/backend.ts';
import { createSobotV5Client } from '../../src/sobot/v5/client.ts';
import { type V5EndpointKey, v5Endpoints } from '../../src/sobot/v5/endpoints.ts';
import { createQueryCache } from '../../src/stats/cache.ts';
import type { DateRange } from '../../src/stats/model.ts';
import { createStatsService, type StatsService } from '../../src/stats/service.ts';
import { createFakeClock } from '../support/fake-clock.ts';

type Json = Record<string, unknown>;

const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/v5/${name}.json`, import.meta.url), 'utf8')) as Json;

const STAFF1 = '0a8c83731fd04728ac2ed13e9ef180dc';
const STAFF2 = '903965b75366482dbc95a4322538e2c8';
const DAY: DateRange = { from: '2025-04-17', to: '2025-04-17', timeZone: 'Asia/Shanghai' };

/**
 * Answers each statistics path with its example reply: the first page as printed, later pages (the
 * examples claim more) with no rows; staffWorkStatis honours `staff_id_list` as the document says.
 */
function exampleServer(): Server {
  const byPath = new Map<string, V5EndpointKey>(
    (Object.keys(v5Endpoints) as V5EndpointKey[]).map((key) => [v5Endpoints[key].path, key]),
  );
  return createServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    const path = new URL(req.url ?? '/', 'http://example').pathname;
    if (path === '/api/get_token') return void res.end(JSON.stringify(fixture('token')));
    const key = byPath.get(path);
    if (!key) return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Json;
    const reply = fixture(key);
    const page = Number(body.page ?? body.page_no ?? 1);
    let items = reply.items as Json[] | undefined;
    if (items && page > 1) items = [];
    const staff = body.staff_id_list as string[] | undefined;
    if (items && key === 'agentWorkload' && staff)
      items = items.filter((i) => staff.includes(String(i.staff_id)));
    res.end(JSON.stringify(items ? { ...reply, items } : reply));
  });
}

describe('v5 contract: the document example replies through the client', () => {
  const server = exampleServer();
  let stats: StatsService;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const clock = createFakeClock();
    const client = createSobotV5Client({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      appId: 'app',
      appKey: 'key',
      timeZone: 'Asia/Shanghai',
      language: 'en',
      budget: createRateBudget({ limit: 10_000, clock }),
      clock,
      logger: createLogger({ level: 'silent', destination: { write: () => {} } }),
      retryPolicy: rapidRetryPolicy,
    });
    stats = createStatsService({
      backend: createV5Backend(client),
      cache: createQueryCache({ clock }),
      clock,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  describe('getStat (DeskTop--6: 56 chats, 40 valid receptions)', () => {
    it("gives the overview Sobot's own rates of the row", async () => {
      const { current } = await stats.overview(DAY);
      expect(current.chats).toBe(56); // human_consult
      expect(current.bot_chats).toBe(0); // robot_consult
      expect(current.valid_reception_rate).toBe(0.7142857142857143); // human_valid_recep_rate
      expect(current.response_warn_rate).toBe(0.10582010582010581); // response_warn_rate (20 / 189)
      // queue 0, queue_leave_rate 0.0: Sobot's zero, not an unknown.
      expect(current.queue_leave_rate).toBe(0);
      expect(current.avg_first_response).toBe(853451.6); // avg_staff_first_res_duration
    });

    it('gives the one-row breakdown and its total the same figures as the overview', async () => {
      const overview = await stats.overview(DAY);
      const breakdown = await stats.breakdown('channel', DAY);
      expect(breakdown.rows.map((row) => row.name)).toEqual(['DeskTop--6']);
      for (const kpis of [breakdown.rows[0]?.kpis, breakdown.total]) {
        expect(kpis?.valid_reception_rate).toBe(overview.current.valid_reception_rate);
        expect(kpis?.response_warn_rate).toBe(overview.current.response_warn_rate);
        expect(kpis?.queue_leave_rate).toBe(0);
        expect(kpis?.chats).toBe(56);
      }
    });
  });

  describe('getMsgStat (head office: 31 messages, 23 from customers, 8 from agents)', () => {
    it('gives the overview the message volumes and Sobot\'s own Q&A % ("34.78%")', async () => {
      const { current } = await stats.overview(DAY);
      expect(current.messages).toBe(31); // msg_human = 23 + 8
      expect(current.customer_messages).toBe(23); // msg_visitor_to_staff
      expect(current.agent_messages).toBe(8); // msg_staff
      // msg_staff_visitor_rate: 8 agent messages to 23 customer messages.
      expect(current.answer_ratio).toBe(0.34782608695652173);
      expect(Math.round((current.answer_ratio ?? 0) * 10_000) / 100).toBe(34.78); // msg_staff_visitor_rate_str
    });

    it('gives a trend of the day the same figures', async () => {
      const overview = await stats.overview(DAY);
      for (const kpi of ['messages', 'answer_ratio'] as const) {
        const trend = await stats.trend(kpi, DAY);
        expect(trend.points.map((p) => p.value)).toEqual([overview.current[kpi]]);
      }
    });
  });

  describe('getGeneral, getRobotReception and getSatisfactionSurvey', () => {
    it('gives 24h FCR as one_time_solution_rate, a share of customers ("22.22%")', async () => {
      expect((await stats.overview(DAY)).current.fcr_24h).toBe(0.2222);
    });

    it('gives bot self-service as robot_self_reception_num_proportion ("22.00%")', async () => {
      const overview = await stats.overview(DAY);
      expect(overview.current.bot_self_service_rate).toBe(0.22);
      expect((await stats.bot(DAY)).figures.selfServiceRate).toBe(0.22);
    });

    it('gives satisfaction as good_rate_str on the 5-star scale ("22.81%"), not the 23.1% of a pool', async () => {
      const overview = await stats.overview(DAY);
      expect(overview.current.satisfaction).toBe(0.2281);
      // 684 star ratings, 3 two-level ones, none on 0–10.
      expect(overview.ratings).toEqual({ scale: 'five_star', inUse: ['five_star', 'two_level'] });
      expect((await stats.satisfaction(DAY)).figures.satisfaction).toBe(0.2281);
    });
  });

  describe('staffWorkStatis (staff1: 7 chats; staff2: 9 chats, 6 valid)', () => {
    it("gives each agent Sobot's own rate strings", async () => {
      const { rows } = await stats.agents(DAY);
      const staff1 = rows.find((row) => row.agentId === STAFF1);
      const staff2 = rows.find((row) => row.agentId === STAFF2);
      expect(staff1?.kpis).toEqual({
        chats: 7,
        valid_reception_rate: 0, // "0.00%"
        fcr_24h: 0.3333, // "33.33%"
        response_warn_rate: 0.75, // "75.00%"
        satisfaction: 1, // good_nps_rate_str "100.00%": the team rates on 0–10
        avg_first_response: 353669.5,
        // The other per-agent figures, as the example gives them (sort keys and CSV columns).
        first_response_30s_rate: 0, // "0.00%"
        first_response_60s_rate: 0,
        feedback_rate: 0.25, // comment_rate_str "25.00%": total_times 1 of 4 valid chats
        max_concurrent: 1, // max_conv_num "1"
        answer_ratio: 0, // answer_than_str "0.00%": msg_staff 0 to 9 customer messages
        transfers: 1, // roll_out
        unanswered_rate: 1, // not_recep_rate_str "100.00%": human_not_recep 4 of 4
        avg_reception_duration: 301885.75, // avg_session_duration "00:05:01"
        avg_response_time: 353669.5, // response_time_avg "00:05:53"
        resolved_chats: 0,
        unresolved_chats: 0,
        untagged_chats: 7, // solve_not_mark
      });
      expect(staff2?.kpis).toEqual({
        chats: 9,
        // 1 valid reception of 6 valid chats: "16.67%" (of all 9 chats it would be 11.11%).
        valid_reception_rate: 0.1667,
        fcr_24h: 0.2222, // "22.22%"
        response_warn_rate: 0.3333, // "33.33%"
        satisfaction: null, // nothing rated: unknown, not 0%
        avg_first_response: 392346,
        first_response_30s_rate: 0,
        first_response_60s_rate: 0,
        feedback_rate: 0, // comment_rate_str "0.00%": nothing rated
        max_concurrent: 1,
        answer_ratio: 1, // answer_than_str "100.00%": 7 agent messages to 7 customer messages
        transfers: 0,
        unanswered_rate: 0.8333, // not_recep_rate_str "83.33%": 5 of 6 valid inquiry chats
        avg_reception_duration: 228155.6667,
        avg_response_time: 392346,
        resolved_chats: 0,
        unresolved_chats: 0,
        untagged_chats: 9,
      });
    });

    it("gives a team line of one agent that agent's own rates", async () => {
      const { totals, rows } = await stats.agents(DAY, { agentIds: [STAFF2] });
      expect(rows).toHaveLength(1);
      expect(totals.valid_reception_rate).toBe(0.1667);
      expect(totals.fcr_24h).toBe(0.2222);
      expect(totals.response_warn_rate).toBe(0.3333);
      expect(totals.chats).toBe(9);
    });

    it('combines the two agents from their counts and the bases their rates are of', async () => {
      const { totals, ratings } = await stats.agents(DAY);
      expect(totals.chats).toBe(16);
      // (0 + 1) valid receptions of (4 + 6) valid chats.
      expect(totals.valid_reception_rate).toBeCloseTo(1 / 10, 4);
      // (2 + 2) of (6 + 9) chats received last.
      expect(totals.fcr_24h).toBeCloseTo(4 / 15, 4);
      // (3 + 2) warnings of (4 + 6) replies.
      expect(totals.response_warn_rate).toBeCloseTo(5 / 10, 4);
      // One rating, on 0–10, positive.
      expect(ratings).toEqual({ scale: 'nps', inUse: ['nps'] });
      expect(totals.satisfaction).toBe(1);
      expect(totals.avg_first_response).toBeCloseTo((353669.5 * 7 + 392346 * 9) / 16, 6);
    });
  });

  describe('the cards: getSatisfactionSurvey + getCustomerSatisfaction, getRobotReception, getGeneral + regions', () => {
    it('gives the satisfaction card the survey as the example states it', async () => {
      const { figures } = await stats.satisfaction(DAY);
      expect(figures.scale).toBe('five_star'); // 684 star ratings, 3 two-level, none on 0–10
      expect(figures.satisfaction).toBe(0.2281); // good_rate_str
      expect(figures.validChats).toBe(1282);
      expect(figures.ratedChats).toBe(687);
      expect(figures.feedbackRate).toBe(0.5359);
      expect(figures.resolvedRate).toBe(0.5439);
      expect(figures.distribution.map((b) => [b.label, b.count])).toEqual([
        ['5★', 156],
        ['4★', 112],
        ['3★', 141],
        ['2★', 125],
        ['1★', 150],
      ]);
      expect(figures.customers.rated).toBe(1149); // getCustomerSatisfaction
      expect(figures.customers.averageScore).toBe(3.02);
    });

    it('gives the bot card the counts and shares of the example', async () => {
      const { figures } = await stats.bot(DAY);
      expect([figures.received, figures.validReceived, figures.selfServed]).toEqual([1496, 300, 66]);
      expect(figures.transfersToAgents).toBe(1452);
      expect([
        figures.activeTransferRate,
        figures.triggeredTransferRate,
        figures.keywordTransferRate,
      ]).toEqual([0.9924, 0.0041, 0.0007]);
    });

    it('gives the customers card 21 valid customers, 66.67% returning, 24h FCR 22.22% and the regions', async () => {
      const { figures } = await stats.customers(DAY);
      expect([figures.validCustomers, figures.newCustomers, figures.returningCustomers]).toEqual([21, 7, 14]);
      expect(figures.returningShare).toBe(0.6667);
      expect(figures.fcr24h).toBe(0.2222);
      // The same 24h FCR as the overview's: one number.
      expect((await stats.overview(DAY)).current.fcr_24h).toBe(figures.fcr24h);
      expect(figures.regions.map((r) => [r.region, r.visitors])).toEqual([
        ['Beijing', 1445],
        ['California', 2],
        ['', 1],
      ]);
    });
  });

  describe('serviceSummary and staffWorkStatis + getWorkLogList (topics, one agent)', () => {
    it('gives topics the two categories with 2 chats each and nothing rated', async () => {
      const { figures } = await stats.topics(DAY);
      expect(figures.topics.map((t) => [t.name, t.chats, t.ratedChats, t.satisfaction])).toEqual([
        ['Category 2', 2, 0, null],
        ['Category 3', 2, 0, null],
      ]);
    });

    it("gives the agent card staff1's own figures, as its team line of one", async () => {
      const detail = (await stats.agentDetail(DAY, STAFF1)).figures;
      const { totals } = await stats.agents(DAY, { agentIds: [STAFF1] });
      expect(detail?.row.kpis.chats).toBe(7);
      expect(detail?.row.kpis.valid_reception_rate).toBe(0); // "0.00%"
      expect(detail?.row.kpis.response_warn_rate).toBe(0.75); // "75.00%"
      for (const kpi of [
        'chats',
        'valid_reception_rate',
        'fcr_24h',
        'response_warn_rate',
        'satisfaction',
      ] as const)
        expect(detail?.row.kpis[kpi]).toBe(totals[kpi]);
      expect(detail?.responseTimes.maxMs).toBe(818770); // response_duration_max "00:13:38"
      expect(detail?.ratings.scale).toBe('nps'); // one 10-point rating
    });
  });
});
