// The reader the /metrics test relies on must itself refuse what Prometheus would refuse.

import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

const histogram = (buckets: [string, number][], count: number) =>
  [
    '# HELP h_seconds Time.',
    '# TYPE h_seconds histogram',
    ...buckets.map(([le, n]) => `h_seconds_bucket{le="${le}",op="a"} ${n}`),
    'h_seconds_sum{op="a"} 1.5',
    `h_seconds_count{op="a"} ${count}`,
    '',
  ].join('\n');

describe('parsePrometheusText', () => {
  it('reads families, labels with escapes, and histogram samples', () => {
    const text = `# HELP c_total Things.\n# TYPE c_total counter\nc_total{path="a\\"b\\\\c"} 3\n${histogram(
      [
        ['0.5', 1],
        ['+Inf', 2],
      ],
      2,
    )}`;
    const families = parsePrometheusText(text);
    expect(sampleValue(families, 'c_total', { path: 'a"b\\c' })).toBe(3);
    expect(sampleValue(families, 'h_seconds_count', { op: 'a' })).toBe(2);
    expect(families.get('h_seconds')?.help).toBe('Time.');
  });

  it.each([
    ['a sample without # HELP', '# TYPE x gauge\nx 1\n'],
    ['a sample without # TYPE', '# HELP x X.\nx 1\n'],
    [
      'a family split in two',
      '# HELP x X.\n# TYPE x gauge\nx{a="1"} 1\n# HELP y Y.\n# TYPE y gauge\ny 1\nx{a="2"} 1\n',
    ],
    ['a bad value', '# HELP x X.\n# TYPE x gauge\nx one\n'],
    ['a missing final line feed', '# HELP x X.\n# TYPE x gauge\nx 1'],
    [
      'buckets that are not cumulative',
      histogram(
        [
          ['0.5', 2],
          ['1', 1],
          ['+Inf', 2],
        ],
        2,
      ),
    ],
    [
      'a +Inf bucket that is not the count',
      histogram(
        [
          ['0.5', 1],
          ['+Inf', 2],
        ],
        3,
      ),
    ],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
