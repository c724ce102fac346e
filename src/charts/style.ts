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
  /** A reference level (a threshold): darker than the grid, none of the series' colours. */
  reference: '#616061',
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

/**
 * Ratings from best to worst: blue through grey to vermillion (Okabe–Ito ends), so 1★ does not share
 * 5★'s blue and the order reads without a legend, also under colour blindness.
 */
const BEST_TO_WORST = ['#0072B2', '#56B4E9', '#BBBBBB', '#E69F00', '#D55E00'] as const;

/** `count` colours along BEST_TO_WORST, its ends always used: 2 are blue and vermillion, 11 a smooth ramp. */
export function bestToWorst(count: number): string[] {
  if (count <= 1) return [BEST_TO_WORST[0]];
  return Array.from({ length: count }, (_, i) => {
    const at = (i * (BEST_TO_WORST.length - 1)) / (count - 1);
    const low = Math.floor(at);
    return mix(BEST_TO_WORST[low]!, BEST_TO_WORST[Math.min(low + 1, BEST_TO_WORST.length - 1)]!, at - low);
  });
}

function mix(from: string, to: string, share: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mixed = [0, 1, 2].map((i) => Math.round(channel(from, i) * (1 - share) + channel(to, i) * share));
  return `#${mixed.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

/** A partial period (a week still running) is drawn in a lighter tint of its colour. */
export const PARTIAL_ALPHA = '66';
