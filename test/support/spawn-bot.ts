// Runs the bot as the image does (the Dockerfile's runtime CMD and ENV: `node <flags> dist/bot/main.js`,
// the bundle) in its own process, and reads its JSON log lines as they come: for the tests of the
// checked start, the shutdown on SIGTERM and the replicas; and what such a bot is given and sent.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BOT_TOKEN, SIGNING_SECRET } from './bot-harness.ts';
import { runtimeCommand } from './dockerfile.ts';
import type { FakeSlack } from './fake-slack.ts';
import { signedRequest, slashCommandBody } from './slack-request.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const IMAGE = runtimeCommand(ROOT);
const BUNDLE = join(ROOT, 'dist', 'bot', 'main.js');

/** Newest modification time of the TypeScript that the bundle is built from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Bundles the bot (as `npm run build` does) when dist/bot is missing or older than the sources. */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    // Not built yet.
  }
  const sources = Math.max(
    ...['src', 'commands', 'reports', 'scripts'].map((dir) => newestSource(join(ROOT, dir))),
  );
  if (built > sources) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/bundle.ts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

export interface BotProcess {
  child: ChildProcess;
  /** JSON log lines so far (stdout). */
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnBot(env: Record<string, string>): BotProcess {
  const { PORT: _port, DATA_DIR: _dataDir, ...imageEnv } = IMAGE.env;
  const child = spawn(process.execPath, IMAGE.argv.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...imageEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: {
    predicate: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as Record<string, unknown>;
      logs.push(line);
      for (const waiter of waiters.filter((w) => w.predicate(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    logs,
    stderr: () => stderr,
    waitForLog(predicate) {
      const seen = logs.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ predicate, resolve });
        void exited.then(({ code }) => reject(new Error(`the bot exited (${code}) first:\n${stderr}`)));
      });
    },
    exited,
  };
}

/** A bot in HTTP mode on a free port, talking to `sim` and `slack`; `extra` adds its state (DATA_DIR or REDIS_URL). */
export function botEnv(
  sim: { url: string; appId: string; appKey: string },
  slack: FakeSlack,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    SOBOT_APPID: sim.appId,
    SOBOT_APP_KEY: sim.appKey,
    SOBOT_BASE_URL: sim.url,
    CHART_RENDERER: 'none',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** A signed slash command sent to the bot listening on `port`: Slack's view of the ack. */
export async function postCommand(
  port: number,
  text: string,
  responseUrl: string,
  userId?: string,
): Promise<{ status: number; body: string }> {
  const signed = signedRequest(
    SIGNING_SECRET,
    slashCommandBody({ text, response_url: responseUrl, ...(userId ? { user_id: userId } : {}) }),
  );
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  return { status: response.status, body: await response.text() };
}

/**
 * bot.config.yml's `alerts:` with one rule that fires at its first check (yesterday always had chats),
 * checked every minute (the shortest cron step), posting to `channel`.
 */
export const firingAlertConfig = (channel: string) => `
alerts:
  - name: any-chats
    kpi: chats
    scope: overall
    op: ">"
    threshold: 0
    period: yesterday
    check: "* * * * *"
    channel: ${channel}
`;
