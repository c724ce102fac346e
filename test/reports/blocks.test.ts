// Specs for the opening every card for a period shares, and the one footer form every table uses.

import { describe, expect, it } from 'vitest';
import { cardHeader, figuresSection, figuresSummary, showingText } from '../../reports/blocks.ts';

describe('cardHeader', () => {
  const week = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };
  const view = { lang: 'en', visibility: 'ephemeral', filters: 'Group: Pre-sales' } as const;

  it('titles the card with the period and states its scope: time zone, filters, then its own marks', () => {
    const opening = cardHeader('Bot', week, view, [null, 'each day']);
    expect(opening.when).toBe('Mon 16 – Sun 22 Nov 2026');
    expect(opening.title).toBe('Bot · Mon 16 – Sun 22 Nov 2026');
    expect(opening.header).toEqual({ type: 'header', text: { type: 'plain_text', text: opening.title } });
    expect(opening.scope).toBe('Asia/Shanghai · Group: Pre-sales · each day');
  });

  it('leaves out filters that are not there', () => {
    expect(cardHeader('Bot', week, { ...view, filters: null }).scope).toBe('Asia/Shanghai');
  });

  it('cuts a long title to the 150 characters of a Slack header', () => {
    const { title } = cardHeader('x'.repeat(200), week, view);
    expect(title).toHaveLength(150);
    expect(title.endsWith('…')).toBe(true);
  });

  it('puts the scope and any notes on the context line and in the notification, escaped for mrkdwn', () => {
    const opening = cardHeader('Bot', week, { ...view, filters: 'Group: <R&D>' });
    expect(opening.context('vs. the week before')).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Asia/Shanghai · Group: &lt;R&amp;D&gt; · vs. the week before' }],
    });
    expect(opening.text('Chats 12', null, 'two scales')).toBe(
      'Bot · Mon 16 – Sun 22 Nov 2026 (Asia/Shanghai · Group: &lt;R&amp;D&gt; · two scales): Chats 12',
    );
  });

  it('answers a period with nothing to show with the header and what is missing for this scope', () => {
    expect(cardHeader('Bot', week, view).empty('No chats.')).toEqual({
      visibility: 'ephemeral',
      text: 'Bot · Mon 16 – Sun 22 Nov 2026: No chats.',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Bot · Mon 16 – Sun 22 Nov 2026' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'No chats. (Asia/Shanghai · Group: Pre-sales)' } },
      ],
    });
  });

  it('says it in Chinese', () => {
    const opening = cardHeader('机器人', week, { ...view, lang: 'zh', filters: null });
    expect(opening.title).toBe('机器人 · 2026年11月16日 – 11月22日');
    expect(opening.text('会话 12')).toBe('机器人 · 2026年11月16日 – 11月22日（Asia/Shanghai）：会话 12');
  });
});

describe('figuresSection and figuresSummary', () => {
  const figures = [
    ['Chats', '1,204', '▲ 12% better'],
    ['Rated', '310', null],
    ['Scale', '5 stars'],
  ] as const;

  it('shows each figure in bold over its value, with its change in italics where it has one', () => {
    expect(figuresSection(figures).fields.map((field) => field.text)).toEqual([
      '*Chats*\n1,204  _▲ 12% better_',
      '*Rated*\n310',
      '*Scale*\n5 stars',
    ]);
  });

  it('lists the figures without their changes for the notification', () => {
    expect(figuresSummary(figures, 'en')).toBe('Chats 1,204, Rated 310, Scale 5 stars.');
  });
});

describe('showingText', () => {
  it('says how many of how many, naming what is listed', () => {
    expect(showingText(15, 75, 'agents', 'en')).toBe('Showing 15 of 75 agents');
    expect(showingText(6, 6, 'groups', 'en')).toBe('Showing 6 of 6 skill groups');
    expect(showingText(1, 1, 'regions', 'en')).toBe('Showing 1 of 1 region');
  });

  it('names the attached file when the table did not fit', () => {
    expect(showingText(98, 120, 'channels', 'en', 'channels-2026-11-21.csv')).toBe(
      'Showing 98 of 120 channels · full table attached as channels-2026-11-21.csv',
    );
  });

  it('says it in Chinese with the measure word', () => {
    expect(showingText(15, 75, 'agents', 'zh')).toBe('显示 15 / 75 位客服');
    expect(showingText(9, 9, 'regions', 'zh', 'x.csv')).toBe('显示 9 / 9 个地区 · 完整表格见附件 x.csv');
  });
});
