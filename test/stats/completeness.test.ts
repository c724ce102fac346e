import { describe, expect, it } from 'vitest';
import { completenessWarnings, rangeEnd } from '../../src/stats/completeness.ts';

const SUNDAY = { from: '2026-11-22', to: '2026-11-22', timeZone: 'Asia/Shanghai' };
const HOUR = 3_600_000;
// Sunday ends at Monday 00:00 in Shanghai = Sunday 16:00 UTC.
const END = Date.parse('2026-11-22T16:00:00Z');

describe('rangeEnd', () => {
  it('is midnight after the last day, in the range zone', () => {
    expect(rangeEnd(SUNDAY)).toBe(END);
    expect(rangeEnd({ from: '2026-10-31', to: '2026-10-31', timeZone: 'America/New_York' })).toBe(
      Date.parse('2026-11-01T04:00:00Z'),
    );
    // The day clocks go back is 25 hours long: it ends at 05:00 UTC.
    expect(rangeEnd({ from: '2026-11-01', to: '2026-11-01', timeZone: 'America/New_York' })).toBe(
      Date.parse('2026-11-02T05:00:00Z'),
    );
  });
});

describe('completenessWarnings', () => {
  const base = { range: SUNDAY, graceMs: 2 * HOUR, chats: 900, previousChats: 1000 };

  it('says nothing of an ended period with normal volume', () => {
    expect(completenessWarnings({ ...base, now: END + 9 * HOUR }, 'en')).toEqual([]);
  });

  it('warns when the period ended less than the grace time ago', () => {
    expect(completenessWarnings({ ...base, now: END + 30 * 60_000 }, 'en')).toEqual([
      'The period ended only 30 min ago; Sobot may still be counting.',
    ]);
    expect(completenessWarnings({ ...base, now: END + 30 * 60_000 }, 'zh')).toEqual([
      '统计周期 30 分钟前才结束，智齿可能仍在统计。',
    ]);
  });

  it('warns when the period is still running', () => {
    expect(completenessWarnings({ ...base, now: END - HOUR }, 'en')).toEqual([
      'The period includes today, so its figures are still growing.',
    ]);
  });

  it('warns when chats collapse against the period before', () => {
    expect(
      completenessWarnings({ ...base, chats: 0, previousChats: 480, now: END + 9 * HOUR }, 'en'),
    ).toEqual([
      'Only 0 chats against 480 in the period before: far fewer than usual, so some data may be missing.',
    ]);
    // A quarter or more of the volume, or a small previous period, is not suspicious.
    expect(
      completenessWarnings({ ...base, chats: 120, previousChats: 480, now: END + 9 * HOUR }, 'en'),
    ).toEqual([]);
    expect(completenessWarnings({ ...base, chats: 0, previousChats: 12, now: END + 9 * HOUR }, 'en')).toEqual(
      [],
    );
  });
});
