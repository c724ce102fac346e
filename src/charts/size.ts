// Image sizes: the canvas a spec asks for (checked, so no spec can make a renderer allocate
// gigabytes), and the size a PNG says it has.

import { ChartRenderError } from './errors.ts';
import type { ChartSpec } from './spec.ts';

export const DEFAULT_CHART_WIDTH = 800;
export const DEFAULT_CHART_HEIGHT = 400;

/** Larger than any chart Slack shows usefully; a guard against a spec that would allocate gigabytes. */
const MAX_CHART_SIDE = 4096;

export function chartSize(spec: ChartSpec): { width: number; height: number } {
  const width = spec.width ?? DEFAULT_CHART_WIDTH;
  const height = spec.height ?? DEFAULT_CHART_HEIGHT;
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
