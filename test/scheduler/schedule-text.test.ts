import { describe, expect, it } from 'vitest';
import { nextOccurrence, previousOccurrence } from '../../src/scheduler/occurrences.ts';
import { dailyCron, parseDailyCron, scheduleText } from '../../src/scheduler/schedule-text.ts';

describe('daily schedules', () => {
  it('writes named day sets the way cron users know them, and other days as a list', () => {
    expect(dailyCron({ hour: 9, minute: 0, days: [5, 4, 3, 2, 1] })).toBe('0 9 * * 1-5');
    expect(dailyCron({ hour: 7, minute: 30, days: [0, 1, 2, 3, 4, 5, 6] })).toBe('30 7 * * *');
    expect(dailyCron({ hour: 18, minute: 5, days: [6, 0] })).toBe('5 18 * * 0,6');
    expect(dailyCron({ hour: 8, minute: 15, days: [1, 4] })).toBe('15 8 * * 1,4');
  });

  it('reads them back, with ranges, lists and cron’s Sunday as 7', () => {
    expect(parseDailyCron('0 9 * * 1-5')).toEqual({ hour: 9, minute: 0, days: [1, 2, 3, 4, 5] });
    expect(parseDailyCron('15 8 * * 1,4')).toEqual({ hour: 8, minute: 15, days: [1, 4] });
    expect(parseDailyCron('0 20 * * 5-7')).toEqual({ hour: 20, minute: 0, days: [0, 5, 6] });
    expect(parseDailyCron('*/10 9-18 * * 1-5')).toBeNull();
    expect(parseDailyCron('0 9 1 * *')).toBeNull();
  });

  it('says how a schedule reads in a list', () => {
    expect(scheduleText('0 9 * * 1-5', 'en')).toBe('09:00 weekdays');
    expect(scheduleText('30 7 * * *', 'en')).toBe('07:30 every day');
    expect(scheduleText('15 8 * * 1,4', 'en')).toBe('08:15 Mon, Thu');
    expect(scheduleText('*/10 9-18 * * 1-5', 'en')).toBe('`*/10 9-18 * * 1-5`');
    expect(scheduleText('0 9 * * 1-5', 'zh')).toBe('工作日 09:00');
    expect(scheduleText('15 8 * * 1,4', 'zh')).toBe('周一、周四 08:15');
  });
});

describe('previousOccurrence', () => {
  const MONDAY_1000_SHANGHAI = Date.parse('2026-11-23T02:00:00Z');

  it('finds the latest run at or before now, on an earlier day when today’s is still to come', () => {
    expect(previousOccurrence('0 9 * * 1-5', 'Asia/Shanghai', MONDAY_1000_SHANGHAI)?.wall).toBe(
      '2026-11-23T09:00',
    );
    // 11:00 on weekdays: Monday's is ahead, so Friday's.
    expect(previousOccurrence('0 11 * * 1-5', 'Asia/Shanghai', MONDAY_1000_SHANGHAI)?.wall).toBe(
      '2026-11-20T11:00',
    );
    // It mirrors nextOccurrence: the previous run of the next run is the next run itself.
    const next = nextOccurrence('0 11 * * 1-5', 'Asia/Shanghai', MONDAY_1000_SHANGHAI);
    expect(previousOccurrence('0 11 * * 1-5', 'Asia/Shanghai', next?.at ?? 0)).toEqual(next);
  });

  it('gives null when nothing ran within the horizon', () => {
    expect(previousOccurrence('0 9 29 2 *', 'Asia/Shanghai', MONDAY_1000_SHANGHAI)).toBeNull();
  });
});
