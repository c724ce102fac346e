import { describe, expect, it } from 'vitest';
import { buildChartConfig, truncateLabel } from '../../src/charts/config.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';

const agentsSpec: ChartSpec = {
  title: 'Agents · Sat 21 Nov 2026',
  labels: ['王小明', "Seán O'Brien", '李娜'],
  series: [
    { label: 'Chats', values: [97, 88, null], unit: 'count' },
    { label: 'Valid reception', values: [0.9585, null, 0.7143], unit: 'ratio', type: 'line', axis: 'right' },
  ],
};

// The config goes to QuickChart as JSON, so tests read it the way the server would.
// biome-ignore lint/suspicious/noExplicitAny: the assertions walk an untyped JSON tree
function asJson(spec: ChartSpec): Record<string, any> {
  return JSON.parse(JSON.stringify(buildChartConfig(spec)));
}

describe('buildChartConfig', () => {
  it('stacks the bars of every series on both axes when asked', () => {
    const config = buildChartConfig({
      title: 'Ratings',
      labels: ['Chats', 'Customers'],
      horizontal: true,
      stacked: true,
      series: [
        { label: '5★', values: [0.6, 0.5], unit: 'ratio' },
        { label: '1★', values: [0.4, 0.5], unit: 'ratio' },
      ],
    });
    const scales = config.options?.scales as Record<string, { stacked?: boolean }>;
    expect(scales.y?.stacked).toBe(true);
    expect(scales.x?.stacked).toBe(true);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [60, 50],
      [40, 50],
    ]);
  });

  it('does not stack by default', () => {
    const scales = buildChartConfig(agentsSpec).options?.scales as Record<string, { stacked?: boolean }>;
    expect(Object.values(scales).some((axis) => axis.stacked)).toBe(false);
  });

  it('is plain data: JSON round-trips it unchanged and it holds no functions', () => {
    const config = buildChartConfig(agentsSpec);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('mixes bars and lines, with bars as the default type', () => {
    const config = asJson(agentsSpec);
    expect(config.type).toBe('bar');
    expect(config.data.datasets.map((d: { type: string }) => d.type)).toEqual(['bar', 'line']);
  });

  it('puts right-axis series on a second y axis on the right, without its own grid lines', () => {
    const { data, options } = asJson(agentsSpec);
    expect(data.datasets[0].yAxisID).toBe('y');
    expect(data.datasets[1].yAxisID).toBe('y2');
    expect(options.scales.y.position).toBe('left');
    expect(options.scales.y2.position).toBe('right');
    expect(options.scales.y2.grid.drawOnChartArea).toBe(false);
  });

  it('adds no right axis when no series asks for one', () => {
    const { options } = asJson({ ...agentsSpec, series: [agentsSpec.series[0]!] });
    expect(Object.keys(options.scales).sort()).toEqual(['x', 'y']);
  });

  it('shows ratios as percent on a 0..100 axis whose title ends in "%"', () => {
    const { data, options } = asJson(agentsSpec);
    // 0.9585 → 95.85 % → 95.9 (1 decimal); 0.7143 → 71.43 % → 71.4
    expect(data.datasets[1].data).toEqual([95.9, null, 71.4]);
    expect(options.scales.y2.min).toBe(0);
    expect(options.scales.y2.max).toBe(100);
    expect(options.scales.y2.title.text).toMatch(/%$/);
    expect(options.scales.y2.title.display).toBe(true);
  });

  it('shows durations in seconds with an "s" axis title', () => {
    const { data, options } = asJson({
      title: 'First response',
      labels: ['a', 'b', 'c'],
      series: [{ label: 'First response', values: [18_000, 42_340, null], unit: 'duration' }],
    });
    expect(data.datasets[0].data).toEqual([18, 42.3, null]);
    expect(options.scales.y.title.text).toMatch(/\bs$/);
    expect(options.scales.y.max).toBeUndefined();
  });

  it('keeps counts as they are and nulls as gaps, never 0', () => {
    const { data } = asJson(agentsSpec);
    expect(data.datasets[0].data).toEqual([97, 88, null]);
    expect(data.datasets[1].spanGaps).toBe(false);
  });

  it('gives each series a different colour and draws lines above bars', () => {
    const { data } = asJson(agentsSpec);
    expect(data.datasets[0].backgroundColor).not.toBe(data.datasets[1].borderColor);
    expect(data.datasets[1].order).toBeLessThan(data.datasets[0].order);
  });

  it('shows the title and puts the legend at the bottom', () => {
    const { options } = asJson(agentsSpec);
    expect(options.plugins.title).toMatchObject({ display: true, text: 'Agents · Sat 21 Nov 2026' });
    expect(options.plugins.legend.position).toBe('bottom');
  });

  it('lays a horizontal chart on its side: categories on y, values on x (bottom) and x2 (top)', () => {
    const { data, options } = asJson({ ...agentsSpec, horizontal: true });
    expect(options.indexAxis).toBe('y');
    expect(options.scales.y.type).toBe('category');
    expect(options.scales.x.position).toBe('bottom');
    expect(options.scales.x2.position).toBe('top');
    expect(data.datasets[1].xAxisID).toBe('x2');
  });

  it('truncates long agent names in the labels', () => {
    const { data } = asJson({ ...agentsSpec, labels: ['Alexandria Konstantinopoulou', '王小明'] });
    expect(data.labels).toEqual(['Alexandria Kons…', '王小明']);
  });
});

describe('truncateLabel', () => {
  it('keeps a label of 16 characters as it is', () => {
    expect(truncateLabel('abcdefghijklmnop')).toBe('abcdefghijklmnop');
  });

  it('cuts a 17-character label to 15 characters and "…"', () => {
    expect(truncateLabel('abcdefghijklmnopq')).toBe('abcdefghijklmno…');
  });

  it('counts characters, not UTF-16 units, so an emoji is never split', () => {
    const label = `${'😀'.repeat(20)}`;
    expect(truncateLabel(label)).toBe(`${'😀'.repeat(15)}…`);
  });
});
