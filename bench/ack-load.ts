// Drives a server with signed slash commands the way a busy team does (many at once, a few distinct
// questions) and times each ack: request sent → HTTP answer read, in this process.

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { signedRequest, slashCommandBody } from '../test/support/slack-request.ts';
import type { Answered, WaitRequest, WorldReady } from './world.ts';

export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789';

export interface SlashCommand {
  text: string;
  /** Answers go to the fake Slack's response_url of this id. */
  id: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface AckSummary {
  p50: number;
  p99: number;
  max: number;
}

export function summarize(latencies: readonly number[]): AckSummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Sends one signed slash command; resolves with the ack's status and how long it took. */
export function sendCommand(
  port: number,
  agent: Agent,
  body: string,
): Promise<{ status: number; ms: number }> {
  const signed = signedRequest(BENCH_SIGNING_SECRET, body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers: signed.headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(signed.body);
  });
}

/** Sends `commands` keeping `concurrency` in flight; the ack latencies in order of sending. */
export async function sendCommands(
  port: number,
  commands: readonly SlashCommand[],
  concurrency: number,
  responseUrl: (id: string) => string,
): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = new Array(commands.length);
  let next = 0;
  const lane = async () => {
    while (next < commands.length) {
      const index = next++;
      const command = commands[index] as SlashCommand;
      const body = slashCommandBody({ text: command.text, response_url: responseUrl(command.id) });
      const { status, ms } = await sendCommand(port, agent, body);
      if (status !== 200) throw new Error(`"${command.text}" was answered HTTP ${status}`);
      latencies[index] = ms;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    agent.destroy();
  }
  return latencies;
}

export interface World {
  sobot: WorldReady['sobot'];
  slack: WorldReady['slack'];
  responseUrl(id: string): string;
  /** Resolves once `count` answers reached response_url `id`; whether Slack accepted each. */
  answered(id: string, count?: number): Promise<boolean[]>;
  close(): void;
}

/** Starts bench/world.ts (simulator + fake Slack) in its own process. */
export async function startWorld(agents: number): Promise<World> {
  const child = fork(new URL('./world.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_AGENTS: String(agents) },
  });
  const waiting = new Map<string, (accepted: boolean[]) => void>();
  const ready = await new Promise<WorldReady>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench world exited with code ${code}`)));
    child.on('message', (message: WorldReady | Answered) => {
      if (message.type === 'ready') resolve(message);
      else waiting.get(message.id)?.(message.accepted);
    });
  });
  return {
    ...ready,
    responseUrl: (id) => `${ready.slack.baseUrl}/response/${id}`,
    answered(id, count = 1) {
      return new Promise((resolve) => {
        waiting.set(id, (accepted) => {
          waiting.delete(id);
          resolve(accepted);
        });
        child.send({ type: 'wait', id, count } satisfies WaitRequest);
      });
    },
    close: () => child.disconnect(),
  };
}

export interface BareServer {
  port: number;
  stop(): void;
}

/** Starts bench/bare-ack-server.ts in its own process. */
export async function startBareServer(): Promise<BareServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./bare-ack-server.ts', import.meta.url).pathname],
    {
      env: { ...process.env, SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
  const [line] = await lines[Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  return { port: Number(line), stop: () => child.kill('SIGTERM') };
}
