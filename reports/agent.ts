// `/sobot agent`: one agent's card. Workload, response times and work status as Sobot reported
// them for the agent, and a chart of the agent's rating distribution. Pure: figures in, message out.

import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { AgentDetail, RatingBucket, WorkStatus } from '../src/stats/cards.ts';
import type { AgentKpiId } from '../src/stats/kpi-ids.ts';
import type { DateRange } from '../src/stats/model.ts';
import { describeRange } from '../src/stats/period.ts';
import type { Card } from '../src/stats/service.ts';
import { headerBlock, nothingToShow } from './blocks.ts';
import { formatCount, formatDuration, formatRatio, formatScore, MISSING, truncate } from './format.ts';
import { kpiLabel } from './labels.ts';

export interface AgentView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  /** The agent's name as the directory knows it (the workload row has only the nickname). */
  agentName: string;
}

type Lang = AgentView['lang'];

const LABELS = {
  title: { en: 'Agent', zh: '客服' },
  none: { en: 'No chats in this period.', zh: '这段时间没有人工会话。' },
  workload: { en: 'Workload', zh: '工作量' },
  responses: { en: 'Response times', zh: '响应时间' },
  workStatus: { en: 'Work status', zh: '工作状态' },
  ratings: { en: 'Ratings', zh: '评价' },
  transfers: { en: 'Transfers in / out', zh: '转入 / 转出' },
  first: { en: 'First response (avg.)', zh: '平均首次响应' },
  average: { en: 'Average response', zh: '平均响应' },
  max: { en: 'Longest response', zh: '最长响应' },
  within30s: { en: 'First response ≤ 30s', zh: '30秒响应率' },
  within60s: { en: 'First response ≤ 60s', zh: '60秒响应率' },
  online: { en: 'Online', zh: '在线' },
  busy: { en: 'Busy', zh: '忙碌' },
  break: { en: 'Break', zh: '小休' },
  meal: { en: 'Meal', zh: '用餐' },
  training: { en: 'Training', zh: '培训' },
  meeting: { en: 'Meeting', zh: '会议' },
  firstLogin: { en: 'First login', zh: '首次登录' },
  lastLogout: { en: 'Last logout', zh: '最后离线' },
  noWorkLog: { en: 'Sobot has no work log for this period.', zh: 'Sobot 没有这段时间的工作日志。' },
  noRatings: { en: 'No ratings in this period.', zh: '这段时间没有评价。' },
  averageScore: { en: 'Average score', zh: '平均分' },
  rated: { en: 'rated chats', zh: '个评价' },
} as const satisfies Record<string, Record<Lang, string>>;

/** The two-level scale's buckets come from the backend in English. */
const TWO_LEVEL_ZH: Record<string, string> = { Satisfied: '满意', Dissatisfied: '不满意' };

const bucketLabel = (bucket: RatingBucket, lang: Lang) =>
  lang === 'zh' ? (TWO_LEVEL_ZH[bucket.label] ?? bucket.label) : bucket.label;

interface Field {
  label: string;
  value: string;
}

/** A titled section of label/value fields (Slack shows at most 10 fields per section). */
const fieldsBlock = (title: string, fields: readonly Field[]) => ({
  type: 'section' as const,
  text: { type: 'mrkdwn' as const, text: `*${title}*` },
  fields: fields.map((f) => ({ type: 'mrkdwn' as const, text: `*${f.label}*\n${f.value}` })),
});

function workloadFields(detail: AgentDetail, lang: Lang): Field[] {
  const { kpis, counts } = detail.row;
  // The agent's figures: chats handled, FCR of chats, satisfaction on the scale of their ratings.
  const labels = { source: 'agents', scale: detail.ratings.scale } as const;
  const label = (id: AgentKpiId) => kpiLabel(id, lang, labels);
  return [
    { label: label('chats'), value: formatCount(kpis.chats) },
    { label: label('valid_reception_rate'), value: formatRatio(kpis.valid_reception_rate) },
    { label: label('fcr_24h'), value: formatRatio(kpis.fcr_24h) },
    { label: label('satisfaction'), value: formatRatio(kpis.satisfaction) },
    { label: label('response_warn_rate'), value: formatRatio(kpis.response_warn_rate) },
    {
      label: LABELS.transfers[lang],
      value: `${formatCount(counts.transfersIn)} / ${formatCount(counts.transfersOut)}`,
    },
  ];
}

function responseFields(detail: AgentDetail, lang: Lang): Field[] {
  const r = detail.responseTimes;
  return [
    { label: LABELS.first[lang], value: formatDuration(r.firstMs, lang) },
    { label: LABELS.average[lang], value: formatDuration(r.averageMs, lang) },
    { label: LABELS.max[lang], value: formatDuration(r.maxMs, lang) },
    { label: LABELS.within30s[lang], value: formatRatio(r.within30sRate) },
    { label: LABELS.within60s[lang], value: formatRatio(r.within60sRate) },
  ];
}

/** HH:mm in the company zone; with the date in front when the period is longer than a day. */
export function clockTime(epochMs: number | null, range: DateRange, lang: Lang = 'en'): string {
  if (epochMs === null) return MISSING;
  const day = lang === 'zh' ? "M'月'd'日' " : 'd MMM ';
  const pattern = range.from === range.to ? 'HH:mm' : `${day}HH:mm`;
  return format(epochMs, pattern, { in: tz(range.timeZone) });
}

function workFields(status: WorkStatus, range: DateRange, lang: Lang): Field[] {
  const times =
    status.busyCount === null
      ? ''
      : lang === 'zh'
        ? `（${status.busyCount} 次）`
        : ` (${formatCount(status.busyCount)}×)`;
  return [
    { label: LABELS.online[lang], value: formatDuration(status.onlineMs, lang) },
    { label: LABELS.busy[lang], value: `${formatDuration(status.busyMs, lang)}${times}` },
    { label: LABELS.break[lang], value: formatDuration(status.breakMs, lang) },
    { label: LABELS.meal[lang], value: formatDuration(status.mealMs, lang) },
    { label: LABELS.training[lang], value: formatDuration(status.trainingMs, lang) },
    { label: LABELS.meeting[lang], value: formatDuration(status.meetingMs, lang) },
    { label: LABELS.firstLogin[lang], value: clockTime(status.firstLoginAt, range, lang) },
    { label: LABELS.lastLogout[lang], value: clockTime(status.lastLogoutAt, range, lang) },
  ];
}

/** "5★ 12 (60.0%) · 4★ 5 (25.0%) · …", with the average score when the scale has one. */
function ratingsLine(ratings: AgentDetail['ratings'], lang: Lang): string {
  if (ratings.distribution.length === 0) return LABELS.noRatings[lang];
  const rated = ratings.distribution.reduce((n, b) => n + (b.count ?? 0), 0);
  const buckets = ratings.distribution
    .map((b) => `${bucketLabel(b, lang)} ${formatCount(b.count)} (${formatRatio(b.share)})`)
    .join(' · ');
  const average =
    ratings.scale === 'two_level'
      ? ''
      : ` · ${LABELS.averageScore[lang]} ${formatScore(ratings.averageScore)}`;
  return `${formatCount(rated)} ${LABELS.rated[lang]}${average}\n${buckets}`;
}

function ratingsChart(ratings: AgentDetail['ratings'], title: string, when: string, lang: Lang): ChartSpec {
  return {
    title,
    subtitle: when,
    lang,
    bestToWorst: 'labels',
    labels: ratings.distribution.map((b) => bucketLabel(b, lang)),
    series: [
      {
        label: lang === 'zh' ? '评价数' : 'Rated chats',
        values: ratings.distribution.map((b) => b.count),
        unit: 'count',
        type: 'bar',
      },
    ],
  };
}

export function agentMessage(card: Card<AgentDetail | null>, view: AgentView): BotMessage {
  const { lang } = view;
  const when = describeRange(card.range, lang);
  const title = truncate(`${LABELS.title[lang]} · ${view.agentName} · ${when}`, SLACK_LIMITS.headerText);
  // `text` is read as mrkdwn as well: a name like "Mia <Trainee> Chen" must stay text.
  const plainTitle = escapeMrkdwn(title);
  const header = headerBlock(title);
  const detail = card.figures;
  const zone = card.range.timeZone;
  if (!detail) {
    const none = LABELS.none[lang];
    return nothingToShow(title, none, zone, view.visibility);
  }
  const about = [zone, detail.row.groups.join(', '), detail.row.email].filter(Boolean).join(' · ');
  const workload = workloadFields(detail, lang);
  const responses = responseFields(detail, lang);
  const blocks: BotMessage['blocks'] = [
    header,
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(about), SLACK_LIMITS.fieldText) }],
    },
    fieldsBlock(LABELS.workload[lang], workload),
    fieldsBlock(LABELS.responses[lang], responses),
    detail.workStatus
      ? fieldsBlock(LABELS.workStatus[lang], workFields(detail.workStatus, card.range, lang))
      : {
          type: 'section',
          text: { type: 'mrkdwn', text: `*${LABELS.workStatus[lang]}*\n${LABELS.noWorkLog[lang]}` },
        },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${LABELS.ratings[lang]}*\n${ratingsLine(detail.ratings, lang)}` },
    },
  ];
  const summary = [...workload, ...responses].map((f) => `${f.label} ${f.value}`).join(', ');
  const chartTitle = lang === 'zh' ? `${view.agentName} 的评价分布` : `Ratings of ${view.agentName}`;
  return {
    visibility: view.visibility,
    text: truncate(`${plainTitle} (${escapeMrkdwn(about)}): ${summary}.`, SLACK_LIMITS.fallbackText),
    blocks,
    ...(detail.ratings.distribution.length
      ? {
          chart: {
            spec: ratingsChart(detail.ratings, chartTitle, when, lang),
            altText: truncate(
              t(lang, 'alt.agentRatings', { agent: view.agentName, when }),
              SLACK_LIMITS.altText,
            ),
            position: blocks.length,
          },
        }
      : {}),
  };
}
