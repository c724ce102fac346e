// `/sobot topics`: chats and ratings per service classification, busiest first, with a chart.

import { type BotMessage, escapeMrkdwn, SLACK_LIMITS } from '../src/slack/message.ts';
import type { TopicRow } from '../src/stats/cards.ts';
import { describeRange } from '../src/stats/period.ts';
import type { Card } from '../src/stats/service.ts';
import { headerBlock, nothingToShow, showingText } from './blocks.ts';
import { formatCount, formatRatio, formatScore, truncate } from './format.ts';
import { CHART_BARS, csvFilename, textTable, toCsv } from './table.ts';

export interface TopicsView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  filters: string | null;
}

const TITLES = {
  en: ['Topic', 'Chats', 'Rated', 'Satisfied', 'Avg. ★'],
  zh: ['服务分类', '会话', '评价', '满意', '平均星级'],
} as const;

export function topicsMessage(card: Card<TopicRow[]>, view: TopicsView): BotMessage {
  const { lang } = view;
  const when = describeRange(card.range, lang);
  const title = truncate(`${lang === 'zh' ? '服务总结' : 'Topics'} · ${when}`, SLACK_LIMITS.headerText);
  const scopeText = [card.range.timeZone, view.filters].filter(Boolean).join(' · ');
  const scope = escapeMrkdwn(scopeText);
  const header = headerBlock(title);
  const topics = card.figures
    .filter((t) => (t.chats ?? 0) > 0)
    .sort((a, b) => (b.chats ?? 0) - (a.chats ?? 0) || a.name.localeCompare(b.name));
  if (topics.length === 0) {
    const none = lang === 'zh' ? '这段时间没有已分类的会话。' : 'No classified chats in this period.';
    return nothingToShow(title, none, scopeText, view.visibility);
  }
  const lines = topics.map((t) => [
    t.name,
    formatCount(t.chats),
    formatCount(t.ratedChats),
    formatRatio(t.satisfaction),
    formatScore(t.averageStars),
  ]);
  const { block, shown } = textTable(TITLES[lang], lines, topics.length);
  const complete = shown === topics.length;
  const filename = csvFilename('topics', card.range);
  const busiest = topics
    .slice(0, 3)
    .map((t) => `${escapeMrkdwn(t.name)} ${formatCount(t.chats)}`)
    .join(', ');
  const footer = showingText(shown, topics.length, 'topics', lang, complete ? null : filename);
  const chartTopics = topics.slice(0, CHART_BARS);
  return {
    visibility: view.visibility,
    text: `${title} (${scope}): busiest ${busiest}.`,
    blocks: [
      header,
      { type: 'context', elements: [{ type: 'mrkdwn', text: scope }] },
      block,
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(footer) }] },
    ],
    chart: {
      spec: {
        title: lang === 'zh' ? '各分类会话量与满意率' : 'Chats and satisfaction per topic',
        labels: chartTopics.map((t) => t.name),
        series: [
          { label: TITLES[lang][1], values: chartTopics.map((t) => t.chats), unit: 'count', type: 'bar' },
          {
            label: TITLES[lang][3],
            values: chartTopics.map((t) => t.satisfaction),
            unit: 'ratio',
            type: 'line',
            axis: 'right',
          },
        ],
      },
      altText: `Bar chart of chats per topic with the satisfied share of ${chartTopics.length} topics`,
      position: 3,
    },
    ...(complete
      ? {}
      : {
          files: [
            {
              filename,
              title: `Topics ${when}`,
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
