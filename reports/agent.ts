// `/sobot agent`: one agent's card. Workload, response times and work status as Sobot reported
// them for the agent, and a chart of the agent's rating distribution. Pure: figures in, message out.

import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { dateText } from '../src/i18n/dates.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { AgentDetail, WorkStatus } from '../src/stats/cards.ts';
import type { AgentKpiId } from '../src/stats/kpi-ids.ts';
import type { DateRange } from '../src/stats/model.ts';
import { describeRange } from '../src/stats/period.ts';
import type { Card } from '../src/stats/service.ts';
import { headerBlock, nothingToShow } from './blocks.ts';
import { formatCount, formatDuration, formatRatio, formatScore, MISSING, truncate } from './format.ts';
import { bucketLabel, kpiLabel } from './labels.ts';

export interface AgentView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  /** The agent's name as the directory knows it (the workload row has only the nickname). */
  agentName: string;
}

type Lang = AgentView['lang'];

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
      label: t(lang, 'agentCard.transfers'),
      value: `${formatCount(counts.transfersIn)} / ${formatCount(counts.transfersOut)}`,
    },
  ];
}

function responseFields(detail: AgentDetail, lang: Lang): Field[] {
  const r = detail.responseTimes;
  return [
    { label: t(lang, 'agentCard.first'), value: formatDuration(r.firstMs, lang) },
    { label: t(lang, 'agentCard.average'), value: formatDuration(r.averageMs, lang) },
    { label: t(lang, 'agentCard.max'), value: formatDuration(r.maxMs, lang) },
    { label: t(lang, 'agentCard.within30s'), value: formatRatio(r.within30sRate) },
    { label: t(lang, 'agentCard.within60s'), value: formatRatio(r.within60sRate) },
  ];
}

/** HH:mm in the company zone; with the date in front when the period is longer than a day. */
export function clockTime(epochMs: number | null, range: DateRange, lang: Lang = 'en'): string {
  if (epochMs === null) return MISSING;
  return range.from === range.to
    ? format(epochMs, 'HH:mm', { in: tz(range.timeZone) })
    : dateText(epochMs, lang, 'dayAndTime', range.timeZone);
}

function workFields(status: WorkStatus, range: DateRange, lang: Lang): Field[] {
  const busy = formatDuration(status.busyMs, lang);
  return [
    { label: t(lang, 'agentCard.online'), value: formatDuration(status.onlineMs, lang) },
    {
      label: t(lang, 'agentCard.busy'),
      value:
        status.busyCount === null
          ? busy
          : t(lang, 'agentCard.busyTimes', { busy, times: formatCount(status.busyCount) }),
    },
    { label: t(lang, 'agentCard.break'), value: formatDuration(status.breakMs, lang) },
    { label: t(lang, 'agentCard.meal'), value: formatDuration(status.mealMs, lang) },
    { label: t(lang, 'agentCard.training'), value: formatDuration(status.trainingMs, lang) },
    { label: t(lang, 'agentCard.meeting'), value: formatDuration(status.meetingMs, lang) },
    { label: t(lang, 'agentCard.firstLogin'), value: clockTime(status.firstLoginAt, range, lang) },
    { label: t(lang, 'agentCard.lastLogout'), value: clockTime(status.lastLogoutAt, range, lang) },
  ];
}

/** "5★ 12 (60.0%) · 4★ 5 (25.0%) · …", with the average score when the scale has one. */
function ratingsLine(ratings: AgentDetail['ratings'], lang: Lang): string {
  if (ratings.distribution.length === 0) return t(lang, 'agentCard.noRatings');
  const rated = ratings.distribution.reduce((n, b) => n + (b.count ?? 0), 0);
  const buckets = ratings.distribution
    .map((b) =>
      t(lang, 'text.note', {
        text: `${bucketLabel(b.label, lang)} ${formatCount(b.count)}`,
        note: formatRatio(b.share),
      }),
    )
    .join(' · ');
  const average =
    ratings.scale === 'two_level'
      ? ''
      : ` · ${t(lang, 'agentCard.averageScore')} ${formatScore(ratings.averageScore)}`;
  return `${formatCount(rated)} ${t(lang, 'agentCard.rated')}${average}\n${buckets}`;
}

function ratingsChart(ratings: AgentDetail['ratings'], title: string, when: string, lang: Lang): ChartSpec {
  return {
    title,
    subtitle: when,
    lang,
    bestToWorst: 'labels',
    labels: ratings.distribution.map((b) => bucketLabel(b.label, lang)),
    series: [
      {
        label: t(lang, 'agentCard.ratedChats'),
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
  const title = truncate(
    `${t(lang, 'agentCard.title')} · ${view.agentName} · ${when}`,
    SLACK_LIMITS.headerText,
  );
  // `text` is read as mrkdwn as well: a name like "Mia <Trainee> Chen" must stay text.
  const plainTitle = escapeMrkdwn(title);
  const header = headerBlock(title);
  const detail = card.figures;
  const zone = card.range.timeZone;
  if (!detail) {
    const none = t(lang, 'agents.none');
    return nothingToShow(title, none, zone, view.visibility, lang);
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
    fieldsBlock(t(lang, 'agentCard.workload'), workload),
    fieldsBlock(t(lang, 'agentCard.responses'), responses),
    detail.workStatus
      ? fieldsBlock(t(lang, 'agentCard.workStatus'), workFields(detail.workStatus, card.range, lang))
      : {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `*${t(lang, 'agentCard.workStatus')}*\n${t(lang, 'agentCard.noWorkLog')}`,
          },
        },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${t(lang, 'agentCard.ratings')}*\n${ratingsLine(detail.ratings, lang)}`,
      },
    },
  ];
  const summary = [...workload, ...responses]
    .map((f) => `${f.label} ${f.value}`)
    .join(t(lang, 'list.figures'));
  const chartTitle = t(lang, 'agentCard.chartTitle', { name: view.agentName });
  return {
    visibility: view.visibility,
    text: truncate(
      t(lang, 'fallback.text', {
        title: plainTitle,
        scope: escapeMrkdwn(about),
        summary: t(lang, 'fallback.figures', { figures: summary }),
      }),
      SLACK_LIMITS.fallbackText,
    ),
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
