// The six wb_* actions of the legacy workbench API (sobot-api/000_*.txt): company-wide totals of a
// range of days, from the same company model as the v5 replies, so a figure both APIs name agrees
// (wb_session_human.consultSession = the sum of getStat's human_consult, validReceptionRate = its
// human_valid_recep_rate, goodLv = getSatisfactionSurvey's good_rate_str on five stars, ...).
// Integers are numbers, rates "71.43%" strings, durations "HH:mm:ss" strings, as the tables type them.

import type { DayRange, Today } from './aggregate.ts';
import {
  avgStars,
  botRange,
  datesBetween,
  hms,
  pct,
  ratio,
  round2,
  starBad,
  starGood,
  starMiddle,
  starTotal,
} from './aggregate.ts';
import type { BotDayFigures, Company, DayFigures } from './company.ts';
import { hash32, mulberry32 } from './company.ts';
import type { Json } from './params.ts';
import { rangeTotals, sumOf } from './params.ts';

export type LegacyAction =
  | 'wb_session_customer'
  | 'wb_session_robot'
  | 'wb_session_human'
  | 'wb_session_message'
  | 'wb_human_satisfaction'
  | 'wb_robot_satisfaction';

export const LEGACY_ACTIONS: readonly LegacyAction[] = [
  'wb_session_customer',
  'wb_session_robot',
  'wb_session_human',
  'wb_session_message',
  'wb_human_satisfaction',
  'wb_robot_satisfaction',
];

interface Totals {
  human: DayFigures;
  bot: BotDayFigures;
}

function totals(company: Company, range: DayRange, today: Today): Totals {
  const agents = company.agents;
  return {
    human: sumOf(rangeTotals(company, agents, range, today), agents),
    bot: botRange(
      company,
      company.robots.map((r) => r.flag),
      range,
      today,
    ),
  };
}

/** The bot's messages are not in the company model: about three each way per received customer. */
const botMessages = (bot: BotDayFigures) => ({ fromBot: bot.reception * 3, toBot: bot.reception * 3 });

/** Bot chats are not timed in the company model: a minute, plus up to one for self-served customers. */
const botAvgMs = (bot: BotDayFigures) => 60_000 + 60_000 * ratio(bot.selfReception, bot.validReception);

function customerSessions({ human: f, bot: b }: Totals): Json {
  const total = f.chats + b.reception;
  const valid = f.validChats + b.validReception;
  const weighted = f.avgReceptionMs * f.chats + botAvgMs(b) * b.reception;
  return {
    totalConsultSession: total,
    totalValidSession: valid,
    totalValidSessionRate: pct(valid, total),
    avgSessionDuration: hms(f.avgReceptionMs),
    avgTotalSessionDuration: hms(ratio(weighted, total)),
    totalInvalidSession: total - valid,
  };
}

function botSessions({ bot: b }: Totals): Json {
  return {
    consultSession: b.reception,
    validSession: b.validReception,
    invalidSession: b.reception - b.validReception,
    validReceptionRate: pct(b.validReception, b.reception),
    selfReceptionSession: b.selfReception,
    // Of the validly received, as getRobotReception's robot_self_reception_num_proportion.
    selfReceptionRate: pct(b.selfReception, b.validReception),
    toHumanSession: b.transferToStaff,
    toHumanSessionRate: pct(b.transferToStaff, b.reception),
    avgSessionDuration: hms(botAvgMs(b)),
  };
}

function humanSessions({ human: f }: Totals): Json {
  const notReceived = f.inquiryChats - f.validReceptions;
  const invalidReceived = f.validChats - f.inquiryChats;
  return {
    consultSession: f.chats,
    selfReceptionSession: f.selfChats,
    selfReceptionSessionZb: pct(f.selfChats, f.chats),
    validSession: f.validChats,
    invalidSession: f.chats - f.validChats,
    validSessionRate: pct(f.validChats, f.chats),
    validReceptionSession: f.validReceptions,
    invalidReceptionSession: invalidReceived,
    invalidReceptionRate: pct(invalidReceived, f.chats),
    notReceptionSession: notReceived,
    notReceptionSessionRate: pct(notReceived, f.chats),
    transferSession: f.transfersOut,
    blankListSession: 0,
    avgSessionDuration: hms(f.avgReceptionMs),
    solvedSession: f.solved,
    notSolvedSession: f.notSolved,
    notMarkIsSolved: f.chats - f.solved - f.notSolved,
    maxMeantimeRecp: f.maxConcurrent,
    initiativeSession: f.proactiveChats,
    // Valid receptions of valid chats, as getStat's human_valid_recep_rate.
    validReceptionRate: pct(f.validReceptions, f.validChats),
  };
}

function messages({ human: f, bot: b }: Totals): Json {
  const { fromBot, toBot } = botMessages(b);
  const human = f.msgStaff + f.msgVisitor;
  const chats = f.chats + b.reception;
  return {
    totalMessage: human + fromBot + toBot,
    robotMessage: fromBot,
    totalCustomerMessage: f.msgVisitor + toBot,
    serviceMessage: f.msgStaff,
    avgMessage: round2(ratio(human + fromBot + toBot, chats)),
    avgCustomerMessage: round2(ratio(f.msgVisitor + toBot, chats)),
    avgServiceMessge: round2(ratio(f.msgStaff, f.chats)),
    customerToRobotMessage: toBot,
    robotAvgMessage: round2(ratio(fromBot + toBot, b.reception)),
    robotAvgCustomerMessage: round2(ratio(toBot, b.reception)),
    totalHumanMessage: human,
    customerToServiceMessage: f.msgVisitor,
    // Agent messages per customer message, as getMsgStat's msg_staff_visitor_rate_str.
    answerThan: pct(f.msgStaff, f.msgVisitor),
    humanAvgMessage: round2(ratio(human, f.chats)),
    humanAvgCustomerMessage: round2(ratio(f.msgVisitor, f.chats)),
    humanAvgServiceMessage: round2(ratio(f.msgStaff, f.chats)),
    serviceWord: f.staffWordCount,
    avgServiceWord: round2(ratio(f.staffWordCount, f.chats)),
    serviceOfflineNum: f.offlineMessages,
  };
}

/**
 * Five-star ratings only (the document counts score4…score1 beside good/middle/bad): good = 5★,
 * middle = 4★ + 3★, bad = 2★ + 1★, as the v5 document's example adds them up. A company rating on
 * another scale has no ratings here.
 */
function humanSatisfaction({ human: f }: Totals): Json {
  const rated = starTotal(f);
  // Invitations and resolved votes are kept per rating on any scale; on five stars they are these.
  const initiative = Math.min(f.initiativeRatings, rated);
  const solved = Math.min(f.resolvedVotes, rated);
  return {
    effectSessionCount: f.validChats,
    totalTimes: rated,
    canpinglv: pct(rated, f.validChats),
    initiative,
    invites: rated - initiative,
    solvedCount: rated,
    solved,
    notSolved: rated - solved,
    solvedLv: pct(solved, rated),
    avgNum: avgStars(f).toFixed(2),
    good: starGood(f),
    goodLv: pct(starGood(f), rated),
    middle: starMiddle(f),
    middleLv: pct(starMiddle(f), rated),
    bad: starBad(f),
    badLv: pct(starBad(f), rated),
    customActiveEvRatio: pct(initiative, rated),
    serviceInvEvRatio: pct(rated - initiative, rated),
    score4: f.score4,
    score3: f.score3,
    score2: f.score2,
    score1: f.score1,
  };
}

/**
 * Ratings of the bot's chats are not in the company model either: per day, a seeded share of the
 * validly received customers rate it, and a seeded share of those say it solved their issue.
 */
function botSatisfaction(company: Company, range: DayRange, today: Today): Json {
  const flags = company.robots.map((r) => r.flag);
  let valid = 0;
  let rated = 0;
  let solved = 0;
  for (const date of datesBetween(range)) {
    const day = botRange(company, flags, { from: date, to: date }, today);
    const rng = mulberry32(hash32(`${company.seed}|robot-ratings|${date}`));
    const dayRated = Math.floor(day.validReception * (0.15 + 0.2 * rng()));
    valid += day.validReception;
    rated += dayRated;
    solved += Math.floor(dayRated * (0.5 + 0.4 * rng()));
  }
  return {
    effectSessionCount: valid,
    totalTimes: rated,
    canpinglv: pct(rated, valid),
    solved,
    notSolved: rated - solved,
    solvedLv: pct(solved, rated),
  };
}

/** `data.item` of one action over `range` (days already capped at today). */
export function legacyItem(company: Company, action: LegacyAction, range: DayRange, today: Today): Json {
  if (action === 'wb_robot_satisfaction') return botSatisfaction(company, range, today);
  const figures = totals(company, range, today);
  switch (action) {
    case 'wb_session_customer':
      return customerSessions(figures);
    case 'wb_session_robot':
      return botSessions(figures);
    case 'wb_session_human':
      return humanSessions(figures);
    case 'wb_session_message':
      return messages(figures);
    case 'wb_human_satisfaction':
      return humanSatisfaction(figures);
  }
}
