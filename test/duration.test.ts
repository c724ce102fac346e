import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['90s', 90_000],
    ['30m', 30 * 60_000],
    ['2h', 2 * 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 90 * 60_000],
    [' 2H ', 2 * 3_600_000],
    ['1小时', 3_600_000],
    ['30分钟', 30 * 60_000],
    ['1小时30分', 90 * 60_000],
    ['2天', 2 * 86_400_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '2', 'h', '2 hours', '-1h', '1.5h', 'soon', '小时', '一小时'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
