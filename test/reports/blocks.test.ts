// Specs for the one footer form every table uses.

import { describe, expect, it } from 'vitest';
import { showingText } from '../../reports/blocks.ts';

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
