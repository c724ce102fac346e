// Chart renderers: turn a ChartSpec into an image Slack can show, in a worker thread (Chart.js on
// @napi-rs/canvas), through a QuickChart server, or not at all (CHART_RENDERER=none).
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { SLACK_LIMITS } from '../message/limits.ts';
import { buildChartConfig } from './config.ts';
import type { DrawJob, DrawnChart } from './draw.ts';
import { ChartRenderError } from './errors.ts';
import { chartSize, readPngSize } from './size.ts';
import type { ChartSpec } from './spec.ts';
import {
  createWorkerPool,
  type WorkerPool,
  WorkerPoolFullError,
  type WorkerPoolOptions,
} from './worker-pool.ts';

export type ChartImage =
  | { kind: 'png'; png: Buffer; width: number; height: number }
  | { kind: 'url'; url: string };

export interface ChartRenderer {
  readonly kind: 'local' | 'quickchart' | 'none';
  render(spec: ChartSpec): Promise<ChartImage | null>;
  /** Stops the chart workers (local), failing charts still waiting. */
  close(): Promise<void>;
}

export type ChartPool = WorkerPool<DrawJob, DrawnChart>;

export interface ChartRendererOptions {
  kind: 'local' | 'quickchart' | 'none';
  /** QuickChart server; a path prefix is kept (https://charts.example.com/qc). */
  quickchartUrl?: string;
  logger?: Logger;
  /** How long a QuickChart POST may take, body included. */
  timeoutMs?: number;
  /** Pixels per CSS pixel. 2 keeps text sharp on the high-density screens most Slack users have. */
  devicePixelRatio?: number;
  /** The workers that draw local charts (default: createChartPool()). */
  pool?: ChartPool;
}

export const DEFAULT_QUICKCHART_URL = 'https://quickchart.io';
export const DEFAULT_CHART_TIMEOUT_MS = 10_000;
const DEFAULT_DEVICE_PIXEL_RATIO = 2;
/** Slack rejects an image block whose image_url is longer than this (Block Kit image block reference). */
export const SLACK_IMAGE_URL_MAX = SLACK_LIMITS.url;

export function createChartRenderer(opts: ChartRendererOptions): ChartRenderer {
  switch (opts.kind) {
    case 'none':
      return { kind: 'none', render: async () => null, close: async () => {} };
    case 'local':
      return remembered(createLocalRenderer(opts));
    case 'quickchart':
      return remembered(createQuickChartRenderer(opts));
  }
}

/**
 * Recent charts kept, by count and by bytes: the answers a busy team asks for within minutes
 * (a chart's PNG is 50–150 kB), without letting images pile up in memory.
 */
const REMEMBERED_CHARTS = { entries: 32, bytes: 4 * 1024 * 1024 };

/**
 * Identical specs (many people asking the same question) are drawn once: an image being drawn is
 * shared by everyone who asks for it meanwhile, and recent ones are kept within REMEMBERED_CHARTS.
 * Failures are not kept.
 */
function remembered(renderer: ChartRenderer): ChartRenderer {
  const images = new Map<string, { image: Promise<ChartImage | null>; bytes: number }>();
  let bytes = 0;
  const forget = (key: string) => {
    bytes -= images.get(key)?.bytes ?? 0;
    images.delete(key);
  };
  const evict = () => {
    // Maps iterate in insertion order, and a hit re-inserts: the first key is the least recently used.
    for (const key of images.keys()) {
      if (images.size <= REMEMBERED_CHARTS.entries && bytes <= REMEMBERED_CHARTS.bytes) break;
      forget(key);
    }
  };
  return {
    kind: renderer.kind,
    close: () => renderer.close(),
    render(spec) {
      const key = JSON.stringify(spec);
      const known = images.get(key);
      if (known) {
        images.delete(key);
        images.set(key, known);
        return known.image;
      }
      const entry = { image: renderer.render(spec), bytes: 0 };
      images.set(key, entry);
      entry.image.then(
        (image) => {
          if (images.get(key) !== entry) return;
          entry.bytes = image?.kind === 'png' ? image.png.length : (image?.url.length ?? 0);
          bytes += entry.bytes;
          evict();
        },
        () => {
          if (images.get(key) === entry) forget(key);
        },
      );
      evict();
      return entry.image;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// local: Chart.js drawn on @napi-rs/canvas in worker threads (charts/render-worker.ts)

/** Charts waiting for a worker beyond this are left out of their answers rather than queued. */
const MAX_QUEUED_CHARTS = 32;

/**
 * One worker on a two-core machine (the other core is the event loop's), two on larger ones. The
 * worker's young generation is kept small: a chart's garbage is short-lived and a few megabytes.
 */
export function chartPoolOptions(): WorkerPoolOptions {
  return {
    script: new URL(`./render-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    maxQueued: MAX_QUEUED_CHARTS,
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
  };
}

/** The workers that draw local charts (tests start them with their own script or workerData). */
export function createChartPool(): ChartPool {
  return createWorkerPool<DrawJob, DrawnChart>(chartPoolOptions());
}

function createLocalRenderer(opts: ChartRendererOptions): ChartRenderer {
  const log = opts.logger?.child({ module: 'charts', renderer: 'local' });
  const devicePixelRatio = opts.devicePixelRatio ?? DEFAULT_DEVICE_PIXEL_RATIO;
  let pool = opts.pool;
  let fontsChecked = false;
  return {
    kind: 'local',
    close: async () => pool?.close(),
    async render(spec) {
      chartSize(spec); // a spec no canvas should have is refused before it waits for a worker
      pool ??= createChartPool();
      let drawn: DrawnChart;
      try {
        drawn = await pool.run({ spec, devicePixelRatio });
      } catch (err) {
        if (err instanceof WorkerPoolFullError) {
          throw new ChartRenderError(`too many charts are waiting to be drawn (${err.message})`, {
            cause: err,
          });
        }
        throw new ChartRenderError(err instanceof Error ? err.message : String(err), { cause: err });
      }
      if (!fontsChecked) {
        fontsChecked = true;
        if (!drawn.cjkFont)
          log?.warn({}, 'no CJK font installed: Chinese agent names in charts may draw as boxes');
      }
      const png = Buffer.from(drawn.png.buffer, drawn.png.byteOffset, drawn.png.byteLength);
      log?.debug({ bytes: png.length, width: drawn.width, height: drawn.height }, 'chart rendered');
      return { kind: 'png', png, width: drawn.width, height: drawn.height };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// quickchart: a URL Slack fetches itself, or the PNG fetched from the server when the URL is too long

/** quickchart-js, loaded with the first QuickChart chart: a bot drawing locally never needs it. */
async function loadQuickChart() {
  const module = await import('quickchart-js');
  // quickchart-js ships one CommonJS-style .d.ts for both builds, so TypeScript sees the ESM default
  // import as `{ default: QuickChart }`; at run time its .mjs build's default export is the class itself.
  return module.default as unknown as typeof module.default.default;
}

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
    close: async () => {},
    async render(spec) {
      const { width, height } = chartSize(spec);
      const QuickChart = await loadQuickChart();
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
