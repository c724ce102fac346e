// `npm run demo`: the bot with no credentials. Starts the built-in Sobot simulator, then a local
// console where you type `/sobot agents yesterday` and read the answer; charts and CSV files
// are written to ./demo-output. With an argument it answers once and exits:
//   npm run demo -- "/sobot agents yesterday"
//   SOBOT_API=legacy npm run demo -- "/sobot overview yesterday"
//   npm run demo -- --home        (the App Home tab as the demo's admin sees it)
//   npm run demo -- --lang zh "/sobot 客服 昨天"   (answers in Chinese)
// Logs go to demo-output/demo.log, not between the answers; its path is printed first.

import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { CommandRouter } from '../commands/index.ts';
import { createEngine, type Engine } from './compose/engine.ts';
import { createHome, createWorkers } from './compose/workers.ts';
import { loadConfig } from './config.ts';
import { DEFAULT_ACCESS } from './config-file.ts';
import { renderForConsole, viewForConsole } from './demo/console-render.ts';
import { ConfigError } from './errors.ts';
import { createLogger } from './logger.ts';
import type { BotMessage } from './message/message.ts';
import type { ChannelPoster } from './message/poster.ts';
import { startSimulator } from './simulator/server.ts';
import { createAccessPolicy, NO_DIRECTORY } from './slack/access.ts';
import { answerCommand } from './slack/answer-command.ts';

const OUTPUT_DIR = resolve(process.env.DEMO_OUTPUT_DIR ?? 'demo-output');
const DEMO_USER = 'U0DEMO';
const DEMO_CHANNEL = 'C0DEMO';

/** "Posting" to a channel in the demo prints the message, as `/sobot digest now` would post it. */
function consolePoster(engine: Engine): ChannelPoster {
  let count = 0;
  return {
    async post(channel, message, options = {}) {
      count += 1;
      const chart = await saveAttachments(engine, message, `post-${count}`);
      const where = options.threadTs ? `thread of ${options.threadTs} in ${channel}` : channel;
      console.log(
        `\n[posted to ${where}]\n${renderForConsole(message, chart, engine.config.sobot.language)}\n`,
      );
      return { channel, ts: `demo.${count}` };
    },
    async update(posted, message) {
      console.log(
        `\n[edited ${posted.ts} in ${posted.channel}]\n${renderForConsole(message, null, engine.config.sobot.language)}\n`,
      );
    },
  };
}

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

async function answer(engine: Engine, commands: CommandRouter, line: string, count: number): Promise<void> {
  const text = line
    .trim()
    .replace(/^\/sobot\b/i, '')
    .trim();
  // The same notices as in Slack: "queued, about N min" at once for a long wait, else after 3 s.
  const message = await answerCommand(
    {
      owner: DEMO_USER,
      clock: engine.clock,
      timeZone: engine.config.sobot.timeZone,
      lang: engine.config.sobot.language,
      progressNoticeMs: 3000,
      notify: (notice) =>
        console.log(`\n${renderForConsole(noticeMessage(notice), null, engine.config.sobot.language)}\n`),
      logger: engine.logger,
    },
    () => commands.run(text, { userId: DEMO_USER, channelId: DEMO_CHANNEL }),
  );
  const chart = await saveAttachments(engine, message, `${Date.now()}-${count}`);
  console.log(`\n${renderForConsole(message, chart, engine.config.sobot.language)}\n`);
}

/** A progress notice is an ephemeral message of its own in Slack: one context line. */
function noticeMessage(notice: string): BotMessage {
  return {
    visibility: 'ephemeral',
    text: notice,
    blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: notice }] }],
  };
}

/** `--lang zh` (or `--lang=zh`) before the command: the answers' language, as SOBOT_LANGUAGE sets it. */
function readArguments(argv: readonly string[]): { lang: string | undefined; rest: string } {
  const words = [...argv];
  let lang: string | undefined;
  const at = words.findIndex((word) => word === '--lang' || word.startsWith('--lang='));
  if (at >= 0) {
    const word = words[at] as string;
    lang = word.includes('=') ? word.slice('--lang='.length) : words[at + 1];
    words.splice(at, word.includes('=') ? 1 : 2);
  }
  return { lang, rest: words.join(' ').trim() };
}

async function demo(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  await mkdir(OUTPUT_DIR, { recursive: true });
  const logFile = resolve(OUTPUT_DIR, 'demo.log');
  console.log(`[logs] ${logFile}`);
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
    SOBOT_LANGUAGE: args.lang ?? process.env.SOBOT_LANGUAGE,
    // Digests and alert rules to show (`--home`, `/sobot alerts list`); the console's user is the admin.
    BOT_CONFIG: process.env.BOT_CONFIG,
    CHART_RENDERER: process.env.CHART_RENDERER ?? 'local',
    QUICKCHART_URL: process.env.QUICKCHART_URL,
  });
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    pretty: false,
    // A log line in the middle of an answer is not what Slack shows: the log has its own file.
    destination: createWriteStream(logFile, { flags: 'a' }),
  });
  // State (digest subscriptions) lives in a throwaway folder: the demo leaves nothing behind.
  const dataDir = await mkdtemp(join(tmpdir(), 'sobot-slack-demo-'));
  const engine = await createEngine({ ...config, dataDir }, { logger });
  // The person at the console is the demo's only user, and its admin.
  const access = createAccessPolicy({ ...DEFAULT_ACCESS, admins: [DEMO_USER] }, NO_DIRECTORY);
  const { commands, alerts } = createWorkers(engine, consolePoster(engine), access);
  const oneShot = args.rest;
  try {
    if (oneShot === '--home') {
      const home = createHome(engine, alerts, access);
      await home.figures.ensure();
      const { timeZone, language } = engine.config.sobot;
      const view = home.render(
        await home.board.data({ userId: DEMO_USER, timeZone, lang: language, isAdmin: true }),
      );
      console.log(`\n[Home tab of ${DEMO_USER}]\n${viewForConsole(view.blocks)}\n`);
      return;
    }
    if (oneShot) {
      await answer(engine, commands, oneShot, 1);
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
      if (line.trim()) await answer(engine, commands, line, ++count);
      rl.prompt();
    }
    rl.close();
  } finally {
    await engine.charts.close();
    await engine.store.close();
    await rm(dataDir, { recursive: true, force: true });
    await simulator.close();
  }
}

demo().catch((error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  // A mistake in BOT_CONFIG or the environment: the list of problems, not a stack trace.
  process.stderr.write(`${error.message}\nSee README.md, "Configuration".\n`);
  process.exit(1);
});
