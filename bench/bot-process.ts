// The bot as production runs it: the Dockerfile's runtime CMD (`node <flags> dist/bot/main.js`) with
// the ENV that stage sets, in its own process (never through npm), started against the bench's
// simulator and fake Slack. Measures start to healthy and reads the process's resident memory from
// /proc (VmRSS now, VmHWM its peak so far).

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { runtimeCommand } from '../test/support/dockerfile.ts';

const ROOT = join(import.meta.dirname, '..');

export interface BotProcess {
  /** How it was started, as a shell would show it: the image's variables, then the command. */
  command: string;
  pid: number;
  port: number;
  /** Spawn to the first `GET /healthz` 200. */
  startToHealthyMs: number;
  /** Resident memory now and the peak since start, in MB. */
  memory(): { rssMb: number; peakMb: number };
  /**
   * CPU time used since start, in ms: the main thread's (the event loop that acks) and the whole
   * process's (chart worker, GC helpers, libuv). Less shaken by other work on the machine than wall time.
   */
  cpu(): { mainMs: number; processMs: number };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return kb / 1024;
}

/** utime + stime of a /proc stat file, in ms (fields 14 and 15, after the command name in parentheses). */
function cpuMs(statPath: string): number {
  const fields = readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The kernel's clock ticks per second for /proc times: 100 on Linux (USER_HZ). */
const CLOCK_TICKS = 100;

async function untilHealthy(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(5);
  }
  throw new Error(`the bot was not healthy within ${timeoutMs} ms`);
}

export async function startBotProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<BotProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sobot-bench-'));
  const image = runtimeCommand(ROOT);
  if (image.argv[0] !== 'node')
    throw new Error(`the image's CMD does not start node: ${image.argv.join(' ')}`);
  const args = [...nodeArgs, ...image.argv.slice(1)];
  // What the image sets that matters off it: its paths (PORT, DATA_DIR) are the bench's own.
  const { PORT: _port, DATA_DIR: _dataDir, ...imageEnv } = image.env;
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...imageEnv, ...env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: process.env.BENCH_BOT_CWD ?? ROOT,
  });
  const shown = Object.entries(imageEnv).map(([name, value]) => `${name}=${value}`);
  const command = [...shown, 'node', ...args].join(' ');
  try {
    await untilHealthy(child, port, 15_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const startToHealthyMs = performance.now() - started;
  const pid = child.pid as number;
  return {
    command,
    pid,
    port,
    startToHealthyMs,
    memory: () => ({ rssMb: statusMb(pid, 'VmRSS'), peakMb: statusMb(pid, 'VmHWM') }),
    cpu: () => ({ mainMs: cpuMs(`/proc/${pid}/task/${pid}/stat`), processMs: cpuMs(`/proc/${pid}/stat`) }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
