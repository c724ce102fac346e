// `/sobot bot`: the chatbot's side of the period: customers it received, served alone and passed to
// agents (asked for, triggered by its rules, by keyword, where the API splits them), how its chats were
// rated (where the API gives it), against the period before, with a bar chart.

import type { ChartSpec } from '../src/charts/spec.ts';
import { type MessageKey, t } from '../src/i18n/catalogue.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { BotFigures } from '../src/stats/cards.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import type { Card } from '../src/stats/service.ts';
import { cardHeader, type Figure, figuresSection, figuresSummary } from './blocks.ts';
import { changeOf, changeText } from './change.ts';
import { formatCount, formatRatio, type Lang } from './format.ts';
import type { OverviewView } from './overview.ts';

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
const BAR_LABELS = [
  'bot.bar.received',
  'bot.bar.valid',
  'bot.bar.selfServed',
  'bot.bar.transfers',
  'bot.bar.asked',
  'bot.bar.rules',
  'bot.bar.keyword',
] as const satisfies readonly MessageKey[];

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
    title: t(lang, 'bot.title'),
    subtitle: when,
    horizontal: true,
    labels: BAR_LABELS.slice(0, bars.length).map((key) => t(lang, key)),
    lang,
    series: [{ label: t(lang, 'chart.bot.axis'), values: bars, unit: 'count', type: 'bar' }],
  };
}

export function botMessage(card: Card<BotFigures>, view: OverviewView): BotMessage {
  const { lang } = view;
  const f = card.figures;
  const opening = cardHeader(t(lang, 'bot.title'), card.range, view);
  if (f.received === 0) return opening.empty(t(lang, 'bot.empty'));
  const share = (count: number | null, rate: number | null) =>
    t(lang, 'bot.ofTransfers', { n: formatCount(count), rate: formatRatio(rate) });
  const transfers =
    f.transferRate === undefined
      ? formatCount(f.transfersToAgents)
      : t(lang, 'bot.ofReceived', { n: formatCount(f.transfersToAgents), rate: formatRatio(f.transferRate) });
  const lines: Figure[] = [
    [
      t(lang, 'bot.received'),
      formatCount(f.received),
      changeText(changeOf('bot_chats', f.received, f.previous.received, lang), lang),
    ],
    [t(lang, 'bot.valid'), formatCount(f.validReceived), null],
    [t(lang, 'bot.selfServed'), formatCount(f.selfServed), null],
    [
      KPIS.bot_self_service_rate.label[lang],
      formatRatio(f.selfServiceRate),
      changeText(
        changeOf('bot_self_service_rate', f.selfServiceRate, f.previous.selfServiceRate, lang),
        lang,
      ),
    ],
    [
      t(lang, 'bot.transfers'),
      transfers,
      changeWithoutVerdict('bot_chats', f.transfersToAgents, f.previous.transfersToAgents, lang),
    ],
    ...(hasTransferSplit(f)
      ? ([
          [t(lang, 'bot.active'), share(f.activeTransfers, f.activeTransferRate), null],
          [t(lang, 'bot.triggered'), share(f.triggeredTransfers, f.triggeredTransferRate), null],
          [t(lang, 'bot.keyword'), share(f.keywordTransfers, f.keywordTransferRate), null],
        ] satisfies Figure[])
      : []),
    ...(f.ratings
      ? ([
          [t(lang, 'bot.rated'), formatCount(f.ratings.rated), null],
          [t(lang, 'bot.feedback'), formatRatio(f.ratings.feedbackRate), null],
          [t(lang, 'bot.resolved'), formatRatio(f.ratings.resolvedRate), null],
        ] satisfies Figure[])
      : []),
  ];
  const compared = t(lang, 'change.sobotCompared');
  return {
    visibility: view.visibility,
    text: opening.text(figuresSummary(lines.slice(0, 5), lang)),
    blocks: [opening.header, opening.context(compared), figuresSection(lines)],
    chart: {
      spec: botChart(f, opening.when, lang),
      altText: t(lang, 'alt.bot', { when: opening.when }),
      position: 3,
    },
  };
}
