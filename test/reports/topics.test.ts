import { describe, expect, it } from 'vitest';
import { topicsMessage } from '../../reports/topics.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { TopicFigures, TopicRow } from '../../src/stats/cards.ts';
import type { RatingUse } from '../../src/stats/model.ts';

const range = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };
const view = { lang: 'en' as const, visibility: 'ephemeral' as const, filters: null };
const topic = (name: string, chats: number | null, extra: Partial<TopicRow> = {}): TopicRow => ({
  id: name,
  name,
  level: 1,
  chats,
  ratedChats: null,
  satisfaction: null,
  averageStars: null,
  ...extra,
});
const STARS: RatingUse = { scale: 'five_star', inUse: ['five_star'] };
const figures = (topics: TopicRow[], ratings: RatingUse = STARS): TopicFigures => ({ ratings, topics });
const tableOf = (blocks: unknown[]) =>
  (
    (blocks.find((b) => (b as { type: string }).type === 'table') as { rows: { text: string }[][] })?.rows ??
    []
  ).map((row) => row.map((cell) => cell.text));

describe('topicsMessage', () => {
  it('lists topics busiest first with their figures, and leaves out topics without chats', () => {
    const message = topicsMessage(
      {
        range,
        filters: {},
        figures: figures([
          topic('Refunds', 12, { ratedChats: 7, satisfaction: 3 / 7, averageStars: 3.6 }),
          topic('Login & <SSO>', 1_250),
          topic('Idle', 0),
        ]),
      },
      view,
    );
    expect(tableOf(message.blocks)).toEqual([
      ['Topic', 'Chats', 'Rated', 'Positive feedback (5★)', 'Avg. ★'],
      ['Login & <SSO>', '1,250', '–', '–', '–'],
      ['Refunds', '12', '7', '42.9%', '3.6'],
    ]);
    expect(message.text).toContain('Login &amp; &lt;SSO&gt; 1,250');
    expect(blockKitProblems(message)).toEqual([]);
  });

  const NPS: RatingUse = { scale: 'nps', inUse: ['nps'] };
  it.each([
    ['en', STARS, 'Positive feedback (5★)'],
    ['en', NPS, 'Positive feedback (0–10)'],
    ['zh', STARS, '好评率（五星）'],
    ['zh', NPS, '好评率（十分制）'],
  ] as const)(
    '(%s) names the satisfaction column as Sobot does on the scale: %o → %s',
    (lang, ratings, label) => {
      const message = topicsMessage(
        { range, filters: {}, figures: figures([topic('Refunds', 12, { satisfaction: 0.5 })], ratings) },
        { ...view, lang },
      );
      expect(tableOf(message.blocks)[0]?.[3]).toBe(label);
      expect(message.chart?.spec.series[1]?.label).toBe(label);
      expect(JSON.stringify(message)).not.toMatch(/Satisfied|满意/);
    },
  );

  it('says in the context line when topics were rated on several scales, not pooled', () => {
    const both: RatingUse = { scale: 'five_star', inUse: ['five_star', 'nps'] };
    const message = topicsMessage(
      { range, filters: {}, figures: figures([topic('Refunds', 12)], both) },
      view,
    );
    const context = JSON.stringify(message.blocks.filter((b) => b.type === 'context'));
    expect(context).toContain(
      'Ratings on several scales: satisfaction is on 5 stars (most ratings), not pooled with 0–10 score',
    );
  });

  it('says so when no chat was classified', () => {
    const message = topicsMessage({ range, filters: {}, figures: figures([topic('Idle', 0)]) }, view);
    expect(message.text).toContain('No classified chats in this period.');
    expect(message.chart).toBeUndefined();
  });

  it('fits 150 topics: what does not fit goes to a CSV', () => {
    const many = Array.from({ length: 150 }, (_, i) => topic(`Topic number ${i} with a long name`, 1000 - i));
    const message = topicsMessage({ range, filters: {}, figures: figures(many) }, view);
    expect(blockKitProblems(message)).toEqual([]);
    expect(tableOf(message.blocks).length).toBeLessThanOrEqual(100);
    expect(message.files?.[0]?.content.trim().split('\r\n')).toHaveLength(151);
  });
});
