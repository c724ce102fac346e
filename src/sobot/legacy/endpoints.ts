// The legacy "workbench statistics" API (sobot-api/000_*.txt): the token and api.json paths, the six
// wb_* actions with the zod schema of their one reply item, the reply envelope and the token reply.
// Company-wide totals of a range of days; no per-agent rows, no filters, no period-over-period fields.

import { z } from 'zod';
import { fields, text } from '../coerce.ts';

export const LEGACY_TOKEN_PATH = '/open/platform/getAccessToken.json';
export const LEGACY_API_PATH = '/open/platform/api.json';

/** `code` arrives as "1000" in the document; a number is read the same. */
const code = z.union([z.string(), z.number()]).transform(String);

/** `{"code": "1000", "data": {"item": {...}}}`; failures carry another code and, in practice, a `msg`. */
export const legacyEnvelope = z.object({
  code,
  msg: text,
  data: z.object({ item: z.unknown().optional() }).nullish(),
});

/** getAccessToken.json: `{"code": "1000", "data": {"access_token": "..."}}` (sobot-api/README.md). */
export const legacyTokenReply = z.object({
  code,
  msg: text,
  data: z.object({ access_token: z.string().min(1) }).nullish(),
});

// Durations are typed 字符串 (string) without a format or a unit: only "HH:mm:ss" is unambiguous. A
// bare number (seconds? milliseconds?) is read as unknown with a warning, not guessed. Rates are
// strings such as "71.43%".

export const customerSessionsSchema = fields({
  count: ['totalConsultSession', 'totalValidSession', 'totalInvalidSession'],
  ratio: ['totalValidSessionRate'],
  clockDurationMs: ['avgSessionDuration', 'avgTotalSessionDuration'],
});

export const botSessionsSchema = fields({
  count: ['consultSession', 'validSession', 'invalidSession', 'selfReceptionSession', 'toHumanSession'],
  ratio: ['validReceptionRate', 'selfReceptionRate', 'toHumanSessionRate'],
  clockDurationMs: ['avgSessionDuration'],
});

export const humanSessionsSchema = fields({
  count: [
    'consultSession',
    'selfReceptionSession',
    'validSession',
    'invalidSession',
    'validReceptionSession',
    'invalidReceptionSession',
    'notReceptionSession',
    'transferSession',
    'blankListSession',
    'solvedSession',
    'notSolvedSession',
    'notMarkIsSolved',
    'maxMeantimeRecp',
    'initiativeSession',
  ],
  ratio: [
    'selfReceptionSessionZb',
    'validSessionRate',
    'invalidReceptionRate',
    'notReceptionSessionRate',
    'validReceptionRate',
  ],
  clockDurationMs: ['avgSessionDuration'],
});

// `avgServiceMessge` is spelt so in the document's table and example. The per-chat averages are Doubles.
export const messagesSchema = fields({
  count: [
    'totalMessage',
    'robotMessage',
    'totalCustomerMessage',
    'serviceMessage',
    'avgMessage',
    'avgCustomerMessage',
    'avgServiceMessge',
    'customerToRobotMessage',
    'robotAvgMessage',
    'robotAvgCustomerMessage',
    'totalHumanMessage',
    'customerToServiceMessage',
    'humanAvgMessage',
    'humanAvgCustomerMessage',
    'humanAvgServiceMessage',
    'serviceWord',
    'avgServiceWord',
    'serviceOfflineNum',
  ],
  // 答问比: agent messages per customer message, as a percent string like v5's msg_staff_visitor_rate_str.
  ratio: ['answerThan'],
});

// avgNum (平均分) is typed 字符串 and holds a mean score, read as a number.
export const humanSatisfactionSchema = fields({
  count: [
    'effectSessionCount',
    'totalTimes',
    'initiative',
    'invites',
    'solvedCount',
    'solved',
    'notSolved',
    'avgNum',
    'good',
    'middle',
    'bad',
    'score4',
    'score3',
    'score2',
    'score1',
  ],
  ratio: ['canpinglv', 'customActiveEvRatio', 'serviceInvEvRatio', 'solvedLv', 'goodLv', 'middleLv', 'badLv'],
});

export const botSatisfactionSchema = fields({
  count: ['effectSessionCount', 'totalTimes', 'solved', 'notSolved'],
  ratio: ['canpinglv', 'solvedLv'],
});

/** The six actions of api.json and the schema of each one's `data.item`. */
export const legacyActions = {
  wb_session_customer: customerSessionsSchema,
  wb_session_robot: botSessionsSchema,
  wb_session_human: humanSessionsSchema,
  wb_session_message: messagesSchema,
  wb_human_satisfaction: humanSatisfactionSchema,
  wb_robot_satisfaction: botSatisfactionSchema,
} as const;

export type LegacyAction = keyof typeof legacyActions;
export type LegacyItem<A extends LegacyAction> = z.output<(typeof legacyActions)[A]>;
