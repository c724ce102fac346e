// The 18 statistics endpoints of the Sobot v5 document: path, date pattern and reply builder.

import { workLog, workload } from './agents.ts';
import type { Company } from './company.ts';
import type { Endpoint, Json } from './params.ts';
import { breakdown, intParam, list, matchesQuery, page, selectAgents } from './params.ts';
import { customerSatisfaction, satisfactionSurvey, summarySearch } from './satisfaction.ts';
import { chatItem, general, geography, messageItem, robotReception, staffReception } from './sessions.ts';

export type { DatePattern, Endpoint, EndpointRequest } from './params.ts';

const conditions = (handle: (company: Company, body: Json) => Json): Endpoint => ({
  datePattern: null,
  handle: (company, request) => handle(company, request.body),
});

function departmentTree(company: Company): Json[] {
  const node = (id: string): Json => {
    const d = company.departments.find((x) => x.id === id)!;
    const children = company.departments.filter((x) => x.parentId === id);
    return {
      depart_id: d.id,
      depart_name: d.name,
      company_id: company.id,
      parent_id: d.parentId,
      ...(children.length ? { child_list: children.map((c) => node(c.id)) } : {}),
    };
  };
  return company.departments.filter((d) => d.parentId === '0').map((d) => node(d.id));
}

const API = '/chat-static-api/api';

export const ENDPOINTS: Record<string, Endpoint> = {
  [`${API}/condition/getChannelList`]: conditions((company, body) => ({
    items: company.channels
      .filter((c) => matchesQuery(body, c.msg))
      .map((c) => ({ code: c.code, msg: c.msg })),
  })),
  [`${API}/condition/getChildChannelList`]: conditions((company, body) => {
    const sources = list(body.sources);
    const items = company.subChannels
      .filter((s) => (!sources.length || sources.includes(s.channelType)) && matchesQuery(body, s.name))
      .map((s) => ({
        sub_channel_id: s.id,
        channel_type: s.channelType,
        sub_channel_name: s.name,
        channel_flag: s.flag,
        channel_flag_key: s.flagKey,
      }));
    return page(items, body, 'page_no', 'page_size');
  }),
  [`${API}/condition/getClassificationList`]: conditions((company) => ({
    items: company.classifications.map((c) => ({
      id: c.id,
      classify_name: c.name,
      // The doc's example leaves classify_code out of level-2 items.
      ...(c.level === 1 ? { classify_code: c.code } : {}),
      classify_level: c.level,
      classify_level_path: c.levelPath,
      classify_parent_id: c.parentId,
      sort: c.sort,
    })),
  })),
  [`${API}/condition/getRobotList`]: conditions((company) => ({
    items: company.robots.map((r) => ({ robot_logo: r.logo, robot_name: r.name, robot_flag: r.flag })),
  })),
  [`${API}/condition/getDepartmentList`]: conditions((company) => ({ items: departmentTree(company) })),
  [`${API}/condition/getGroupList`]: conditions((company, body) => {
    const departments = list(body.depart_ids_param);
    const items = company.groups
      .filter(
        (g) => (!departments.length || departments.includes(g.departmentId)) && matchesQuery(body, g.name),
      )
      .map((g) => ({ group_id: g.id, group_name: g.name }));
    return page(items, body, 'page', 'size');
  }),
  [`${API}/condition/getServiceList`]: conditions((company, body) => {
    const way = intParam(body.search_way, 1);
    const items = selectAgents(company, {
      staffIds: [],
      groupIds: way === 2 ? list(body.group_ids_param) : [],
      departIds: way === 1 ? list(body.depart_ids_param) : [],
    })
      .filter((a) => matchesQuery(body, a.name, a.nick))
      .map((a) => ({ service_id: a.id, service_name: a.name, service_nick: a.nick }));
    return page(items, body, 'page', 'size');
  }),
  [`${API}/online/session/getStat`]: {
    datePattern: 'yyyy-MM-dd HH:mm:ss',
    handle: (company, request) =>
      page(breakdown(company, request, 3).map(chatItem), request.body, 'page', 'size'),
  },
  [`${API}/online/session/getMsgStat`]: {
    datePattern: 'yyyy-MM-dd HH:mm:ss',
    handle: (company, request) =>
      page(breakdown(company, request, 3).map(messageItem), request.body, 'page', 'size'),
  },
  [`${API}/online/custom/getGeneral`]: { datePattern: 'yyyy-MM-dd HH:mm', handle: general },
  [`${API}/online/custom/getRobotReception`]: { datePattern: 'yyyy-MM-dd HH:mm', handle: robotReception },
  [`${API}/online/custom/getStaffReception`]: { datePattern: 'yyyy-MM-dd HH:mm', handle: staffReception },
  [`${API}/online/custom/getGeographicalDistribution`]: {
    datePattern: 'yyyy-MM-dd HH:mm',
    handle: geography,
  },
  [`${API}/customerService/staffWorkStatis`]: { datePattern: 'yyyy-MM-dd', handle: workload },
  [`${API}/online/staff/getWorkLogList`]: { datePattern: 'yyyy-MM-dd', handle: workLog },
  [`${API}/online/satisfaction/getSatisfactionSurvey`]: {
    datePattern: 'yyyy-MM-dd',
    handle: satisfactionSurvey,
  },
  [`${API}/online/satisfaction/getCustomerSatisfaction`]: {
    datePattern: 'yyyy-MM-dd',
    handle: customerSatisfaction,
  },
  [`${API}/online/summary/search`]: { datePattern: 'yyyy-MM-dd HH:mm:ss', handle: summarySearch },
};
