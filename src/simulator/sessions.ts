// Chat, message and customer statistics replies (getStat, getMsgStat, custom/*), shaped like the doc.

import { change, hms, pct, percent, pointChange, previousPeriod, ratio, round2 } from './aggregate.ts';
import type { BotDayFigures, Company, DayFigures } from './company.ts';
import type { BreakdownRow, EndpointRequest, Json } from './params.ts';
import { audienceBot, audienceFigures } from './params.ts';

export function chatItem({ labels, figures: f, bot }: BreakdownRow): Json {
  const queue = f.queueAccepted + f.queueLeft;
  const notQueue = f.chats - f.queueAccepted;
  // Valid chats split into valid receptions, chats not received, and chats the agent never replied
  // to, as in the doc's example (40 + 14 + 2 = 56).
  const notRecep = f.inquiryChats - f.validReceptions;
  const invalidRecep = f.validChats - f.inquiryChats;
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
    human_not_recep_rate: rate(notRecep, f.validChats),
    human_not_recep_rate_str: pct(notRecep, f.validChats),
    avg_human_recep_duration: f.avgReceptionMs,
    avg_human_recep_duration_str: hms(f.avgReceptionMs),
    avg_staff_first_res_duration: f.avgFirstResponseMs,
    avg_staff_first_res_duration_str: hms(f.avgFirstResponseMs),
    avg_staff_res_total_duration: f.avgResponseMs,
    avg_staff_res_total_duration_str: hms(f.avgResponseMs),
    // Of valid chats: staffWorkStatis's example gives 1 of 6 valid chats (9 in all) as 16.67%, and
    // getStat's 40 of 56 cannot tell the bases apart. A row's valid share differs from the next one's,
    // so a total over all chats would not reproduce the rows' rates.
    human_valid_recep_rate: rate(f.validReceptions, f.validChats),
    human_valid_recep_rate_str: pct(f.validReceptions, f.validChats),
    human_invalid_recep_rate: rate(invalidRecep, f.validChats),
    human_invalid_recep_rate_str: pct(invalidRecep, f.validChats),
    not_mark_is_solved: f.chats - f.solved - f.notSolved,
    response_warn_count: f.responseWarnings,
    staff_res_total_count: f.responseRounds,
    response_warn_rate: rate(f.responseWarnings, f.responseRounds),
  };
}

export function messageItem({ labels, figures: f }: BreakdownRow): Json {
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

export function general(company: Company, request: EndpointRequest): Json {
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
  for (const key of Object.keys(cur) as Array<keyof typeof cur>) {
    const isRate = key === 'old_visitor_proportion' || key === 'one_time_solution_rate';
    item[`${key}_cycle`] = (isRate ? pointChange : change)(cur[key], prev[key]);
  }
  return { item };
}

export function robotReception(company: Company, request: EndpointRequest): Json {
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
  cur.forEach(([key, value, isRate], i) => {
    item[`${key}_cycle`] = (isRate ? pointChange : change)(value, prev[i]![1]);
  });
  return { item };
}

export function staffReception(company: Company, request: EndpointRequest): Json {
  const values = (f: DayFigures): Array<[string, number, boolean]> => [
    ['staff_reception_num', f.chats, false],
    ['staff_self_reception_num', f.selfChats, false],
    ['staff_self_reception_num_proportion', ratio(f.selfChats, f.chats), true],
    ['staff_valid_reception_num', f.validReceptions, false],
    ['staff_valid_reception_num_proportion', ratio(f.validReceptions, f.validChats), true],
  ];
  const cur = values(audienceFigures(company, request, request.range));
  const prev = values(audienceFigures(company, request, previousPeriod(request.range)));
  const item: Json = {};
  for (const [key, value, isRate] of cur) item[key] = isRate ? percent(value) : String(value);
  cur.forEach(([key, value, isRate], i) => {
    item[`${key}_cycle`] = (isRate ? pointChange : change)(value, prev[i]![1]);
  });
  return { item };
}

export function geography(company: Company, request: EndpointRequest): Json {
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
