// Legacy replies → the KPI registry and the cards: the one place that knows the wb_* field names.
// A rate whose base is 0 is unknown (null), not the "0.00%" Sobot writes for it.

import type { BotFigures, RatingBucket, SatisfactionFigures } from '../../stats/cards.ts';
import type { KpiId } from '../../stats/kpi-ids.ts';
import { ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { KpiValues } from '../../stats/model.ts';
import type { LegacyItem } from './endpoints.ts';

type HumanSessions = LegacyItem<'wb_session_human'>;
type BotSessions = LegacyItem<'wb_session_robot'>;
type Messages = LegacyItem<'wb_session_message'>;
type HumanSatisfaction = LegacyItem<'wb_human_satisfaction'>;
type BotSatisfaction = LegacyItem<'wb_robot_satisfaction'>;

/** What humanKpis() gives: one wb_session_human call per trend point. */
export const LEGACY_SESSION_KPIS: readonly KpiId[] = [
  'chats',
  'valid_chats',
  'valid_reception_rate',
  'unanswered_rate',
  'transfers',
  'avg_reception_duration',
];

/** Sobot's rate, unless nothing was counted in its base. */
const rateOf = (rate: number | null, base: number | null) => (base === 0 ? null : rate);

/** The human-chat KPIs of wb_session_human (null item: every value unknown). */
export function humanKpis(human: HumanSessions | null): KpiValues {
  const chats = human?.consultSession ?? null;
  return {
    chats,
    valid_chats: human?.validSession ?? null,
    valid_reception_rate: rateOf(human?.validReceptionRate ?? null, chats),
    unanswered_rate: rateOf(human?.notReceptionSessionRate ?? null, chats),
    transfers: human?.transferSession ?? null,
    avg_reception_duration: chats === 0 ? null : (human?.avgSessionDuration ?? null),
  };
}

/** The overview's KPIs besides the human chats and messages: the bot's figures and satisfaction. */
export function headlineKpis(bot: BotSessions | null, satisfaction: HumanSatisfaction | null): KpiValues {
  const botChats = bot?.consultSession ?? null;
  return {
    bot_chats: botChats,
    // Of the customers the bot received validly, as v5's robot_self_reception_num_proportion.
    bot_self_service_rate: rateOf(bot?.selfReceptionRate ?? null, bot?.validSession ?? null),
    bot_transfer_rate: rateOf(bot?.toHumanSessionRate ?? null, botChats),
    // goodLv: 5-star ratings of the rated chats, as v5's good_rate_str.
    satisfaction: rateOf(satisfaction?.goodLv ?? null, satisfaction?.totalTimes ?? null),
  };
}

/** The message volumes of chats with agents and the answer ratio (答问比), as v5's getMsgStat gives them. */
export function messageKpis(messages: Messages | null): KpiValues {
  return {
    messages: messages?.totalHumanMessage ?? null,
    customer_messages: messages?.customerToServiceMessage ?? null,
    agent_messages: messages?.serviceMessage ?? null,
    answer_ratio: rateOf(messages?.answerThan ?? null, messages?.customerToServiceMessage ?? null),
  };
}

/**
 * The legacy API rates on five stars: good is 5★ (as v5's good = score5), middle 4★ and 3★, bad 2★
 * and 1★, and score4…score1 count the lower stars. There are no per-customer figures.
 */
export function satisfactionFigures(item: HumanSatisfaction | null): SatisfactionFigures {
  const counts: [label: string, count: number | null][] = item
    ? [
        ['5★', item.good],
        ['4★', item.score4],
        ['3★', item.score3],
        ['2★', item.score2],
        ['1★', item.score1],
      ]
    : [];
  const total = counts.some(([, n]) => n === null) ? null : sumKnown(counts.map(([, n]) => n));
  const rated = item?.totalTimes ?? null;
  const anyRated = (rated ?? total ?? 0) > 0;
  const distribution: RatingBucket[] = anyRated
    ? counts.map(([label, count]) => ({ label, count, share: ratioOf(count, total) }))
    : [];
  return {
    scale: anyRated ? 'five_star' : null,
    scalesInUse: anyRated ? ['five_star'] : [],
    validChats: item?.effectSessionCount ?? null,
    ratedChats: rated,
    feedbackRate: rateOf(item?.canpinglv ?? null, item?.effectSessionCount ?? null),
    resolvedRate: rateOf(item?.solvedLv ?? null, rated),
    satisfaction: anyRated ? (item?.goodLv ?? null) : null,
    averageScore: anyRated ? (item?.avgNum ?? null) : null,
    distribution,
    customers: { rated: null, resolved: null, averageScore: null, distribution: [] },
  };
}

/**
 * The chatbot card from wb_session_robot (this period and the one before: the legacy API has no
 * period-over-period fields) and wb_robot_satisfaction. It gives no split of the transfers.
 */
export function botFigures(
  now: BotSessions | null,
  before: BotSessions | null,
  ratings: BotSatisfaction | null,
): BotFigures {
  const rated = ratings?.totalTimes ?? null;
  return {
    received: now?.consultSession ?? null,
    validReceived: now?.validSession ?? null,
    selfServed: now?.selfReceptionSession ?? null,
    selfServiceRate: rateOf(now?.selfReceptionRate ?? null, now?.validSession ?? null),
    transfersToAgents: now?.toHumanSession ?? null,
    activeTransfers: null,
    triggeredTransfers: null,
    keywordTransfers: null,
    activeTransferRate: null,
    triggeredTransferRate: null,
    keywordTransferRate: null,
    previous: {
      received: before?.consultSession ?? null,
      selfServiceRate: rateOf(before?.selfReceptionRate ?? null, before?.validSession ?? null),
      transfersToAgents: before?.toHumanSession ?? null,
    },
    transferRate: rateOf(now?.toHumanSessionRate ?? null, now?.consultSession ?? null),
    ratings: {
      rated,
      feedbackRate: rateOf(ratings?.canpinglv ?? null, ratings?.effectSessionCount ?? null),
      resolvedRate: rateOf(ratings?.solvedLv ?? null, rated),
    },
  };
}
