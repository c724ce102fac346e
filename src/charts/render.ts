// Chart renderers: turn a ChartSpec into an image Slack can show, in-process (Chart.js on
// @napi-rs/canvas), through a QuickChart server, or not at all (CHART_RENDERER=none).
import type { Chart as ChartJs, Plugin } from 'chart.js';
import type { Logger } from 'pino';
import QuickChartModule from 'quickchart-js';
import { SLACK_LIMITS } from '../slack/message.ts';
import { buildChartConfig } from './config.ts';
import { ChartRenderError } from './errors.ts';
import type { ChartSpec } from './spec.ts';

// quickchart-js ships one CommonJS-style .d.ts for both builds, so TypeScript sees the ESM default
// import as `{ default: QuickChart }`; at run time its .mjs build's default export is the class itself.
const QuickChart = QuickChartModule as unknown as typeof QuickChartModule.default;

export type ChartImage =
  | { kind: 'png'; png: Buffer; width: number; height: number }
  | { kind: 'url'; url: string };

export interface ChartRenderer {
  readonly kind: 'local' | 'quickchart' | 'none';
  render(spec: ChartSpec): Promise<ChartImage | null>;
}

export interface ChartRendererOptions {
  kind: 'local' | 'quickchart' | 'none';
  /** QuickChart server; a path prefix is kept (https://charts.example.com/qc). */
  quickchartUrl?: string;
  logger?: Logger;
  /** How long a QuickChart POST may take, body included. */
  timeoutMs?: number;
  /** Pixels per CSS pixel. 2 keeps text sharp on the high-density screens most Slack users have. */
  devicePixelRatio?: number;
}

export const DEFAULT_CHART_WIDTH = 800;
export const DEFAULT_CHART_HEIGHT = 400;
export const DEFAULT_QUICKCHART_URL = 'https://quickchart.io';
export const DEFAULT_CHART_TIMEOUT_MS = 10_000;
const DEFAULT_DEVICE_PIXEL_RATIO = 2;
/** Slack rejects an image block whose image_url is longer than this (Block Kit image block reference). */
export const SLACK_IMAGE_URL_MAX = SLACK_LIMITS.url;

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

export function createChartRenderer(opts: ChartRendererOptions): ChartRenderer {
  switch (opts.kind) {
    case 'none':
      return { kind: 'none', render: async () => null };
    case 'local':
      return remembered(createLocalRenderer(opts));
    case 'quickchart':
      return remembered(createQuickChartRenderer(opts));
  }
}

/** Recent charts kept: enough for the answers a busy team asks for within minutes. */
const REMEMBERED_CHARTS = 64;

/**
 * Identical specs (many people asking the same question) are drawn once: rendering is CPU work
 * on the event loop that would otherwise delay every other request's ack. Failures are not kept.
 */
function remembered(renderer: ChartRenderer): ChartRenderer {
  const images = new Map<string, Promise<ChartImage | null>>();
  return {
    kind: renderer.kind,
    render(spec) {
      const key = JSON.stringify(spec);
      const known = images.get(key);
      if (known) return known;
      const image = renderer.render(spec);
      images.set(key, image);
      image.catch(() => images.delete(key));
      while (images.size > REMEMBERED_CHARTS) images.delete(images.keys().next().value as string);
      return image;
    },
  };
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return null;
  if (Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Larger than any chart Slack shows usefully; a guard against a spec that would allocate gigabytes. */
const MAX_CHART_SIDE = 4096;

function chartSize(spec: ChartSpec): { width: number; height: number } {
  const width = spec.width ?? DEFAULT_CHART_WIDTH;
  const height = spec.height ?? DEFAULT_CHART_HEIGHT;
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_CHART_SIDE) {
      throw new ChartRenderError(`chart width and height must be whole numbers from 1 to ${MAX_CHART_SIDE}`);
    }
  }
  return { width, height };
}

// ---------------------------------------------------------------------------------------------
// local: Chart.js drawn on @napi-rs/canvas

interface LocalRuntime {
  Chart: typeof ChartJs;
  BasicPlatform: typeof import('chart.js').BasicPlatform;
  createCanvas: typeof import('@napi-rs/canvas').createCanvas;
  cjkFont: string | undefined;
}

let localRuntime: Promise<LocalRuntime> | undefined;

/**
 * Loads Chart.js and Skia once, on first use, so a bot running with CHART_RENDERER=quickchart or
 * none never loads the native canvas binary.
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
      cjkFont,
    };
  })();
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

function createLocalRenderer(opts: ChartRendererOptions): ChartRenderer {
  const log = opts.logger?.child({ module: 'charts', renderer: 'local' });
  const devicePixelRatio = opts.devicePixelRatio ?? DEFAULT_DEVICE_PIXEL_RATIO;
  let fontsChecked = false;
  return {
    kind: 'local',
    async render(spec) {
      let runtime: LocalRuntime;
      try {
        runtime = await loadLocalRuntime();
      } catch (err) {
        throw new ChartRenderError('the local chart renderer could not load Chart.js or @napi-rs/canvas', {
          cause: err,
        });
      }
      if (!fontsChecked) {
        fontsChecked = true;
        if (runtime.cjkFont === undefined) {
          log?.warn({}, 'no CJK font installed: Chinese agent names in charts may draw as boxes');
        }
      }
      try {
        const png = await drawPng(runtime, spec, devicePixelRatio);
        const size = readPngSize(png);
        if (size === null) throw new Error('the canvas did not produce a PNG');
        log?.debug({ bytes: png.length, ...size }, 'chart rendered');
        return { kind: 'png', png, ...size };
      } catch (err) {
        throw new ChartRenderError(`the chart could not be drawn (${errorMessage(err)})`, { cause: err });
      }
    },
  };
}

async function drawPng(runtime: LocalRuntime, spec: ChartSpec, devicePixelRatio: number): Promise<Buffer> {
  const { width, height } = chartSize(spec);
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
    return await canvas.encode('png');
  } finally {
    // Chart.js keeps every chart in Chart.instances until destroyed, also one whose constructor threw.
    (chart ?? runtime.Chart.getChart(item))?.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// quickchart: a URL Slack fetches itself, or the PNG fetched from the server when the URL is too long

interface QuickChartBase {
  scheme: string;
  /** Host, port and any path prefix, without a trailing slash: what quickchart-js puts after "//". */
  hostAndPath: string;
}

function parseQuickChartBase(raw: string): QuickChartBase {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ChartRenderError('the QuickChart URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChartRenderError('the QuickChart URL must start with http:// or https://');
  }
  return { scheme: url.protocol.slice(0, -1), hostAndPath: `${url.host}${url.pathname.replace(/\/+$/, '')}` };
}

function createQuickChartRenderer(opts: ChartRendererOptions): ChartRenderer {
  const log = opts.logger?.child({ module: 'charts', renderer: 'quickchart' });
  const base = parseQuickChartBase(opts.quickchartUrl ?? DEFAULT_QUICKCHART_URL);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHART_TIMEOUT_MS;
  const devicePixelRatio = opts.devicePixelRatio ?? DEFAULT_DEVICE_PIXEL_RATIO;
  return {
    kind: 'quickchart',
    async render(spec) {
      const { width, height } = chartSize(spec);
      const chart = new QuickChart()
        // JSON rather than quickchart-js's JavaScript literal: our config holds no functions, and a
        // self-hosted server then parses it without evaluating code.
        .setConfig(JSON.stringify(buildChartConfig(spec)))
        .setVersion('4') // quickchart-js defaults to Chart.js 2.9.4; the config is Chart.js 4.
        .setWidth(width)
        .setHeight(height)
        .setDevicePixelRatio(devicePixelRatio)
        .setBackgroundColor('white')
        .setScheme(base.scheme)
        .setHost(base.hostAndPath);
      const url = chart.getUrl();
      if (url.length <= SLACK_IMAGE_URL_MAX) return { kind: 'url', url };
      log?.debug({ urlLength: url.length }, 'chart URL too long for Slack, fetching the PNG');
      const png = await postForPng(
        `${base.scheme}://${base.hostAndPath}/chart`,
        chart.getPostData(),
        timeoutMs,
        log,
      );
      const size = readPngSize(png);
      if (size === null)
        throw new ChartRenderError('the QuickChart server answered with something that is not a PNG');
      return { kind: 'png', png, ...size };
    },
  };
}

/**
 * POSTs the chart the way quickchart-js's toBinary() does, but with a timeout: toBinary() goes
 * through cross-fetch with no AbortSignal, so a stalled server would hang the reply forever.
 */
async function postForPng(
  endpoint: string,
  body: object,
  timeoutMs: number,
  log: Logger | undefined,
): Promise<Buffer> {
  const abort = new AbortController();
  // A plain timer (not AbortSignal.timeout) so tests can drive it with fake timers.
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'image/png' },
      body: JSON.stringify(body),
      signal: abort.signal,
    });
    if (!res.ok) {
      log?.warn(
        { status: res.status, quickchartError: res.headers.get('x-quickchart-error')?.slice(0, 200) },
        'quickchart render failed',
      );
      await res.body?.cancel();
      throw new ChartRenderError(`the QuickChart server answered HTTP ${res.status}`);
    }
    return Buffer.from(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof ChartRenderError) throw err;
    if (abort.signal.aborted) {
      throw new ChartRenderError(`the QuickChart server did not answer within ${timeoutMs} ms`, {
        cause: err,
      });
    }
    // fetch's own message is just "fetch failed"; the cause's code (ECONNREFUSED, ENOTFOUND…) says why
    // without repeating the server address, which may carry credentials.
    const code = networkErrorCode(err);
    log?.warn({ code }, 'quickchart unreachable');
    throw new ChartRenderError(`could not reach the QuickChart server${code ? ` (${code})` : ''}`, {
      cause: err,
    });
  } finally {
    clearTimeout(timer);
  }
}

function networkErrorCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  const code = cause instanceof Error && 'code' in cause ? cause.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
