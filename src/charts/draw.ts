// Draws a ChartSpec as a PNG with Chart.js on @napi-rs/canvas, in the calling thread. The bot calls
// it only inside the chart worker (render-worker.ts): drawing takes tens of milliseconds of CPU
// that would otherwise delay every Slack request waiting on the event loop.

import type { Chart as ChartJs, Plugin } from 'chart.js';
import { buildChartConfig } from './config.ts';
import { ChartRenderError } from './errors.ts';
import { chartSize, readPngSize } from './size.ts';
import type { ChartSpec } from './spec.ts';
import { CHART_STYLE } from './style.ts';

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

/**
 * Family-name prefixes of the CJK fonts tried, best first. Matched by prefix because one font file
 * covers several languages under one name: fonts-noto-cjk (Debian) is reported by @napi-rs/canvas
 * as "Noto Sans CJK JP", and its Chinese glyphs are as good as "Noto Sans CJK SC"'s.
 */
const CJK_FAMILY_PREFIXES = [
  'Noto Sans CJK',
  'Noto Sans SC',
  'Source Han Sans',
  'WenQuanYi Zen Hei',
  'WenQuanYi Micro Hei',
];
/** Latin fallbacks after the CJK font. */
const LATIN_FAMILIES = ['Noto Sans', 'DejaVu Sans'];

/** The font families charts ask for, from the installed ones: a CJK font first (the Chinese variant when several), then Latin ones. */
export function chartFontFamilies(installed: readonly string[]): {
  families: string[];
  cjkFont: string | undefined;
} {
  const chineseFirst = (a: string, b: string) => Number(b.endsWith(' SC')) - Number(a.endsWith(' SC'));
  const cjk = CJK_FAMILY_PREFIXES.flatMap((prefix) =>
    installed.filter((family) => family.startsWith(prefix)).sort(chineseFirst),
  );
  const latin = LATIN_FAMILIES.filter((family) => installed.includes(family));
  return { families: [...new Set([...cjk, ...latin])], cjkFont: cjk[0] };
}

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
    const { families, cjkFont } = chartFontFamilies(canvas.GlobalFonts.families.map((f) => f.family));
    chartjs.Chart.defaults.font.family = [...families.map((f) => `"${f}"`), 'sans-serif'].join(', ');
    return {
      Chart: chartjs.Chart,
      BasicPlatform: chartjs.BasicPlatform,
      createCanvas: canvas.createCanvas,
      cjkFont: cjkFont !== undefined,
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
    ctx.fillStyle = CHART_STYLE.background;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * `inspect` sees the drawn chart before it is destroyed: the labels-fit test measures what Chart.js
 * laid out with the machine's fonts.
 */
export async function drawChart(
  spec: ChartSpec,
  devicePixelRatio: number,
  inspect?: (chart: ChartJs) => void,
): Promise<DrawnChart> {
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
    inspect?.(chart);
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
