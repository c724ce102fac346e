import { describe, expect, it } from 'vitest';
import { latestOccurrence, nextOccurrence, occurrencesBetween } from '../../src/scheduler/occurrences.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('occurrencesBetween', () => {
  it('reads the schedule in the time zone: 09:00 Shanghai is 01:00 UTC, weekdays only', () => {
    // Mon 2026-11-23 … Sun 2026-11-29 in Shanghai.
    const found = occurrencesBetween(
      '0 9 * * 1-5',
      'Asia/Shanghai',
      at('2026-11-22T16:00:00Z'),
      at('2026-11-29T16:00:00Z'),
    );
    expect(found).toEqual(
      ['23', '24', '25', '26', '27'].map((d) => ({
        wall: `2026-11-${d}T09:00`,
        at: at(`2026-11-${d}T01:00:00Z`),
      })),
    );
  });

  it('includes the end and excludes the start', () => {
    const nine = at('2026-11-23T01:00:00Z');
    expect(occurrencesBetween('0 9 * * *', 'Asia/Shanghai', nine, nine + HOUR)).toEqual([]);
    expect(occurrencesBetween('0 9 * * *', 'Asia/Shanghai', nine - HOUR, nine)).toHaveLength(1);
  });

  it('keeps 09:00 at 09:00 local across a DST change (New York, 1 Nov 2026)', () => {
    const found = occurrencesBetween(
      '0 9 * * *',
      'America/New_York',
      at('2026-10-30T00:00:00Z'),
      at('2026-11-03T00:00:00Z'),
    );
    expect(found.map((o) => [o.wall, new Date(o.at).toISOString()])).toEqual([
      ['2026-10-30T09:00', '2026-10-30T13:00:00.000Z'], // EDT, UTC−4
      ['2026-10-31T09:00', '2026-10-31T13:00:00.000Z'],
      ['2026-11-01T09:00', '2026-11-01T14:00:00.000Z'], // EST, UTC−5
      ['2026-11-02T09:00', '2026-11-02T14:00:00.000Z'],
    ]);
  });

  it('posts a time repeated when clocks go back once (01:30 on 1 Nov 2026 in New York)', () => {
    const found = occurrencesBetween(
      '30 1 * * *',
      'America/New_York',
      at('2026-11-01T04:00:00Z'),
      at('2026-11-01T08:00:00Z'),
    );
    // 01:30 EDT = 05:30Z comes first; 01:30 EST = 06:30Z is the same wall time and does not count again.
    expect(found).toEqual([{ wall: '2026-11-01T01:30', at: at('2026-11-01T05:30:00Z') }]);
  });

  it('runs a time skipped when clocks go forward right after the gap (02:30 on 8 Mar 2026 in New York)', () => {
    const found = occurrencesBetween(
      '30 2 * * *',
      'America/New_York',
      at('2026-03-08T05:00:00Z'),
      at('2026-03-08T09:00:00Z'),
    );
    // 02:00 EST (07:00Z) becomes 03:00 EDT: 02:30 never shows on a clock; it falls due at 03:00 EDT.
    expect(found).toEqual([{ wall: '2026-03-08T02:30', at: at('2026-03-08T07:00:00Z') }]);
  });

  it('handles a zone with a 30-minute offset (Asia/Kolkata)', () => {
    const found = occurrencesBetween(
      '0 9 * * *',
      'Asia/Kolkata',
      at('2026-11-23T00:00:00Z'),
      at('2026-11-24T00:00:00Z'),
    );
    expect(found).toEqual([{ wall: '2026-11-23T09:00', at: at('2026-11-23T03:30:00Z') }]);
  });
});

describe('latestOccurrence', () => {
  it('finds the most recent time within the catch-up window, or nothing', () => {
    const tenThirty = at('2026-11-23T02:30:00Z'); // 10:30 Shanghai, Monday
    expect(latestOccurrence('0 9 * * 1-5', 'Asia/Shanghai', tenThirty, 6 * HOUR)).toEqual({
      wall: '2026-11-23T09:00',
      at: at('2026-11-23T01:00:00Z'),
    });
    expect(latestOccurrence('0 9 * * 1-5', 'Asia/Shanghai', tenThirty, HOUR)).toBeNull();
    expect(latestOccurrence('*/15 * * * *', 'Asia/Shanghai', tenThirty, 6 * HOUR)?.wall).toBe(
      '2026-11-23T10:30',
    );
  });
});

describe('nextOccurrence', () => {
  it('skips the weekend for a weekday schedule', () => {
    const fridayNoon = at('2026-11-27T04:00:00Z');
    expect(nextOccurrence('0 9 * * 1-5', 'Asia/Shanghai', fridayNoon)?.wall).toBe('2026-11-30T09:00');
  });

  it('finds a monthly time, and gives up beyond the horizon', () => {
    expect(nextOccurrence('0 8 1 * *', 'UTC', at('2026-11-02T00:00:00Z'))?.wall).toBe('2026-12-01T08:00');
    expect(nextOccurrence('0 8 1 1 *', 'UTC', at('2026-02-01T00:00:00Z'), 30 * DAY)).toBeNull();
  });
});
