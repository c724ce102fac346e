import { describe, expect, it } from 'vitest';
import { buildChartConfig } from '../../src/charts/config.ts';
import { estimatedWidth, fitLabel } from '../../src/charts/label-fit.ts';
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
    // Chart.js joins no gap unless spanGaps is set.
    expect(data.datasets[1].spanGaps ?? false).toBe(false);
  });

  it('gives each series a different colour and draws lines above bars', () => {
    const { data } = asJson(agentsSpec);
    expect(data.datasets[0].backgroundColor).not.toBe(data.datasets[1].borderColor);
    // Chart.js draws a lower order on top; a dataset without one has order 0.
    expect(data.datasets[1].order ?? 0).toBeLessThan(data.datasets[0].order);
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

  it('breaks a long name into lines that fit, and keeps a short one whole', () => {
    const labels = ['Siobhán (siobhan.oconnor)', '王小明', 'Ann'];
    // 30% of 500 px for the names of a horizontal chart: 150 px.
    const { data } = asJson({ ...agentsSpec, horizontal: true, width: 500, labels });
    expect(data.labels).toEqual([['Siobhán', '(siobhan.oconnor)'], '王小明', 'Ann']);
  });

  it('titles the chart with what, the subtitle with when, and pads the right when there is no right axis', () => {
    const withSubtitle = asJson({ ...agentsSpec, subtitle: 'Wed 2 Dec 2026' });
    expect(withSubtitle.options.plugins.subtitle).toMatchObject({ display: true, text: 'Wed 2 Dec 2026' });
    const oneAxis = asJson({ ...agentsSpec, series: [agentsSpec.series[0]!] });
    const twoAxes = asJson(agentsSpec);
    expect(oneAxis.options.layout.padding.right).toBeGreaterThan(twoAxes.options.layout.padding.right);
    expect(oneAxis.options.layout.padding.right).toBeGreaterThanOrEqual(16);
  });

  it('names only the unit on an axis that carries several series (two periods), or the title it is given', () => {
    const periods = asJson({
      title: 'Rates',
      labels: ['Valid reception'],
      series: [
        { label: 'Tue 1 Dec 2026', values: [0.7], unit: 'ratio' },
        { label: 'Wed 2 Dec 2026', values: [0.8], unit: 'ratio' },
      ],
    });
    expect(periods.options.scales.y.title.text).toBe('%');
    const given = asJson({ ...agentsSpec, axisTitles: { left: 'Chats handled' } });
    expect(given.options.scales.y.title.text).toBe('Chats handled');
  });

  it('draws a reference level (an alert threshold) dashed, without points, outside the palette; fits the axis when asked', () => {
    const alert = asJson({
      title: 'Reply warnings (today) at each check',
      labels: ['09:00', '09:10', '09:20'],
      measures: 'Reply warnings',
      fitValues: true,
      lang: 'zh',
      series: [
        { label: 'overall', values: [0.09, 0.18, 0.31], unit: 'ratio', type: 'line' },
        { label: 'threshold > 20.0%', values: [0.2, 0.2, 0.2], unit: 'ratio', type: 'line', reference: true },
      ],
    });
    const [scope, threshold] = alert.data.datasets;
    expect(threshold.borderDash.length).toBe(2);
    expect(threshold.pointRadius).toBe(0);
    expect(threshold.borderColor).not.toBe(scope.borderColor);
    expect(scope.borderDash).toBeUndefined();
    // The axis fits 9–31% rather than running to 100%, and says what it measures, in the reader's words.
    expect(alert.options.scales.y.max).toBeUndefined();
    expect(alert.options.scales.y.title.text).toBe('Reply warnings（%）');
  });

  it('draws partial periods lighter (bars) and hollow (points)', () => {
    const { data } = asJson({ ...agentsSpec, partial: [false, false, true] });
    const [bars, line] = data.datasets;
    expect(bars.backgroundColor[0]).toMatch(/^#[0-9A-F]{6}$/i);
    expect(bars.backgroundColor[2]).toBe(`${bars.backgroundColor[0]}66`);
    expect(line.pointBackgroundColor[2]).toBe('#ffffff');
    expect(line.pointBackgroundColor[0]).toBe(line.borderColor);
  });
});

describe('fitLabel', () => {
  it('keeps a label that fits on one line', () => {
    expect(fitLabel('Sales', 100, 12, 2)).toEqual(['Sales']);
  });

  it('breaks at spaces and before brackets, each line within the width', () => {
    const lines = fitLabel('24h FCR (of customers)', 90, 12, 3);
    expect(lines).toEqual(['24h FCR (of', 'customers)']);
    for (const line of lines) expect(estimatedWidth(line, 12)).toBeLessThanOrEqual(90);
  });

  it('breaks Chinese between characters', () => {
    const lines = fitLabel('24小时一次性解决率（按客户）', 90, 12, 3);
    expect(lines.join('')).toBe('24小时一次性解决率（按客户）');
    expect(lines.length).toBeGreaterThan(1);
  });

  it('ends in "…" only when even the allowed lines cannot hold it', () => {
    const lines = fitLabel('A name far longer than any agent has ever been given by anyone', 60, 12, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const line of lines) expect(estimatedWidth(line, 12)).toBeLessThanOrEqual(60);
  });
});
