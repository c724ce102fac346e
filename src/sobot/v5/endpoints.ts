// The v5 Live Chat Statistics endpoints (sobot-api/004_*.txt): path, reply shape, paging style,
// date pattern and the zod schema of one reply row, plus the common envelope and the token reply.

import { z } from 'zod';
import { count, fields, list, text } from '../coerce.ts';

export type V5Paging = 'none' | 'page' | 'page_no';
export type V5DatePattern = 'yyyy-MM-dd' | 'yyyy-MM-dd HH:mm' | 'yyyy-MM-dd HH:mm:ss';

export interface V5Endpoint {
  readonly path: `/chat-static-api/api/${string}`;
  /** Whether the data sits in `item` (one object) or `items` (a list of rows). */
  readonly shape: 'item' | 'items';
  readonly paging: V5Paging;
  /** Pattern of `start_date`/`end_date`; null when the endpoint takes no dates. */
  readonly datePattern: V5DatePattern | null;
  readonly item: z.ZodType;
}

/**
 * Request parameter names per paging style: sub-channels and agent workload take
 * `page_no`/`page_size`, the other paged endpoints `page`/`size` (per the doc's request tables).
 */
export const v5PagingParams = {
  page: { page: 'page', size: 'size' },
  page_no: { page: 'page_no', size: 'page_size' },
} as const;

/** Sobot resets larger page sizes to 100. */
export const V5_MAX_PAGE_SIZE = 100;

/** Numeric ret_codes are padded back to Sobot's six digits so `0` compares equal to "000000". */
const retCode = z
  .union([z.string(), z.number()])
  .transform((code) => (typeof code === 'number' ? String(code).padStart(6, '0') : code));

/** The envelope every v5 reply shares; paging fields arrive as numbers or strings, or not at all. */
export const v5Envelope = z.object({
  ret_code: retCode,
  ret_msg: text,
  item: z.unknown().optional(),
  items: z
    .array(z.unknown())
    .nullish()
    .transform((items) => items ?? undefined),
  page_no: count,
  page_count: count,
  page_size: count,
  total_count: count,
});
export type V5Envelope = z.output<typeof v5Envelope>;

export const tokenPath = '/api/get_token';

/** `expires_in` is documented as a string of seconds ("86400"). */
export const tokenReplySchema = z.object({
  ret_code: retCode,
  ret_msg: text,
  item: z.object({ token: z.string().min(1), expires_in: count }).optional(),
});
export type TokenReply = z.output<typeof tokenReplySchema>;

// ---- condition lists ----

export const channelSchema = fields({ text: ['code', 'msg'] });

export const subChannelSchema = fields({
  text: ['sub_channel_id', 'channel_type', 'sub_channel_name', 'channel_flag', 'channel_flag_key'],
});

// classify_level and sort are typed String in the table but arrive as numbers.
export const classificationSchema = fields({
  text: ['id', 'classify_name', 'classify_code', 'classify_level_path', 'classify_parent_id'],
  count: ['classify_level', 'sort'],
});

// robot_flag is typed String in the table but arrives as a number (1); it is an id, so text.
export const robotSchema = fields({ text: ['robot_logo', 'robot_name', 'robot_flag'] });

const departmentFields = fields({ text: ['depart_id', 'depart_name', 'parent_id', 'company_id'] });
export type Department = z.output<typeof departmentFields> & { child_list: Department[] };
export const departmentSchema: z.ZodType<Department> = departmentFields.extend({
  child_list: list(z.lazy(() => departmentSchema)),
});

export const groupSchema = fields({ text: ['group_id', 'group_name'] });

export const agentSchema = fields({ text: ['service_id', 'service_name', 'service_nick'] });

// ---- chat statistics ----

// Rows are keyed by the search_way dimension: the getStat example carries channel keys, the getMsgStat
// example department keys; skill-group rows are assumed to carry group_id/group_name likewise.
const rowDimension = [
  'channel_flag',
  'channel_flag_name',
  'source',
  'source_name',
  'depart_id',
  'depart_name',
  'group_id',
  'group_name',
] as const;

// human_self_rate, queue_leave_rate etc. are fractions of this period (0.75), not MoM changes.
export const chatStatsSchema = fields({
  text: rowDimension,
  count: [
    'session_consult',
    'session_valid',
    'session_invalid',
    'queue',
    'not_queue',
    'queue_accept',
    'queue_leave',
    'robot_consult',
    'robot_self',
    'robot_valid',
    'robot_in_valid',
    'robot_to_staff_active',
    'robot_to_staff_trigger_key_word',
    'robot_total_transfer',
    'human_consult',
    'human_self',
    'human_valid',
    'human_invalid',
    'human_not_recep',
    'human_valid_recep',
    'human_invalid_recep',
    'human_transfer',
    'in_blacklist',
    'summary_solved',
    'summary_not_solved',
    'human_snatch',
    'human_initiative',
    'not_mark_is_solved',
    'response_warn_count',
    'staff_res_total_count',
  ],
  ratio: [
    'queue_not_accept_rate',
    'queue_not_accept_rate_str',
    'queue_accept_rate',
    'queue_accept_rate_str',
    'queue_leave_rate',
    'queue_leave_rate_str',
    'human_self_rate',
    'human_self_rate_str',
    'human_valid_rate',
    'human_valid_rate_str',
    'human_not_recep_rate',
    'human_not_recep_rate_str',
    'human_valid_recep_rate',
    'human_valid_recep_rate_str',
    'human_invalid_recep_rate',
    'human_invalid_recep_rate_str',
    'response_warn_rate',
  ],
  durationMs: [
    'avg_queue_accept_duration',
    'avg_queue_accept_duration_str',
    'avg_queue_leave_duration',
    'avg_queue_leave_duration_str',
    'avg_human_recep_duration',
    'avg_human_recep_duration_str',
    'avg_staff_first_res_duration',
    'avg_staff_first_res_duration_str',
    'avg_staff_res_total_duration',
    'avg_staff_res_total_duration_str',
  ],
});

export const messageStatsSchema = fields({
  text: rowDimension,
  count: [
    'msg_human',
    'msg_visitor_to_staff',
    'msg_staff',
    'offline_message',
    'msg_staff_word_count',
    'human_avg_msg',
    'human_avg_msg_visitor',
    'human_avg_msg_staff',
    'human_avg_staff_word_count',
    'response_warn_count',
    'staff_res_total_count',
  ],
  ratio: [
    'msg_staff_visitor_rate',
    'msg_staff_visitor_rate_str',
    'response_warn_rate',
    'response_warn_rate_str',
  ],
});

// ---- customer statistics ----

export const customerOverviewSchema = fields({
  count: ['valid_visitor_total', 'new_visitor_num', 'old_visitor_num'],
  ratio: ['old_visitor_proportion', 'one_time_solution_rate'],
  change: [
    'valid_visitor_total_cycle',
    'new_visitor_num_cycle',
    'old_visitor_num_cycle',
    'old_visitor_proportion_cycle',
    'one_time_solution_rate_cycle',
  ],
});

export const botReceptionSchema = fields({
  count: [
    'robot_reception_num',
    'robot_reception_valid_num',
    'robot_self_reception_num',
    'robot_to_staff_active',
    'trigger_to_manual_num',
    'transfer_to_staff_num',
    'robot_to_staff_trigger_key_word',
  ],
  ratio: [
    'robot_self_reception_num_proportion',
    'robot_to_staff_active_proportion',
    'trigger_to_manual_num_proportion',
    'robot_to_staff_trigger_key_word_proportion',
  ],
  change: [
    'robot_reception_num_cycle',
    'robot_reception_valid_num_cycle',
    'robot_self_reception_num_cycle',
    'robot_self_reception_num_proportion_cycle',
    'robot_to_staff_active_cycle',
    'robot_to_staff_active_proportion_cycle',
    'trigger_to_manual_num_cycle',
    'trigger_to_manual_num_proportion_cycle',
    'transfer_to_staff_num_cycle',
    'robot_to_staff_trigger_key_word_cycle',
    'robot_to_staff_trigger_key_word_proportion_cycle',
  ],
});

export const agentReceptionSchema = fields({
  count: ['staff_reception_num', 'staff_self_reception_num', 'staff_valid_reception_num'],
  ratio: ['staff_self_reception_num_proportion', 'staff_valid_reception_num_proportion'],
  change: [
    'staff_reception_num_cycle',
    'staff_self_reception_num_cycle',
    'staff_self_reception_num_proportion_cycle',
    'staff_valid_reception_num_cycle',
    'staff_valid_reception_num_proportion_cycle',
  ],
});

export const regionSchema = fields({
  text: ['id', 'country', 'province'],
  count: ['visitor_total', 'new_visitor_num', 'old_visitor_num'],
});

// ---- agent statistics ----

// transfer_first_res_duration is documented as "Transferred 1st-Response Chats" (Long), so a count
// despite its name. avg_comment_score / avg_nps_score are averages, read as plain numbers.
/** Shares of rated chats per rating scale, reported alike per agent and per session survey. */
const RATING_SHARES = [
  'level2_score5_rate_str',
  'level2_score1_rate_str',
  'good_rate_str',
  'middle_rate_str',
  'bad_rate_str',
  'score5_rate_str',
  'score4_rate_str',
  'score3_rate_str',
  'score2_rate_str',
  'score1_rate_str',
  'good_nps_rate_str',
  'middle_nps_rate_str',
  'bad_nps_rate_str',
  'nps_score10_rate_str',
  'nps_score9_rate_str',
  'nps_score8_rate_str',
  'nps_score7_rate_str',
  'nps_score6_rate_str',
  'nps_score5_rate_str',
  'nps_score4_rate_str',
  'nps_score3_rate_str',
  'nps_score2_rate_str',
  'nps_score1_rate_str',
  'nps_score0_rate_str',
] as const;

export const agentWorkloadSchema = fields({
  text: ['start_date', 'end_date', 'group_id', 'group_name', 'staff_id', 'service_email', 'service_nick'],
  count: [
    'human_consult',
    'human_self',
    'human_valid',
    'valid_information',
    'human_invalid',
    'human_valid_recep',
    'human_invalid_recep',
    'first_response_time_set',
    'transfer_first_res_duration',
    'human_visitor_consult',
    'roll_in',
    'roll_out',
    'human_not_recep',
    'last_staff_consult',
    'quiet_after_session_count',
    'human_initiative',
    'summary_solved',
    'summary_not_solved',
    'solve_not_mark',
    'lastmsg_staff',
    'snatch_in',
    'snatch_out',
    'total_human_message',
    'msg_staff',
    'msg_visitor_tostaff',
    'msg_staff_wordcount',
    'total_times',
    'initiative',
    'invite_counts',
    'invites',
    'avg_comment_score',
    'avg_nps_score',
    'good',
    'middle',
    'bad',
    'score5',
    'score4',
    'score3',
    'score2',
    'score1',
    'nps_good',
    'nps_middle',
    'nps_bad',
    'nps_score10',
    'nps_score9',
    'nps_score8',
    'nps_score7',
    'nps_score6',
    'nps_score5',
    'nps_score4',
    'nps_score3',
    'nps_score2',
    'nps_score1',
    'nps_score0',
    'level2_score1',
    'level2_score5',
    'remark',
    'valid_response_counts',
    'response_counts',
    'max_conv_num',
    'human_res_warn_count',
  ],
  ratio: [
    'valid_recep_rate_str',
    'not_recep_rate_str',
    'quiet_after_session_rate_str',
    'staff_connect_rate_str',
    'answer_than_str',
    'first_response_rate_str',
    'transfer_first_response_rate_str',
    'first_response_in30s_rate_str',
    'first_response_in60s_rate_str',
    'response_rate_str',
    'human_res_warn_rate_str',
    'comment_rate_str',
    'customer_initiative_rate_str',
    'invite_counts_rate_str',
    'staff_invite_rate_str',
    ...RATING_SHARES,
  ],
  durationMs: [
    'human_consult_duration',
    'human_consult_duration_str',
    'avg_session_duration',
    'avg_session_duration_str',
    'avg_total_session_duration',
    'avg_total_session_duration_str',
    'avg_human_confirm_duration_transfer',
    'avg_human_confirm_duration_transfer_str',
    'avg_first_response_time',
    'avg_first_response_time_str',
    'response_time_avg',
    'response_time_avg_str',
    'response_duration_max',
    'response_duration_max_str',
  ],
});

export const workLogSchema = fields({
  text: [
    'staff_id',
    'staff_name',
    'department_id',
    'department_name',
    'group_id',
    'group_name',
    'company_id',
    'result_year',
    'result_month',
    'result_week',
    'result_date',
    'start_date',
    'end_date',
  ],
  count: ['busy_counts'],
  durationMs: [
    'online_duration',
    'free_duration',
    'app_free_duration',
    'busy_duration',
    'app_busy_duration',
    'busy_all_duration',
    'rest_duration',
    'eat_duration',
    'active_duration',
    'train_duration',
    'meet_duration',
  ],
  timestampMs: ['start_login_time', 'first_login_time', 'last_leave_time'],
});

// ---- satisfaction statistics ----

// Here every `*_ratio` key is the MoM change of the key it extends ("NA" when the previous
// period had no ratings), and `*_rate_str` is this period's share.
export const sessionSatisfactionSchema = fields({
  count: [
    'human_valid',
    'total_times',
    'score_total_times',
    'nps_total_times',
    'initiative',
    'invite_counts',
    'invites',
    'not_solved',
    'solved',
    'solved_count',
    'level2_score5',
    'level2_score1',
    'avg_comment_score',
    'good',
    'middle',
    'bad',
    'score5',
    'score4',
    'score3',
    'score2',
    'score1',
    'avg_nps_score',
    'nps_good',
    'nps_middle',
    'nps_bad',
    'nps_score10',
    'nps_score9',
    'nps_score8',
    'nps_score7',
    'nps_score6',
    'nps_score5',
    'nps_score4',
    'nps_score3',
    'nps_score2',
    'nps_score1',
    'nps_score0',
  ],
  ratio: [
    'comment_rate_str',
    'valid_reception_comment_rate_str',
    'customer_initiative_rate_str',
    'invite_counts_rate_str',
    'staff_invite_rate_str',
    'not_solved_rate_str',
    'solved_rate_str',
    ...RATING_SHARES,
  ],
  change: [
    'human_valid_ratio',
    'total_times_ratio',
    'comment_rate_str_ratio',
    'valid_reception_comment_rate_str_ratio',
    'initiative_ratio',
    'customer_initiative_rate_str_ratio',
    'invite_counts_rate_str_ratio',
    'invite_counts_ratio',
    'staff_invite_rate_str_ratio',
    'invites_ratio',
    'not_solved_ratio',
    'not_solved_rate_str_ratio',
    'solved_ratio',
    'solved_rate_str_ratio',
    'solved_count_ratio',
    'level2_score5_ratio',
    'level2_score5_rate_str_ratio',
    'level2_score1_ratio',
    'level2_score1_rate_str_ratio',
    'avg_comment_score_ratio',
    'good_ratio',
    'good_rate_str_ratio',
    'middle_ratio',
    'middle_rate_str_ratio',
    'bad_ratio',
    'bad_rate_str_ratio',
    'score5_ratio',
    'score4_ratio',
    'score3_ratio',
    'score2_ratio',
    'score1_ratio',
    'score5_rate_str_ratio',
    'score4_rate_str_ratio',
    'score3_rate_str_ratio',
    'score2_rate_str_ratio',
    'score1_rate_str_ratio',
    'avg_nps_score_ratio',
    'nps_good_ratio',
    'good_nps_rate_str_ratio',
    'nps_middle_ratio',
    'middle_nps_rate_str_ratio',
    'nps_bad_ratio',
    'bad_nps_rate_str_ratio',
    'nps_score10_ratio',
    'nps_score9_ratio',
    'nps_score8_ratio',
    'nps_score7_ratio',
    'nps_score6_ratio',
    'nps_score5_ratio',
    'nps_score4_ratio',
    'nps_score3_ratio',
    'nps_score2_ratio',
    'nps_score1_ratio',
    'nps_score0_ratio',
    'nps_score10_rate_str_ratio',
    'nps_score9_rate_str_ratio',
    'nps_score8_rate_str_ratio',
    'nps_score7_rate_str_ratio',
    'nps_score6_rate_str_ratio',
    'nps_score5_rate_str_ratio',
    'nps_score4_rate_str_ratio',
    'nps_score3_rate_str_ratio',
    'nps_score2_rate_str_ratio',
    'nps_score1_rate_str_ratio',
    'nps_score0_rate_str_ratio',
  ],
});

// Counts of customers (not chats); every value arrives as a string, `*_average` is a mean score.
export const customerSatisfactionSchema = fields({
  count: [
    'human_valid',
    'human_in_valid_recep',
    'evaluate',
    'solved',
    'active_evaluate',
    'staff_invite',
    'invite_evaluate',
    'level2_score5',
    'level2_score1',
    'score5_average',
    'score5',
    'score4',
    'score3',
    'score2',
    'score1',
    'nps10_average',
    'nps10',
    'nps9',
    'nps8',
    'nps7',
    'nps6',
    'nps5',
    'nps4',
    'nps3',
    'nps2',
    'nps1',
    'nps0',
  ],
  change: [
    'human_valid_change',
    'human_in_valid_recep_change',
    'evaluate_change',
    'solved_change',
    'active_evaluate_change',
    'staff_invite_change',
    'invite_evaluate_change',
    'level2_score5_change',
    'level2_score1_change',
    'score5_average_change',
    'score5_change',
    'score4_change',
    'score3_change',
    'score2_change',
    'score1_change',
    'nps10_average_change',
    'nps10_change',
    'nps9_change',
    'nps8_change',
    'nps7_change',
    'nps6_change',
    'nps5_change',
    'nps4_change',
    'nps3_change',
    'nps2_change',
    'nps1_change',
    'nps0_change',
  ],
});

// ---- service summary ----

export const serviceSummaryDetailSchema = fields({
  text: ['show_date', 'real_date'],
  count: [
    'total_conversation_num',
    'service_invited_num',
    'initiative_comment_num',
    'comment_type_total_num',
    'star_level_num5',
    'star_level_num4',
    'star_level_num3',
    'star_level_num2',
    'star_level_num1',
    'score_num10',
    'score_num9',
    'score_num8',
    'score_num7',
    'score_num6',
    'score_num5',
    'score_num4',
    'score_num3',
    'score_num2',
    'score_num1',
    'score_num0',
  ],
});

// level is typed Integer in the table but arrives as a string ("1").
export const serviceSummarySchema = fields({
  text: ['classify_id', 'classify_show_name'],
  count: ['level'],
}).extend({ details: list(serviceSummaryDetailSchema) });

// ---- the registry ----

export const v5Endpoints = {
  channels: {
    path: '/chat-static-api/api/condition/getChannelList',
    shape: 'items',
    paging: 'none',
    datePattern: null,
    item: channelSchema,
  },
  subChannels: {
    path: '/chat-static-api/api/condition/getChildChannelList',
    shape: 'items',
    paging: 'page_no',
    datePattern: null,
    item: subChannelSchema,
  },
  classifications: {
    path: '/chat-static-api/api/condition/getClassificationList',
    shape: 'items',
    paging: 'none',
    datePattern: null,
    item: classificationSchema,
  },
  robots: {
    path: '/chat-static-api/api/condition/getRobotList',
    shape: 'items',
    paging: 'none',
    datePattern: null,
    item: robotSchema,
  },
  departments: {
    path: '/chat-static-api/api/condition/getDepartmentList',
    shape: 'items',
    paging: 'none',
    datePattern: null,
    item: departmentSchema,
  },
  groups: {
    path: '/chat-static-api/api/condition/getGroupList',
    shape: 'items',
    paging: 'page',
    datePattern: null,
    item: groupSchema,
  },
  agents: {
    path: '/chat-static-api/api/condition/getServiceList',
    shape: 'items',
    paging: 'page',
    datePattern: null,
    item: agentSchema,
  },
  chatStats: {
    path: '/chat-static-api/api/online/session/getStat',
    shape: 'items',
    paging: 'page',
    datePattern: 'yyyy-MM-dd HH:mm:ss',
    item: chatStatsSchema,
  },
  messageStats: {
    path: '/chat-static-api/api/online/session/getMsgStat',
    shape: 'items',
    paging: 'page',
    datePattern: 'yyyy-MM-dd HH:mm:ss',
    item: messageStatsSchema,
  },
  customerOverview: {
    path: '/chat-static-api/api/online/custom/getGeneral',
    shape: 'item',
    paging: 'none',
    datePattern: 'yyyy-MM-dd HH:mm',
    item: customerOverviewSchema,
  },
  botReception: {
    path: '/chat-static-api/api/online/custom/getRobotReception',
    shape: 'item',
    paging: 'none',
    datePattern: 'yyyy-MM-dd HH:mm',
    item: botReceptionSchema,
  },
  agentReception: {
    path: '/chat-static-api/api/online/custom/getStaffReception',
    shape: 'item',
    paging: 'none',
    datePattern: 'yyyy-MM-dd HH:mm',
    item: agentReceptionSchema,
  },
  regions: {
    path: '/chat-static-api/api/online/custom/getGeographicalDistribution',
    shape: 'items',
    paging: 'none',
    datePattern: 'yyyy-MM-dd HH:mm',
    item: regionSchema,
  },
  agentWorkload: {
    path: '/chat-static-api/api/customerService/staffWorkStatis',
    shape: 'items',
    paging: 'page_no',
    datePattern: 'yyyy-MM-dd',
    item: agentWorkloadSchema,
  },
  workLog: {
    path: '/chat-static-api/api/online/staff/getWorkLogList',
    shape: 'items',
    paging: 'page',
    datePattern: 'yyyy-MM-dd',
    item: workLogSchema,
  },
  sessionSatisfaction: {
    path: '/chat-static-api/api/online/satisfaction/getSatisfactionSurvey',
    shape: 'item',
    paging: 'none',
    datePattern: 'yyyy-MM-dd',
    item: sessionSatisfactionSchema,
  },
  customerSatisfaction: {
    path: '/chat-static-api/api/online/satisfaction/getCustomerSatisfaction',
    shape: 'item',
    paging: 'none',
    datePattern: 'yyyy-MM-dd',
    item: customerSatisfactionSchema,
  },
  serviceSummary: {
    path: '/chat-static-api/api/online/summary/search',
    shape: 'items',
    paging: 'page',
    datePattern: 'yyyy-MM-dd HH:mm:ss',
    item: serviceSummarySchema,
  },
} as const satisfies Record<string, V5Endpoint>;

export type V5EndpointKey = keyof typeof v5Endpoints;
export type V5Item<K extends V5EndpointKey> = z.output<(typeof v5Endpoints)[K]['item']>;
