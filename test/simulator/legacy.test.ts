// The simulator's legacy workbench API over loopback: getAccessToken.json and its signature, api.json's
// checks and six actions, the fault knobs in the legacy API's words, and figures that agree with the
// v5 replies for the same day wherever both APIs name the same thing.

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator, SimulatorOptions } from '../../src/simulator/server.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';

// 2025-07-10 10:00 in Asia/Shanghai.
const NOW = Date.UTC(2025, 6, 10, 2, 0, 0);
const DAY = '2025-07-08';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const pct = (part: number, whole: number) => `${((whole ? part / whole : 0) * 100).toFixed(2)}%`;

let clock: FakeClock;
let sim: Simulator;

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  clock = createFakeClock(NOW);
  sim = await startSimulator({ clock, rateLimit: 1000, ...options });
  return sim;
}

afterEach(async () => {
  await sim?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: replies are loosely shaped JSON; each test reads the fields it checks.
type Json = any;

async function legacyToken(
  params: { appId?: string; appKey?: string; createTime?: string; expire?: string; sign?: string } = {},
): Promise<Json> {
  const appId = params.appId ?? 'demo-app';
  const createTime = params.createTime ?? String(NOW / 1000);
  const sign = params.sign ?? md5(`${appId}${params.appKey ?? 'demo-key'}${createTime}`);
  const query = new URLSearchParams({ appId, createTime, sign });
  if (params.expire !== undefined) query.set('expire', params.expire);
  const res = await fetch(`${sim.url}/open/platform/getAccessToken.json?${query}`);
  return res.json();
}

async function accessToken(): Promise<string> {
  return (await legacyToken()).data.access_token;
}

async function api(body: unknown): Promise<{ status: number; retryAfter: string | null; json: Json }> {
  const res = await fetch(`${sim.url}/open/platform/api.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: await res.json() };
}

const action = (name: string, token: string, startDate = DAY, endDate: unknown = DAY) =>
  api({ action: name, access_token: token, data: { startDate, endDate } });

async function v5(path: string, body: Record<string, unknown>): Promise<Json> {
  const createTime = String(NOW / 1000);
  const query = `appid=demo-app&create_time=${createTime}&sign=${md5(`demo-app${createTime}demo-key`)}`;
  const token = ((await (await fetch(`${sim.url}/api/get_token?${query}`)).json()) as Json).item.token;
  const res = await fetch(`${sim.url}/chat-static-api/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', token },
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('getAccessToken.json', () => {
  it('issues a token for sign = md5(appId + appKey + createTime)', async () => {
    await start();
    const reply = await legacyToken();
    expect(reply.code).toBe('1000');
    expect(reply.data.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.tokens).toBe(1);
  });

  it('accepts createTime in milliseconds too (callers disagree on the unit)', async () => {
    await start();
    expect((await legacyToken({ createTime: String(NOW) })).code).toBe('1000');
  });

  it('answers 1001 to a wrong key, a v5-style signature or another appId', async () => {
    await start();
    expect((await legacyToken({ appKey: 'wrong-key' })).code).toBe('1001');
    const createTime = String(NOW / 1000);
    expect((await legacyToken({ sign: md5(`demo-app${createTime}demo-key`) })).code).toBe('1001');
    expect((await legacyToken({ appId: 'other-app' })).code).toBe('1001');
    expect(sim.tokens).toBe(0);
  });

  it('answers 1001 to an expire outside 1–24 hours', async () => {
    await start();
    expect((await legacyToken({ expire: '25' })).code).toBe('1001');
    expect((await legacyToken({ expire: '0' })).code).toBe('1001');
    expect((await legacyToken({ expire: '24' })).code).toBe('1000');
  });

  it('lets a token live 2 hours by default, and `expire` hours when asked', async () => {
    await start();
    const twoHours = await accessToken();
    await clock.advance(2 * 3_600_000 - 1_000);
    expect((await action('wb_session_human', twoHours)).json.code).toBe('1000');
    await clock.advance(1_000);
    expect((await action('wb_session_human', twoHours)).json.code).toBe('1002');
    const fiveHours = (await legacyToken({ expire: '5', createTime: String(clock.now() / 1000) })).data
      .access_token;
    await clock.advance(5 * 3_600_000 - 1_000);
    expect((await action('wb_session_human', fiveHours)).json.code).toBe('1000');
  });

  it('takes the parameters from a POST form body too', async () => {
    await start();
    const createTime = String(NOW / 1000);
    const form = new URLSearchParams({
      appId: 'demo-app',
      createTime,
      sign: md5(`demo-appdemo-key${createTime}`),
    });
    const res = await fetch(`${sim.url}/open/platform/getAccessToken.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(((await res.json()) as Json).code).toBe('1000');
  });
});

describe('api.json checks', () => {
  it('answers 1002 without a token, with an unknown one, and with a superseded one', async () => {
    await start();
    expect(
      (await api({ action: 'wb_session_human', data: { startDate: DAY, endDate: DAY } })).json.code,
    ).toBe('1002');
    expect((await action('wb_session_human', 'f'.repeat(32))).json.code).toBe('1002');
    const first = await accessToken();
    await accessToken();
    expect((await action('wb_session_human', first)).json.code).toBe('1002');
  });

  it('answers 1001 to an unknown action, a body that is not JSON, bad dates and a reversed range', async () => {
    await start();
    const token = await accessToken();
    expect((await action('wb_session_agent', token)).json.code).toBe('1001');
    expect((await api('{"action":')).json.code).toBe('1001');
    // The document types endDate as an integer; its pattern is yyyy-MM-dd, and that is what counts.
    expect((await action('wb_session_human', token, DAY, 20250708)).json.code).toBe('1001');
    expect((await action('wb_session_human', token, '2025/07/08', DAY)).json.code).toBe('1001');
    expect((await action('wb_session_human', token, '2025-07-09', '2025-07-08')).json.code).toBe('1001');
  });

  it('serves all six actions in the document’s envelope', async () => {
    await start();
    const token = await accessToken();
    for (const name of [
      'wb_session_customer',
      'wb_session_robot',
      'wb_session_human',
      'wb_session_message',
      'wb_human_satisfaction',
      'wb_robot_satisfaction',
    ]) {
      const { json } = await action(name, token);
      expect(Object.keys(json).sort()).toEqual(['code', 'data']);
      expect(json.code).toBe('1000');
      expect(Object.keys(json.data.item).length).toBeGreaterThan(0);
    }
  });

  it('types the fields as the tables do: integers as numbers, rates and durations as strings', async () => {
    await start();
    const { item } = (await action('wb_session_human', await accessToken())).json.data;
    expect(item.consultSession).toEqual(expect.any(Number));
    expect(item.validReceptionRate).toMatch(/^\d+\.\d\d%$/);
    expect(item.avgSessionDuration).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it('answers a day after today with today’s figures so far', async () => {
    await start();
    const token = await accessToken();
    const today = (await action('wb_session_human', token, '2025-07-10', '2025-07-10')).json.data.item;
    const future = (await action('wb_session_human', token, '2025-07-10', '2025-07-12')).json.data.item;
    expect(future).toEqual(today);
  });

  it('refuses the 21st call within 60 s with HTTP 429 and the seconds to wait in Retry-After', async () => {
    await start({ rateLimit: 20 });
    const token = await accessToken();
    for (let i = 0; i < 20; i++) {
      expect((await action('wb_session_robot', token)).status).toBe(200);
      await clock.advance(1_000);
    }
    const limited = await action('wb_session_robot', token);
    expect(limited.status).toBe(429);
    // The oldest call was 20 s ago: it leaves the window in 40 s.
    expect(limited.retryAfter).toBe('40');
    expect(limited.json.msg).toContain('Try again [40]s later');
    await clock.advance(40_000);
    expect((await action('wb_session_robot', token)).status).toBe(200);
  });
});

describe('fault knobs on the legacy paths', () => {
  it('answer in the legacy API’s words', async () => {
    await start();
    const token = await accessToken();
    sim.faults.failNext('rate_limit', { seconds: 9 });
    const limited = await action('wb_session_human', token);
    expect([limited.status, limited.retryAfter]).toEqual([429, '9']);
    sim.faults.failNext('config');
    expect((await action('wb_session_human', token)).json.code).toBe('1001');
    sim.faults.failNext('internal');
    expect((await action('wb_session_human', token)).status).toBe(500);
    sim.faults.failNext('http_500');
    expect((await action('wb_session_human', token)).status).toBe(500);
    expect((await action('wb_session_human', token)).json.code).toBe('1000');
  });

  it('token_expired answers 1002 and makes the token invalid, as expireTokens() does', async () => {
    await start();
    let token = await accessToken();
    sim.faults.failNext('token_expired');
    expect((await action('wb_session_human', token)).json.code).toBe('1002');
    expect((await action('wb_session_human', token)).json.code).toBe('1002');
    token = await accessToken();
    sim.faults.expireTokens();
    expect((await action('wb_session_human', token)).json.code).toBe('1002');
  });

  it('leave getAccessToken.json alone unless its path is named', async () => {
    await start();
    sim.faults.failNext('config');
    expect((await legacyToken()).code).toBe('1000');
    sim.faults.failNext('http_500', { path: 'getAccessToken.json' });
    const res = await fetch(`${sim.url}/open/platform/getAccessToken.json`);
    expect(res.status).toBe(500);
  });

  it('log the legacy code of each reply', async () => {
    await start();
    const token = await accessToken();
    sim.faults.failNext('token_expired');
    await action('wb_session_human', token);
    expect(sim.log.map((e) => [e.path, e.retCode])).toEqual([
      ['/open/platform/getAccessToken.json', '1000'],
      ['/open/platform/api.json', '1002'],
    ]);
  });
});

describe('figures', () => {
  const sum = (rows: Json[], key: string) => rows.reduce((total, row) => total + Number(row[key]), 0);

  it('agree with v5 for the same day wherever both APIs name the same thing', async () => {
    await start({ company: { agents: 60, ratingScheme: 'five_star' } });
    const token = await accessToken();
    const item = async (name: string) => (await action(name, token)).json.data.item;
    const human = await item('wb_session_human');
    const bot = await item('wb_session_robot');
    const satisfaction = await item('wb_human_satisfaction');
    const messages = await item('wb_session_message');

    // Department rows partition the company's agents.
    const byDepartment = {
      search_way: 1,
      start_date: `${DAY} 00:00:00`,
      end_date: `${DAY} 23:59:59`,
      page_size: 100,
      size: 100,
    };
    const chats = (await v5('online/session/getStat', byDepartment)).items;
    expect(human.consultSession).toBe(sum(chats, 'human_consult'));
    expect(human.validSession).toBe(sum(chats, 'human_valid'));
    expect(human.transferSession).toBe(sum(chats, 'human_transfer'));
    expect(human.notReceptionSession).toBe(sum(chats, 'human_not_recep'));
    expect(human.validReceptionRate).toBe(pct(sum(chats, 'human_valid_recep'), sum(chats, 'human_valid')));

    const msgs = (await v5('online/session/getMsgStat', byDepartment)).items;
    expect(messages.totalHumanMessage).toBe(sum(msgs, 'msg_human'));
    expect(messages.answerThan).toBe(pct(sum(msgs, 'msg_staff'), sum(msgs, 'msg_visitor_to_staff')));

    const survey = (
      await v5('online/satisfaction/getSatisfactionSurvey', { search_way: 1, start_date: DAY, end_date: DAY })
    ).item;
    expect(satisfaction.totalTimes).toBe(survey.total_times);
    expect(satisfaction.good).toBe(survey.good);
    expect(satisfaction.goodLv).toBe(survey.good_rate_str);
    expect(satisfaction.effectSessionCount).toBe(survey.human_valid);

    const robot = (
      await v5('online/custom/getRobotReception', {
        search_way: 2,
        start_date: `${DAY} 00:00`,
        end_date: `${DAY} 23:59`,
      })
    ).item;
    expect(bot.consultSession).toBe(Number(robot.robot_reception_num));
    expect(bot.validSession).toBe(Number(robot.robot_reception_valid_num));
    expect(bot.selfReceptionRate).toBe(robot.robot_self_reception_num_proportion);
    expect(bot.toHumanSession).toBe(Number(robot.transfer_to_staff_num));
  });

  it('add up: parts of a whole, rates of their counts, five-star buckets', async () => {
    await start();
    const token = await accessToken();
    const item = async (name: string) =>
      (await action(name, token, '2025-07-01', '2025-07-07')).json.data.item;
    const human = await item('wb_session_human');
    expect(human.validSession + human.invalidSession).toBe(human.consultSession);
    expect(human.solvedSession + human.notSolvedSession + human.notMarkIsSolved).toBe(human.consultSession);
    expect(human.notReceptionSessionRate).toBe(pct(human.notReceptionSession, human.consultSession));
    const customer = await item('wb_session_customer');
    const bot = await item('wb_session_robot');
    expect(customer.totalConsultSession).toBe(human.consultSession + bot.consultSession);
    expect(customer.totalValidSession + customer.totalInvalidSession).toBe(customer.totalConsultSession);
    const stars = await item('wb_human_satisfaction');
    expect(stars.good + stars.middle + stars.bad).toBe(stars.totalTimes);
    expect(stars.middle).toBe(stars.score4 + stars.score3);
    expect(stars.bad).toBe(stars.score2 + stars.score1);
    expect(stars.solved + stars.notSolved).toBe(stars.totalTimes);
    const botRatings = await item('wb_robot_satisfaction');
    expect(botRatings.totalTimes).toBeLessThanOrEqual(botRatings.effectSessionCount);
    expect(botRatings.solvedLv).toBe(pct(botRatings.solved, botRatings.totalTimes));
  });

  it('sum over a range: a week is the sum of its days', async () => {
    await start();
    const token = await accessToken();
    let chats = 0;
    let botRated = 0;
    for (let d = 1; d <= 7; d++) {
      const day = `2025-07-0${d}`;
      chats += (await action('wb_session_human', token, day, day)).json.data.item.consultSession;
      botRated += (await action('wb_robot_satisfaction', token, day, day)).json.data.item.totalTimes;
    }
    const week = async (name: string) =>
      (await action(name, token, '2025-07-01', '2025-07-07')).json.data.item;
    expect((await week('wb_session_human')).consultSession).toBe(chats);
    expect((await week('wb_robot_satisfaction')).totalTimes).toBe(botRated);
  });

  it('has no ratings for a company that rates on the 0–10 scale: the legacy API reports five stars', async () => {
    await start({ company: { ratingScheme: 'nps' } });
    const token = await accessToken();
    const stars = (await action('wb_human_satisfaction', token, '2025-07-01', '2025-07-07')).json.data.item;
    expect(stars.totalTimes).toBe(0);
    expect(stars.goodLv).toBe('0.00%');
  });
});
