// Three real bot processes (`node dist/bot/main.js`, as the image runs it) on one redis-server, one
// simulator (with latency, counting calls per token and per rolling minute) and one fake Slack, as
// operators run replicas: 60 commands round-robin (20 distinct questions, each asked on all three)
// fetch each question once, one get_token between them and one more after Sobot invalidates it, never
// more calls a minute than the budget in total; a digest and an alert due on all three are posted once;
// then Redis is stopped for 30 s: commands keep being answered, and nothing is posted twice once it is
// back. Real time (three processes cannot share a fake clock), so the run waits out real minutes.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LogEntry, type Simulator, startSimulator } from '../src/simulator/server.ts';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import {
  type BotProcess,
  botEnv,
  ensureBuilt,
  firingAlertConfig,
  postCommand,
  spawnBot,
} from './support/spawn-bot.ts';

const LIMIT = 20;
const REPLICAS = 3;
const COMMANDS = 60;
const DISTINCT = 20;
/** How long Redis is away (the outage). */
const OUTAGE_MS = 30_000;
const DIGEST_CHANNEL = 'C0DIGEST';
const ALERT_CHANNEL = 'C0ALERTS';
const STATS = '/chat-static-api/api/';

let sim: Simulator;
let slack: FakeSlack;
let redis: RedisServer;
const bots: { process: BotProcess; port: number }[] = [];
/** When each statistics call reached the simulator (real time), and its path and body. */
const arrivals: { at: number; entry: LogEntry }[] = [];

beforeAll(() => {
  ensureBuilt();
}, 120_000);

afterAll(async () => {
  for (const bot of bots) bot.process.child.kill('SIGKILL');
  await redis?.stop();
  await sim?.close();
  await slack?.close();
});

/** "M H * * *" of a minute at least 45 s away, in Asia/Shanghai: all three replicas are up by then. */
function digestSchedule(now: number): string {
  const at = new Date(now + 45_000 + 60_000 + 8 * 3_600_000);
  return `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
}

const command = async (port: number, text: string, responseUrl: string, user: string) =>
  (await postCommand(port, text, responseUrl, user)).status;

/** Resolves once `check` holds (looked at every 100 ms of real time: these are real processes). */
async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = 180_000,
  look: () => Promise<void> = async () => {},
): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (await look(); !check(); await look()) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const ready = new Map<number, boolean>();

/** The answer posted to `id`'s response_url, once there is one (notices such as "Queued…" come first). */
async function answerTo(id: string): Promise<string> {
  const answer = () =>
    (slack.responses.get(id) ?? [])
      .map((post) => String(post.payload.text))
      .find((text) => !text.startsWith(':hourglass_flowing_sand:'));
  await eventually(() => answer() !== undefined, `the answer to ${id}`);
  return answer() as string;
}

/** Most statistics calls that reached Sobot within any 60 s. */
const busiestMinute = (times: number[]) =>
  Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + 60_000).length));

/** What the replicas warned about so far, for a failure's message. */
const warnings = () =>
  JSON.stringify(
    bots.flatMap(({ process }, replica) =>
      process.logs.filter((line) => line.level === 40).map(({ msg, err }) => ({ replica, msg, err })),
    ),
  );

/** The replica that the `i`-th command goes to (round-robin). */
const portOf = (i: number) => (bots[i % REPLICAS] as (typeof bots)[0]).port;

/** One question to each replica (`days[i]` to replica i), each answered. */
async function askAll(tag: string, days: string[]): Promise<void> {
  const sent = bots.map((bot, i) =>
    command(bot.port, `bot ${days[i]}`, slack.responseUrl(`${tag}-${i}`), `U0${tag.toUpperCase()}`),
  );
  expect(await Promise.all(sent)).toEqual(bots.map(() => 200));
  for (let i = 0; i < bots.length; i += 1) expect(await answerTo(`${tag}-${i}`)).toMatch(/Received \d+/);
}

/** Whether the replica on `port` says it is ready (its /readyz checks the store). */
async function readiness(port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  await response.body?.cancel();
  ready.set(port, response.status === 200);
}

describe('three bot processes on one Redis', () => {
  it('share one token, one budget and one cache, post a digest and an alert once, and ride out a Redis outage', async () => {
    sim = await startSimulator({ rateLimit: LIMIT, company: { agents: 30 } });
    sim.faults.latencyMs = 100;
    slack = await startFakeSlack();
    // Persistent, so that it comes back from the outage with its data (as compose's appendonly Redis does).
    const redisDir = mkdtempSync(join(tmpdir(), 'sobot-redis-'));
    redis = await startRedisServer({ dir: redisDir });
    const push = sim.log.push.bind(sim.log);
    sim.log.push = (...entries: LogEntry[]) => {
      for (const entry of entries) if (entry.path.startsWith(STATS)) arrivals.push({ at: Date.now(), entry });
      return push(...entries);
    };
    const scratch = mkdtempSync(join(tmpdir(), 'sobot-replicas-'));
    writeFileSync(
      join(scratch, 'bot.config.yml'),
      `
digests:
  - name: morning
    channel: ${DIGEST_CHANNEL}
    schedule: "${digestSchedule(Date.now())}"
    timezone: Asia/Shanghai
    period: yesterday
${firingAlertConfig(ALERT_CHANNEL)}`,
    );
    for (let replica = 0; replica < REPLICAS; replica += 1) {
      const process = spawnBot(
        botEnv(sim, slack, {
          SOBOT_RATE_LIMIT: String(LIMIT),
          SOBOT_REPLICAS: String(REPLICAS),
          REDIS_URL: redis.url,
          REDIS_KEY_PREFIX: 'replicas-test:',
          BOT_CONFIG: join(scratch, 'bot.config.yml'),
          // debug: each alert check says which minute it checked.
          LOG_LEVEL: 'debug',
        }),
      );
      const running = await process.waitForLog((line) => line.msg === 'sobot-slack is running');
      bots.push({ process, port: running.port as number });
    }
    // Three checked starts, one token.
    expect(sim.tokens).toBe(1);
    const robotCalls = (day: string) =>
      arrivals.filter(
        ({ entry }) => entry.path.endsWith('/getRobotReception') && JSON.stringify(entry.body).includes(day),
      );

    // 60 commands at once, round-robin: question j is asked by commands j, j + 20 and j + 40, which go to
    // three different replicas. More than a minute's budget with the digest and the alert.
    const question = (i: number) => `2026-10-${String(1 + (i % DISTINCT)).padStart(2, '0')}`;
    const ids = Array.from({ length: COMMANDS }, (_, i) => `q-${i}`);
    const sends = ids.map((id, i) =>
      command(portOf(i), `bot ${question(i)}`, slack.responseUrl(id), `U0ASK${i}`),
    );
    const askedAt = Date.now();
    expect(await Promise.all(sends)).toEqual(ids.map(() => 200));
    const answers = await Promise.all(ids.map(answerTo));
    for (const answer of answers) expect(answer).toMatch(/^Chatbot · .*Received \d+/);
    for (let j = 0; j < DISTINCT; j += 1) {
      // Fetched once, whichever replicas were asked; the three who asked read the same figures.
      const calls = robotCalls(question(j)).map(({ at }) => at - askedAt);
      expect(calls, `${question(j)}: calls at ${calls} ms; warnings: ${warnings()}`).toHaveLength(1);
      expect(new Set([answers[j], answers[j + DISTINCT], answers[j + 2 * DISTINCT]]).size).toBe(1);
    }

    // The digest falls due on all three, and the alert fires at the first minute's checks: each once.
    await eventually(() => slack.posted(DIGEST_CHANNEL).length > 0, 'the digest');
    await eventually(() => slack.posted(ALERT_CHANNEL).length > 0, 'the alert');
    const [digest] = slack.posted(DIGEST_CHANNEL);
    expect(digest?.text).not.toMatch(/could not be built/);
    // More calls than a minute's budget, never more than the budget in any minute, in total.
    expect(arrivals.length).toBeGreaterThan(LIMIT);
    expect(sim.overBudgetCalls).toBe(0);
    expect(busiestMinute(arrivals.map(({ at }) => at))).toBeLessThanOrEqual(LIMIT);

    // Sobot invalidates the token (900002 on the next call of each replica): one more get_token in all.
    sim.faults.expireTokens();
    await askAll('renewed', ['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(sim.tokens).toBe(2);

    // Redis goes away for 30 s: each replica answers on its own (its share of the budget) and says so
    // once. The first round needs Sobot (new questions), the later ones each replica's own cache.
    await redis.stop();
    const downUntil = Date.now() + OUTAGE_MS;
    const outage = ['2026-11-04', '2026-11-05', '2026-11-06'];
    for (let round = 0; Date.now() < downUntil; round += 1) {
      await askAll(`down${round}`, outage);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(10_000, Math.max(0, downUntil - Date.now()))),
      );
    }
    for (const bot of bots)
      await bot.process.waitForLog((line) => String(line.msg).startsWith('shared Sobot budget unreachable'));

    // Back (same port, same data): the replicas reconnect and answer; the checks after it post nothing again.
    redis = await startRedisServer({ port: redis.port, dir: redisDir });
    for (const bot of bots)
      await eventually(
        () => ready.get(bot.port) === true,
        'the replicas to reconnect',
        30_000,
        () => readiness(bot.port),
      );
    const backAt = Date.now();
    await askAll('back', ['2026-11-07', '2026-11-08', '2026-11-09']);
    // An alert check of a minute that began after Redis was back has run to its end (on whichever replica).
    await eventually(
      () =>
        bots.some(({ process }) =>
          process.logs.some(
            (line) => line.msg === 'alert rule checked' && Date.parse(String(line.minute)) >= backAt,
          ),
        ),
      'an alert check after the outage',
      120_000,
    );
    expect(slack.posted(DIGEST_CHANNEL)).toHaveLength(1);
    expect(slack.posted(ALERT_CHANNEL)).toHaveLength(1);
    expect(sim.tokens).toBe(2);
    expect(sim.overBudgetCalls).toBe(0);
    for (const bot of bots) {
      expect(bot.process.logs.filter((line) => (line.level as number) >= 50)).toEqual([]);
      expect(bot.process.logs.some((line) => line.msg === 'shared Sobot budget reachable again')).toBe(true);
    }
  }, 480_000);
});
