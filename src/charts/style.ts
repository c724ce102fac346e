// The one look of every chart: fonts, sizes, padding, colours. An opaque white card with Slack's own
// text colour, so a chart reads the same in Slack's light and dark themes (a transparent PNG shows
// black text on Slack's dark background), and a palette that stays apart under colour blindness.

export const CHART_STYLE = {
  background: '#ffffff',
  /** Slack's text colour on a light background. */
  text: '#1d1c1d',
  /** Axis titles, subtitles, ticks. */
  muted: '#616061',
  grid: '#e8e8e8',
  font: { title: 16, subtitle: 13, tick: 12, axisTitle: 12, legend: 12 },
  /** Around the chart: the right side too, so a chart without a right-hand axis does not run to the edge. */
  padding: { top: 12, right: 24, bottom: 8, left: 12 },
  /** A line (or bar) drawn over a category axis: thickness cap, so two bars do not fill a wide slot. */
  maxBarThickness: 28,
} as const;

/**
 * Okabe–Ito colours in an order where neighbours differ most, without its yellow (#F0E442, unreadable
 * on white) and black (the background of Slack's dark theme around the card).
 */
export const CHART_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;

/** A partial period (a week still running) is drawn in a lighter tint of its colour. */
export const PARTIAL_ALPHA = '66';
