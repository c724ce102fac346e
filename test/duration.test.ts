import { describe, expect, it } from 'vitest';
import { describeDuration, parseDuration } from '../src/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['90s', 90_000],
    ['30m', 30 * 60_000],
    ['2h', 2 * 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 90 * 60_000],
    [' 2H ', 2 * 3_600_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '2', 'h', '2 hours', '-1h', '1.5h', 'soon'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('describeDuration', () => {
  it.each([
    [12_000, '12 s'],
    [60_000, '1 min'],
    [80 * 60_000, '1 h 20 min'],
    [2 * 3_600_000, '2 h'],
    [26 * 3_600_000 + 5 * 60_000, '1 d 2 h 5 min'],
  ])('%d ms → %s', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
