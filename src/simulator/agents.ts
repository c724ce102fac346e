// Agent replies: staffWorkStatis (every field of the doc's example item) and getWorkLogList.

import { TZDate } from '@date-fns/tz';
import {
  agentDayAsOf,
  avgNps,
  avgStars,
  datesBetween,
  hms,
  level2Total,
  npsBad,
  npsGood,
  npsMiddle,
  npsTotal,
  pct,
  ratingsTotal,
  ratio,
  round2,
  starBad,
  starGood,
  starMiddle,
  starTotal,
  sumDays,
} from './aggregate.ts';
import type { Agent, Company, DayFigures } from './company.ts';
import type { EndpointRequest, Json } from './params.ts';
import { isoWeek, list, page, rangeTotals, selectAgents } from './params.ts';

/** One staffWorkStatis item with every field of the doc's example, in its order. */
function workloadItem(company: Company, agent: Agent, f: DayFigures, request: EndpointRequest): Json {
  const group = company.groups.find((g) => g.id === agent.groupIds[0]);
  const stars = starTotal(f);
  const nps = npsTotal(f);
  const rated = ratingsTotal(f);
  const invited = rated - f.initiativeRatings;
  const notRecep = f.inquiryChats - f.validReceptions;
  const invalidRecep = f.validChats - f.inquiryChats;
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
    human_invalid_recep: invalidRecep,
    first_response_time_set: f.respondedChats,
    transfer_first_res_duration: 0,
    // "Valid inquiry chats" equal valid chats in each of the doc's example items (4 = 4, 6 = 6), and
    // valid reception is of them: 1 of 6 = 16.67% with 9 chats in all.
    human_visitor_consult: f.validChats,
    valid_recep_rate_str: pct(f.validReceptions, f.validChats),
    roll_in: f.transfersIn,
    roll_out: f.transfersOut,
    human_not_recep: notRecep,
    not_recep_rate_str: pct(notRecep, f.validChats),
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
    staff_connect_rate_str: pct(f.validReceptions, f.validChats),
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

export function workload(company: Company, request: EndpointRequest): Json {
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

export function workLog(company: Company, request: EndpointRequest): Json {
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
