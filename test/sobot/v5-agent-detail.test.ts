// Specs for one agent's card on v5: the doc's own staffWorkStatis and getWorkLogList example
// replies (sobot-api/004_*.txt) served by a stub client, with every expected value read off the doc.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fetchAgentDetail } from '../../src/sobot/v5/agent-detail.ts';
import type { SobotV5Client } from '../../src/sobot/v5/client.ts';
import { type V5EndpointKey, type V5Item, v5Endpoints } from '../../src/sobot/v5/endpoints.ts';

const STAFF1 = '0a8c83731fd04728ac2ed13e9ef180dc';
const STAFF2 = '903965b75366482dbc95a4322538e2c8';
/** The first agent of the getWorkLogList example. */
const LOGGED = 'e6d913b5c1e346558b55e4720f7f49b2';
const RANGE = { from: '2025-04-01', to: '2025-04-17', timeZone: 'Asia/Shanghai' };

type Raw = Record<string, unknown>;

function docItems(file: string): Raw[] {
  const reply = JSON.parse(readFileSync(new URL(`../fixtures/v5/${file}`, import.meta.url), 'utf8')) as {
    items: Raw[];
  };
  return reply.items;
}

interface Served {
  agentWorkload: Raw[];
  workLog: Raw[];
}

/** A client that answers from raw rows, parsed by the real schemas, and records what was asked. */
function stubClient(served: Served) {
  const asked: { key: V5EndpointKey; body: Record<string, unknown> }[] = [];
  const client: SobotV5Client = {
    call: () => Promise.reject(new Error('single calls are not expected here')),
    async fetchAll<K extends V5EndpointKey>(key: K, body: Record<string, unknown>) {
      asked.push({ key, body });
      if (key !== 'agentWorkload' && key !== 'workLog') throw new Error(`${key} was not expected`);
      const rows = served[key as keyof Served];
      return rows.map((row) => v5Endpoints[key].item.parse(row)) as V5Item<K>[];
    },
  };
  return { client, asked };
}

const withId = (row: Raw | undefined, staffId: string): Raw => ({ ...row, staff_id: staffId });

describe('fetchAgentDetail', () => {
  it('asks staffWorkStatis and getWorkLogList for the one agent, with the documented parameters', async () => {
    const { client, asked } = stubClient({ agentWorkload: [], workLog: [] });
    await fetchAgentDetail(client, RANGE, STAFF1, 'interactive');
    const byKey = Object.fromEntries(asked.map((a) => [a.key, a.body]));
    expect(byKey.agentWorkload).toEqual({
      search_way: '1',
      start_date: '2025-04-01',
      end_date: '2025-04-17',
      staff_id_list: [STAFF1],
    });
    expect(byKey.workLog).toEqual({
      start_date: '2025-04-01',
      end_date: '2025-04-17',
      staff_ids_param: STAFF1,
    });
  });

  it('is null when the agent has no workload row', async () => {
    const { client } = stubClient({ agentWorkload: docItems('agentWorkload.json'), workLog: [] });
    expect(await fetchAgentDetail(client, RANGE, 'someone-else', 'interactive')).toBeNull();
  });

  it("reads staff1's workload and response times as the doc gives them", async () => {
    const { client } = stubClient({ agentWorkload: docItems('agentWorkload.json'), workLog: [] });
    const detail = await fetchAgentDetail(client, RANGE, STAFF1, 'interactive');
    expect(detail?.row.agentId).toBe(STAFF1);
    expect(detail?.row.name).toBe('staff1');
    expect(detail?.row.email).toBe('staff1@zhichi.com');
    expect(detail?.row.kpis.chats).toBe(7);
    expect(detail?.row.kpis.valid_reception_rate).toBe(0);
    expect(detail?.row.kpis.fcr_24h).toBeCloseTo(0.3333, 6);
    expect(detail?.row.kpis.response_warn_rate).toBe(0.75);
    expect(detail?.row.counts.transfersIn).toBe(1);
    expect(detail?.row.counts.transfersOut).toBe(1);
    expect(detail?.responseTimes).toEqual({
      firstMs: 353669.5,
      averageMs: 353669.5,
      maxMs: 818770,
      within30sRate: 0,
      within60sRate: 0,
    });
  });

  it("picks staff1's NPS scale (one 10-score rating; no star or two-level ratings) with avg_nps_score", async () => {
    const { client } = stubClient({ agentWorkload: docItems('agentWorkload.json'), workLog: [] });
    const ratings = (await fetchAgentDetail(client, RANGE, STAFF1, 'interactive'))?.ratings;
    expect(ratings?.scale).toBe('nps');
    expect(ratings?.averageScore).toBe(10);
    expect(ratings?.distribution.map((b) => b.label)).toEqual([
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
    expect(ratings?.distribution[0]).toEqual({ label: '10', count: 1, share: 1 });
    expect(ratings?.distribution.slice(1).every((b) => b.count === 0 && b.share === 0)).toBe(true);
  });

  it('has no distribution when nothing was rated (staff2)', async () => {
    const { client } = stubClient({ agentWorkload: docItems('agentWorkload.json'), workLog: [] });
    const detail = await fetchAgentDetail(client, RANGE, STAFF2, 'interactive');
    expect(detail?.ratings).toEqual({ scale: null, distribution: [], averageScore: null });
    expect(detail?.workStatus).toBeNull();
  });

  it("reads the work status of the doc's first getWorkLogList row", async () => {
    const [staff1] = docItems('agentWorkload.json');
    const { client } = stubClient({
      agentWorkload: [withId(staff1, LOGGED)],
      workLog: docItems('workLog.json'),
    });
    const status = (await fetchAgentDetail(client, RANGE, LOGGED, 'interactive'))?.workStatus;
    expect(status).toEqual({
      onlineMs: 11529665,
      busyMs: 2059,
      busyCount: 1,
      breakMs: 0,
      mealMs: 0,
      trainingMs: 0,
      meetingMs: 0,
      // first_login_time 1743478293005 is earlier than start_login_time 1747893918830 in that row.
      firstLoginAt: 1743478293005,
      lastLogoutAt: 1747898942095,
    });
  });

  it("adds up one agent's work-log rows: durations summed, earliest login, latest logout", async () => {
    const [staff1] = docItems('agentWorkload.json');
    const [day1, day2] = docItems('workLog.json');
    const { client } = stubClient({
      agentWorkload: [withId(staff1, LOGGED)],
      workLog: [day1 as Raw, withId(day2, LOGGED)],
    });
    const status = (await fetchAgentDetail(client, RANGE, LOGGED, 'interactive'))?.workStatus;
    expect(status?.onlineMs).toBe(11529665 + 273494425);
    expect(status?.busyMs).toBe(2059 + 1637);
    expect(status?.busyCount).toBe(2);
    expect(status?.firstLoginAt).toBe(1743478293005);
    expect(status?.lastLogoutAt).toBe(1751953702117);
  });

  it('merges one agent listed twice: counts summed, response times weighted by chats, the longest max', async () => {
    const [staff1, staff2] = docItems('agentWorkload.json');
    const { client } = stubClient({
      agentWorkload: [staff1 as Raw, withId(staff2, STAFF1)],
      workLog: [],
    });
    const detail = await fetchAgentDetail(client, RANGE, STAFF1, 'interactive');
    expect(detail?.row.kpis.chats).toBe(7 + 9);
    expect(detail?.row.groups).toEqual(['group1', 'group2']);
    expect(detail?.responseTimes.firstMs).toBeCloseTo((353669.5 * 7 + 392346 * 9) / 16, 6);
    expect(detail?.responseTimes.maxMs).toBe(818770);
    expect(detail?.ratings.distribution[0]).toEqual({ label: '10', count: 1, share: 1 });
    expect(detail?.ratings.averageScore).toBe(10);
  });
});
