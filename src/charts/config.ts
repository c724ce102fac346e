// Turns a ChartSpec into a Chart.js 4 configuration made of plain JSON data (no functions),
// so the same object can be sent to QuickChart or rendered in-process.
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartSeries, ChartSpec, ChartUnit } from './spec.ts';

export type ChartJsConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;
type Dataset = ChartDataset<'bar' | 'line', (number | null)[]>;
type Scales = NonNullable<NonNullable<ChartJsConfig['options']>['scales']>;
type ValueAxis = Scales[string];

/** Okabe–Ito palette: distinguishable under the common colour-vision deficiencies. */
export const CHART_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
] as const;

/** Category labels longer than this (in characters) are cut and end in "…". */
export const MAX_LABEL_CHARS = 16;

/** Above this many categories Chart.js may skip labels rather than draw them on top of each other. */
const MAX_UNSKIPPED_LABELS = 30;

type Side = 'left' | 'right';

export function buildChartConfig(spec: ChartSpec): ChartJsConfig {
  const horizontal = spec.horizontal === true;
  const axisIds = valueAxisIds(horizontal);
  const datasets = spec.series.map((series, index) => buildDataset(series, index, axisIds));
  const scales: Scales = {
    [horizontal ? 'y' : 'x']: {
      type: 'category',
      grid: { display: false },
      // Every agent name should show; Chart.js would otherwise drop every other one on a short chart.
      ticks: { autoSkip: spec.labels.length > MAX_UNSKIPPED_LABELS },
      ...(spec.stacked ? { stacked: true } : {}),
    },
  };
  for (const side of ['left', 'right'] as const) {
    const onSide = spec.series.filter((series) => sideOf(series) === side);
    if (onSide.length > 0 || side === 'left') {
      scales[axisIds[side]] = {
        ...buildValueAxis(onSide, side, horizontal),
        ...(spec.stacked ? { stacked: true } : {}),
      };
    }
  }
  return {
    type: 'bar',
    data: { labels: spec.labels.map(truncateLabel), datasets },
    options: {
      ...(horizontal ? { indexAxis: 'y' as const } : {}),
      plugins: {
        title: { display: true, text: spec.title, font: { size: 16 } },
        legend: { display: true, position: 'bottom' },
      },
      scales,
    },
  };
}

/** Cuts a label to MAX_LABEL_CHARS characters (code points, so CJK and emoji are never split). */
export function truncateLabel(label: string): string {
  const chars = Array.from(label);
  if (chars.length <= MAX_LABEL_CHARS) return label;
  return `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`;
}

/** A value in the unit the axis shows: ratios as percent, durations as seconds, both to 1 decimal. */
export function toAxisValue(value: number | null, unit: ChartUnit): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (unit) {
    case 'ratio':
      return roundTo1Decimal(value * 100);
    case 'duration':
      return roundTo1Decimal(value / 1000);
    case 'count':
      return value;
  }
}

function roundTo1Decimal(value: number): number {
  return Math.round(value * 10) / 10;
}

function sideOf(series: ChartSeries): Side {
  return series.axis ?? 'left';
}

function valueAxisIds(horizontal: boolean): Record<Side, string> {
  return horizontal ? { left: 'x', right: 'x2' } : { left: 'y', right: 'y2' };
}

function buildDataset(series: ChartSeries, index: number, axisIds: Record<Side, string>): Dataset {
  const colour = CHART_PALETTE[index % CHART_PALETTE.length]!;
  const axisId = axisIds[sideOf(series)];
  const axisRef = axisId.startsWith('x') ? { xAxisID: axisId } : { yAxisID: axisId };
  const data = series.values.map((value) => toAxisValue(value, series.unit));
  if (series.type === 'line') {
    // Datasets listed first are drawn on top; order 0 keeps lines above bars.
    return {
      type: 'line',
      label: series.label,
      data,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 3,
      fill: false,
      spanGaps: false,
      order: 0,
      ...axisRef,
    };
  }
  return {
    type: 'bar',
    label: series.label,
    data,
    backgroundColor: colour,
    borderColor: colour,
    maxBarThickness: 48,
    order: 1,
    ...axisRef,
  };
}

function buildValueAxis(series: ChartSeries[], side: Side, horizontal: boolean): ValueAxis {
  const unit = series[0]?.unit ?? 'count';
  const position = horizontal ? (side === 'left' ? 'bottom' : 'top') : side;
  return {
    type: 'linear',
    position,
    beginAtZero: true,
    title: { display: series.length > 0, text: axisTitle(series, unit) },
    ...(unit === 'ratio' ? { min: 0, max: 100 } : {}),
    // One set of grid lines is enough; the second axis only adds its ticks.
    ...(side === 'right' ? { grid: { drawOnChartArea: false } } : {}),
  };
}

function axisTitle(series: ChartSeries[], unit: ChartUnit): string {
  const names = series.map((s) => s.label).join(' / ');
  switch (unit) {
    case 'ratio':
      return `${names}, %`;
    case 'duration':
      return `${names}, s`;
    case 'count':
      return names;
  }
}
