// `npm run demo`: the bot with no credentials. Starts the built-in Sobot simulator, then a local
// console where you type `/sobot agents yesterday` and read the answer; charts and CSV files
// are written to ./demo-output. With an argument it answers once and exits:
//   npm run demo -- "/sobot agents yesterday"
//   SOBOT_API=legacy npm run demo -- "/sobot overview yesterday"

import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from './config.ts';
import { renderForConsole } from './demo/console-render.ts';
import { createLogger } from './logger.ts';
import { createEngine, type Engine } from './main.ts';
import { startSimulator } from './simulator/server.ts';
import { errorMessage } from './slack/error-reply.ts';
import type { BotMessage } from './slack/message.ts';

const OUTPUT_DIR = resolve(process.env.DEMO_OUTPUT_DIR ?? 'demo-output');

async function saveAttachments(engine: Engine, message: BotMessage, stamp: string): Promise<string | null> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  for (const file of message.files ?? []) {
    const path = resolve(OUTPUT_DIR, file.filename);
    await writeFile(path, file.content, 'utf8');
    console.log(`[file] ${file.title}: ${path}`);
  }
  if (!message.chart) return null;
  try {
    const image = await engine.charts.render(message.chart.spec);
    if (!image) return null;
    if (image.kind === 'url') return image.url;
    const path = resolve(OUTPUT_DIR, `chart-${stamp}.png`);
    await writeFile(path, image.png);
    return path;
  } catch (error) {
    return `could not be drawn (${(error as Error).message})`;
  }
}

async function answer(engine: Engine, line: string, count: number): Promise<void> {
  const text = line
    .trim()
    .replace(/^\/sobot\b/i, '')
    .trim();
  let message: BotMessage;
  try {
    message = await engine.commands.run(text, { userId: 'U0DEMO', channelId: 'C0DEMO' });
  } catch (error) {
    message = errorMessage(error);
  }
  const chart = await saveAttachments(engine, message, `${Date.now()}-${count}`);
  console.log(`\n${renderForConsole(message, chart)}\n`);
}

async function demo(): Promise<void> {
  const simulator = await startSimulator({});
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-demo',
    SLACK_SIGNING_SECRET: 'demo',
    // The simulator serves both APIs from one address: SOBOT_API=legacy npm run demo uses the legacy one.
    SOBOT_API: process.env.SOBOT_API,
    SOBOT_APPID: simulator.appId,
    SOBOT_APP_KEY: simulator.appKey,
    SOBOT_BASE_URL: simulator.url,
    SOBOT_TIMEZONE: process.env.SOBOT_TIMEZONE,
    SOBOT_LANGUAGE: process.env.SOBOT_LANGUAGE,
    CHART_RENDERER: process.env.CHART_RENDERER ?? 'local',
    QUICKCHART_URL: process.env.QUICKCHART_URL,
  });
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    pretty: false,
    destination: process.stderr,
  });
  const engine = createEngine(config, { logger });
  const oneShot = process.argv.slice(2).join(' ').trim();
  try {
    if (oneShot) {
      await answer(engine, oneShot, 1);
      return;
    }
    console.log(
      `sobot-slack demo · simulated Sobot (${config.sobot.api} API) at ${simulator.url} · time zone ${config.sobot.timeZone}`,
    );
    console.log('Type a command such as "/sobot agents yesterday", "/sobot help", or "exit".\n');
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'sobot> ' });
    let count = 0;
    rl.prompt();
    for await (const line of rl) {
      if (/^(exit|quit)$/i.test(line.trim())) break;
      if (line.trim()) await answer(engine, line, ++count);
      rl.prompt();
    }
    rl.close();
  } finally {
    await simulator.close();
  }
}

void demo();
