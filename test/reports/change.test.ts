// Specs for a KPI's change against the previous period: points for rates, percent for counts and
// durations, and "better"/"worse" by the direction each KPI is read in. Expected strings worked by hand.

import { describe, expect, it } from 'vitest';
import { changeOf, changeText } from '../../reports/change.ts';

describe('changeOf for rates', () => {
  it('gives valid reception 0.884 against 0.872 as 1.2 pts up, better', () => {
    expect(changeOf('valid_reception_rate', 0.884, 0.872, 'en')).toEqual({
      arrow: '▲',
      amount: '1.2 pts',
      verdict: 'better',
    });
  });

  it('gives 24h FCR 0.71 against 0.75 as 4.0 pts down, worse', () => {
    expect(changeOf('fcr_24h', 0.71, 0.75, 'en')).toEqual({
      arrow: '▼',
      amount: '4.0 pts',
      verdict: 'worse',
    });
  });

  it('reads reply warnings going up as worse', () => {
    expect(changeOf('response_warn_rate', 0.05, 0.03, 'en')).toEqual({
      arrow: '▲',
      amount: '2.0 pts',
      verdict: 'worse',
    });
  });

  it('reads queue leave going down as better', () => {
    expect(changeOf('queue_leave_rate', 0.08, 0.125, 'en')).toEqual({
      arrow: '▼',
      amount: '4.5 pts',
      verdict: 'better',
    });
  });

  it('compares a rate that was 0 before in points (no division)', () => {
    expect(changeOf('satisfaction', 0.1, 0, 'en')).toEqual({
      arrow: '▲',
      amount: '10.0 pts',
      verdict: 'better',
    });
  });

  it('calls a move under 0.05 pts unchanged, and 0.06 pts a change', () => {
    expect(changeOf('valid_reception_rate', 0.8844, 0.884, 'en')).toEqual({
      arrow: '=',
      amount: '0.0 pts',
      verdict: 'same',
    });
    expect(changeOf('valid_reception_rate', 0.5, 0.5, 'en')?.verdict).toBe('same');
    expect(changeOf('response_warn_rate', 0.0306, 0.03, 'en')).toEqual({
      arrow: '▲',
      amount: '0.1 pts',
      verdict: 'worse',
    });
  });
});

describe('changeOf for counts and durations', () => {
  it('gives chats 1,200 against 1,000 as 20.0% up, better', () => {
    expect(changeOf('chats', 1_200, 1_000, 'en')).toEqual({ arrow: '▲', amount: '20.0%', verdict: 'better' });
  });

  it('gives bot chats 750 against 1,000 as 25.0% down, worse', () => {
    expect(changeOf('bot_chats', 750, 1_000, 'en')).toEqual({
      arrow: '▼',
      amount: '25.0%',
      verdict: 'worse',
    });
  });

  it('reads first response going down as better', () => {
    // 18 s against 20 s: 2 / 20 = 10% less.
    expect(changeOf('avg_first_response', 18_000, 20_000, 'en')).toEqual({
      arrow: '▼',
      amount: '10.0%',
      verdict: 'better',
    });
  });

  it('reads first response going up as worse', () => {
    // 65 s against 52 s: 13 / 52 = 25% more.
    expect(changeOf('avg_first_response', 65_000, 52_000, 'en')).toEqual({
      arrow: '▲',
      amount: '25.0%',
      verdict: 'worse',
    });
  });

  it('rounds the percent to one decimal', () => {
    // 1 / 3 = 33.33…%.
    expect(changeOf('chats', 4, 3, 'en')?.amount).toBe('33.3%');
  });

  it('calls a move under 0.05% unchanged', () => {
    // 4 more chats on 10,000 is 0.04%.
    expect(changeOf('chats', 10_004, 10_000, 'en')).toEqual({ arrow: '=', amount: '0.0%', verdict: 'same' });
    expect(changeOf('avg_first_response', 30_000, 30_000, 'en')?.verdict).toBe('same');
  });
});

describe('changeOf without a comparison', () => {
  it('is null when either value is missing', () => {
    expect(changeOf('valid_reception_rate', null, 0.5, 'en')).toBeNull();
    expect(changeOf('valid_reception_rate', 0.5, null, 'en')).toBeNull();
    expect(changeOf('fcr_24h', 0.5, undefined, 'en')).toBeNull();
    expect(changeOf('chats', undefined, 10, 'en')).toBeNull();
    expect(changeOf('avg_first_response', 12_000, null, 'en')).toBeNull();
  });

  it('is null when a count or duration was 0 before (no meaningful %)', () => {
    expect(changeOf('chats', 25, 0, 'en')).toBeNull();
    expect(changeOf('bot_chats', 0, 0, 'en')).toBeNull();
    expect(changeOf('avg_first_response', 12_000, 0, 'en')).toBeNull();
  });
});

describe('changeText', () => {
  it('writes the arrow, the amount and the verdict in English', () => {
    expect(changeText({ arrow: '▲', amount: '1.2 pts', verdict: 'better' }, 'en')).toBe('▲ 1.2 pts better');
    expect(changeText({ arrow: '▼', amount: '10.0%', verdict: 'worse' }, 'en')).toBe('▼ 10.0% worse');
  });

  it('writes the verdict in Chinese', () => {
    expect(changeText({ arrow: '▲', amount: '1.2 个百分点', verdict: 'better' }, 'zh')).toBe(
      '▲ 1.2 个百分点（改善）',
    );
    expect(changeText({ arrow: '▼', amount: '10.0%', verdict: 'worse' }, 'zh')).toBe('▼ 10.0%（变差）');
  });

  it('says unchanged / 持平 for no change', () => {
    const same = { arrow: '=', amount: '0.0 pts', verdict: 'same' } as const;
    expect(changeText(same, 'en')).toBe('unchanged');
    expect(changeText(same, 'zh')).toBe('持平');
  });

  it('says no comparison / 无可比数据 when there is none', () => {
    expect(changeText(null, 'en')).toBe('no comparison');
    expect(changeText(null, 'zh')).toBe('无可比数据');
  });

  it('reads a computed change end to end', () => {
    expect(changeText(changeOf('response_warn_rate', 0.05, 0.03, 'en'), 'en')).toBe('▲ 2.0 pts worse');
    expect(changeText(changeOf('avg_first_response', 18_000, 20_000, 'en'), 'zh')).toBe('▼ 10.0%（改善）');
  });
});

describe('changes in Chinese', () => {
  it('counts rate changes in 个百分点', () => {
    expect(changeText(changeOf('fcr_24h', 0.71, 0.75, 'zh'), 'zh')).toBe('▼ 4.0 个百分点（变差）');
    expect(changeOf('valid_reception_rate', 0.5, 0.5, 'zh')?.amount).toBe('0.0 个百分点');
  });
});
