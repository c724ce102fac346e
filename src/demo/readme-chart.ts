// The chart image the README shows (docs/agents-chart.png): `/sobot agents 2026-12-02` answered by
// the demo's simulated company on a fixed clock, drawn by the local renderer. `npm run docs:chart`
// writes the image and, beside it, the spec it was drawn from with the image's hash; a test builds
// the spec again and compares, so the picture in the README is the bot's current chart.

import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { drawChart } from '../charts/draw.ts';
import type { ChartSpec } from '../charts/spec.ts';
import { type Clock, systemClock } from '../clock.ts';
import { createEngine } from '../compose/engine.ts';
import { createWorkers } from '../compose/workers.ts';
import { loadConfig } from '../config.ts';
import { DEFAULT_ACCESS } from '../config-file.ts';
import { createLogger } from '../logger.ts';
import { startSimulator } from '../simulator/server.ts';
import { createAccessPolicy, NO_DIRECTORY } from '../slack/access.ts';

export const README_CHART = {
  png: resolve('docs/agents-chart.png'),
  spec: resolve('docs/agents-chart.json'),
  command: 'agents 2026-12-02',
  /** Thu 3 Dec 2026, 09:00 in Shanghai: "2026-12-02" is yesterday, as in the README's example. */
  now: Date.parse('2026-12-03T01:00:00Z'),
} as const;

/** The spec of the README's chart, from the simulator and the real command, on the fixed clock. */
export async function readmeChartSpec(): Promise<ChartSpec> {
  // The time stands still; waits are real (heartbeats wait in the background, unref'd), so nothing
  // spins on a wait that ends at once.
  const clock: Clock = { now: () => README_CHART.now, sleep: systemClock.sleep };
  const simulator = await startSimulator({ clock });
  const dataDir = await mkdtemp(join(tmpdir(), 'sobot-slack-docs-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-docs',
    SLACK_SIGNING_SECRET: 'docs',
    SOBOT_APPID: simulator.appId,
    SOBOT_APP_KEY: simulator.appKey,
    SOBOT_BASE_URL: simulator.url,
    CHART_RENDERER: 'none',
  });
  const engine = await createEngine(
    { ...config, dataDir },
    { clock, logger: createLogger({ level: 'silent' }) },
  );
  try {
    const access = createAccessPolicy({ ...DEFAULT_ACCESS, admins: ['U0DOCS'] }, NO_DIRECTORY);
    const poster = { post: async () => ({ channel: '', ts: '' }), update: async () => {} };
    const { commands } = createWorkers(engine, poster, access);
    const message = await commands.run(README_CHART.command, { userId: 'U0DOCS', channelId: 'C0DOCS' });
    if (!message.chart) throw new Error(`"${README_CHART.command}" drew no chart`);
    return message.chart.spec;
  } finally {
    await engine.charts.close();
    await engine.store.close();
    await rm(dataDir, { recursive: true, force: true });
    await simulator.close();
  }
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Writes the image and its spec (with the image's hash). */
export async function writeReadmeChart(): Promise<void> {
  const spec = await readmeChartSpec();
  const drawn = await drawChart(spec, 2);
  await writeFile(README_CHART.png, drawn.png);
  const record = { command: `/sobot ${README_CHART.command}`, pngSha256: sha256(drawn.png), spec };
  await writeFile(README_CHART.spec, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
  console.log(`${README_CHART.png}\n${README_CHART.spec}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await writeReadmeChart();
