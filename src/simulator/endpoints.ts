// The 18 statistics endpoints of the Sobot v5 document: request parameters in, reply body out,
// shaped like the document's examples (field names, order, which values are strings).

import { TZDate } from '@date-fns/tz';
import type { DayRange, Today } from './aggregate.ts';
import {
  agentDayAsOf,
  agentRange,
  avgNps,
  avgStars,
  botRange,
  change,
  datesBetween,
  dayNumber,
  hms,
  level2Total,
  npsBad,
  npsGood,
  npsMiddle,
  npsTotal,
  pct,
  percent,
  previousPeriod,
  ratingsTotal,
  ratio,
  round2,
  scaleBot,
  scaleDay,
  starBad,
  starGood,
  starMiddle,
  starTotal,
  sumDays,
} from './aggregate.ts';
import type { Agent, BotDayFigures, Company, DayFigures, SubChannel } from './company.ts';
import { botZero } from './company.ts';

/** The three date patterns of the document, by how precise they are. */
export type DatePattern = 'yyyy-MM-dd HH:mm:ss' | 'yyyy-MM-dd HH:mm' | 'yyyy-MM-dd';

export interface EndpointRequest {
  body: Record<string, unknown>;
  /** Calendar days of start_date..end_date, already reset to today where they were later. */
  range: DayRange;
  today: Today;
  timeZone: string;
  /** start_date and end_date as the caller sent them. */
  startInput: string;
  endInput: string;
}

export interface Endpoint {
  datePattern: DatePattern | null;
  handle(company: Company, request: EndpointRequest): Record<string, unknown>;
}

type Json = Record<string, unknown>;

const list = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value === 'number') return [String(value)];
  return [];
};

const intParam = (value: unknown, fallback: number): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Pages like the doc: default 15, anything above 100 reset to 100, counters as numbers. */
function page<T>(items: T[], body: Json, pageKey: string, sizeKey: string): Json {
  const size = Math.min(100, intParam(body[sizeKey], 15));
  const pageNo = intParam(body[pageKey], 1);
  return {
    page_no: pageNo,
    page_count: Math.ceil(items.length / size),
    page_size: size,
    total_count: items.length,
    items: items.slice((pageNo - 1) * size, pageNo * size),
  };
}

const matchesQuery = (body: Json, ...texts: string[]): boolean => {
  const query = typeof body.query_content === 'string' ? body.query_content.trim().toLowerCase() : '';
  return query === '' || texts.some((t) => t.toLowerCase().includes(query));
};

function departmentSubtree(company: Company, ids: readonly string[]): Set<string> {
  const found = new Set(ids);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of company.departments) {
      if (found.has(d.parentId) && !found.has(d.id)) {
        found.add(d.id);
        grew = true;
      }
    }
  }
  return found;
}

interface AgentFilter {
  staffIds: string[];
  groupIds: string[];
  departIds: string[];
}

function selectAgents(company: Company, filter: AgentFilter): Agent[] {
  const departments = filter.departIds.length ? departmentSubtree(company, filter.departIds) : null;
  return company.agents.filter(
    (a) =>
      (!filter.staffIds.length || filter.staffIds.includes(a.id)) &&
      (!filter.groupIds.length || a.groupIds.some((g) => filter.groupIds.includes(g))) &&
      (!departments || departments.has(a.departmentId)),
  );
}

const paramFilter = (body: Json): AgentFilter => ({
  staffIds: list(body.staff_ids_param),
  groupIds: list(body.group_ids_param),
  departIds: list(body.depart_ids_param),
});

function selectSubChannels(company: Company, body: Json): SubChannel[] {
  const sources = list(body.source);
  const flags = list(body.channel_flag);
  return company.subChannels.filter(
    (s) =>
      (!sources.length || sources.includes(s.channelType)) && (!flags.length || flags.includes(s.flagKey)),
  );
}

const shareOf = (subChannels: readonly SubChannel[]): number =>
  subChannels.reduce((sum, s) => sum + s.share, 0);

function selectRobots(company: Company, body: Json): number[] {
  const wanted = list(body.robot_ids_param);
  return company.robots.map((r) => r.flag).filter((f) => !wanted.length || wanted.includes(String(f)));
}

/** Per-agent range totals, computed once per request. */
function rangeTotals(company: Company, agents: readonly Agent[], range: DayRange, today: Today) {
  return new Map(agents.map((a) => [a.id, agentRange(company, a.id, range, today)]));
}

const sumOf = (totals: Map<string, DayFigures>, agents: readonly Agent[]): DayFigures =>
  sumDays(agents.map((a) => totals.get(a.id)!));

/** Filtered figures of the request's audience and channels, for the single-item endpoints. */
function audienceFigures(company: Company, request: EndpointRequest, range: DayRange): DayFigures {
  const agents = selectAgents(company, paramFilter(request.body));
  const figures = sumOf(rangeTotals(company, agents, range, request.today), agents);
  return scaleDay(figures, shareOf(selectSubChannels(company, request.body)));
}

function audienceBot(company: Company, request: EndpointRequest, range: DayRange): BotDayFigures {
  const bot = botRange(company, selectRobots(company, request.body), range, request.today);
  return scaleBot(bot, shareOf(selectSubChannels(company, request.body)));
}

interface BreakdownRow {
  labels: Json;
  figures: DayFigures;
  bot: BotDayFigures;
}

/** search_way 1/2/3: one row per department, skill group or sub-channel, like the doc's examples. */
function breakdown(company: Company, request: EndpointRequest, defaultWay: number): BreakdownRow[] {
  const { body, range, today } = request;
  const way = intParam(body.search_way, defaultWay);
  const filter = paramFilter(body);
  const agents = selectAgents(company, filter);
  const totals = rangeTotals(company, agents, range, today);
  const subChannels = selectSubChannels(company, body);
  const channelShare = shareOf(subChannels);
  const noBot = botZero();
  if (way === 1) {
    const shown = filter.departIds.length ? departmentSubtree(company, filter.departIds) : null;
    return company.departments
      .filter((d) => !shown || shown.has(d.id))
      .map((d) => ({
        labels: { depart_id: d.id, depart_name: d.name },
        figures: scaleDay(
          sumOf(
            totals,
            agents.filter((a) => a.departmentId === d.id),
          ),
          channelShare,
        ),
        bot: noBot,
      }));
  }
  if (way === 2) {
    return company.groups
      .filter((g) => !filter.groupIds.length || filter.groupIds.includes(g.id))
      .map((g) => ({
        labels: { group_id: g.id, group_name: g.name },
        figures: scaleDay(
          sumOf(
            totals,
            agents.filter((a) => a.groupIds.includes(g.id)),
          ),
          channelShare,
        ),
        bot: noBot,
      }));
  }
  const all = sumOf(totals, agents);
  const bot = botRange(company, selectRobots(company, body), range, today);
  return subChannels.map((s) => ({
    labels: {
      channel_flag: s.flag,
      channel_flag_name: s.name,
      source: s.channelType,
      source_name: company.channels.find((c) => c.code === s.channelType)?.msg ?? '',
    },
    figures: scaleDay(all, s.share),
    bot: scaleBot(bot, s.share),
  }));
}

function chatItem({ labels, figures: f, bot }: BreakdownRow): Json {
  const queue = f.queueAccepted + f.queueLeft;
  const notQueue = f.chats - f.queueAccepted;
  const notRecep = f.inquiryChats - f.validReceptions;
  const invalidRecep = f.chats - f.inquiryChats;
  const rate = (part: number, whole: number) => ratio(part, whole);
  return {
    ...labels,
    session_consult: f.chats + bot.reception,
    session_valid: f.validChats + bot.validReception,
    session_invalid: f.chats - f.validChats + bot.reception - bot.validReception,
    queue,
    not_queue: notQueue,
    queue_accept: f.queueAccepted,
    queue_leave: f.queueLeft,
    queue_not_accept_rate: rate(notQueue, notQueue + queue),
    queue_not_accept_rate_str: pct(notQueue, notQueue + queue),
    queue_accept_rate: rate(f.queueAccepted, queue),
    queue_accept_rate_str: pct(f.queueAccepted, queue),
    queue_leave_rate: rate(f.queueLeft, queue),
    queue_leave_rate_str: pct(f.queueLeft, queue),
    avg_queue_accept_duration: f.avgQueueAcceptMs,
    avg_queue_accept_duration_str: hms(f.avgQueueAcceptMs),
    avg_queue_leave_duration: f.avgQueueLeaveMs,
    avg_queue_leave_duration_str: hms(f.avgQueueLeaveMs),
    robot_consult: bot.reception,
    robot_self: bot.selfReception,
    robot_valid: bot.validReception,
    robot_in_valid: bot.reception - bot.validReception,
    robot_to_staff_active: bot.activeTransfer,
    robot_to_staff_trigger_key_word: bot.keywordTransfer,
    robot_total_transfer: bot.transferToStaff,
    human_consult: f.chats,
    human_self: f.selfChats,
    human_valid: f.validChats,
    human_invalid: f.chats - f.validChats,
    human_not_recep: notRecep,
    human_valid_recep: f.validReceptions,
    human_invalid_recep: invalidRecep,
    human_transfer: f.transfersOut,
    in_blacklist: 0,
    summary_solved: f.solved,
    summary_not_solved: f.notSolved,
    human_snatch: f.snatchOut,
    human_initiative: f.proactiveChats,
    human_self_rate: rate(f.selfChats, f.chats),
    human_self_rate_str: pct(f.selfChats, f.chats),
    human_valid_rate: rate(f.validChats, f.chats),
    human_valid_rate_str: pct(f.validChats, f.chats),
    human_not_recep_rate: rate(notRecep, f.chats),
    human_not_recep_rate_str: pct(notRecep, f.chats),
    avg_human_recep_duration: f.avgReceptionMs,
    avg_human_recep_duration_str: hms(f.avgReceptionMs),
    avg_staff_first_res_duration: f.avgFirstResponseMs,
    avg_staff_first_res_duration_str: hms(f.avgFirstResponseMs),
    avg_staff_res_total_duration: f.avgResponseMs,
    avg_staff_res_total_duration_str: hms(f.avgResponseMs),
    // The doc's example divides valid receptions by all chats here (40 / 56 = 71.43%).
    human_valid_recep_rate: rate(f.validReceptions, f.chats),
    human_valid_recep_rate_str: pct(f.validReceptions, f.chats),
    human_invalid_recep_rate: rate(invalidRecep, f.chats),
    human_invalid_recep_rate_str: pct(invalidRecep, f.chats),
    not_mark_is_solved: f.chats - f.solved - f.notSolved,
    response_warn_count: f.responseWarnings,
    staff_res_total_count: f.responseRounds,
    response_warn_rate: rate(f.responseWarnings, f.responseRounds),
  };
}

function messageItem({ labels, figures: f }: BreakdownRow): Json {
  const messages = f.msgStaff + f.msgVisitor;
  return {
    ...labels,
    msg_human: messages,
    msg_visitor_to_staff: f.msgVisitor,
    msg_staff: f.msgStaff,
    offline_message: f.offlineMessages,
    msg_staff_word_count: f.staffWordCount,
    human_avg_msg: round2(ratio(messages, f.chats)),
    msg_staff_visitor_rate: ratio(f.msgStaff, f.msgVisitor),
    msg_staff_visitor_rate_str: pct(f.msgStaff, f.msgVisitor),
    human_avg_msg_visitor: round2(ratio(f.msgVisitor, f.chats)),
    human_avg_msg_staff: round2(ratio(f.msgStaff, f.chats)),
    human_avg_staff_word_count: round2(ratio(f.staffWordCount, f.chats)),
    response_warn_count: f.responseWarnings,
    staff_res_total_count: f.responseRounds,
    response_warn_rate: ratio(f.responseWarnings, f.responseRounds),
    response_warn_rate_str: pct(f.responseWarnings, f.responseRounds),
  };
}

/** Adds `<key><suffix>` MoM fields right after each compared key, as the doc's replies list them. */
function withChanges(pairs: Array<[string, string | number, number, number]>, suffix: string): Json {
  const item: Json = {};
  for (const [key, shown, current, previous] of pairs) {
    item[key] = shown;
    item[`${key}${suffix}`] = change(current, previous);
  }
  return item;
}

function general(company: Company, request: EndpointRequest): Json {
  const now = audienceFigures(company, request, request.range);
  const before = audienceFigures(company, request, previousPeriod(request.range));
  const values = (f: DayFigures) => ({
    valid_visitor_total: f.newVisitors + f.returningVisitors,
    new_visitor_num: f.newVisitors,
    old_visitor_num: f.returningVisitors,
    old_visitor_proportion: ratio(f.returningVisitors, f.newVisitors + f.returningVisitors),
    one_time_solution_rate: ratio(f.fcr24hChats, f.lastReceptionChats),
  });
  const cur = values(now);
  const prev = values(before);
  const item: Json = {};
  for (const key of Object.keys(cur) as Array<keyof typeof cur>) {
    const isRate = key === 'old_visitor_proportion' || key === 'one_time_solution_rate';
    item[key] = isRate ? percent(cur[key]) : String(cur[key]);
  }
  for (const key of Object.keys(cur) as Array<keyof typeof cur>)
    item[`${key}_cycle`] = change(cur[key], prev[key]);
  return { item };
}

function robotReception(company: Company, request: EndpointRequest): Json {
  const values = (b: BotDayFigures): Array<[string, number, boolean]> => [
    ['robot_reception_num', b.reception, false],
    ['robot_reception_valid_num', b.validReception, false],
    ['robot_self_reception_num', b.selfReception, false],
    ['robot_self_reception_num_proportion', ratio(b.selfReception, b.validReception), true],
    ['transfer_to_staff_num', b.transferToStaff, false],
    ['robot_to_staff_active', b.activeTransfer, false],
    ['robot_to_staff_active_proportion', ratio(b.activeTransfer, b.transferToStaff), true],
    ['trigger_to_manual_num', b.triggerTransfer, false],
    ['trigger_to_manual_num_proportion', ratio(b.triggerTransfer, b.transferToStaff), true],
    ['robot_to_staff_trigger_key_word', b.keywordTransfer, false],
    ['robot_to_staff_trigger_key_word_proportion', ratio(b.keywordTransfer, b.transferToStaff), true],
  ];
  const cur = values(audienceBot(company, request, request.range));
  const prev = values(audienceBot(company, request, previousPeriod(request.range)));
  const item: Json = {};
  for (const [key, value, isRate] of cur) item[key] = isRate ? percent(value) : String(value);
  cur.forEach(([key, value], i) => {
    item[`${key}_cycle`] = change(value, prev[i]![1]);
  });
  return { item };
}

function staffReception(company: Company, request: EndpointRequest): Json {
  const values = (f: DayFigures): Array<[string, number, boolean]> => [
    ['staff_reception_num', f.chats, false],
    ['staff_self_reception_num', f.selfChats, false],
    ['staff_self_reception_num_proportion', ratio(f.selfChats, f.chats), true],
    ['staff_valid_reception_num', f.validReceptions, false],
    ['staff_valid_reception_num_proportion', ratio(f.validReceptions, f.chats), true],
  ];
  const cur = values(audienceFigures(company, request, request.range));
  const prev = values(audienceFigures(company, request, previousPeriod(request.range)));
  const item: Json = {};
  for (const [key, value, isRate] of cur) item[key] = isRate ? percent(value) : String(value);
  cur.forEach(([key, value], i) => {
    item[`${key}_cycle`] = change(value, prev[i]![1]);
  });
  return { item };
}

function geography(company: Company, request: EndpointRequest): Json {
  const f = audienceFigures(company, request, request.range);
  const rows = company.regions.map((r) => {
    const fresh = Math.floor(f.newVisitors * r.share);
    const returning = Math.floor(f.returningVisitors * r.share);
    return { r, fresh, returning, total: fresh + returning };
  });
  rows.sort((a, b) => b.total - a.total);
  return {
    items: rows.map(({ r, fresh, returning, total }) => ({
      id: r.id,
      country: r.country,
      province: r.province,
      visitor_total: String(total),
      new_visitor_num: String(fresh),
      old_visitor_num: String(returning),
    })),
  };
}

/** One staffWorkStatis item with every field of the doc's example, in its order. */
function workloadItem(company: Company, agent: Agent, f: DayFigures, request: EndpointRequest): Json {
  const group = company.groups.find((g) => g.id === agent.groupIds[0]);
  const stars = starTotal(f);
  const nps = npsTotal(f);
  const rated = ratingsTotal(f);
  const invited = rated - f.initiativeRatings;
  const notRecep = f.inquiryChats - f.validReceptions;
  const avgTotalSession = ratio(f.consultDurationMs, f.chats);
  const item: Json = {
    start_date: request.range.from,
    end_date: request.range.to,
    group_id: group?.id ?? '',
    group_name: group?.name ?? '',
    staff_id: agent.id,
    service_email: agent.email,
    service_nick: agent.nick,
    human_consult: f.chats,
    human_self: f.selfChats,
    human_valid: f.validChats,
    valid_information: 0,
    human_invalid: f.chats - f.validChats,
    human_valid_recep: f.validReceptions,
    human_invalid_recep: f.chats - f.inquiryChats,
    first_response_time_set: f.respondedChats,
    transfer_first_res_duration: 0,
    human_visitor_consult: f.inquiryChats,
    valid_recep_rate_str: pct(f.validReceptions, f.inquiryChats),
    roll_in: f.transfersIn,
    roll_out: f.transfersOut,
    human_not_recep: notRecep,
    not_recep_rate_str: pct(notRecep, f.inquiryChats),
    last_staff_consult: f.lastReceptionChats,
    quiet_after_session_count: f.fcr24hChats,
    quiet_after_session_rate_str: pct(f.fcr24hChats, f.lastReceptionChats),
    human_initiative: f.proactiveChats,
    human_consult_duration: f.consultDurationMs,
    human_consult_duration_str: hms(f.consultDurationMs),
    avg_session_duration: f.avgReceptionMs,
    avg_session_duration_str: hms(f.avgReceptionMs),
    avg_total_session_duration: avgTotalSession,
    avg_total_session_duration_str: hms(avgTotalSession),
    summary_solved: f.solved,
    summary_not_solved: f.notSolved,
    solve_not_mark: f.chats - f.solved - f.notSolved,
    lastmsg_staff: f.lastMessageByAgent,
    snatch_in: f.snatchIn,
    snatch_out: f.snatchOut,
    staff_connect_rate_str: pct(f.validReceptions, f.inquiryChats),
    avg_human_confirm_duration_transfer: f.avgTransferConfirmMs,
    avg_human_confirm_duration_transfer_str: hms(f.avgTransferConfirmMs),
    total_human_message: f.msgStaff + f.msgVisitor,
    msg_staff: f.msgStaff,
    msg_visitor_tostaff: f.msgVisitor,
    answer_than_str: pct(f.msgStaff, f.msgVisitor),
    msg_staff_wordcount: f.staffWordCount,
    avg_first_response_time: f.avgFirstResponseMs,
    avg_first_response_time_str: hms(f.avgFirstResponseMs),
    first_response_rate_str: pct(f.respondedChats, f.inquiryChats),
    transfer_first_response_rate_str: pct(0, f.transfersIn),
    response_time_avg: f.avgResponseMs,
    response_time_avg_str: hms(f.avgResponseMs),
    response_duration_max: f.maxResponseMs,
    response_duration_max_str: hms(f.maxResponseMs),
    first_response_in30s_rate_str: pct(f.firstResponsesIn30s, f.inquiryChats),
    first_response_in60s_rate_str: pct(f.firstResponsesIn60s, f.inquiryChats),
    total_times: rated,
    comment_rate_str: pct(rated, f.validChats),
    initiative: f.initiativeRatings,
    customer_initiative_rate_str: pct(f.initiativeRatings, rated),
    invite_counts: f.invitations,
    invite_counts_rate_str: pct(f.invitations, f.validChats),
    invites: invited,
    staff_invite_rate_str: pct(invited, rated),
    avg_comment_score: round2(avgStars(f)),
    good_rate_str: pct(starGood(f), stars),
    middle_rate_str: pct(starMiddle(f), stars),
    bad_rate_str: pct(starBad(f), stars),
  };
  for (let s = 5; s >= 1; s--) item[`score${s}_rate_str`] = pct(f[`score${s}` as keyof DayFigures], stars);
  item.avg_nps_score = round2(avgNps(f));
  item.good_nps_rate_str = pct(npsGood(f), nps);
  item.middle_nps_rate_str = pct(npsMiddle(f), nps);
  item.bad_nps_rate_str = pct(npsBad(f), nps);
  for (let s = 10; s >= 0; s--) item[`nps_score${s}_rate_str`] = pct(f[`nps${s}` as keyof DayFigures], nps);
  item.good = starGood(f);
  item.middle = starMiddle(f);
  item.bad = starBad(f);
  for (let s = 5; s >= 1; s--) item[`score${s}`] = f[`score${s}` as keyof DayFigures];
  item.nps_good = npsGood(f);
  item.nps_middle = npsMiddle(f);
  item.nps_bad = npsBad(f);
  for (let s = 10; s >= 0; s--) item[`nps_score${s}`] = f[`nps${s}` as keyof DayFigures];
  return {
    ...item,
    level2_score1: f.level2Dissatisfied,
    level2_score5: f.level2Satisfied,
    level2_score1_rate_str: pct(f.level2Dissatisfied, level2Total(f)),
    level2_score5_rate_str: pct(f.level2Satisfied, level2Total(f)),
    remark: 0,
    valid_response_counts: f.validResponseRounds,
    response_rate_str: pct(f.lastMessageByAgent, f.validChats),
    // A string in the doc's example, unlike its neighbours.
    max_conv_num: String(f.maxConcurrent),
    human_res_warn_count: f.responseWarnings,
    response_counts: f.responseRounds,
    human_res_warn_rate_str: pct(f.responseWarnings, f.responseRounds),
  };
}

function workload(company: Company, request: EndpointRequest): Json {
  const { body } = request;
  // staffWorkStatis takes JSON arrays, unlike the comma-separated *_ids_param of the other endpoints.
  const agents = selectAgents(company, {
    staffIds: list(body.staff_id_list),
    groupIds: list(body.group_id_list),
    departIds: [],
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const totals = rangeTotals(company, agents, request.range, request.today);
  const items = agents
    .filter((a) => totals.get(a.id)!.chats > 0)
    .map((a) => workloadItem(company, a, totals.get(a.id)!, request));
  return page(items, body, 'page_no', 'page_size');
}

function isoWeek(date: string): { year: number; week: number; monday: string; sunday: string } {
  const day = dayNumber(date);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const thursday = new Date((day - weekday + 3) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  const monday = new Date((day - weekday) * 86_400_000).toISOString().slice(0, 10);
  const sunday = new Date((day - weekday + 6) * 86_400_000).toISOString().slice(0, 10);
  return { year, week, monday, sunday };
}

function workLog(company: Company, request: EndpointRequest): Json {
  const { body, range, today, timeZone } = request;
  const agents = selectAgents(company, {
    staffIds: [...list(body.staff_ids_param), ...list(body.staff_id_list)],
    groupIds: list(body.group_id_list),
    departIds: list(body.depart_ids_param),
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const midnight = (date: string): number => {
    const [y, m, d] = date.split('-').map(Number);
    return new TZDate(y!, m! - 1, d!, timeZone).getTime();
  };
  const items: Json[] = [];
  for (const agent of agents) {
    const days = datesBetween(range)
      .map((date) => ({ date, f: agentDayAsOf(company, agent.id, date, today) }))
      .filter(({ f }) => f.firstLoginMs >= 0);
    const first = days[0];
    const last = days.at(-1);
    if (!first || !last) continue;
    const total = sumDays(days.map(({ f }) => f));
    const department = company.departments.find((d) => d.id === agent.departmentId);
    const groups = agent.groupIds.map((id) => company.groups.find((g) => g.id === id)!);
    const week = isoWeek(first.date);
    // Every value a string here, as in the doc's example.
    items.push({
      staff_id: agent.id,
      staff_name: agent.name,
      department_id: `${company.id}|${agent.departmentId}`,
      department_name: department?.name ?? '',
      group_id: groups.map((g) => g.id).join(','),
      group_name: groups.map((g) => g.name).join(', '),
      start_login_time: String(midnight(first.date) + first.f.firstLoginMs),
      free_duration: String(total.onlineMs),
      app_free_duration: '0',
      online_duration: String(total.onlineMs),
      busy_counts: String(total.busyCount),
      busy_duration: String(total.busyMs),
      app_busy_duration: '0',
      busy_all_duration: String(total.busyMs),
      rest_duration: String(total.restMs),
      eat_duration: String(total.eatMs),
      active_duration: String(total.activeMs),
      train_duration: String(total.trainMs),
      meet_duration: String(total.meetMs),
      last_leave_time: String(midnight(last.date) + last.f.lastLeaveMs),
      first_login_time: String(midnight(first.date) + first.f.firstLoginMs),
      result_month: first.date.slice(0, 7),
      result_week: String(week.week),
      result_date: first.date,
      result_year: first.date.slice(0, 4),
      company_id: company.id,
      start_date: range.from,
      end_date: range.to,
    });
  }
  return page(items, body, 'page', 'size');
}

/** The satisfaction figures shared by getSatisfactionSurvey and getCustomerSatisfaction. */
function satisfactionCounts(f: DayFigures) {
  const rated = ratingsTotal(f);
  return {
    rated,
    invited: rated - f.initiativeRatings,
    notSolved: rated - f.resolvedVotes,
    stars: starTotal(f),
    nps: npsTotal(f),
    level2: level2Total(f),
  };
}

function satisfactionSurvey(company: Company, request: EndpointRequest): Json {
  const cur = audienceFigures(company, request, request.range);
  const prev = audienceFigures(company, request, previousPeriod(request.range));
  type Row = [key: string, value: (f: DayFigures) => number, kind: 'count' | 'rate' | 'score'];
  const rows: Row[] = [
    ['human_valid', (f) => f.validChats, 'count'],
    ['total_times', (f) => ratingsTotal(f), 'count'],
    ['comment_rate_str', (f) => ratio(ratingsTotal(f), f.validChats), 'rate'],
    ['valid_reception_comment_rate_str', (f) => ratio(ratingsTotal(f), f.validReceptions), 'rate'],
    ['initiative', (f) => f.initiativeRatings, 'count'],
    ['customer_initiative_rate_str', (f) => ratio(f.initiativeRatings, ratingsTotal(f)), 'rate'],
    ['invite_counts_rate_str', (f) => ratio(f.invitations, f.validChats), 'rate'],
    ['invite_counts', (f) => f.invitations, 'count'],
    ['staff_invite_rate_str', (f) => ratio(satisfactionCounts(f).invited, ratingsTotal(f)), 'rate'],
    ['invites', (f) => satisfactionCounts(f).invited, 'count'],
    ['not_solved', (f) => satisfactionCounts(f).notSolved, 'count'],
    ['not_solved_rate_str', (f) => ratio(satisfactionCounts(f).notSolved, ratingsTotal(f)), 'rate'],
    ['solved', (f) => f.resolvedVotes, 'count'],
    ['solved_rate_str', (f) => ratio(f.resolvedVotes, ratingsTotal(f)), 'rate'],
    ['solved_count', (f) => ratingsTotal(f), 'count'],
    ['avg_comment_score', avgStars, 'score'],
    ['good', starGood, 'count'],
    ['good_rate_str', (f) => ratio(starGood(f), starTotal(f)), 'rate'],
    ['middle', starMiddle, 'count'],
    ['middle_rate_str', (f) => ratio(starMiddle(f), starTotal(f)), 'rate'],
    ['bad', starBad, 'count'],
    ['bad_rate_str', (f) => ratio(starBad(f), starTotal(f)), 'rate'],
  ];
  for (let s = 5; s >= 1; s--) rows.push([`score${s}`, (f) => f[`score${s}` as keyof DayFigures], 'count']);
  for (let s = 5; s >= 1; s--) {
    rows.push([`score${s}_rate_str`, (f) => ratio(f[`score${s}` as keyof DayFigures], starTotal(f)), 'rate']);
  }
  rows.push(
    ['avg_nps_score', avgNps, 'score'],
    ['nps_good', npsGood, 'count'],
    ['good_nps_rate_str', (f) => ratio(npsGood(f), npsTotal(f)), 'rate'],
    ['nps_middle', npsMiddle, 'count'],
    ['middle_nps_rate_str', (f) => ratio(npsMiddle(f), npsTotal(f)), 'rate'],
    ['nps_bad', npsBad, 'count'],
    ['bad_nps_rate_str', (f) => ratio(npsBad(f), npsTotal(f)), 'rate'],
  );
  for (let s = 10; s >= 0; s--)
    rows.push([`nps_score${s}`, (f) => f[`nps${s}` as keyof DayFigures], 'count']);
  for (let s = 10; s >= 0; s--) {
    rows.push([
      `nps_score${s}_rate_str`,
      (f) => ratio(f[`nps${s}` as keyof DayFigures], npsTotal(f)),
      'rate',
    ]);
  }
  rows.push(
    ['level2_score1', (f) => f.level2Dissatisfied, 'count'],
    ['level2_score5', (f) => f.level2Satisfied, 'count'],
    ['level2_score1_rate_str', (f) => ratio(f.level2Dissatisfied, level2Total(f)), 'rate'],
    ['level2_score5_rate_str', (f) => ratio(f.level2Satisfied, level2Total(f)), 'rate'],
  );
  const shown = (value: number, kind: Row[2]): string | number =>
    kind === 'rate' ? percent(value) : kind === 'score' ? value.toFixed(2) : value;
  const item = withChanges(
    rows.map(([key, value, kind]) => [key, shown(value(cur), kind), value(cur), value(prev)]),
    '_ratio',
  );
  // Extra fields the doc's example carries without a MoM twin.
  const counts = satisfactionCounts(cur);
  return { item: { ...item, score_total_times: counts.stars, nps_total_times: counts.nps } };
}

function customerSatisfaction(company: Company, request: EndpointRequest): Json {
  const cur = audienceFigures(company, request, request.range);
  const prev = audienceFigures(company, request, previousPeriod(request.range));
  const rows: Array<[string, (f: DayFigures) => number, boolean]> = [['score5_average', avgStars, true]];
  for (let s = 5; s >= 1; s--) rows.push([`score${s}`, (f) => f[`score${s}` as keyof DayFigures], false]);
  rows.push(['nps10_average', avgNps, true]);
  for (let s = 10; s >= 0; s--) rows.push([`nps${s}`, (f) => f[`nps${s}` as keyof DayFigures], false]);
  rows.push(
    ['human_valid', (f) => f.validChats, false],
    ['human_in_valid_recep', (f) => f.validReceptions, false],
    ['evaluate', ratingsTotal, false],
    ['solved', (f) => f.resolvedVotes, false],
    ['active_evaluate', (f) => f.initiativeRatings, false],
    ['staff_invite', (f) => f.invitations, false],
    ['invite_evaluate', (f) => satisfactionCounts(f).invited, false],
    ['level2_score1', (f) => f.level2Dissatisfied, false],
    ['level2_score5', (f) => f.level2Satisfied, false],
  );
  // All strings in the doc's example, averages with two decimals.
  const item = withChanges(
    rows.map(([key, value, isAverage]) => [
      key,
      isAverage ? value(cur).toFixed(2) : String(value(cur)),
      value(cur),
      value(prev),
    ]),
    '_change',
  );
  return { item };
}

interface Period {
  show: string;
  real: string;
  range: DayRange;
}

/** summary_way 0/1/2/3: the whole range, days, ISO weeks or months, labelled like the doc's example. */
function periods(range: DayRange, way: number): Period[] {
  const dates = datesBetween(range);
  const grouped = new Map<string, Period>();
  for (const date of dates) {
    let key: string;
    let show: string;
    if (way === 1) {
      key = date;
      show = date;
    } else if (way === 2) {
      const w = isoWeek(date);
      key = `${w.year}-${w.week}`;
      show = `${w.week} week ${w.monday}-${w.sunday}`;
    } else if (way === 3) {
      key = date.slice(0, 7);
      show = key;
    } else {
      key = `${range.from}-${range.to}`;
      show = key;
    }
    const period = grouped.get(key);
    if (period) period.range.to = date;
    else grouped.set(key, { show, real: key, range: { from: date, to: date } });
  }
  return [...grouped.values()];
}

function summarySearch(company: Company, request: EndpointRequest): Json {
  const { body, range, today } = request;
  const agents = selectAgents(company, { staffIds: [], groupIds: list(body.group_ids_param), departIds: [] });
  const wanted = Array.isArray(body.level_classifys)
    ? body.level_classifys
        .map((c) => (c && typeof c === 'object' ? String((c as Json).classify_id ?? '') : ''))
        .filter(Boolean)
    : [];
  const classifications = company.classifications.filter((c) =>
    wanted.length ? wanted.includes(c.id) : c.level === 1,
  );
  const byPeriod = periods(range, intParam(body.summary_way, 0)).map((p) => ({
    p,
    f: sumOf(rangeTotals(company, agents, p.range, today), agents),
  }));
  const items = classifications.map((c) => {
    const parent = company.classifications.find((x) => x.id === c.parentId);
    const share = c.level === 1 ? c.share : c.share * (parent?.share ?? 0);
    return {
      details: byPeriod.map(({ p, f }) => {
        const s = scaleDay(f, share);
        const detail: Json = {
          show_date: p.show,
          real_date: p.real,
          total_conversation_num: s.chats,
          service_invited_num: s.invitations,
          initiative_comment_num: s.initiativeRatings,
          comment_type_total_num: ratingsTotal(s),
        };
        for (let n = 1; n <= 5; n++) detail[`star_level_num${n}`] = s[`score${n}` as keyof DayFigures];
        for (let n = 0; n <= 10; n++) detail[`score_num${n}`] = s[`nps${n}` as keyof DayFigures];
        return detail;
      }),
      level: String(c.level),
      classify_id: c.id,
      classify_show_name: c.name,
    };
  });
  return page(items, body, 'page', 'size');
}

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
