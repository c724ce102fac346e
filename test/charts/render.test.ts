import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DrawJob, DrawnChart } from '../../src/charts/draw.ts';
import { ChartRenderError } from '../../src/charts/errors.ts';
import { type ChartPool, createChartRenderer } from '../../src/charts/render.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { createWorkerPool } from '../../src/charts/worker-pool.ts';
import { cjkSpec } from '../support/chart-specs.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const bigSpec: ChartSpec = {
  title: 'Every agent',
  labels: Array.from({ length: 300 }, (_, i) => `Agent number ${i}`),
  series: [{ label: 'Chats', values: Array.from({ length: 300 }, (_, i) => i), unit: 'count' }],
};

/** Width and height as a PNG's IHDR chunk stores them: big-endian at bytes 16..24. */
function ihdrSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A PNG header only (signature + IHDR), enough for the renderer's check; CRC left zero. */
function fakePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from(PNG_SIGNATURE), ihdr, Buffer.from('fake-quickchart-bytes')]);
}

/** A pool that records each job and answers with a fake PNG of `bytes` bytes, drawing nothing. */
function recordingPool(runs: DrawJob[], bytes = 1_000): ChartPool {
  return {
    stats: { running: 0, queued: 0, started: 0 },
    close: async () => {},
    async run(job) {
      runs.push(job);
      const png = new Uint8Array(Math.max(bytes, 64));
      png.set(fakePng(800, 400));
      return { png, width: 800, height: 400, cjkFont: true };
    },
  };
}

interface FakeQuickChart {
  baseUrl: string;
  requests: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

const servers: Server[] = [];

async function startFakeQuickChart(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
  onRequest?: () => void,
): Promise<FakeQuickChart> {
  const requests: FakeQuickChart['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      onRequest?.();
      answer(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('createChartRenderer({ kind: "none" })', () => {
  it('renders nothing', async () => {
    const renderer = createChartRenderer({ kind: 'none' });
    expect(renderer.kind).toBe('none');
    expect(await renderer.render(cjkSpec)).toBeNull();
  });
});

describe('createChartRenderer({ kind: "local" })', () => {
  // One renderer, so one chart worker, for the specs that draw for real.
  const renderer = createChartRenderer({ kind: 'local' });
  afterAll(() => renderer.close());

  it('draws a real PNG of the requested size at device pixel ratio 2 in a worker, CJK names and gaps included', async () => {
    const image = await renderer.render(cjkSpec);
    if (image?.kind !== 'png') throw new Error(`expected a png, got ${image?.kind}`);
    expect([...image.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(ihdrSize(image.png)).toEqual({ width: 1600, height: 800 });
    expect({ width: image.width, height: image.height }).toEqual({ width: 1600, height: 800 });
    expect(image.png.length).toBeLessThan(300 * 1024);
  });

  it('honours the device pixel ratio option', async () => {
    const flat = createChartRenderer({ kind: 'local', devicePixelRatio: 1 });
    try {
      const image = await flat.render({ ...cjkSpec, width: 640, height: 320 });
      if (image?.kind !== 'png') throw new Error('expected a png');
      expect(ihdrSize(image.png)).toEqual({ width: 640, height: 320 });
    } finally {
      await flat.close();
    }
  });

  it('refuses a size no canvas should have before it waits for a worker', async () => {
    const runs: DrawJob[] = [];
    const refusing = createChartRenderer({ kind: 'local', pool: recordingPool(runs) });
    await expect(refusing.render({ ...cjkSpec, width: -5 })).rejects.toBeInstanceOf(ChartRenderError);
    await expect(refusing.render({ ...cjkSpec, height: 100_000 })).rejects.toBeInstanceOf(ChartRenderError);
    expect(runs).toHaveLength(0);
  });

  it('draws an identical chart once, however many answers need it at the same time', async () => {
    const runs: DrawJob[] = [];
    const sharing = createChartRenderer({ kind: 'local', pool: recordingPool(runs) });
    const spec = { ...cjkSpec, title: 'asked by everyone' };
    const images = await Promise.all(Array.from({ length: 10 }, () => sharing.render(spec)));
    expect(runs).toHaveLength(1);
    expect(new Set(images).size).toBe(1);
    // A different chart is drawn; the first is still remembered.
    await sharing.render({ ...spec, title: 'another question' });
    await sharing.render(spec);
    expect(runs.map((job) => job.spec.title)).toEqual(['asked by everyone', 'another question']);
  });

  it('keeps recent charts within a byte budget: big images are drawn again rather than kept', async () => {
    const runs: DrawJob[] = [];
    // 1.5 MB each: the 4 MB budget holds two of them.
    const big = createChartRenderer({ kind: 'local', pool: recordingPool(runs, 1_500_000) });
    for (const title of ['a', 'b', 'c']) await big.render({ ...cjkSpec, title });
    await big.render({ ...cjkSpec, title: 'c' });
    expect(runs).toHaveLength(3);
    await big.render({ ...cjkSpec, title: 'a' });
    expect(runs).toHaveLength(4);
  });

  it('answers "too many charts waiting" at once when the workers are behind, and draws again after', async () => {
    const pool = createWorkerPool<DrawJob, DrawnChart>({
      script: new URL('../support/fake-chart-worker.ts', import.meta.url),
      size: 1,
      maxQueued: 2,
    });
    const busy = createChartRenderer({ kind: 'local', pool });
    try {
      const first = busy.render({ ...cjkSpec, title: 'drawing' });
      const waiting = [1, 2].map((i) => busy.render({ ...cjkSpec, title: `waiting ${i}` }));
      await expect(busy.render({ ...cjkSpec, title: 'one too many' })).rejects.toThrow(
        'too many charts are waiting to be drawn (2 jobs are already waiting)',
      );
      const drawn = await Promise.all([first, ...waiting]);
      expect(drawn.map((image) => image?.kind)).toEqual(['png', 'png', 'png']);
      expect((await busy.render({ ...cjkSpec, title: 'one too many' }))?.kind).toBe('png');
    } finally {
      await busy.close();
    }
  });
});

describe('createChartRenderer({ kind: "quickchart" })', () => {
  it('returns a URL on the configured server for a small chart, without any request', async () => {
    const fake = await startFakeQuickChart((_req, res) => res.end());
    const renderer = createChartRenderer({ kind: 'quickchart', quickchartUrl: fake.baseUrl });
    const image = await renderer.render(cjkSpec);
    if (image?.kind !== 'url') throw new Error('expected a url');
    expect(image.url.length).toBeLessThanOrEqual(3000);
    const url = new URL(image.url);
    expect(url.origin).toBe(fake.baseUrl);
    expect(url.pathname).toBe('/chart');
    expect(url.searchParams.get('v')).toBe('4');
    expect(url.searchParams.get('bkg')).toBe('white');
    expect(JSON.parse(url.searchParams.get('c') ?? '').data.labels).toEqual([
      '王小明',
      '李娜',
      "Seán O'Brien",
    ]);
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps a path prefix of a self-hosted server', async () => {
    const renderer = createChartRenderer({ kind: 'quickchart', quickchartUrl: 'http://127.0.0.1:9/qc/' });
    const image = await renderer.render(cjkSpec);
    if (image?.kind !== 'url') throw new Error('expected a url');
    expect(image.url.startsWith('http://127.0.0.1:9/qc/chart?')).toBe(true);
  });

  it('fetches the PNG from the server when the URL would be too long for Slack', async () => {
    const png = fakePng(1234, 567);
    const fake = await startFakeQuickChart((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    });
    const renderer = createChartRenderer({ kind: 'quickchart', quickchartUrl: fake.baseUrl });
    const image = await renderer.render(bigSpec);
    if (image?.kind !== 'png') throw new Error('expected a png');
    expect(image.png.equals(png)).toBe(true);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1234, height: 567 });

    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/chart');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ width: 800, height: 400, version: '4', backgroundColor: 'white' });
    const chart = typeof body.chart === 'string' ? JSON.parse(body.chart) : body.chart;
    expect(chart.data.labels).toHaveLength(300);
    expect(chart.data.labels[299]).toBe('Agent number 299');
    expect(chart.data.datasets[0].data[299]).toBe(299);
  });

  it('throws ChartRenderError naming the status when the server answers 500', async () => {
    const fake = await startFakeQuickChart((_req, res) => {
      res.writeHead(500, { 'x-quickchart-error': 'boom' });
      res.end('internal error');
    });
    const renderer = createChartRenderer({ kind: 'quickchart', quickchartUrl: fake.baseUrl });
    const failure = renderer.render(bigSpec);
    await expect(failure).rejects.toBeInstanceOf(ChartRenderError);
    await expect(failure).rejects.toThrow(/HTTP 500/);
    await expect(failure).rejects.toMatchObject({ code: 'chart_render_failed' });
  });

  it('throws ChartRenderError when the server answers 200 with something that is not a PNG', async () => {
    const fake = await startFakeQuickChart((_req, res) => res.end('<html>hello</html>'));
    const renderer = createChartRenderer({ kind: 'quickchart', quickchartUrl: fake.baseUrl });
    await expect(renderer.render(bigSpec)).rejects.toThrow(/not a PNG/);
  });

  it('throws ChartRenderError when the server is down, without naming its address', async () => {
    const fake = await startFakeQuickChart((_req, res) => res.end());
    await fake.close();
    const secretUrl = `${fake.baseUrl.replace('http://', 'http://user:s3cret@')}`;
    const renderer = createChartRenderer({ kind: 'quickchart', quickchartUrl: secretUrl });
    const failure = renderer.render(bigSpec);
    await expect(failure).rejects.toBeInstanceOf(ChartRenderError);
    await expect(failure).rejects.toThrow(/could not reach the QuickChart server \(ECONNREFUSED\)/);
    const message = await failure.catch((err: Error) => err.message);
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('127.0.0.1');
  });

  it('throws ChartRenderError when the server never answers within timeoutMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let requestArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      requestArrived = resolve;
    });
    const fake = await startFakeQuickChart(
      () => {
        // never answers
      },
      () => requestArrived(),
    );
    const renderer = createChartRenderer({
      kind: 'quickchart',
      quickchartUrl: fake.baseUrl,
      timeoutMs: 60_000,
    });
    const failure = renderer.render(bigSpec);
    let settled = false;
    const markSettled = () => {
      settled = true;
    };
    failure.then(markSettled, markSettled);
    await arrived;
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(failure).rejects.toBeInstanceOf(ChartRenderError);
    await expect(failure).rejects.toThrow(/did not answer within 60000 ms/);
  });

  it('rejects a QuickChart URL that is not http(s) when the renderer is created', () => {
    expect(() => createChartRenderer({ kind: 'quickchart', quickchartUrl: 'ftp://charts.example' })).toThrow(
      ChartRenderError,
    );
  });
});
