// `/sobot satisfaction`: how chats and customers rated the service on the company's scale, the
// feedback and resolved rates, the distribution as a table and a bar chart (chats and customers).

import type { TableBlock } from '@slack/types';
import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { SatisfactionFigures } from '../src/stats/cards.ts';
import type { RatingScale } from '../src/stats/kpi-ids.ts';
import type { Card } from '../src/stats/service.ts';
import { cardHeader, type Figure, figuresSection, figuresSummary } from './blocks.ts';
import { formatCount, formatRatio, formatScore, type Lang } from './format.ts';
import { bucketLabel, kpiLabel, SCALE_NAMES, scalesNote } from './labels.ts';
import type { OverviewView } from './overview.ts';
import { textTable } from './table.ts';

const TOP_SCORE: Record<RatingScale, string> = { five_star: ' / 5', nps: ' / 10', two_level: '' };

const scoreText = (value: number | null, scale: RatingScale | null) =>
  value === null ? formatScore(null) : `${formatScore(value)}${scale ? TOP_SCORE[scale] : ''}`;

/** Whether the API gave any per-customer figure (the legacy API gives none: no columns of "–"). */
function hasCustomerFigures({ customers: c }: SatisfactionFigures): boolean {
  return c.rated !== null || c.resolved !== null || c.averageScore !== null || c.distribution.length > 0;
}

function distributionTable(figures: SatisfactionFigures, lang: Lang): TableBlock {
  const byLabel = new Map(figures.customers.distribution.map((b) => [b.label, b]));
  const perCustomer = hasCustomerFigures(figures);
  const titles = [
    t(lang, 'satisfaction.rating'),
    t(lang, 'satisfaction.chats'),
    t(lang, 'satisfaction.share'),
    ...(perCustomer ? [t(lang, 'satisfaction.customers'), t(lang, 'satisfaction.share')] : []),
  ];
  const lines = figures.distribution.map((bucket) => {
    const customer = byLabel.get(bucket.label);
    return [
      bucketLabel(bucket.label, lang),
      formatCount(bucket.count),
      formatRatio(bucket.share),
      ...(perCustomer ? [formatCount(customer?.count ?? null), formatRatio(customer?.share ?? null)] : []),
    ];
  });
  return textTable(titles, lines, lines.length).block;
}

/** One 100% bar per chat and per customer, stacked by rating: how the ratings split. */
function distributionChart(figures: SatisfactionFigures, when: string, lang: Lang): ChartSpec {
  const byLabel = new Map(figures.customers.distribution.map((b) => [b.label, b.share]));
  const withCustomers = figures.customers.distribution.some((b) => b.share !== null);
  return {
    title: t(lang, 'satisfaction.chart'),
    subtitle: when,
    lang,
    labels: withCustomers
      ? [t(lang, 'satisfaction.chats'), t(lang, 'satisfaction.customers')]
      : [t(lang, 'satisfaction.chats')],
    horizontal: true,
    stacked: true,
    bestToWorst: 'series',
    height: 240,
    series: figures.distribution.map((bucket) => ({
      label: bucketLabel(bucket.label, lang),
      values: withCustomers ? [bucket.share, byLabel.get(bucket.label) ?? null] : [bucket.share],
      unit: 'ratio' as const,
      type: 'bar' as const,
    })),
  };
}

export function satisfactionMessage(card: Card<SatisfactionFigures>, view: OverviewView): BotMessage {
  const { lang } = view;
  const f = card.figures;
  const opening = cardHeader(t(lang, 'satisfaction.title'), card.range, view);
  if (f.scale === null) {
    const none =
      f.validChats === null && f.ratedChats === null
        ? t(lang, 'satisfaction.nothing')
        : t(lang, 'satisfaction.noRatings');
    const valid =
      f.validChats === null ? '' : ` ${t(lang, 'satisfaction.valid')}: ${formatCount(f.validChats)}.`;
    return opening.empty(`${none}${valid}`);
  }
  const lines: Figure[] = [
    [kpiLabel('satisfaction', lang, { source: 'company', scale: f.scale }), formatRatio(f.satisfaction)],
    [t(lang, 'satisfaction.rated'), formatCount(f.ratedChats)],
    [t(lang, 'satisfaction.valid'), formatCount(f.validChats)],
    [t(lang, 'satisfaction.feedback'), formatRatio(f.feedbackRate)],
    [t(lang, 'satisfaction.resolved'), formatRatio(f.resolvedRate)],
    [t(lang, 'satisfaction.scale'), t(lang, SCALE_NAMES[f.scale])],
    ...(f.scale === 'two_level'
      ? []
      : [[t(lang, 'satisfaction.average'), scoreText(f.averageScore, f.scale)] as const]),
    ...(hasCustomerFigures(f)
      ? [
          [t(lang, 'satisfaction.customersRated'), formatCount(f.customers.rated)] as const,
          [t(lang, 'satisfaction.customersResolved'), formatCount(f.customers.resolved)] as const,
          ...(f.scale === 'two_level'
            ? []
            : [
                [
                  t(lang, 'satisfaction.customersAverage'),
                  scoreText(f.customers.averageScore, f.scale),
                ] as const,
              ]),
        ]
      : []),
  ];
  // Chats rated on other scales too: the figures are the company's scale's, never a pool.
  const severalScales = scalesNote({ scale: f.scale, inUse: f.scalesInUse }, lang);
  return {
    visibility: view.visibility,
    text: opening.text(figuresSummary(lines.slice(0, 5), lang)),
    blocks: [
      opening.header,
      opening.context(severalScales),
      figuresSection(lines),
      distributionTable(f, lang),
    ],
    chart: {
      spec: distributionChart(f, opening.when, lang),
      altText: t(lang, 'alt.satisfaction', { when: opening.when, scale: t(lang, SCALE_NAMES[f.scale]) }),
      position: 3,
    },
  };
}
