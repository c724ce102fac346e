// `/sobot customers`: valid, new and returning customers and 24h FCR against the period before, and
// where visitors came from: the busiest regions as a table and a bar chart.

import type { TableBlock } from '@slack/types';
import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { CustomerFigures, RegionRow } from '../src/stats/cards.ts';
import type { Card } from '../src/stats/service.ts';
import { cardHeader, type Figure, figuresSection, figuresSummary, showingText } from './blocks.ts';
import { changeWithoutVerdict } from './bot.ts';
import { changeOf, changeText } from './change.ts';
import { formatCount, formatRatio, type Lang } from './format.ts';
import { kpiLabel } from './labels.ts';
import type { OverviewView } from './overview.ts';
import { placeName } from './places.ts';
import { CHART_BARS, textTable } from './table.ts';

/** Longest region name in the table; Slack wraps the column but a short table reads better. */
const REGION_WIDTH = 32;

/** "China · Beijing", or the country alone when Sobot gives no region (doc: Netherlands, ""). */
function regionName(row: RegionRow, lang: Lang): string {
  const name = [row.country, row.region]
    .filter(Boolean)
    .map((place) => placeName(place, lang))
    .join(' · ');
  return name || t(lang, 'customers.unknownRegion');
}

function regionsTable(rows: readonly RegionRow[], lang: Lang): TableBlock {
  const titles = (
    ['customers.region', 'customers.visitors', 'customers.freshShort', 'customers.returningShort'] as const
  ).map((key) => t(lang, key));
  const lines = rows.map((row) => [
    regionName(row, lang),
    formatCount(row.visitors),
    formatCount(row.newVisitors),
    formatCount(row.returningVisitors),
  ]);
  return textTable(titles, lines, lines.length, REGION_WIDTH).block;
}

function regionsChart(rows: readonly RegionRow[], when: string, lang: Lang): ChartSpec {
  return {
    title: t(lang, 'customers.chart'),
    subtitle: when,
    lang,
    horizontal: true,
    axisTitles: { left: t(lang, 'chart.customers.axis') },
    // The region alone reads best beside a bar; the country stands in when there is none.
    labels: rows.map(
      (row) => placeName(row.region || row.country, lang) || t(lang, 'customers.unknownRegion'),
    ),
    series: [
      {
        label: t(lang, 'customers.freshShort'),
        values: rows.map((r) => r.newVisitors),
        unit: 'count',
        type: 'bar',
      },
      {
        label: t(lang, 'customers.returningShort'),
        values: rows.map((r) => r.returningVisitors),
        unit: 'count',
        type: 'bar',
      },
    ],
  };
}

export function customersMessage(card: Card<CustomerFigures>, view: OverviewView): BotMessage {
  const { lang } = view;
  const f = card.figures;
  const opening = cardHeader(t(lang, 'customers.title'), card.range, view);
  // A region Sobot lists with 0 visitors is not one they came from.
  const regions = f.regions.filter((row) => row.visitors !== 0);
  if (f.validCustomers === 0 && regions.length === 0) {
    return opening.empty(t(lang, 'customers.empty'));
  }
  const lines: Figure[] = [
    [
      t(lang, 'customers.valid'),
      formatCount(f.validCustomers),
      changeText(changeOf('chats', f.validCustomers, f.previous.validCustomers, lang), lang),
    ],
    [t(lang, 'customers.fresh'), formatCount(f.newCustomers), null],
    [t(lang, 'customers.returning'), formatCount(f.returningCustomers), null],
    [
      t(lang, 'customers.returningShare'),
      formatRatio(f.returningShare),
      changeWithoutVerdict('fcr_24h', f.returningShare, f.previous.returningShare, lang),
    ],
    [
      kpiLabel('fcr_24h', lang, { source: 'company' }),
      formatRatio(f.fcr24h),
      changeText(changeOf('fcr_24h', f.fcr24h, f.previous.fcr24h, lang), lang),
    ],
  ];
  const top = regions.slice(0, CHART_BARS);
  const compared = t(lang, 'change.sobotCompared');
  const busiest = top
    .slice(0, 3)
    .map((row) => `${escapeMrkdwn(regionName(row, lang))} ${formatCount(row.visitors)}`)
    .join(t(lang, 'list.figures'));
  const summary = figuresSummary(lines, lang);
  const blocks: BotMessage['blocks'] = [opening.header, opening.context(compared), figuresSection(lines)];
  if (top.length > 0) {
    blocks.push(regionsTable(top, lang), {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: showingText(top.length, regions.length, 'regions', lang) }],
    });
  }
  return {
    visibility: view.visibility,
    text: opening.text(
      busiest
        ? t(lang, 'sentence.then', {
            first: summary,
            second: t(lang, 'fallback.figures', {
              figures: t(lang, 'text.labelled', { label: t(lang, 'customers.chart'), value: busiest }),
            }),
          })
        : summary,
    ),
    blocks,
    ...(top.length > 0
      ? {
          chart: {
            spec: regionsChart(top, opening.when, lang),
            altText: t(lang, 'alt.customers', { when: opening.when }),
            position: 3,
          },
        }
      : {}),
  };
}
