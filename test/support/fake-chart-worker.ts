// A stand-in for charts/render-worker.ts that answers each job with a tiny PNG header, drawing
// nothing, so tests can fill the chart pool's queue cheaply.

import { parentPort } from 'node:worker_threads';

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

parentPort?.on('message', () => {
  const png = new Uint8Array(24);
  png.set(PNG_HEADER);
  new DataView(png.buffer).setUint32(16, 800);
  new DataView(png.buffer).setUint32(20, 400);
  parentPort?.postMessage({ ok: true, value: { png, width: 800, height: 400, cjkFont: true } });
});
