// `/sobot satisfaction`: how chats and customers rated the service on the company's scale, the
// feedback and resolved rates, the distribution as a table and a bar chart (chats and customers).

import type { TableBlock } from '@slack/types';
import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { SatisfactionFigures } from '../src/stats/cards.ts';
import type { RatingScale } from '../src/stats/kpi-ids.ts';
import { describeRange } from '../src/stats/period.ts';
import type { Card } from '../src/stats/service.ts';
import { headerBlock, nothingToShow } from './blocks.ts';
import { formatCount, formatRatio, formatScore, type Lang, truncate } from './format.ts';
import { kpiLabel, SCALE_NAMES, scalesNote } from './labels.ts';
import type { OverviewView } from './overview.ts';
import { textTable } from './table.ts';

const WORDS = {
  title: { en: 'Satisfaction', zh: '满意度' },
  rated: { en: 'Rated chats', zh: '评价会话数' },
  valid: { en: 'Valid chats', zh: '有效会话数' },
  feedback: { en: 'Feedback rate', zh: '评价率' },
  resolved: { en: 'Resolved', zh: '已解决率' },
  average: { en: 'Average score', zh: '平均分' },
  scale: { en: 'Scale', zh: '评价方式' },
  customersRated: { en: 'Customers who rated', zh: '评价客户数' },
  customersResolved: { en: 'Customers resolved', zh: '已解决客户数' },
  customersAverage: { en: 'Customer avg. score', zh: '客户平均分' },
  rating: { en: 'Rating', zh: '评分' },
  chats: { en: 'Chats', zh: '会话' },
  share: { en: 'Share', zh: '占比' },
  customers: { en: 'Customers', zh: '客户' },
  chart: { en: 'Ratings', zh: '评分分布' },
  noRatings: { en: 'No rated chats in this period.', zh: '这段时间没有评价。' },
  nothing: {
    en: 'Sobot returned no satisfaction figures for this period.',
    zh: 'Sobot 没有返回这段时间的满意度数据。',
  },
} as const;

const TOP_SCORE: Record<RatingScale, string> = { five_star: ' / 5', nps: ' / 10', two_level: '' };

/** The two-level buckets arrive with English names from src/; the rest are digits and stars. */
const BUCKET_ZH: Record<string, string> = { Satisfied: '满意', Dissatisfied: '不满意' };
const bucketLabel = (label: string, lang: Lang) => (lang === 'zh' ? (BUCKET_ZH[label] ?? label) : label);

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
    WORDS.rating,
    WORDS.chats,
    WORDS.share,
    ...(perCustomer ? [WORDS.customers, WORDS.share] : []),
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
  return textTable(
    titles.map((w) => w[lang]),
    lines,
    lines.length,
  ).block;
}

/** One 100% bar per chat and per customer, stacked by rating: how the ratings split. */
function distributionChart(figures: SatisfactionFigures, when: string, lang: Lang): ChartSpec {
  const byLabel = new Map(figures.customers.distribution.map((b) => [b.label, b.share]));
  const withCustomers = figures.customers.distribution.some((b) => b.share !== null);
  return {
    title: WORDS.chart[lang],
    subtitle: when,
    lang,
    labels: withCustomers ? [WORDS.chats[lang], WORDS.customers[lang]] : [WORDS.chats[lang]],
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
  const when = describeRange(card.range, lang);
  const title = truncate(`${WORDS.title[lang]} · ${when}`, SLACK_LIMITS.headerText);
  const scope = [card.range.timeZone, view.filters].filter(Boolean).join(' · ');
  const header = headerBlock(title);
  if (f.scale === null) {
    const none = f.validChats === null && f.ratedChats === null ? WORDS.nothing[lang] : WORDS.noRatings[lang];
    const valid = f.validChats === null ? '' : ` ${WORDS.valid[lang]}: ${formatCount(f.validChats)}.`;
    return nothingToShow(title, `${none}${valid}`, scope, view.visibility);
  }
  const lines: (readonly [label: string, value: string])[] = [
    [kpiLabel('satisfaction', lang, { source: 'company', scale: f.scale }), formatRatio(f.satisfaction)],
    [WORDS.rated[lang], formatCount(f.ratedChats)],
    [WORDS.valid[lang], formatCount(f.validChats)],
    [WORDS.feedback[lang], formatRatio(f.feedbackRate)],
    [WORDS.resolved[lang], formatRatio(f.resolvedRate)],
    [WORDS.scale[lang], SCALE_NAMES[f.scale][lang]],
    ...(f.scale === 'two_level' ? [] : [[WORDS.average[lang], scoreText(f.averageScore, f.scale)] as const]),
    ...(hasCustomerFigures(f)
      ? [
          [WORDS.customersRated[lang], formatCount(f.customers.rated)] as const,
          [WORDS.customersResolved[lang], formatCount(f.customers.resolved)] as const,
          ...(f.scale === 'two_level'
            ? []
            : [[WORDS.customersAverage[lang], scoreText(f.customers.averageScore, f.scale)] as const]),
        ]
      : []),
  ];
  const summary = lines.slice(0, 5).map(([label, value]) => `${label} ${value}`);
  // Chats rated on other scales too: the figures are the company's scale's, never a pool.
  const severalScales = scalesNote({ scale: f.scale, inUse: f.scalesInUse }, lang);
  return {
    visibility: view.visibility,
    text: `${title} (${escapeMrkdwn(scope)}): ${summary.join(', ')}.`,
    blocks: [
      header,
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: escapeMrkdwn([scope, severalScales].filter(Boolean).join(' · ')) },
        ],
      },
      {
        type: 'section',
        fields: lines.map(([label, value]) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` })),
      },
      distributionTable(f, lang),
    ],
    chart: {
      spec: distributionChart(f, when, lang),
      altText: t(lang, 'alt.satisfaction', { when, scale: SCALE_NAMES[f.scale][lang] }),
      position: 3,
    },
  };
}
