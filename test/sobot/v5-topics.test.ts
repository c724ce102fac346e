import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/errors.ts';
import type { SobotV5Client } from '../../src/sobot/v5/client.ts';
import { v5Endpoints } from '../../src/sobot/v5/endpoints.ts';
import { fetchTopics, toTopicRow } from '../../src/sobot/v5/topics.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/v5/serviceSummary.json', import.meta.url), 'utf8'),
) as {
  items: unknown[];
};
const parse = (raw: unknown) => v5Endpoints.serviceSummary.item.parse(raw);

describe('toTopicRow', () => {
  it('reads the doc example: "Category 2" with 2 chats and nothing rated', () => {
    const row = toTopicRow(parse(fixture.items[0]), 'five_star');
    expect(row).toEqual({
      id: '1675771496144510978',
      name: 'Category 2',
      level: 1,
      chats: 2,
      ratedChats: 0,
      satisfaction: null,
      averageStars: null,
    });
  });

  it('sums the detail rows and reads satisfaction on one scale, never pooling 5★ with 9–10', () => {
    const detail = (chats: number, stars: number[], nps: Record<number, number> = {}) => ({
      total_conversation_num: chats,
      comment_type_total_num:
        stars.reduce((a, b) => a + b, 0) + Object.values(nps).reduce((a, b) => a + b, 0),
      ...Object.fromEntries(stars.map((count, i) => [`star_level_num${i + 1}`, count])),
      ...Object.fromEntries(Object.entries(nps).map(([score, count]) => [`score_num${score}`, count])),
    });
    const refunds = parse({
      classify_id: 'c1',
      classify_show_name: 'Refunds',
      level: '1',
      // Day one: 1×1★, 1×3★, 2×5★; day two: 1×4★ and two 10-point ratings, a 10 and a 6.
      details: [detail(10, [1, 0, 1, 0, 2]), detail(5, [0, 0, 0, 1, 0], { 10: 1, 6: 1 })],
    });
    const row = toTopicRow(refunds, 'five_star');
    expect(row.chats).toBe(15);
    expect(row.ratedChats).toBe(7);
    // On 5 stars: two 5★ of 5 star ratings (pooled with the 0–10 ones it would be 3 / 7).
    expect(row.satisfaction).toBeCloseTo(2 / 5, 10);
    // On 0–10: one 10 of two ratings.
    expect(toTopicRow(refunds, 'nps').satisfaction).toBeCloseTo(1 / 2, 10);
    // Stars: (1 + 3 + 5 + 5 + 4) / 5 ratings.
    expect(row.averageStars).toBeCloseTo(18 / 5, 10);
  });
});

describe('fetchTopics', () => {
  const range = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };

  it('asks for the whole period, filtered by skill group', async () => {
    const bodies: Record<string, unknown>[] = [];
    const client: SobotV5Client = {
      call: () => Promise.reject(new Error('not used')),
      fetchAll: async (_key, body) => {
        bodies.push(body);
        return [];
      },
    };
    await fetchTopics(client, range, { groupIds: ['g1', 'g2'] }, 'interactive');
    expect(bodies).toEqual([
      {
        summary_way: 0,
        start_date: '2026-11-16 00:00:00',
        end_date: '2026-11-22 23:59:59',
        group_ids_param: 'g1,g2',
      },
    ]);
  });

  it('refuses filters the service summary does not take', async () => {
    const client = {
      call: () => Promise.reject(),
      fetchAll: () => Promise.reject(),
    } as unknown as SobotV5Client;
    await expect(fetchTopics(client, range, { channelTypes: ['0'] }, 'interactive')).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });
});

describe('fetchTopics and sub-topics', () => {
  it('keeps the level-1 topics only: a sub-topic’s chats are already in its parent’s', async () => {
    const row = (id: string, level: string) => ({
      classify_id: id,
      classify_show_name: id,
      level,
      details: [{ total_conversation_num: 3 }],
    });
    const client: SobotV5Client = {
      call: () => Promise.reject(new Error('not used')),
      fetchAll: async <K extends keyof typeof v5Endpoints>() =>
        [
          parse(row('parent', '1')),
          parse(row('child', '2')),
        ] as unknown as import('../../src/sobot/v5/endpoints.ts').V5Item<K>[],
    };
    const topics = await fetchTopics(
      client,
      { from: '2026-11-16', to: '2026-11-22', timeZone: 'UTC' },
      {},
      'interactive',
    );
    expect(topics.topics.map((t) => t.name)).toEqual(['parent']);
  });
});

describe('fetchTopics and the rating scale', () => {
  it('reads every topic on the scale with most ratings over all topics', async () => {
    const topic = (id: string, details: Record<string, number>) => ({
      classify_id: id,
      classify_show_name: id,
      level: '1',
      details: [{ total_conversation_num: 10, ...details }],
    });
    const client: SobotV5Client = {
      call: () => Promise.reject(new Error('not used')),
      fetchAll: async <K extends keyof typeof v5Endpoints>() =>
        [
          // Six star ratings (three 5★) against two 0–10 ratings: the company rates on stars.
          parse(topic('Billing', { star_level_num5: 3, star_level_num1: 3 })),
          parse(topic('Refunds', { score_num10: 2 })),
        ] as unknown as import('../../src/sobot/v5/endpoints.ts').V5Item<K>[],
    };
    const topics = await fetchTopics(
      client,
      { from: '2026-11-16', to: '2026-11-22', timeZone: 'UTC' },
      {},
      'interactive',
    );
    expect(topics.topics.map((t) => [t.name, t.satisfaction])).toEqual([
      ['Billing', 0.5],
      // No star ratings: unknown, not the 100% of its 0–10 ones pooled in.
      ['Refunds', null],
    ]);
    // Both scales in use, said so by the card rather than pooled.
    expect(topics.ratings).toEqual({ scale: 'five_star', inUse: ['five_star', 'nps'] });
  });
});
