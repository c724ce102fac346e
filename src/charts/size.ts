// Image sizes: the canvas a spec asks for (checked, so no spec can make a renderer allocate
// gigabytes), and the size a PNG says it has.

import { ChartRenderError } from './errors.ts';
import type { ChartSpec } from './spec.ts';

export const DEFAULT_CHART_WIDTH = 800;
export const DEFAULT_CHART_HEIGHT = 400;

/** Larger than any chart Slack shows usefully; a guard against a spec that would allocate gigabytes. */
const MAX_CHART_SIDE = 4096;
/** The largest size chosen for a chart by itself: Slack scales wider images down anyway. */
const MAX_AUTO_SIDE = 1200;
/** Above this many categories Chart.js may skip labels rather than draw them on top of each other. */
export const MAX_UNSKIPPED_LABELS = 30;

/**
 * A horizontal chart's height per category row (at least two lines of a 12 px label), and what
 * its title, axis and legend take.
 */
const ROW_HEIGHT = { perSeries: 14, gap: 12, min: 38, chrome: 150 };
/** A vertical chart widens past this many categories, so each keeps room for its label. */
const CATEGORY_WIDTH = 76;

export function chartSize(spec: ChartSpec): { width: number; height: number } {
  const categories = spec.labels.length;
  const bars = spec.stacked ? 1 : Math.max(1, spec.series.filter((s) => s.type !== 'line').length);
  // Names read best beside their bar: a horizontal chart grows with its rows instead of squeezing them.
  const row = Math.max(ROW_HEIGHT.min, bars * ROW_HEIGHT.perSeries + ROW_HEIGHT.gap);
  const rows = ROW_HEIGHT.chrome + categories * row;
  const autoHeight = spec.horizontal
    ? Math.min(MAX_AUTO_SIDE, Math.max(DEFAULT_CHART_HEIGHT, rows))
    : DEFAULT_CHART_HEIGHT;
  const autoWidth =
    !spec.horizontal && categories <= MAX_UNSKIPPED_LABELS
      ? Math.min(MAX_AUTO_SIDE, Math.max(DEFAULT_CHART_WIDTH, 160 + categories * CATEGORY_WIDTH))
      : DEFAULT_CHART_WIDTH;
  const width = spec.width ?? autoWidth;
  const height = spec.height ?? autoHeight;
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_CHART_SIDE) {
      throw new ChartRenderError(`chart width and height must be whole numbers from 1 to ${MAX_CHART_SIDE}`);
    }
  }
  return { width, height };
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return null;
  if (Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
