// Specs for the v5 registry: every "Return example" of the v5 statistics doc parses, with values
// checked against the document. The fixtures in test/fixtures/v5/ are those examples copied from
// sobot-api/004_f917970d9c1bbd5b.txt; all were valid JSON as printed (only the getStat *request*
// example is broken), and only their whitespace was reformatted by Biome.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type Department,
  tokenReplySchema,
  type V5EndpointKey,
  type V5Item,
  v5Endpoints,
  v5Envelope,
} from '../../src/sobot/v5/endpoints.ts';

const fixtureDir = new URL('../fixtures/v5/', import.meta.url);
const endpointKeys = Object.keys(v5Endpoints) as V5EndpointKey[];

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8'));
}

type Row = Record<string, unknown>;

/** The raw rows of a reply (its `items`, or its one `item`), before the row schema runs. */
function rawRows(key: V5EndpointKey): Row[] {
  const envelope = v5Envelope.parse(readFixture(key));
  const rows = v5Endpoints[key].shape === 'items' ? envelope.items : [envelope.item];
  return (rows ?? []) as Row[];
}

function parseRows<K extends V5EndpointKey>(key: K): V5Item<K>[] {
  const schema = v5Endpoints[key].item as z.ZodType<V5Item<K>>;
  return rawRows(key).map((row) => schema.parse(row));
}

function firstRow<K extends V5EndpointKey>(key: K): V5Item<K> {
  const [row] = parseRows(key);
  if (!row) throw new Error(`fixture ${key} has no rows`);
  return row;
}

/** Lists `path: problem` for raw keys the schema dropped and raw values it read as null. */
function coverageProblems(raw: Row, parsed: Row, path = ''): string[] {
  return Object.entries(raw).flatMap(([key, value]) => {
    const where = `${path}${key}`;
    if (!(key in parsed)) return [`${where}: dropped`];
    const out = parsed[key];
    if (Array.isArray(value) && Array.isArray(out)) {
      return value.flatMap((child, i) => coverageProblems(child as Row, out[i] as Row, `${where}[${i}].`));
    }
    if (value !== 'NA' && value !== null && out === null)
      return [`${where}: ${JSON.stringify(value)} became null`];
    return [];
  });
}

describe('v5Endpoints', () => {
  it('has a fixture for every endpoint in the registry', () => {
    const fixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.json'));
    for (const key of endpointKeys) expect(fixtures).toContain(`${key}.json`);
  });

  it('registers all 18 statistics endpoints of the document', () => {
    expect(endpointKeys).toHaveLength(18);
  });

  // Paths, paging parameters and date patterns as printed in each endpoint's request table.
  it.each([
    ['channels', 'condition/getChannelList', 'none', null],
    ['subChannels', 'condition/getChildChannelList', 'page_no', null],
    ['classifications', 'condition/getClassificationList', 'none', null],
    ['robots', 'condition/getRobotList', 'none', null],
    ['departments', 'condition/getDepartmentList', 'none', null],
    ['groups', 'condition/getGroupList', 'page', null],
    ['agents', 'condition/getServiceList', 'page', null],
    ['chatStats', 'online/session/getStat', 'page', 'yyyy-MM-dd HH:mm:ss'],
    ['messageStats', 'online/session/getMsgStat', 'page', 'yyyy-MM-dd HH:mm:ss'],
    ['customerOverview', 'online/custom/getGeneral', 'none', 'yyyy-MM-dd HH:mm'],
    ['botReception', 'online/custom/getRobotReception', 'none', 'yyyy-MM-dd HH:mm'],
    ['agentReception', 'online/custom/getStaffReception', 'none', 'yyyy-MM-dd HH:mm'],
    ['regions', 'online/custom/getGeographicalDistribution', 'none', 'yyyy-MM-dd HH:mm'],
    ['agentWorkload', 'customerService/staffWorkStatis', 'page_no', 'yyyy-MM-dd'],
    ['workLog', 'online/staff/getWorkLogList', 'page', 'yyyy-MM-dd'],
    ['sessionSatisfaction', 'online/satisfaction/getSatisfactionSurvey', 'none', 'yyyy-MM-dd'],
    ['customerSatisfaction', 'online/satisfaction/getCustomerSatisfaction', 'none', 'yyyy-MM-dd'],
    ['serviceSummary', 'online/summary/search', 'page', 'yyyy-MM-dd HH:mm:ss'],
  ] as const)(
    '%s is POST /chat-static-api/api/%s with %s paging and %s dates',
    (key, path, paging, pattern) => {
      const endpoint = v5Endpoints[key];
      expect(endpoint.path).toBe(`/chat-static-api/api/${path}`);
      expect(endpoint.paging).toBe(paging);
      expect(endpoint.datePattern).toBe(pattern);
    },
  );

  describe.each(endpointKeys)('the %s return example', (key) => {
    it('parses as a successful envelope carrying its data where the registry says', () => {
      const envelope = v5Envelope.parse(readFixture(key));
      expect(envelope.ret_code).toBe('000000');
      if (v5Endpoints[key].shape === 'items') expect(envelope.items?.length).toBeGreaterThan(0);
      else expect(envelope.item).toBeTypeOf('object');
    });

    it('keeps every field of the example and reads none of its values as null except "NA"', () => {
      const raws = rawRows(key);
      const parsed = parseRows(key) as Row[];
      expect(raws.flatMap((raw, i) => coverageProblems(raw, parsed[i]!))).toEqual([]);
    });

    it('accepts a row with every field missing', () => {
      const empty = v5Endpoints[key].item.parse({}) as Row;
      for (const value of Object.values(empty)) expect([null, '', []]).toContainEqual(value);
    });
  });
});

describe('tokenReplySchema', () => {
  it('reads the token and expires_in "86400" as 86400 seconds', () => {
    const reply = tokenReplySchema.parse(readFixture('token'));
    expect(reply).toEqual({
      ret_code: '000000',
      ret_msg: 'success',
      item: { token: '4ac37cb2e9c740dba4b75a34d5358802', expires_in: 86400 },
    });
  });

  it('accepts an error reply without item', () => {
    expect(tokenReplySchema.parse({ ret_code: '900003', ret_msg: 'sign error' }).item).toBeUndefined();
  });
});

describe('v5Envelope', () => {
  const statusDir = new URL('status/', fixtureDir);

  it.each([
    ['000000', 'Succeed'],
    ['900001', 'Token is null!'],
    ['900002', 'Token invalid or not found. Get a new one!'],
    ['229000', 'Try again [60]s later'],
    ['222000', 'cannot be greater than [90]d'],
    ['999999', 'Unknown System Exception'],
  ])('parses the %s example of the status code table', (code, message) => {
    const reply = v5Envelope.parse(JSON.parse(readFileSync(new URL(`${code}.json`, statusDir), 'utf8')));
    expect(reply.ret_code).toBe(code);
    expect(reply.ret_msg).toContain(message);
    expect(reply.items).toBeUndefined();
    expect(reply.total_count).toBeNull();
  });

  it('has a spec above for every status example in the fixtures', () => {
    expect(readdirSync(statusDir).sort()).toEqual(
      ['000000', '222000', '229000', '900001', '900002', '999999'].map((code) => `${code}.json`),
    );
  });

  it('reads paging fields sent as strings and numbers', () => {
    const reply = v5Envelope.parse({ ret_code: '000000', page_no: '2', page_count: 3, page_size: '15' });
    expect([reply.page_no, reply.page_count, reply.page_size, reply.total_count]).toEqual([2, 3, 15, null]);
  });

  it('pads a numeric ret_code back to six digits and defaults ret_msg to ""', () => {
    expect(v5Envelope.parse({ ret_code: 0 })).toMatchObject({ ret_code: '000000', ret_msg: '' });
    expect(v5Envelope.parse({ ret_code: 900002 }).ret_code).toBe('900002');
  });

  it('rejects a reply without ret_code', () => {
    expect(v5Envelope.safeParse({ ret_msg: 'Succeed', items: [] }).success).toBe(false);
  });

  it('reads the paging of the getStat example, and null where a reply omits page_count', () => {
    const stat = v5Envelope.parse(readFixture('chatStats'));
    expect([stat.page_no, stat.page_count, stat.page_size, stat.total_count]).toEqual([1, 37, 2, 73]);
    const subChannels = v5Envelope.parse(readFixture('subChannels'));
    expect([subChannels.page_count, subChannels.total_count]).toEqual([null, 42]);
  });
});

describe('condition lists', () => {
  it('reads channels as code/name pairs', () => {
    expect(parseRows('channels')).toEqual([
      { code: '0', msg: 'Desktop site' },
      { code: '4', msg: 'Mobile Site' },
      { code: '2', msg: 'APP' },
    ]);
  });

  it('reads sub-channel flag keys', () => {
    expect(firstRow('subChannels')).toMatchObject({ channel_type: '4', channel_flag_key: '4_1' });
  });

  it('reads a classification without classify_code as "" and its numeric level', () => {
    const second = parseRows('classifications')[1];
    expect(second).toMatchObject({ classify_code: '', classify_level: 2, sort: 1 });
  });

  it('turns robot_flag 1 into "1"', () => {
    expect(parseRows('robots').map((robot) => robot.robot_flag)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('reads the department tree with its children', () => {
    const headquarters = firstRow('departments');
    expect(headquarters.depart_name).toBe('Headquarters');
    expect(headquarters.child_list.map((child) => child.depart_name)).toEqual([
      'Southwest Region',
      'Northeast Region',
    ]);
    expect(headquarters.child_list[0]?.child_list).toEqual([]);
  });

  it('reads skill groups and agents', () => {
    expect(parseRows('groups').map((group) => group.group_name)).toEqual(['Test', 'Session Stat Test']);
    expect(parseRows('agents')[1]).toEqual({
      service_id: '70b08e73e1894273934acf97ab3726d5',
      service_name: 'ZhaoLinFeng',
      service_nick: 'ZhaoLinFeng',
    });
  });
});

describe('chat statistics', () => {
  it('reads getStat rates, "HH:mm:ss" durations and the extra fields', () => {
    const row = firstRow('chatStats');
    expect(row.human_valid_recep_rate_str).toBe(0.7143);
    expect(row.human_valid_recep_rate).toBe(0.7142857142857143);
    expect(row.avg_staff_res_total_duration_str).toBe(182_000);
    expect(row.avg_human_recep_duration).toBe(628769.25);
    expect(row.avg_human_recep_duration_str).toBe((10 * 60 + 28) * 1000);
    expect(row.queue_not_accept_rate_str).toBe(1);
    expect(row.human_self_rate).toBe(0.75);
    expect(row.session_consult).toBe(0);
    expect(row.robot_total_transfer).toBe(0);
    expect(row.response_warn_count).toBe(20);
    expect(row.staff_res_total_count).toBe(189);
    expect(row.response_warn_rate).toBe(0.10582010582010581);
    expect(row.channel_flag_name).toBe('DeskTop--6');
  });

  it('reads getMsgStat per department', () => {
    const row = firstRow('messageStats');
    expect(row.depart_name).toBe('head office');
    expect(row.human_avg_msg).toBe(3.44);
    expect(row.response_warn_rate_str).toBe(0.6364);
    expect(row.response_warn_count).toBe(7);
  });
});

describe('customer statistics', () => {
  it('reads the overview counts, 24h FCR and MoM changes from strings', () => {
    const overview = firstRow('customerOverview');
    expect(overview.valid_visitor_total).toBe(21);
    expect(overview.one_time_solution_rate).toBe(0.2222);
    expect(overview.old_visitor_proportion).toBe(0.6667);
    expect(overview.valid_visitor_total_cycle).toBe(-0.3226);
  });

  it('reads bot reception shares and a 450% change', () => {
    const bot = firstRow('botReception');
    expect(bot.robot_reception_num).toBe(1496);
    expect(bot.robot_self_reception_num_proportion).toBe(0.22);
    expect(bot.robot_self_reception_num_cycle).toBe(4.5);
    expect(bot.robot_to_staff_active_proportion_cycle).toBe(-0.0051);
  });

  it('reads agent reception', () => {
    expect(firstRow('agentReception')).toMatchObject({
      staff_reception_num: 704,
      staff_valid_reception_num_proportion: 0.9943,
      staff_reception_num_cycle: -0.6914,
    });
  });

  it('reads regions, keeping an empty province as ""', () => {
    const [, , netherlands] = parseRows('regions');
    expect(netherlands).toEqual({
      id: '4',
      country: 'Netherlands',
      province: '',
      visitor_total: 1,
      new_visitor_num: 0,
      old_visitor_num: 1,
    });
  });
});

describe('agent statistics', () => {
  it('reads the second staffWorkStatis row', () => {
    const staff2 = parseRows('agentWorkload')[1];
    expect(staff2).toMatchObject({
      staff_id: '903965b75366482dbc95a4322538e2c8',
      service_email: 'staff2@zhichi.com',
      valid_recep_rate_str: 0.1667,
      quiet_after_session_rate_str: 0.2222,
      human_res_warn_rate_str: 0.3333,
      human_consult_duration: 4363974,
      human_consult_duration_str: (60 * 60 + 12 * 60 + 43) * 1000,
      avg_first_response_time_str: (6 * 60 + 32) * 1000,
      max_conv_num: 1,
      nps_score0_rate_str: 0,
      response_counts: 6,
    });
  });

  it('reads getWorkLogList timestamps and millisecond strings', () => {
    const log = firstRow('workLog');
    expect(log.start_login_time).toBe(1747893918830);
    expect(log.last_leave_time).toBe(1747898942095);
    expect(log.online_duration).toBe(11529665);
    expect(log.busy_counts).toBe(1);
    expect(log.staff_name).toBe('[]');
  });
});

describe('satisfaction statistics', () => {
  it('reads getSatisfactionSurvey *_ratio as MoM, "NA" as null', () => {
    const survey = firstRow('sessionSatisfaction');
    expect(survey.avg_nps_score_ratio).toBeNull();
    expect(survey.human_valid_ratio).toBe(-0.4618);
    expect(survey.avg_comment_score).toBe(3);
    expect(survey.score_total_times).toBe(684);
    expect(survey.nps_total_times).toBe(0);
    expect(survey.level2_score5_rate_str).toBe(1);
  });

  it('reads getCustomerSatisfaction counts and *_change', () => {
    const customers = firstRow('customerSatisfaction');
    expect(customers.human_valid).toBe(1672);
    expect(customers.score5_average).toBe(3.02);
    expect(customers.nps10_change).toBe(-1);
    expect(customers.level2_score5_change).toBe(1);
  });
});

describe('service summary', () => {
  it('reads classification rows with their details', () => {
    const [category2, category3] = parseRows('serviceSummary');
    expect(category2).toMatchObject({ level: 1, classify_show_name: 'Category 2' });
    expect(category3?.details[0]).toMatchObject({ real_date: '2024-45', total_conversation_num: 2 });
  });
});

describe('V5Item', () => {
  it('types coerced fields as numbers or null and ids as strings', () => {
    expectTypeOf<V5Item<'agentWorkload'>['valid_recep_rate_str']>().toEqualTypeOf<number | null>();
    expectTypeOf<V5Item<'robots'>['robot_flag']>().toEqualTypeOf<string>();
    expectTypeOf<V5Item<'departments'>>().toEqualTypeOf<Department>();
  });
});
