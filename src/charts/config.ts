// Turns a ChartSpec into a Chart.js 4 configuration made of plain JSON data (no functions),
// so the same object can be sent to QuickChart or rendered in-process. Every chart gets the one
// style of style.ts: title (what) and subtitle (when), padding on every side, axis units, and
// category labels broken into lines that fit (label-fit.ts).
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { type Lang, t } from '../i18n/catalogue.ts';
import { fitLabel } from './label-fit.ts';
import { chartSize, MAX_UNSKIPPED_LABELS } from './size.ts';
import type { ChartSeries, ChartSpec, ChartUnit } from './spec.ts';
import { bestToWorst, CHART_PALETTE, CHART_STYLE, PARTIAL_ALPHA } from './style.ts';

export type ChartJsConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string | string[]>;
type Dataset = ChartDataset<'bar' | 'line', (number | null)[]>;
type Scales = NonNullable<NonNullable<ChartJsConfig['options']>['scales']>;
type ValueAxis = Scales[string];

/** Room a value axis takes beside the plot (ticks and title), for estimating the categories' room. */
const VALUE_AXIS_WIDTH = 64;
/** A horizontal chart's category labels may take this share of the width. */
const HORIZONTAL_LABEL_SHARE = 0.3;
/** Lines a category label may take: under a bar (vertical) or beside it (horizontal). */
const MAX_LINES = { vertical: 3, horizontal: 2 } as const;

type Side = 'left' | 'right';

/**
 * Only what differs from Chart.js's defaults is written out (size 12 is its default font size, false its
 * default for fill and spanGaps…): a QuickChart URL carries the whole config and Slack takes at most
 * 3000 characters, so a small chart is shown by URL without QuickChart being contacted.
 */
const CHARTJS_FONT_SIZE = 12;
const font = (size: number, weight?: 'bold') =>
  size === CHARTJS_FONT_SIZE && !weight ? {} : { font: { size, ...(weight ? { weight } : {}) } };

export function buildChartConfig(spec: ChartSpec): ChartJsConfig {
  const horizontal = spec.horizontal === true;
  const axisIds = valueAxisIds(horizontal);
  const sides = (['left', 'right'] as const).filter(
    (side) => side === 'left' || spec.series.some((series) => sideOf(series) === side),
  );
  const ramp = spec.bestToWorst === 'series' ? bestToWorst(spec.series.length) : null;
  const datasets = spec.series.map((series, index) => {
    const dataset = buildDataset(series, index, axisIds, horizontal, spec.partial);
    if (ramp) return { ...dataset, backgroundColor: ramp[index], borderColor: ramp[index] };
    if (spec.bestToWorst === 'labels')
      return { ...dataset, backgroundColor: bestToWorst(spec.labels.length) };
    return dataset;
  });
  const scales: Scales = {
    [horizontal ? 'y' : 'x']: {
      type: 'category',
      grid: { display: false },
      ticks: {
        color: CHART_STYLE.text,
        ...font(CHART_STYLE.font.tick),
        // Every agent name should show; Chart.js would otherwise drop every other one on a short chart.
        autoSkip: spec.labels.length > MAX_UNSKIPPED_LABELS,
        // Labels are broken into lines that fit instead (fitLabels); slanted text is hard to read.
        maxRotation: 0,
      },
      ...(spec.stacked ? { stacked: true } : {}),
    },
  };
  for (const side of sides) {
    const onSide = spec.series.filter((series) => sideOf(series) === side);
    scales[axisIds[side]] = {
      ...buildValueAxis(onSide, side, horizontal, spec.lang ?? 'en', {
        title: spec.axisTitles?.[side],
        measures: side === 'left' ? spec.measures : undefined,
        fit: spec.fitValues === true,
      }),
      ...(spec.stacked ? { stacked: true } : {}),
    };
  }
  const rightAxis = !horizontal && sides.includes('right');
  return {
    type: 'bar',
    data: { labels: fitLabels(spec, sides.length), datasets },
    options: {
      ...(horizontal ? { indexAxis: 'y' as const } : {}),
      color: CHART_STYLE.text,
      layout: {
        // A right-hand axis brings its own margin; without one the plot would run to the image's edge.
        padding: {
          ...CHART_STYLE.padding,
          right: rightAxis ? CHART_STYLE.padding.left : CHART_STYLE.padding.right,
        },
      },
      plugins: {
        title: {
          display: true,
          text: spec.title,
          color: CHART_STYLE.text,
          ...font(CHART_STYLE.font.title, 'bold'),
          padding: { top: 0, bottom: spec.subtitle ? 2 : 10 },
        },
        subtitle: {
          display: Boolean(spec.subtitle),
          text: spec.subtitle ?? '',
          color: CHART_STYLE.muted,
          ...font(CHART_STYLE.font.subtitle),
          padding: { bottom: 10 },
        },
        legend: {
          // One series: the axis title already names it.
          display: spec.series.length > 1,
          // Bars first, as their axis is the main one (Chart.js lists lines first: their lower order).
          reverse: mixesBarsAndLines(spec),
          position: 'bottom',
          labels: { color: CHART_STYLE.text, ...font(CHART_STYLE.font.legend), boxWidth: 14 },
        },
      },
      scales,
    },
  };
}

/** The category labels, each as the lines that fit its room (a string when it fits on one). */
function fitLabels(spec: ChartSpec, valueAxes: number): (string | string[])[] {
  const { width } = chartSize(spec);
  const size = CHART_STYLE.font.tick;
  const { left, right } = CHART_STYLE.padding;
  const room = spec.horizontal
    ? width * HORIZONTAL_LABEL_SHARE
    : // Each category's slot, less a little air between neighbours.
      (width - left - right - valueAxes * VALUE_AXIS_WIDTH) / Math.max(1, spec.labels.length) - 8;
  const lines = spec.horizontal ? MAX_LINES.horizontal : MAX_LINES.vertical;
  // So many that Chart.js shows only some: each shown label has the room of those skipped.
  if (!spec.horizontal && spec.labels.length > MAX_UNSKIPPED_LABELS) return spec.labels;
  return spec.labels.map((label) => {
    const fitted = fitLabel(label, room, size, lines);
    return fitted.length === 1 ? (fitted[0] ?? '') : fitted;
  });
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

/** The colour, lighter for the categories that are partial periods. */
function tinted(colour: string, partial: readonly boolean[] | undefined): string | string[] {
  if (!partial?.some(Boolean)) return colour;
  return partial.map((isPartial) => (isPartial ? `${colour}${PARTIAL_ALPHA}` : colour));
}

function buildDataset(
  series: ChartSeries,
  index: number,
  axisIds: Record<Side, string>,
  horizontal: boolean,
  partial: readonly boolean[] | undefined,
): Dataset {
  const colour = CHART_PALETTE[index % CHART_PALETTE.length]!;
  const axisId = axisIds[sideOf(series)];
  const axisRef = axisId.startsWith('x') ? { xAxisID: axisId } : { yAxisID: axisId };
  const data = series.values.map((value) => toAxisValue(value, series.unit));
  if (series.type === 'line' && series.reference) {
    return {
      type: 'line',
      label: series.label,
      data,
      borderColor: CHART_STYLE.reference,
      // The legend's box is the line's dashed outline, not a filled square like the series'.
      backgroundColor: CHART_STYLE.background,
      borderWidth: 2,
      borderDash: [8, 5],
      pointRadius: 0,
      ...axisRef,
    };
  }
  if (series.type === 'line') {
    return {
      type: 'line',
      label: series.label,
      data,
      borderColor: colour,
      backgroundColor: colour,
      // A partial period's point is hollow: the line reaches it, the reader sees it is not final.
      pointBackgroundColor: partial?.some(Boolean)
        ? partial.map((isPartial) => (isPartial ? CHART_STYLE.background : colour))
        : colour,
      borderWidth: 2,
      // Across a horizontal chart a line would join unrelated rows: a marker per row instead.
      ...(horizontal ? { showLine: false, pointStyle: 'rectRot', pointRadius: 6 } : { pointRadius: 3 }),
      ...axisRef,
    };
  }
  return {
    type: 'bar',
    label: series.label,
    data,
    backgroundColor: tinted(colour, partial),
    ...(partial?.some(Boolean) ? { borderColor: colour, borderWidth: 1 } : {}),
    maxBarThickness: CHART_STYLE.maxBarThickness,
    // Datasets of a lower order are drawn on top: lines (order 0, the default) above bars.
    order: 1,
    ...axisRef,
  };
}

function mixesBarsAndLines(spec: ChartSpec): boolean {
  const lines = spec.series.filter((series) => series.type === 'line').length;
  return lines > 0 && lines < spec.series.length;
}

function buildValueAxis(
  series: ChartSeries[],
  side: Side,
  horizontal: boolean,
  lang: Lang,
  named: { title?: string; measures?: string; fit: boolean },
): ValueAxis {
  const unit = series[0]?.unit ?? 'count';
  const position = horizontal ? (side === 'left' ? 'bottom' : 'top') : side;
  const text = named.title ?? axisTitle(series, unit, lang, named.measures);
  return {
    type: 'linear',
    position,
    ...(unit === 'ratio' && !named.fit ? { min: 0, max: 100 } : { beginAtZero: true }),
    ticks: { color: CHART_STYLE.muted, ...font(CHART_STYLE.font.tick) },
    grid: {
      color: CHART_STYLE.grid,
      // One set of grid lines is enough; the second axis only adds its ticks.
      ...(side === 'right' ? { drawOnChartArea: false } : {}),
    },
    title: {
      display: text.length > 0,
      text,
      color: CHART_STYLE.muted,
      ...font(CHART_STYLE.font.axisTitle),
    },
  };
}

/** The unit's mark on an axis title: "%" for ratios, "s" for durations, none for counts. */
const UNIT_MARK: Record<ChartUnit, string> = { ratio: '%', duration: 's', count: '' };

/**
 * One series: its name with the unit ("Valid reception, %"). Several on one axis (two periods, the
 * rating buckets): the legend names them, the axis says only the unit.
 */
function axisTitle(series: ChartSeries[], unit: ChartUnit, lang: Lang, measures?: string): string {
  const mark = UNIT_MARK[unit];
  if (series.length !== 1 && !measures) return mark;
  const name = measures ?? series[0]?.label ?? '';
  return mark ? t(lang, 'chart.axisUnit', { name, unit: mark }) : name;
}
