// `npm run build`'s second step: the bot as production runs it, bundled into dist/bot/ (main.js, the
// chart worker render-worker.js beside it, and chunks they share or load late). Node then reads a few
// files instead of ~900 modules: start to healthy and resident memory both fall (README, "Performance").
// Left out, loaded from node_modules at run time: the canvas (a native module), pino (its transports
// start workers by file path), ioredis (its errors read __dirname) and quickchart-js, both loaded only
// when configured, and the development-only pino-pretty and tsx.

import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const EXTERNAL = ['@napi-rs/canvas', 'pino', 'pino-pretty', 'ioredis', 'quickchart-js', 'tsx'];

/** The bot's `@slack/bolt` imports go to Bolt's App and receivers only (scripts/bolt-slim.cjs). */
const boltWithoutIndex: Plugin = {
  name: 'bolt-without-index',
  setup(bundle) {
    const slim = fileURLToPath(new URL('bolt-slim.cjs', import.meta.url));
    bundle.onResolve({ filter: /^@slack\/bolt$/ }, () => ({ path: slim }));
  },
};

// Chunk names carry a hash: without this, the chunks of earlier builds would pile up beside the new ones.
rmSync('dist/bot', { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/main.ts', 'render-worker': 'src/charts/render-worker.ts' },
  outdir: 'dist/bot',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Whitespace and syntax only: a smaller file to read and parse at start (a few MB less resident);
  // identifiers are kept, so stack traces still name every function.
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS dependencies call require() for Node's built-in modules; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
  },
  plugins: [boltWithoutIndex],
  logLevel: 'warning',
});
