// `/sobot bot`: the chatbot's side of the period: customers it received, served alone and passed to
// agents (asked for, triggered by its rules, by keyword, where the API splits them), how its chats were
// rated (where the API gives it), against the period before, with a bar chart.

import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { BotFigures } from '../src/stats/cards.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { describeRange } from '../src/stats/period.ts';
import type { Card } from '../src/stats/service.ts';
import { headerBlock, nothingToShow } from './blocks.ts';
import { changeOf, changeText } from './change.ts';
import { formatCount, formatRatio, type Lang, truncate } from './format.ts';
import type { OverviewView } from './overview.ts';

const WORDS = {
  title: { en: 'Chatbot', zh: '机器人' },
  received: { en: 'Received', zh: '机器人接待客户数' },
  valid: { en: 'Validly received', zh: '机器人有效接待' },
  selfServed: { en: 'Self-served', zh: '机器人独立接待' },
  transfers: { en: 'Transfers to agents', zh: '转人工客户数' },
  active: { en: 'Asked for an agent', zh: '主动转人工' },
  triggered: { en: 'Triggered by rules', zh: '触发转人工' },
  keyword: { en: 'Triggered by keyword', zh: '关键词转人工' },
  ofTransfers: { en: 'of transfers', zh: '占转人工' },
  ofReceived: { en: 'of received', zh: '占接待' },
  rated: { en: 'Rated bot chats', zh: '机器人评价数' },
  feedback: { en: 'Bot feedback rate', zh: '机器人参评率' },
  resolved: { en: 'Resolved by the bot', zh: '机器人已解决率' },
  empty: { en: 'The bot received no customers in this period.', zh: '这段时间机器人没有接待客户。' },
} as const;

/**
 * ▲/▼ and the amount without "better"/"worse", for figures whose good direction is a matter of
 * view (more transfers to agents, a larger returning share). `like` gives the unit.
 */
export function changeWithoutVerdict(
  like: KpiId,
  current: number | null,
  previous: number | null,
  lang: Lang,
): string {
  const change = changeOf(like, current, previous, lang);
  return change && change.verdict !== 'same' ? `${change.arrow} ${change.amount}` : changeText(change, lang);
}

/** Bar labels short enough for the chart's 16 characters. */
const BAR_LABELS = {
  en: ['Received', 'Valid', 'Self-served', 'Transfers', 'Asked', 'Rules', 'Keyword'],
  zh: ['接待', '有效接待', '独立接待', '转人工', '主动转', '触发转', '关键词转'],
} as const;

/** Whether the API split the transfers by how they came about (the legacy API does not). */
const hasTransferSplit = (f: BotFigures) =>
  [f.activeTransfers, f.triggeredTransfers, f.keywordTransfers].some((count) => count !== null);

function botChart(f: BotFigures, when: string, lang: Lang): ChartSpec {
  const bars = [
    f.received,
    f.validReceived,
    f.selfServed,
    f.transfersToAgents,
    f.activeTransfers,
    f.triggeredTransfers,
    f.keywordTransfers,
  ].slice(0, hasTransferSplit(f) ? undefined : 4);
  return {
    title: WORDS.title[lang],
    subtitle: when,
    horizontal: true,
    labels: BAR_LABELS[lang].slice(0, bars.length),
    lang,
    series: [{ label: t(lang, 'chart.bot.axis'), values: bars, unit: 'count', type: 'bar' }],
  };
}

export function botMessage(card: Card<BotFigures>, view: OverviewView): BotMessage {
  const { lang } = view;
  const f = card.figures;
  const when = describeRange(card.range, lang);
  const title = truncate(`${WORDS.title[lang]} · ${when}`, SLACK_LIMITS.headerText);
  const scope = [card.range.timeZone, view.filters].filter(Boolean).join(' · ');
  const header = headerBlock(title);
  if (f.received === 0) {
    return nothingToShow(title, WORDS.empty[lang], scope, view.visibility);
  }
  const share = (count: number | null, rate: number | null) =>
    `${formatCount(count)} (${formatRatio(rate)} ${WORDS.ofTransfers[lang]})`;
  const transfers =
    f.transferRate === undefined
      ? formatCount(f.transfersToAgents)
      : `${formatCount(f.transfersToAgents)} (${formatRatio(f.transferRate)} ${WORDS.ofReceived[lang]})`;
  type Line = [label: string, value: string, change: string | null];
  const lines: Line[] = [
    [
      WORDS.received[lang],
      formatCount(f.received),
      changeText(changeOf('bot_chats', f.received, f.previous.received, lang), lang),
    ],
    [WORDS.valid[lang], formatCount(f.validReceived), null],
    [WORDS.selfServed[lang], formatCount(f.selfServed), null],
    [
      KPIS.bot_self_service_rate.label[lang],
      formatRatio(f.selfServiceRate),
      changeText(
        changeOf('bot_self_service_rate', f.selfServiceRate, f.previous.selfServiceRate, lang),
        lang,
      ),
    ],
    [
      WORDS.transfers[lang],
      transfers,
      changeWithoutVerdict('bot_chats', f.transfersToAgents, f.previous.transfersToAgents, lang),
    ],
    ...(hasTransferSplit(f)
      ? ([
          [WORDS.active[lang], share(f.activeTransfers, f.activeTransferRate), null],
          [WORDS.triggered[lang], share(f.triggeredTransfers, f.triggeredTransferRate), null],
          [WORDS.keyword[lang], share(f.keywordTransfers, f.keywordTransferRate), null],
        ] satisfies Line[])
      : []),
    ...(f.ratings
      ? ([
          [WORDS.rated[lang], formatCount(f.ratings.rated), null],
          [WORDS.feedback[lang], formatRatio(f.ratings.feedbackRate), null],
          [WORDS.resolved[lang], formatRatio(f.ratings.resolvedRate), null],
        ] satisfies Line[])
      : []),
  ];
  const compared = t(lang, 'change.sobotCompared');
  const summary = lines.slice(0, 5).map(([label, value]) => `${label} ${value}`);
  return {
    visibility: view.visibility,
    text: `${title} (${escapeMrkdwn(scope)}): ${summary.join(', ')}.`,
    blocks: [
      header,
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`${scope} · ${compared}`) }] },
      {
        type: 'section',
        fields: lines.map(([label, value, change]) => ({
          type: 'mrkdwn' as const,
          text: `*${label}*\n${value}${change ? `  _${change}_` : ''}`,
        })),
      },
    ],
    chart: {
      spec: botChart(f, when, lang),
      altText: t(lang, 'alt.bot', { when }),
      position: 3,
    },
  };
}
