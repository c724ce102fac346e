// The neutral chart description that reports build: what to plot and in which unit.
// No Chart.js types here, so reports stay independent of the rendering library.

/** ratio = fraction 0..1, shown as %; duration = milliseconds. */
export type ChartUnit = 'count' | 'ratio' | 'duration';

export interface ChartSeries {
  label: string;
  /** One value per label; null is a value Sobot did not give and is drawn as a gap. */
  values: (number | null)[];
  unit: ChartUnit;
  type?: 'bar' | 'line';
  axis?: 'left' | 'right';
}

export interface ChartSpec {
  title: string;
  labels: string[];
  series: ChartSeries[];
  horizontal?: boolean;
  /** Bars of every series stacked on one another (a distribution), rather than side by side. */
  stacked?: boolean;
  /** CSS pixels; the renderers default to 800×400. */
  width?: number;
  height?: number;
}
