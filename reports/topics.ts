// `/sobot topics`: chats and ratings per service classification, busiest first, with a chart.

import { t } from '../src/i18n/catalogue.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { TopicFigures } from '../src/stats/cards.ts';
import type { RatingUse } from '../src/stats/model.ts';
import type { Card } from '../src/stats/service.ts';
import { cardHeader, showingText } from './blocks.ts';
import { formatCount, formatRatio, formatScore, type Lang } from './format.ts';
import { kpiLabel, scalesNote } from './labels.ts';
import { CHART_BARS, csvFilename, textTable, toCsv } from './table.ts';

export interface TopicsView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  filters: string | null;
}

/** The column titles; satisfaction's is Sobot's name for it on the topics' rating scale. */
function titles(lang: Lang, ratings: RatingUse): string[] {
  return [
    t(lang, 'topics.column.topic'),
    t(lang, 'topics.column.chats'),
    t(lang, 'topics.column.rated'),
    kpiLabel('satisfaction', lang, { source: 'company', scale: ratings.scale }),
    t(lang, 'topics.column.stars'),
  ];
}

export function topicsMessage(card: Card<TopicFigures>, view: TopicsView): BotMessage {
  const { lang } = view;
  const { ratings } = card.figures;
  const opening = cardHeader(t(lang, 'topics.title'), card.range, view);
  const { when } = opening;
  const severalScales = scalesNote(ratings, lang);
  const columns = titles(lang, ratings);
  const topics = card.figures.topics
    .filter((t) => (t.chats ?? 0) > 0)
    .sort((a, b) => (b.chats ?? 0) - (a.chats ?? 0) || a.name.localeCompare(b.name));
  if (topics.length === 0) {
    return opening.empty(t(lang, 'topics.none'));
  }
  const lines = topics.map((t) => [
    t.name,
    formatCount(t.chats),
    formatCount(t.ratedChats),
    formatRatio(t.satisfaction),
    formatScore(t.averageStars),
  ]);
  const { block, shown } = textTable(columns, lines, topics.length);
  const complete = shown === topics.length;
  const filename = csvFilename('topics', card.range);
  const busiest = topics
    .slice(0, 3)
    .map((t) => `${escapeMrkdwn(t.name)} ${formatCount(t.chats)}`)
    .join(t(lang, 'list.figures'));
  const footer = showingText(shown, topics.length, 'topics', lang, complete ? null : filename);
  const chartTopics = topics.slice(0, CHART_BARS);
  return {
    visibility: view.visibility,
    text: opening.text(t(lang, 'fallback.busiest', { busiest }), severalScales),
    blocks: [
      opening.header,
      opening.context(severalScales),
      block,
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(footer) }] },
    ],
    chart: {
      spec: {
        title: t(lang, 'chart.topics.title', { share: columns[3] ?? '' }),
        subtitle: when,
        lang,
        horizontal: true,
        labels: chartTopics.map((topic) => topic.name),
        series: [
          { label: columns[1] ?? '', values: chartTopics.map((t) => t.chats), unit: 'count', type: 'bar' },
          {
            label: columns[3] ?? '',
            values: chartTopics.map((t) => t.satisfaction),
            unit: 'ratio',
            type: 'line',
            axis: 'right',
          },
        ],
      },
      altText: t(lang, 'alt.topics', { count: chartTopics.length, share: titles(lang, ratings)[3] ?? '' }),
      position: 3,
    },
    ...(complete
      ? {}
      : {
          files: [
            {
              filename,
              title: t(lang, 'file.topics', { when }),
              content: toCsv(
                ['topic', 'chats', 'rated', 'satisfied_pct', 'avg_stars'],
                topics.map((t) => [
                  t.name,
                  String(t.chats ?? ''),
                  String(t.ratedChats ?? ''),
                  t.satisfaction === null ? '' : (t.satisfaction * 100).toFixed(2),
                  t.averageStars === null ? '' : t.averageStars.toFixed(2),
                ]),
              ),
            },
          ],
        }),
  };
}
