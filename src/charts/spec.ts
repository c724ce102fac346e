// The neutral chart description that reports build: what to plot and in which unit.
// No Chart.js types here, so reports stay independent of the rendering library.

import type { Lang } from '../i18n/catalogue.ts';

/** ratio = fraction 0..1, shown as %; duration = milliseconds. */
export type ChartUnit = 'count' | 'ratio' | 'duration';

export interface ChartSeries {
  label: string;
  /** One value per label; null is a value Sobot did not give and is drawn as a gap. */
  values: (number | null)[];
  unit: ChartUnit;
  type?: 'bar' | 'line';
  axis?: 'left' | 'right';
  /** A level to read the others against (an alert's threshold): a dashed line without points, not a palette colour. */
  reference?: boolean;
}

export interface ChartSpec {
  /** What the chart shows ("Agents by chats handled"). */
  title: string;
  /** When: the period, and any note on it ("◌ week not over"). */
  subtitle?: string;
  labels: string[];
  /** Per label: a period not over yet (a week still running), drawn lighter or hollow. */
  partial?: boolean[];
  /** An axis's title where the series' names are not what it measures (periods compared on one axis). */
  axisTitles?: { left?: string; right?: string };
  /** What the value axis measures when several series share it (the scopes of an alert): titled with its unit. */
  measures?: string;
  /** The value axis fits the values (an alert's points around its threshold) rather than 0–100% for rates. */
  fitValues?: boolean;
  series: ChartSeries[];
  horizontal?: boolean;
  /**
   * Ratings, best first: the series (a stacked split) or the labels (one bar per bucket) are coloured
   * from blue (best) to vermillion (worst) rather than by the palette.
   */
  bestToWorst?: 'series' | 'labels';
  /** Bars of every series stacked on one another (a distribution), rather than side by side. */
  stacked?: boolean;
  /** The reply's language: how an axis title joins its unit. English when not given. */
  lang?: Lang;
  /** CSS pixels; the renderers default to 800×400. */
  width?: number;
  height?: number;
}
