// The KPI registry: the single source of truth for what each KPI is called, its unit, which
// direction is better, and where each Sobot API gives it. Commands, digests and alerts read it.

import { inEveryLang, type Lang } from '../i18n/catalogue.ts';
import type { AgentKpiId, KpiId, RatingScale } from './kpi-ids.ts';
import type { AgentCounts, RatePart, RatingUse } from './model.ts';

/** count: a whole number; ratio: a fraction 0..1 shown as %; duration: milliseconds; score: a mean rating. */
export type KpiUnit = 'count' | 'ratio' | 'duration' | 'score';

export interface KpiDefinition {
  id: KpiId;
  /** Its name in each language, from the catalogue (`kpi.<id>`). */
  label: Readonly<Record<Lang, string>>;
  /** Column header in tables (`kpiShort.<id>`). */
  short: Readonly<Record<Lang, string>>;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  /** Other words users type for it, e.g. in `sort:fcr`. */
  aliases: readonly string[];
  /**
   * Where the number comes from: `endpoint.field` (v5) or `action.field` (legacy) in Sobot's documents;
   * null: that API's backend does not give it.
   */
  source: { v5Overall: string | null; v5PerAgent: string | null; legacy: string | null };
  /** How the bot derives the figure from its sources, for the README; absent: Sobot's figure as given. */
  formula?: string;
}

export const KPIS: Record<KpiId, KpiDefinition> = {
  chats: {
    id: 'chats',
    label: inEveryLang('kpi.chats'),
    short: inEveryLang('kpiShort.chats'),
    unit: 'count',
    better: 'higher',
    aliases: ['chat', 'sessions', 'volume', 'consult', '会话量'],
    source: {
      v5Overall: 'getStat.human_consult',
      v5PerAgent: 'staffWorkStatis.human_consult',
      legacy: 'wb_session_human.consultSession',
    },
    formula:
      "Sum of the rows' counts. Per agent (“Chats handled”) a transferred chat counts once for each agent who handled it, so agents add up to more than the overview's chats.",
  },
  bot_chats: {
    id: 'bot_chats',
    label: inEveryLang('kpi.bot_chats'),
    short: inEveryLang('kpiShort.bot_chats'),
    unit: 'count',
    better: 'higher',
    aliases: ['bot_sessions', 'robot_chats'],
    source: {
      v5Overall: 'getStat.robot_consult',
      v5PerAgent: null,
      legacy: 'wb_session_robot.consultSession',
    },
    formula: "Sum of the rows' counts.",
  },
  valid_reception_rate: {
    id: 'valid_reception_rate',
    label: inEveryLang('kpi.valid_reception_rate'),
    short: inEveryLang('kpiShort.valid_reception_rate'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['valid', 'reception', 'valid_reception', 'vr'],
    source: {
      v5Overall: 'getStat.human_valid_recep_rate',
      v5PerAgent: 'staffWorkStatis.valid_recep_rate_str',
      legacy: 'wb_session_human.validReceptionRate',
    },
    formula:
      "Valid receptions ÷ valid chats (`human_valid_recep` ÷ `human_valid`; staffWorkStatis example: 1 ÷ 6 = 16.67% with 9 chats). One row: Sobot's rate; several: combined.",
  },
  fcr_24h: {
    id: 'fcr_24h',
    label: inEveryLang('kpi.fcr_24h'),
    short: inEveryLang('kpiShort.fcr_24h'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['fcr', 'resolution', 'first_contact_resolution', '一次解决率'],
    source: {
      v5Overall: 'getGeneral.one_time_solution_rate',
      v5PerAgent: 'staffWorkStatis.quiet_after_session_rate_str',
      legacy: null,
    },
    formula:
      'Company-wide a share of customers, as getGeneral gives it; per agent a share of chats, `quiet_after_session_count` ÷ `last_staff_consult` (2 ÷ 6 = 33.33%). Several agents: combined.',
  },
  satisfaction: {
    id: 'satisfaction',
    // Where the rating scale is unknown; elsewhere Sobot's name on the company's scale
    // (reports/labels.ts): "Positive feedback (5★)", "Satisfaction rate".
    label: inEveryLang('kpi.satisfaction'),
    short: inEveryLang('kpiShort.satisfaction'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['csat', 'satisfied', 'rating', '满意度', '好评率'],
    source: {
      v5Overall: 'getSatisfactionSurvey.good_rate_str',
      v5PerAgent: 'staffWorkStatis.good_rate_str',
      legacy: 'wb_human_satisfaction.goodLv',
    },
    formula:
      "Sobot's positive share on the scale with most ratings: `good_rate_str` (5★), `good_nps_rate_str` (0–10) or `level2_score5_rate_str` (two levels), never a pool of scales. Several agents: combined on that scale.",
  },
  avg_first_response: {
    id: 'avg_first_response',
    label: inEveryLang('kpi.avg_first_response'),
    short: inEveryLang('kpiShort.avg_first_response'),
    unit: 'duration',
    better: 'lower',
    aliases: ['first_response', 'frt', 'response', 'response_time', '首次响应', '首响'],
    source: {
      v5Overall: 'getStat.avg_staff_first_res_duration',
      v5PerAgent: 'staffWorkStatis.avg_first_response_time',
      legacy: null,
    },
    formula: "Sobot's average; several rows weighted by their chats.",
  },
  response_warn_rate: {
    id: 'response_warn_rate',
    label: inEveryLang('kpi.response_warn_rate'),
    short: inEveryLang('kpiShort.response_warn_rate'),
    unit: 'ratio',
    better: 'lower',
    aliases: ['warnings', 'warn', 'warning', 'response_warnings'],
    source: {
      v5Overall: 'getStat.response_warn_rate',
      v5PerAgent: 'staffWorkStatis.human_res_warn_rate_str',
      legacy: null,
    },
    formula:
      "`response_warn_count` ÷ `staff_res_total_count` (20 ÷ 189 = 10.58%); per agent `human_res_warn_count` ÷ `response_counts`. One row: Sobot's rate; several: combined.",
  },
  bot_self_service_rate: {
    id: 'bot_self_service_rate',
    label: inEveryLang('kpi.bot_self_service_rate'),
    short: inEveryLang('kpiShort.bot_self_service_rate'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['bot', 'self_service', 'robot'],
    source: {
      v5Overall: 'getRobotReception.robot_self_reception_num_proportion',
      v5PerAgent: null,
      legacy: 'wb_session_robot.selfReceptionRate',
    },
    formula: "Sobot's rate: bot chats served alone ÷ bot chats validly received.",
  },
  queue_leave_rate: {
    id: 'queue_leave_rate',
    label: inEveryLang('kpi.queue_leave_rate'),
    short: inEveryLang('kpiShort.queue_leave_rate'),
    unit: 'ratio',
    better: 'lower',
    aliases: ['queue', 'abandon', 'abandonment'],
    source: { v5Overall: 'getStat.queue_leave_rate', v5PerAgent: null, legacy: null },
    formula:
      "`queue_leave` ÷ `queue`; Sobot's 0% when nobody queued is 0%, not “–”. One row: Sobot's rate; several: combined.",
  },
  // The legacy API's own figures; the v5 backend leaves them absent.
  valid_chats: {
    id: 'valid_chats',
    label: inEveryLang('kpi.valid_chats'),
    short: inEveryLang('kpiShort.valid_chats'),
    unit: 'count',
    better: 'higher',
    aliases: ['valid_sessions'],
    source: { v5Overall: null, v5PerAgent: null, legacy: 'wb_session_human.validSession' },
  },
  unanswered_rate: {
    id: 'unanswered_rate',
    label: inEveryLang('kpi.unanswered_rate'),
    short: inEveryLang('kpiShort.unanswered_rate'),
    unit: 'ratio',
    better: 'lower',
    aliases: ['unanswered', 'not_received', 'missed'],
    source: {
      v5Overall: 'getStat.human_not_recep_rate',
      v5PerAgent: 'staffWorkStatis.not_recep_rate_str',
      legacy: 'wb_session_human.notReceptionSessionRate',
    },
    formula:
      "Chats no agent received ÷ chats (`human_not_recep` ÷ `human_consult`: 14 ÷ 56 = 25.00% in the getStat example). One row: Sobot's rate; several: combined.",
  },
  transfers: {
    id: 'transfers',
    label: inEveryLang('kpi.transfers'),
    short: inEveryLang('kpiShort.transfers'),
    unit: 'count',
    better: 'lower',
    aliases: ['transfer', 'transferred'],
    source: {
      v5Overall: 'getStat.human_transfer',
      v5PerAgent: 'staffWorkStatis.roll_out',
      legacy: 'wb_session_human.transferSession',
    },
    formula: "Sum of the rows' transferred chats.",
  },
  avg_reception_duration: {
    id: 'avg_reception_duration',
    label: inEveryLang('kpi.avg_reception_duration'),
    short: inEveryLang('kpiShort.avg_reception_duration'),
    unit: 'duration',
    better: 'lower',
    aliases: ['reception_time', 'handling_time', 'aht', 'duration'],
    source: {
      v5Overall: 'getStat.avg_human_recep_duration',
      v5PerAgent: 'staffWorkStatis.avg_session_duration',
      legacy: 'wb_session_human.avgSessionDuration',
    },
    formula:
      'Sobot\'s average (ms; the example\'s 628769.25 is "00:10:28"); several rows weighted by their valid chats (the document names no base).',
  },
  answer_ratio: {
    id: 'answer_ratio',
    label: inEveryLang('kpi.answer_ratio'),
    short: inEveryLang('kpiShort.answer_ratio'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['answers', 'answer_rate', 'replies_per_message'],
    source: {
      v5Overall: 'getMsgStat.msg_staff_visitor_rate',
      v5PerAgent: 'staffWorkStatis.answer_than_str',
      legacy: 'wb_session_message.answerThan',
    },
    formula:
      "Agent messages ÷ customer messages (`msg_staff` ÷ `msg_visitor_to_staff`: 8 ÷ 23 = 34.78% in the getMsgStat example; per agent 7 ÷ 7 = 100.00%), so it can pass 100%. One row: Sobot's rate; several: combined.",
  },
  bot_transfer_rate: {
    id: 'bot_transfer_rate',
    label: inEveryLang('kpi.bot_transfer_rate'),
    short: inEveryLang('kpiShort.bot_transfer_rate'),
    unit: 'ratio',
    better: 'lower',
    aliases: ['to_human', 'bot_transfers', 'transfer_to_human'],
    source: { v5Overall: null, v5PerAgent: null, legacy: 'wb_session_robot.toHumanSessionRate' },
  },
  no_reply_rate: {
    id: 'no_reply_rate',
    label: inEveryLang('kpi.no_reply_rate'),
    short: inEveryLang('kpiShort.no_reply_rate'),
    unit: 'ratio',
    better: 'lower',
    aliases: ['no_reply', 'without_reply', 'invalid_reception'],
    source: { v5Overall: 'getStat.human_invalid_recep_rate', v5PerAgent: null, legacy: null },
    formula:
      "Chats without an agent's reply ÷ valid chats (`human_invalid_recep` ÷ `human_valid`: 2 ÷ 56 = 3.57% in the getStat example, where all 56 chats are valid). One row: Sobot's rate; several: combined.",
  },
  avg_response_time: {
    id: 'avg_response_time',
    label: inEveryLang('kpi.avg_response_time'),
    short: inEveryLang('kpiShort.avg_response_time'),
    unit: 'duration',
    better: 'lower',
    aliases: ['avg_response', 'art', 'reply_time'],
    source: {
      v5Overall: 'getStat.avg_staff_res_total_duration',
      v5PerAgent: 'staffWorkStatis.response_time_avg',
      legacy: null,
    },
    formula:
      'Sobot\'s average over agent replies (ms; the example\'s 182964.42 is "00:03:02"); several rows weighted by their reply rounds (`staff_res_total_count`).',
  },
  avg_queue_wait: {
    id: 'avg_queue_wait',
    label: inEveryLang('kpi.avg_queue_wait'),
    short: inEveryLang('kpiShort.avg_queue_wait'),
    unit: 'duration',
    better: 'lower',
    aliases: ['queue_wait', 'wait', 'wait_time'],
    source: { v5Overall: 'getStat.avg_queue_accept_duration', v5PerAgent: null, legacy: null },
    formula:
      "Sobot's average wait of queued chats an agent took (ms); several rows weighted by `queue_accept`.",
  },
  avg_queue_leave_time: {
    id: 'avg_queue_leave_time',
    label: inEveryLang('kpi.avg_queue_leave_time'),
    short: inEveryLang('kpiShort.avg_queue_leave_time'),
    unit: 'duration',
    better: 'lower',
    aliases: ['queue_leave_time', 'abandon_time'],
    source: { v5Overall: 'getStat.avg_queue_leave_duration', v5PerAgent: null, legacy: null },
    formula:
      "Sobot's average wait of customers who left the queue (ms); several rows weighted by `queue_leave`.",
  },
  resolved_chats: {
    id: 'resolved_chats',
    label: inEveryLang('kpi.resolved_chats'),
    short: inEveryLang('kpiShort.resolved_chats'),
    unit: 'count',
    better: 'higher',
    aliases: ['resolved', 'solved'],
    source: {
      v5Overall: 'getStat.summary_solved',
      v5PerAgent: 'staffWorkStatis.summary_solved',
      legacy: null,
    },
    formula:
      "Sum of the rows' chats tagged resolved (the example's 20 + 14 unresolved + 22 untagged = 56 chats).",
  },
  unresolved_chats: {
    id: 'unresolved_chats',
    label: inEveryLang('kpi.unresolved_chats'),
    short: inEveryLang('kpiShort.unresolved_chats'),
    unit: 'count',
    better: 'lower',
    aliases: ['unresolved', 'not_solved'],
    source: {
      v5Overall: 'getStat.summary_not_solved',
      v5PerAgent: 'staffWorkStatis.summary_not_solved',
      legacy: null,
    },
    formula: "Sum of the rows' chats tagged unresolved.",
  },
  untagged_chats: {
    id: 'untagged_chats',
    label: inEveryLang('kpi.untagged_chats'),
    short: inEveryLang('kpiShort.untagged_chats'),
    unit: 'count',
    better: 'lower',
    aliases: ['untagged', 'not_marked'],
    source: {
      v5Overall: 'getStat.not_mark_is_solved',
      v5PerAgent: 'staffWorkStatis.solve_not_mark',
      legacy: null,
    },
    formula: "Sum of the rows' chats tagged neither resolved nor unresolved.",
  },
  first_response_30s_rate: {
    id: 'first_response_30s_rate',
    label: inEveryLang('kpi.first_response_30s_rate'),
    short: inEveryLang('kpiShort.first_response_30s_rate'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['30s', 'frt30', 'within_30s'],
    source: { v5Overall: null, v5PerAgent: 'staffWorkStatis.first_response_in30s_rate_str', legacy: null },
    formula:
      "Sobot's rate for the agent (an agent listed in several groups: “–”, the document gives no count to combine).",
  },
  first_response_60s_rate: {
    id: 'first_response_60s_rate',
    label: inEveryLang('kpi.first_response_60s_rate'),
    short: inEveryLang('kpiShort.first_response_60s_rate'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['60s', 'frt60', 'within_60s'],
    source: { v5Overall: null, v5PerAgent: 'staffWorkStatis.first_response_in60s_rate_str', legacy: null },
    formula:
      "Sobot's rate for the agent (an agent listed in several groups: “–”, the document gives no count to combine).",
  },
  feedback_rate: {
    id: 'feedback_rate',
    label: inEveryLang('kpi.feedback_rate'),
    short: inEveryLang('kpiShort.feedback_rate'),
    unit: 'ratio',
    better: 'higher',
    aliases: ['feedback', 'rated', 'comment_rate'],
    source: { v5Overall: null, v5PerAgent: 'staffWorkStatis.comment_rate_str', legacy: null },
    formula:
      "Sobot's share of the agent's chats that were rated (example: `total_times` 1 of 4 valid chats = 25.00%); several groups: “–”.",
  },
  max_concurrent: {
    id: 'max_concurrent',
    label: inEveryLang('kpi.max_concurrent'),
    short: inEveryLang('kpiShort.max_concurrent'),
    unit: 'count',
    better: 'higher',
    aliases: ['concurrent', 'max_conv', 'max_concurrency'],
    source: { v5Overall: null, v5PerAgent: 'staffWorkStatis.max_conv_num', legacy: null },
    formula: 'The most chats the agent held at once (`max_conv_num`, a string in the example: "1").',
  },
  messages: {
    id: 'messages',
    label: inEveryLang('kpi.messages'),
    short: inEveryLang('kpiShort.messages'),
    unit: 'count',
    better: 'higher',
    aliases: ['message', 'msgs', 'message_volume'],
    source: {
      v5Overall: 'getMsgStat.msg_human',
      v5PerAgent: null,
      legacy: 'wb_session_message.totalHumanMessage',
    },
    formula:
      "Messages in chats with agents, customers' and agents' together (the getMsgStat example: 23 + 8 = 31). Sum of the rows.",
  },
  customer_messages: {
    id: 'customer_messages',
    label: inEveryLang('kpi.customer_messages'),
    short: inEveryLang('kpiShort.customer_messages'),
    unit: 'count',
    better: 'higher',
    aliases: ['customer_msgs', 'visitor_messages'],
    source: {
      v5Overall: 'getMsgStat.msg_visitor_to_staff',
      v5PerAgent: null,
      legacy: 'wb_session_message.customerToServiceMessage',
    },
    formula: "Customers' messages to agents. Sum of the rows.",
  },
  agent_messages: {
    id: 'agent_messages',
    label: inEveryLang('kpi.agent_messages'),
    short: inEveryLang('kpiShort.agent_messages'),
    unit: 'count',
    better: 'higher',
    aliases: ['agent_msgs', 'staff_messages'],
    source: {
      v5Overall: 'getMsgStat.msg_staff',
      v5PerAgent: null,
      legacy: 'wb_session_message.serviceMessage',
    },
    formula: "Agents' messages to customers. Sum of the rows.",
  },
};

/**
 * What one v5 getStat row gives: the KPIs of each scope in a breakdown by group, department or
 * channel, and of a v5 session query (so also what a v5 trend can follow).
 */
export const SCOPE_KPIS: readonly KpiId[] = [
  'chats',
  'bot_chats',
  'valid_reception_rate',
  'avg_first_response',
  'response_warn_rate',
  'queue_leave_rate',
];

/**
 * Everything a v5 getStat query gives for one scope: SCOPE_KPIS and the rest of getStat's fields,
 * so what the overview shows besides, a v5 trend can follow and an alert rule can watch.
 */
export const V5_SESSION_KPIS: readonly KpiId[] = [
  ...SCOPE_KPIS,
  'unanswered_rate',
  'no_reply_rate',
  'transfers',
  'avg_reception_duration',
  'avg_response_time',
  'avg_queue_wait',
  'avg_queue_leave_time',
  'resolved_chats',
  'unresolved_chats',
  'untagged_chats',
];

/**
 * What one message-statistics query gives for one scope (v5 getMsgStat, legacy wb_session_message):
 * on the overview, and what a trend can follow besides the session KPIs.
 */
export const MESSAGE_KPIS: readonly KpiId[] = [
  'messages',
  'customer_messages',
  'agent_messages',
  'answer_ratio',
];

/**
 * What else staffWorkStatis gives per agent: not table columns, but sort keys (`sort:frt30`); the
 * table adds the column of the KPI it is sorted by, and the CSV has them all.
 */
export const AGENT_EXTRA_KPIS: readonly KpiId[] = [
  'first_response_30s_rate',
  'first_response_60s_rate',
  'feedback_rate',
  'max_concurrent',
  'answer_ratio',
  'transfers',
  'unanswered_rate',
  'avg_reception_duration',
  'avg_response_time',
  'resolved_chats',
  'unresolved_chats',
  'untagged_chats',
];

/** In order of preference when two scales have as many ratings. */
export const RATING_SCALE_ORDER: readonly RatingScale[] = ['five_star', 'nps', 'two_level'];

/** The columns of the per-agent table, in order. */
export const AGENT_KPIS: readonly AgentKpiId[] = [
  'chats',
  'valid_reception_rate',
  'avg_first_response',
  'fcr_24h',
  'satisfaction',
  'response_warn_rate',
];

const normalise = (word: string) => word.toLowerCase().replace(/[\s-]+/g, '_');

/** A KPI by id, alias (`fcr`, `valid-reception`) or Chinese name (`有效接待率`, `满意度`), or undefined. */
export function findKpi(word: string): KpiDefinition | undefined {
  const wanted = normalise(word);
  return Object.values(KPIS).find(
    (kpi) =>
      kpi.id === wanted || kpi.aliases.includes(wanted) || kpi.label.zh === word || kpi.short.zh === word,
  );
}

/** One line of the README's "Where the numbers come from": a KPI, its sources and how it is derived. */
export interface KpiSourceRow {
  kpi: string;
  v5: string;
  v5PerAgent: string;
  legacy: string;
  formula: string;
}

/** The registry as the README's table of sources; a test keeps the README equal to it. */
export function kpiSourceRows(): KpiSourceRow[] {
  const cell = (source: string | null) => (source === null ? '–' : `\`${source}\``);
  return Object.values(KPIS).map((kpi) => ({
    kpi: `${kpi.label.en} (\`${kpi.id}\`)`,
    v5: cell(kpi.source.v5Overall),
    v5PerAgent: cell(kpi.source.v5PerAgent),
    legacy: cell(kpi.source.legacy),
    formula: kpi.formula ?? "Sobot's figure as given.",
  }));
}

/** Every word that names a KPI, for suggestions. */
export function kpiWords(ids: readonly KpiId[] = Object.keys(KPIS) as KpiId[]): string[] {
  return ids.flatMap((id) => [id, ...KPIS[id].aliases]);
}

/** A rate string ("16.67%") is rounded to 0.005 points: a base within that reproduces it. */
const RATE_STRING_PRECISION = 0.00005;

/**
 * The base a row's rate was taken of. The document names few bases, so the row's own count and
 * rate decide: the named base when it reproduces Sobot's rate, else count / rate. With no rate, or a
 * zero one, the named base is all there is.
 */
export function rateBase({ count, rate, base }: RatePart): number | null {
  if (count === null || rate === null || rate <= 0) return base;
  if (base !== null && base > 0 && Math.abs(count / base - rate) <= RATE_STRING_PRECISION) return base;
  return count / rate;
}

/**
 * A rate over several rows that reproduces each row's own rate: summed counts over summed bases
 * (never a mean of the rates). One row is Sobot's rate as given. A row missing its count or base is
 * left out of both sums, so a rate cannot pass 100%. Rows whose bases add up to 0 but which all say
 * 0% (Sobot's `queue_leave_rate` 0.0 with no queue) give 0%: zero is zero, not unknown.
 */
export function combinedRate(parts: readonly RatePart[]): number | null {
  const [only] = parts;
  if (parts.length === 1 && only && only.rate !== null) return only.rate;
  let counts = 0;
  let bases = 0;
  let known = 0;
  for (const part of parts) {
    const base = rateBase(part);
    if (part.count === null || base === null) continue;
    counts += part.count;
    bases += base;
    known++;
  }
  if (known === 0) return null;
  if (bases === 0) return parts.every((part) => part.rate === 0) ? 0 : null;
  return counts / bases;
}

/** The sum of the values that are known; null when none is. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/** part / whole, or null when either is unknown or the whole is 0. */
export function ratioOf(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : part / whole;
}

/**
 * How chats were rated, from the rated chats per scale: the company's scale is the one with the most
 * ratings (ties to the earlier of 5 stars, 0–10, two levels), and every scale with a rating is in use.
 */
export function ratingUse(rated: (scale: RatingScale) => number | null): RatingUse {
  const inUse = RATING_SCALE_ORDER.filter((scale) => (rated(scale) ?? 0) > 0);
  const scale = inUse.reduce<RatingScale | null>(
    (best, next) => (best === null || (rated(next) ?? 0) > (rated(best) ?? 0) ? next : best),
    null,
  );
  return { scale, inUse };
}

/** How a set of agent rows was rated (their rated chats per scale summed). */
export function ratingUseOf(rows: readonly AgentCounts[]): RatingUse {
  return ratingUse((scale) => sumKnown(rows.map((row) => row.ratings[scale].base)));
}

/**
 * Team KPIs from the agents' counts: each rate combines the rows so that one row gives that row's own
 * rate (combinedRate), the first-response average is weighted by each agent's chats, and satisfaction
 * is read on the company's rating scale (ratingUseOf the same rows, unless given).
 */
export function kpisFromCounts(
  rows: readonly AgentCounts[],
  scale: RatingScale | null = ratingUseOf(rows).scale,
): Record<AgentKpiId, number | null> {
  const sum = (pick: (c: AgentCounts) => number | null) => sumKnown(rows.map(pick));
  const weighted = rows.filter((c) => c.avgFirstResponseMs !== null && (c.chats ?? 0) > 0);
  const weight = weighted.reduce((a, c) => a + (c.chats as number), 0);
  const rate = (pick: (c: AgentCounts) => RatePart) => combinedRate(rows.map(pick));
  return {
    chats: sum((c) => c.chats),
    valid_reception_rate: rate((c) => c.validReception),
    fcr_24h: rate((c) => c.fcr24h),
    satisfaction: scale === null ? null : rate((c) => satisfiedPart(c.ratings[scale])),
    avg_first_response:
      weight === 0
        ? null
        : weighted.reduce((a, c) => a + (c.avgFirstResponseMs as number) * (c.chats as number), 0) / weight,
    response_warn_rate: rate((c) => c.responseWarnings),
  };
}

/** A scale's positive share as a rate part; nothing rated on the scale gives no rate (not 0%). */
function satisfiedPart(part: RatePart): RatePart {
  return part.base === 0 ? { count: null, rate: null, base: null } : part;
}
