// Specs for how numbers read: every expected string is written out by hand from the rule it checks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  formatCount,
  formatDuration,
  formatRatio,
  formatScore,
  formatValue,
  MISSING,
  truncate,
} from '../../reports/format.ts';
import { escapeMrkdwn } from '../../src/message/message.ts';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1932, '1,932'],
    [1_234_567, '1,234,567'],
  ])('writes %d as "%s"', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it('shows a missing count as "–", never 0', () => {
    expect(formatCount(null)).toBe('–');
  });
});

describe('formatRatio', () => {
  it.each([
    [0.7143, '71.4%'],
    [0.884, '88.4%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [0.125, '12.5%'],
  ])('writes %d as "%s"', (value, text) => {
    expect(formatRatio(value)).toBe(text);
  });

  it('shows a missing ratio as "–"', () => {
    expect(formatRatio(null)).toBe('–');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [950, '1s'],
    [18_000, '18s'],
    [59_600, '1m 00s'],
    [65_000, '1m 05s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h 00m'],
    [3_725_000, '1h 02m'],
  ])('writes %d ms as "%s"', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('shows a missing duration as "–"', () => {
    expect(formatDuration(null, 'en')).toBe('–');
  });

  it('never throws, whatever number it gets', () => {
    fc.assert(
      fc.property(fc.double(), (ms) => {
        expect(() => formatDuration(ms, 'en')).not.toThrow();
      }),
    );
  });

  it('reads as seconds, minutes and seconds, or hours and minutes for any non-negative input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 0, max: 4 * 3_600_000, noNaN: true }), fc.nat(Number.MAX_SAFE_INTEGER)),
        (ms) => {
          expect(formatDuration(ms, 'en')).toMatch(/^(\d+s|\d+m \d\ds|\d+h \d\dm)$/);
        },
      ),
    );
  });
});

describe('formatScore', () => {
  it('writes a mean rating with one decimal', () => {
    expect(formatScore(4.25)).toBe('4.3');
    expect(formatScore(null)).toBe('–');
  });
});

describe('formatValue', () => {
  it('formats by unit', () => {
    expect(formatValue('count', 12_345, 'en')).toBe('12,345');
    expect(formatValue('ratio', 0.5, 'en')).toBe('50.0%');
    expect(formatValue('duration', 65_000, 'en')).toBe('1m 05s');
    expect(formatValue('score', 3, 'en')).toBe('3.0');
  });

  it('shows null as the same dash for every unit', () => {
    for (const unit of ['count', 'ratio', 'duration', 'score'] as const) {
      expect(formatValue(unit, null, 'en')).toBe(MISSING);
    }
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['王小明', '王小明'],
    ['Smith, Jane', '"Smith, Jane"'],
    ['the "best"', '"the ""best"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['', ''],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd', "'+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-12.5', '-12.5'],
    [' =1+1', "' =1+1"],
    ['\u3000@SUM(A1)', "'\u3000@SUM(A1)"],
    ['\uFF1DHYPERLINK("http://x")', `"'\uFF1DHYPERLINK(""http://x"")"`],
    ['\uFF0Bcmd', "'\uFF0Bcmd"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF20me', "'\uFF20me"],
    ['\tx', "'\tx"],
    [' -3', ' -3'],
    ['a=b', 'a=b'],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('escapeMrkdwn', () => {
  it('turns Slack control characters into entities', () => {
    expect(escapeMrkdwn('<!channel> & <@U123>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  it('escapes an ampersand once, so an existing entity stays readable as typed', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  it('leaves other text alone', () => {
    expect(escapeMrkdwn("Seán O'Brien *bold* 王小明")).toBe("Seán O'Brien *bold* 王小明");
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 4)).toHaveLength(4);
  });
});
