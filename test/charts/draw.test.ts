// Specs for drawing a chart with Chart.js on @napi-rs/canvas, called in the test's own thread
// (the bot calls it in the chart worker), so Chart.js itself can be watched and made to fail.

import { createCanvas, loadImage } from '@napi-rs/canvas';
import { Chart } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawChart } from '../../src/charts/draw.ts';
import { ChartRenderError } from '../../src/charts/errors.ts';
import { cjkSpec as spec } from '../support/chart-specs.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('drawChart', () => {
  it('draws a PNG of the spec size times the device pixel ratio', async () => {
    const drawn = await drawChart({ ...spec, width: 640, height: 320 }, 2);
    expect({ width: drawn.width, height: drawn.height }).toEqual({ width: 1280, height: 640 });
    const decoded = await loadImage(Buffer.from(drawn.png));
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 1280, height: 640 });
  });

  it('fills the background white instead of leaving it transparent', async () => {
    const drawn = await drawChart(spec, 1);
    const decoded = await loadImage(Buffer.from(drawn.png));
    const canvas = createCanvas(decoded.width, decoded.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(decoded, 0, 0);
    expect([...ctx.getImageData(0, 0, 1, 1).data]).toEqual([255, 255, 255, 255]);
    expect([...ctx.getImageData(decoded.width - 1, decoded.height - 1, 1, 1).data]).toEqual([
      255, 255, 255, 255,
    ]);
  });

  it('refuses a size no canvas should have with a ChartRenderError', async () => {
    await expect(drawChart({ ...spec, width: -5 }, 2)).rejects.toBeInstanceOf(ChartRenderError);
    await expect(drawChart({ ...spec, height: 100_000 }, 2)).rejects.toBeInstanceOf(ChartRenderError);
  });

  it('turns a Chart.js failure into a ChartRenderError and leaves no chart instance behind', async () => {
    await drawChart(spec, 1); // loads and registers Chart.js
    const before = Object.keys(Chart.instances).length;
    vi.spyOn(Chart.prototype, 'draw').mockImplementation(() => {
      throw new Error('boom');
    });
    const failure = drawChart({ ...spec, title: 'A chart that fails' }, 1);
    await expect(failure).rejects.toBeInstanceOf(ChartRenderError);
    await expect(failure).rejects.toThrow(/boom/);
    expect(Object.keys(Chart.instances)).toHaveLength(before);
  });

  it('destroys each chart after drawing it', async () => {
    await drawChart(spec, 1);
    const before = Object.keys(Chart.instances).length;
    await drawChart({ ...spec, title: 'second' }, 1);
    await drawChart({ ...spec, title: 'third' }, 1);
    expect(Object.keys(Chart.instances)).toHaveLength(before);
    expect(before).toBe(0);
  });
});
