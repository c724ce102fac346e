// The fake Sobot v5 server over loopback: tokens, the rolling rate limit, input checks, replies and faults.

import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.ts';
import type { Simulator, SimulatorOptions } from '../../src/simulator/server.ts';
import { startSimulator } from '../../src/simulator/server.ts';

/** A clock that only moves when told; sleeps resolve as it passes their deadline. */
class FakeClock implements Clock {
  private timers: Array<{ at: number; resolve: () => void }> = [];
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.current + ms, resolve }));
  }
  advance(ms: number): void {
    this.current += ms;
    const due = this.timers.filter((t) => t.at <= this.current);
    this.timers = this.timers.filter((t) => t.at > this.current);
    for (const t of due) t.resolve();
  }
  get sleeping(): number {
    return this.timers.length;
  }
}

// 2025-07-10 10:00 in Asia/Shanghai.
const NOW = Date.UTC(2025, 6, 10, 2, 0, 0);
const API = '/chat-static-api/api';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const pct = (part: number, whole: number) => `${((whole ? part / whole : 0) * 100).toFixed(2)}%`;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await tick();
  expect(condition()).toBe(true);
}

let clock: FakeClock;
let sim: Simulator;

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  clock = new FakeClock(NOW);
  sim = await startSimulator({ clock, ...options });
  return sim;
}

async function getToken(appId = 'demo-app', appKey = 'demo-key', createTime = '1752112800') {
  const sign = md5(appId + createTime + appKey);
  const res = await fetch(`${sim.url}/api/get_token?appid=${appId}&create_time=${createTime}&sign=${sign}`);
  return (await res.json()) as {
    ret_code: string;
    ret_msg: string;
    item?: { token: string; expires_in: unknown };
  };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${API}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: replies are loosely shaped JSON; each test reads the fields it checks.
  return { status: res.status, json: (await res.json()) as any };
}

async function tokenHeader(): Promise<Record<string, string>> {
  const reply = await getToken();
  return { token: reply.item!.token };
}

afterEach(async () => {
  await sim?.close();
});

describe('get_token', () => {
  it('accepts the signature of the doc example (md5("115693977732") = 258eec31...)', async () => {
    await start({ appId: '1', appKey: '2' });
    const res = await fetch(
      `${sim.url}/api/get_token?appid=1&create_time=1569397773&sign=258eec3118705112b2c53dc8043d4d34`,
    );
    const reply = (await res.json()) as { ret_code: string; item: { token: string; expires_in: unknown } };
    expect(reply.ret_code).toBe('000000');
    expect(reply.item.token).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.item.expires_in).toBe('86400');
    expect(sim.tokens).toBe(1);
  });

  it('refuses a wrong sign or appid with 900003', async () => {
    await start();
    expect((await getToken('demo-app', 'wrong-key')).ret_code).toBe('900003');
    expect((await getToken('other-app', 'demo-key')).ret_code).toBe('900003');
    expect(sim.tokens).toBe(0);
  });
});

describe('token checks', () => {
  beforeEach(async () => {
    await start({ tokenTtlSec: 3600 });
  });

  it('answers 900001 without a token header', async () => {
    const { json } = await post('condition/getChannelList', {});
    expect(json).toEqual({ ret_code: '900001', ret_msg: 'Token is null!' });
  });

  it('answers 900002 for an unknown token', async () => {
    const { json } = await post('condition/getChannelList', {}, { token: 'f'.repeat(32) });
    expect(json).toEqual({ ret_code: '900002', ret_msg: 'Token invalid or not found. Get a new one!' });
  });

  it('invalidates the previous token when a new one is issued', async () => {
    const first = await tokenHeader();
    const second = await tokenHeader();
    expect((await post('condition/getChannelList', {}, first)).json.ret_code).toBe('900002');
    expect((await post('condition/getChannelList', {}, second)).json.ret_code).toBe('000000');
    expect(sim.tokens).toBe(2);
  });

  it('expires a token after its time to live', async () => {
    const headers = await tokenHeader();
    clock.advance(3_599_000);
    expect((await post('condition/getChannelList', {}, headers)).json.ret_code).toBe('000000');
    clock.advance(1_000);
    expect((await post('condition/getChannelList', {}, headers)).json.ret_code).toBe('900002');
  });
});

describe('rate limit', () => {
  it('refuses the 21st call within 60 s and lets one pass once the oldest leaves the window', async () => {
    await start();
    const headers = await tokenHeader();
    for (let i = 0; i < 20; i++) {
      expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('000000');
      clock.advance(1_000);
    }
    // The oldest call was 20 s ago: it leaves the window in 40 s.
    expect((await post('condition/getRobotList', {}, headers)).json).toEqual({
      ret_code: '229000',
      ret_msg:
        'API call too frequent. Try again [40]s later. Currently [20] times of API call within [60]s is allowed. Excess will be limited!',
    });
    clock.advance(39_000);
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('229000');
    clock.advance(1_000);
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('000000');
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('229000');
  });

  it('counts against the configured budget', async () => {
    await start({ rateLimit: 2 });
    const headers = await tokenHeader();
    await post('condition/getRobotList', {}, headers);
    await post('condition/getRobotList', {}, headers);
    const { json } = await post('condition/getRobotList', {}, headers);
    expect(json.ret_msg).toContain('Currently [2] times');
  });
});

describe('input checks', () => {
  let headers: Record<string, string>;
  beforeEach(async () => {
    await start({ rateLimit: 1000 });
    headers = await tokenHeader();
  });

  it.each([
    ['online/session/getStat', '2025-07-01', 'start_date'],
    ['online/custom/getGeneral', '2025-07-01 00:00:00', 'start_date'],
    ['customerService/staffWorkStatis', '2025-07-01 00:00', 'start_date'],
    ['online/satisfaction/getSatisfactionSurvey', '2025-02-30', 'start_date'],
  ])('refuses %s with start_date %s (222000 naming the field)', async (path, start, field) => {
    const { json } = await post(path, { start_date: start, end_date: '2025-07-02' }, headers);
    expect(json.ret_code).toBe('222000');
    expect(json.ret_msg).toContain(`[${field}]`);
  });

  it('refuses a body that is not JSON', async () => {
    const { json } = await post('customerService/staffWorkStatis', '{"start_date":', headers);
    expect(json.ret_code).toBe('222000');
  });

  it('refuses an end before the start', async () => {
    const body = { start_date: '2025-07-05', end_date: '2025-07-01' };
    expect((await post('customerService/staffWorkStatis', body, headers)).json.ret_code).toBe('222000');
  });

  it('refuses a range of 91 days with the message of the doc, and accepts 90', async () => {
    const tooLong = { start_date: '2025-01-01', end_date: '2025-04-01' };
    expect((await post('online/satisfaction/getSatisfactionSurvey', tooLong, headers)).json).toEqual({
      ret_code: '222000',
      ret_msg:
        '[startTime] and [endTime] time range cannot be greater than [90]d. Current [startTime] input is [2025-01-01], and [endTime] input is [2025-04-01]',
    });
    const ninety = { start_date: '2025-01-01', end_date: '2025-03-31' };
    expect((await post('online/satisfaction/getSatisfactionSurvey', ninety, headers)).json.ret_code).toBe(
      '000000',
    );
  });

  it('resets dates after today (in the timezoneid zone) to today', async () => {
    const body = { start_date: '2025-07-09', end_date: '2025-08-01', page_size: 1 };
    const shanghai = await post('customerService/staffWorkStatis', body, headers);
    expect(shanghai.json.items[0].end_date).toBe('2025-07-10');
    // 02:00 UTC is still 2025-07-09 in Los Angeles.
    const la = await post('customerService/staffWorkStatis', body, {
      ...headers,
      timezoneid: 'America/Los_Angeles',
    });
    expect(la.json.items[0].end_date).toBe('2025-07-09');
    const bogus = await post('customerService/staffWorkStatis', body, {
      ...headers,
      timezoneid: 'Mars/Olympus',
    });
    expect(bogus.json.items[0].end_date).toBe('2025-07-10');
  });

  it('serves today only up to the current hour', async () => {
    const agent = sim.company.agents.find((a) => sim.company.agentDay(a.id, '2025-07-10').chats >= 24)!;
    const body = { start_date: '2025-07-10', end_date: '2025-07-10', staff_id_list: [agent.id] };
    const { json } = await post('customerService/staffWorkStatis', body, headers);
    // 10:00 in Shanghai: ten of twenty-four hours.
    expect(json.items[0].human_consult).toBe(
      Math.floor((sim.company.agentDay(agent.id, '2025-07-10').chats * 10) / 24),
    );
  });
});

describe('staffWorkStatis', () => {
  let headers: Record<string, string>;
  beforeEach(async () => {
    await start({ rateLimit: 1000 });
    headers = await tokenHeader();
  });
  const range = { start_date: '2025-06-01', end_date: '2025-06-07' };
  const dates = [
    '2025-06-01',
    '2025-06-02',
    '2025-06-03',
    '2025-06-04',
    '2025-06-05',
    '2025-06-06',
    '2025-06-07',
  ];

  it('pages through every agent who had chats exactly once', async () => {
    const busy = sim.company.agents
      .filter((a) => dates.some((d) => sim.company.agentDay(a.id, d).chats > 0))
      .map((a) => a.id)
      .sort();
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { json } = await post(
        'customerService/staffWorkStatis',
        { ...range, page_no: String(page), page_size: '7' },
        headers,
      );
      expect(json.page_size).toBe(7);
      expect(json.total_count).toBe(busy.length);
      expect(json.page_count).toBe(Math.ceil(busy.length / 7));
      seen.push(...json.items.map((i: { staff_id: string }) => i.staff_id));
      if (page >= json.page_count) break;
    }
    expect(seen).toEqual(busy);
  });

  it('caps the page size at 100 and defaults to 15', async () => {
    expect(
      (await post('customerService/staffWorkStatis', { ...range, page_size: 500 }, headers)).json.page_size,
    ).toBe(100);
    const { json } = await post('customerService/staffWorkStatis', range, headers);
    expect(json.page_size).toBe(15);
    expect(json.items).toHaveLength(15);
  });

  it('sums the days of the company model and recomputes rates from the sums', async () => {
    const { json } = await post('customerService/staffWorkStatis', { ...range, page_size: 100 }, headers);
    for (const item of json.items) {
      const days = dates.map((d) => sim.company.agentDay(item.staff_id, d));
      const sum = (key: keyof (typeof days)[number]) => days.reduce((s, f) => s + f[key], 0);
      expect(item.human_consult).toBe(sum('chats'));
      expect(item.human_valid_recep).toBe(sum('validReceptions'));
      // Valid inquiry chats equal valid chats in each of the doc's example items.
      expect(item.human_visitor_consult).toBe(sum('validChats'));
      expect(item.human_valid).toBeLessThanOrEqual(item.human_consult);
      // Of valid chats: the doc's staff2 has 1 of 6 valid chats (9 in all) as "16.67%".
      expect(item.valid_recep_rate_str).toBe(pct(sum('validReceptions'), sum('validChats')));
      expect(item.quiet_after_session_rate_str).toBe(pct(sum('fcr24hChats'), sum('lastReceptionChats')));
      expect(item.human_res_warn_rate_str).toBe(pct(sum('responseWarnings'), sum('responseRounds')));
      const firstResponseWeight = days.reduce((s, f) => s + f.avgFirstResponseMs * f.inquiryChats, 0);
      expect(item.avg_first_response_time).toBeCloseTo(firstResponseWeight / sum('inquiryChats'), 6);
      expect(item.score5 + item.score4 + item.score3 + item.score2 + item.score1).toBe(item.total_times);
      expect(item.good + item.middle + item.bad).toBe(item.total_times);
      expect(typeof item.max_conv_num).toBe('string');
      expect(item.avg_first_response_time_str).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    }
  });

  it('carries every field of the doc example item', async () => {
    const docFields =
      'start_date end_date group_id group_name staff_id service_email service_nick human_consult human_self human_valid valid_information human_invalid human_valid_recep human_invalid_recep first_response_time_set transfer_first_res_duration human_visitor_consult valid_recep_rate_str roll_in roll_out human_not_recep not_recep_rate_str last_staff_consult quiet_after_session_count quiet_after_session_rate_str human_initiative human_consult_duration human_consult_duration_str avg_session_duration avg_session_duration_str avg_total_session_duration avg_total_session_duration_str summary_solved summary_not_solved solve_not_mark lastmsg_staff snatch_in snatch_out staff_connect_rate_str avg_human_confirm_duration_transfer avg_human_confirm_duration_transfer_str total_human_message msg_staff msg_visitor_tostaff answer_than_str msg_staff_wordcount avg_first_response_time avg_first_response_time_str first_response_rate_str transfer_first_response_rate_str response_time_avg response_time_avg_str response_duration_max response_duration_max_str first_response_in30s_rate_str first_response_in60s_rate_str total_times comment_rate_str initiative customer_initiative_rate_str invite_counts invite_counts_rate_str invites staff_invite_rate_str avg_comment_score good_rate_str middle_rate_str bad_rate_str score5_rate_str score1_rate_str avg_nps_score good_nps_rate_str nps_score10_rate_str nps_score0_rate_str good middle bad score5 score1 nps_good nps_middle nps_bad nps_score10 nps_score0 level2_score1 level2_score5 level2_score1_rate_str level2_score5_rate_str remark valid_response_counts response_rate_str max_conv_num human_res_warn_count response_counts human_res_warn_rate_str'.split(
        ' ',
      );
    const { json } = await post('customerService/staffWorkStatis', { ...range, page_size: 1 }, headers);
    expect(Object.keys(json.items[0])).toEqual(expect.arrayContaining(docFields));
  });

  it('filters by staff_id_list and group_id_list given as JSON arrays', async () => {
    const group = sim.company.groups[0]!;
    const { json } = await post(
      'customerService/staffWorkStatis',
      { ...range, group_id_list: [group.id], page_size: 100 },
      headers,
    );
    const members = new Set(sim.company.agents.filter((a) => a.groupIds.includes(group.id)).map((a) => a.id));
    expect(json.items.length).toBeGreaterThan(0);
    for (const item of json.items) expect(members.has(item.staff_id)).toBe(true);
  });
});

describe('aggregate endpoints', () => {
  let headers: Record<string, string>;
  beforeEach(async () => {
    await start({ rateLimit: 1000 });
    headers = await tokenHeader();
  });
  const stat = { start_date: '2025-06-01 00:00:00', end_date: '2025-06-30 23:59:59', size: 100 };

  it('breaks getStat down per department, group and sub-channel', async () => {
    const byDepartment = (await post('online/session/getStat', { ...stat, search_way: 1 }, headers)).json;
    expect(byDepartment.items.map((i: { depart_id: string }) => i.depart_id)).toEqual(
      sim.company.departments.map((d) => d.id),
    );
    const byGroup = (await post('online/session/getStat', { ...stat, search_way: 2 }, headers)).json;
    expect(byGroup.items.map((i: { group_name: string }) => i.group_name)).toEqual(
      sim.company.groups.map((g) => g.name),
    );
    const byChannel = (
      await post(
        'online/session/getStat',
        { ...stat, channel_flag: sim.company.subChannels[0]!.flagKey },
        headers,
      )
    ).json;
    expect(byChannel.total_count).toBe(1);
    expect(byChannel.items[0]).toMatchObject({
      channel_flag: sim.company.subChannels[0]!.flag,
      source: '0',
      source_name: 'Desktop site',
    });
  });

  it('recomputes getStat and getMsgStat rates from their counts', async () => {
    const { json } = await post('online/session/getStat', { ...stat, search_way: 2 }, headers);
    for (const item of json.items) {
      expect(item.human_valid).toBeLessThanOrEqual(item.human_consult);
      // Of valid chats, as staffWorkStatis's example shows (getStat's own cannot tell: 56 = 56).
      expect(item.human_valid_recep_rate).toBeCloseTo(item.human_valid_recep / item.human_valid, 12);
      expect(item.human_valid_recep_rate_str).toBe(pct(item.human_valid_recep, item.human_valid));
      expect(item.response_warn_rate).toBeCloseTo(item.response_warn_count / item.staff_res_total_count, 12);
      // Valid chats split as in the doc's example: 40 + 14 + 2 = 56.
      expect(item.human_valid_recep + item.human_not_recep + item.human_invalid_recep).toBe(item.human_valid);
    }
    const msg = (await post('online/session/getMsgStat', { ...stat, search_way: 1 }, headers)).json;
    for (const item of msg.items) {
      expect(item.msg_human).toBe(item.msg_staff + item.msg_visitor_to_staff);
      expect(item.response_warn_rate_str).toBe(pct(item.response_warn_count, item.staff_res_total_count));
    }
  });

  it('serves getGeneral as strings with MoM against the previous period of the same length', async () => {
    const june = (
      await post(
        'online/custom/getGeneral',
        { start_date: '2025-06-01 00:00', end_date: '2025-06-30 23:59' },
        headers,
      )
    ).json.item;
    const may = (
      await post(
        'online/custom/getGeneral',
        { start_date: '2025-05-02 00:00', end_date: '2025-05-31 23:59' },
        headers,
      )
    ).json.item;
    for (const value of Object.values(june)) expect(typeof value).toBe('string');
    const now = Number(june.valid_visitor_total);
    const before = Number(may.valid_visitor_total);
    expect(june.valid_visitor_total_cycle).toBe(pct(now - before, before));
    expect(Number(june.new_visitor_num) + Number(june.old_visitor_num)).toBe(now);
  });

  it('answers "NA" for MoM when the previous value is 0', async () => {
    const { json } = await post(
      'online/satisfaction/getSatisfactionSurvey',
      { start_date: '2025-06-01', end_date: '2025-06-30' },
      headers,
    );
    expect(json.item.nps_good).toBe(0);
    expect(json.item.nps_good_ratio).toBe('NA');
    expect(json.item.good).toBe(json.item.score5);
    expect(json.item.good_rate_str).toBe(pct(json.item.good, json.item.score_total_times));
  });

  it('serves getRobotReception, getStaffReception and getCustomerSatisfaction values as strings', async () => {
    const range = { start_date: '2025-06-01 00:00', end_date: '2025-06-30 23:59' };
    for (const path of ['online/custom/getRobotReception', 'online/custom/getStaffReception']) {
      const { item } = (await post(path, range, headers)).json;
      for (const value of Object.values(item)) expect(typeof value).toBe('string');
    }
    const robot = (await post('online/custom/getRobotReception', range, headers)).json.item;
    expect(robot.robot_self_reception_num_proportion).toBe(
      pct(Number(robot.robot_self_reception_num), Number(robot.robot_reception_valid_num)),
    );
    const cs = (
      await post(
        'online/satisfaction/getCustomerSatisfaction',
        { start_date: '2025-06-01', end_date: '2025-06-30' },
        headers,
      )
    ).json.item;
    for (const value of Object.values(cs)) expect(typeof value).toBe('string');
  });

  it('serves the work log with numbers as strings', async () => {
    const { json } = await post(
      'online/staff/getWorkLogList',
      { start_date: '2025-06-02', end_date: '2025-06-06', size: 5 },
      headers,
    );
    expect(json.items).toHaveLength(5);
    for (const item of json.items) {
      expect(typeof item.online_duration).toBe('string');
      expect(Number(item.last_leave_time)).toBeGreaterThan(Number(item.first_login_time));
    }
  });

  it('sums service classifications per week with summary_way 2', async () => {
    const top = sim.company.classifications.find((c) => c.level === 1)!;
    const body = {
      start_date: '2024-11-04 00:00:00',
      end_date: '2024-11-17 23:59:59',
      summary_way: 2,
      level_classifys: [{ classify_id: top.id, level: 1 }],
    };
    const { json } = await post('online/summary/search', body, headers);
    expect(json.items).toHaveLength(1);
    expect(json.items[0].classify_show_name).toBe(top.name);
    expect(json.items[0].details.map((d: { show_date: string }) => d.show_date)).toEqual([
      '45 week 2024-11-04-2024-11-10',
      '46 week 2024-11-11-2024-11-17',
    ]);
  });

  it('lists departments as a tree and filters agents by skill group', async () => {
    const tree = (await post('condition/getDepartmentList', {}, headers)).json.items;
    expect(tree).toHaveLength(1);
    expect(tree[0].child_list.length).toBe(sim.company.departments.length - 1);
    const group = sim.company.groups[1]!;
    const agents = (
      await post('condition/getServiceList', { search_way: 2, group_ids_param: group.id, size: 100 }, headers)
    ).json;
    expect(agents.total_count).toBe(sim.company.agents.filter((a) => a.groupIds.includes(group.id)).length);
  });
});

describe('faults', () => {
  let headers: Record<string, string>;
  beforeEach(async () => {
    await start();
    headers = await tokenHeader();
  });

  it('refuses with 229000 naming the given seconds', async () => {
    sim.faults.failNext('rate_limit', { seconds: 17 });
    const { json } = await post('condition/getRobotList', {}, headers);
    expect(json.ret_code).toBe('229000');
    expect(json.ret_msg).toContain('Try again [17]s later');
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('000000');
  });

  it('expires the token for real with token_expired', async () => {
    sim.faults.failNext('token_expired');
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('900002');
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('900002');
    expect((await post('condition/getRobotList', {}, await tokenHeader())).json.ret_code).toBe('000000');
  });

  it('answers HTTP 500, 999999 and 900004', async () => {
    sim.faults.failNext('http_500');
    sim.faults.failNext('internal');
    sim.faults.failNext('config');
    expect((await post('condition/getRobotList', {}, headers)).status).toBe(500);
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('999999');
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('900004');
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('000000');
  });

  it('serves a truncated body with malformed_json', async () => {
    sim.faults.failNext('malformed_json');
    const res = await fetch(`${sim.url}${API}/condition/getRobotList`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('consumes a failure count times, only on the given path', async () => {
    sim.faults.failNext('internal', { count: 2, path: '/condition/getGroupList' });
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('000000');
    expect((await post('condition/getGroupList', {}, headers)).json.ret_code).toBe('999999');
    expect((await post('condition/getGroupList', {}, headers)).json.ret_code).toBe('999999');
    expect((await post('condition/getGroupList', {}, headers)).json.ret_code).toBe('000000');
  });

  it('hangs until the simulator closes', async () => {
    sim.faults.failNext('hang');
    let settled = false;
    const pending = post('condition/getRobotList', {}, headers).finally(() => {
      settled = true;
    });
    await until(() => sim.log.length === 2);
    for (let i = 0; i < 20; i++) await tick();
    expect(settled).toBe(false);
    await sim.close();
    await expect(pending).rejects.toThrow();
  });

  it('delays the request and its reply through the injected clock, counting the call on arrival', async () => {
    sim.faults.latencyMs = 5_000;
    let settled = false;
    const pending = post('condition/getRobotList', {}, headers).then((r) => {
      settled = true;
      return r;
    });
    await until(() => clock.sleeping === 1);
    expect(sim.log.at(-1)?.status).toBe(0);
    clock.advance(5_000);
    // Arrived and answered: the reply is on its way back.
    await until(() => clock.sleeping === 1 && sim.log.at(-1)?.status === 200);
    expect(settled).toBe(false);
    clock.advance(5_000);
    expect((await pending).json.ret_code).toBe('000000');
  });

  it('counts every call that arrives over the rolling limit', async () => {
    for (let i = 0; i < 22; i += 1) await post('condition/getRobotList', {}, headers);
    expect(sim.log.filter((e) => e.retCode === '229000')).toHaveLength(2);
    expect(sim.overBudgetCalls).toBe(2);
  });

  it('expireTokens invalidates the current token', async () => {
    sim.faults.expireTokens();
    expect((await post('condition/getRobotList', {}, headers)).json.ret_code).toBe('900002');
  });
});

describe('log', () => {
  it('records path, body, headers, ret_code and the exact reply served', async () => {
    await start();
    const headers = { ...(await tokenHeader()), timezoneid: 'Asia/Tokyo', language: 'en' };
    const { json } = await post('condition/getGroupList', { size: 2 }, headers);
    const entry = sim.log.at(-1)!;
    expect(entry).toMatchObject({
      path: `${API}/condition/getGroupList`,
      body: { size: 2 },
      headers,
      retCode: '000000',
    });
    expect(entry.reply).toEqual(json);
    sim.log.clear();
    expect(sim.log).toHaveLength(0);
  });
});
