// Draws a ChartSpec as a PNG with Chart.js on @napi-rs/canvas, in the calling thread. The bot calls
// it only inside the chart worker (render-worker.ts): drawing takes tens of milliseconds of CPU
// that would otherwise delay every Slack request waiting on the event loop.

import type { Chart as ChartJs, Plugin } from 'chart.js';
import { buildChartConfig } from './config.ts';
import { ChartRenderError } from './errors.ts';
import { chartSize, readPngSize } from './size.ts';
import type { ChartSpec } from './spec.ts';

/** What the chart worker is sent. */
export interface DrawJob {
  spec: ChartSpec;
  devicePixelRatio: number;
}

export interface DrawnChart {
  png: Uint8Array;
  width: number;
  height: number;
  /** Whether a CJK font was found, so Chinese names draw as letters rather than boxes. */
  cjkFont: boolean;
}

/** Families tried in order; the CJK ones first so agent names like 王小明 do not draw as boxes. */
const PREFERRED_FONT_FAMILIES = [
  'Noto Sans CJK SC',
  'Noto Sans SC',
  'Source Han Sans SC',
  'WenQuanYi Zen Hei',
  'WenQuanYi Micro Hei',
  'Noto Sans',
  'DejaVu Sans',
];
const CJK_FONT_FAMILIES = new Set(PREFERRED_FONT_FAMILIES.slice(0, 5));

interface LocalRuntime {
  Chart: typeof ChartJs;
  BasicPlatform: typeof import('chart.js').BasicPlatform;
  createCanvas: typeof import('@napi-rs/canvas').createCanvas;
  cjkFont: boolean;
}

let localRuntime: Promise<LocalRuntime> | undefined;

/**
 * Loads Chart.js and Skia once, on the first chart, so a bot that has drawn none (or uses
 * CHART_RENDERER=quickchart or none) never loads the native canvas binary or scans the fonts.
 */
function loadLocalRuntime(): Promise<LocalRuntime> {
  localRuntime ??= (async () => {
    const [chartjs, canvas] = await Promise.all([import('chart.js'), import('@napi-rs/canvas')]);
    chartjs.Chart.register(...chartjs.registerables);
    // @napi-rs/canvas loads the installed fonts when it is first imported (unless
    // DISABLE_SYSTEM_FONTS_LOAD is set); GlobalFonts.families lists what it found.
    const installed = new Set(canvas.GlobalFonts.families.map((f) => f.family));
    const families = PREFERRED_FONT_FAMILIES.filter((family) => installed.has(family));
    chartjs.Chart.defaults.font.family = [...families.map((f) => `"${f}"`), 'sans-serif'].join(', ');
    return {
      Chart: chartjs.Chart,
      BasicPlatform: chartjs.BasicPlatform,
      createCanvas: canvas.createCanvas,
      cjkFont: families.some((family) => CJK_FONT_FAMILIES.has(family)),
    };
  })();
  localRuntime.catch(() => {
    localRuntime = undefined;
  });
  return localRuntime;
}

/** Chart.js leaves the canvas transparent; Slack would show a transparent PNG on a dark theme badly. */
const whiteBackground: Plugin<'bar' | 'line'> = {
  id: 'sobotWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export async function drawChart(spec: ChartSpec, devicePixelRatio: number): Promise<DrawnChart> {
  const { width, height } = chartSize(spec);
  let runtime: LocalRuntime;
  try {
    runtime = await loadLocalRuntime();
  } catch (err) {
    throw new ChartRenderError('the local chart renderer could not load Chart.js or @napi-rs/canvas', {
      cause: err,
    });
  }
  const canvas = runtime.createCanvas(width, height);
  const config = buildChartConfig(spec);
  // Chart.js is typed against the DOM canvas; @napi-rs/canvas implements the parts it uses.
  const item = canvas as unknown as ConstructorParameters<typeof ChartJs>[0];
  let chart: ChartJs | undefined;
  try {
    // The constructor draws the chart (animation off), so a drawing error is thrown from here.
    chart = new runtime.Chart(item, {
      ...config,
      options: { ...config.options, responsive: false, animation: false, devicePixelRatio },
      plugins: [whiteBackground],
      // Pinned so a DOM shim in the process cannot switch Chart.js to its browser platform.
      platform: runtime.BasicPlatform,
    });
    const png = await canvas.encode('png');
    const size = readPngSize(png);
    if (size === null) throw new Error('the canvas did not produce a PNG');
    return { png, ...size, cjkFont: runtime.cjkFont };
  } catch (err) {
    throw new ChartRenderError(`the chart could not be drawn (${errorMessage(err)})`, { cause: err });
  } finally {
    // Chart.js keeps every chart in Chart.instances until destroyed, also one whose constructor threw.
    (chart ?? runtime.Chart.getChart(item))?.destroy();
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
