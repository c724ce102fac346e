// Three real bot processes (`node dist/src/main.js`) on one redis-server, one simulator (with latency,
// counting calls per token and per rolling minute) and one fake Slack, as operators run replicas:
// one get_token between them, never more calls a minute than the budget in total, identical questions
// asked on all three fetched once, a digest and an alert due on all three posted once; then Redis goes
// away: commands keep being answered, and nothing is posted twice when it is back.
// Real time (three processes cannot share a fake clock): the budget's minute is waited out once.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LogEntry, type Simulator, startSimulator } from '../src/simulator/server.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './support/bot-harness.ts';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { signedRequest, slashCommandBody } from './support/slack-request.ts';
import { type BotProcess, ensureBuilt, spawnBot } from './support/spawn-bot.ts';

const LIMIT = 10;
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

async function command(port: number, text: string, responseUrl: string, user: string): Promise<number> {
  const signed = signedRequest(
    SIGNING_SECRET,
    slashCommandBody({ text, response_url: responseUrl, user_id: user }),
  );
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  await response.body?.cancel();
  return response.status;
}

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

describe('three bot processes on one Redis', () => {
  it('share one token, one budget and one cache, and post a digest and an alert once', async () => {
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
alerts:
  - name: any-chats
    kpi: chats
    scope: overall
    op: ">"
    threshold: 0
    period: yesterday
    check: "* * * * *"
    channel: ${ALERT_CHANNEL}
`,
    );
    for (let replica = 0; replica < 3; replica += 1) {
      const process = spawnBot({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        SOBOT_APPID: sim.appId,
        SOBOT_APP_KEY: sim.appKey,
        SOBOT_BASE_URL: sim.url,
        SOBOT_RATE_LIMIT: String(LIMIT),
        SOBOT_REPLICAS: '3',
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: 'replicas-test:',
        BOT_CONFIG: join(scratch, 'bot.config.yml'),
        CHART_RENDERER: 'none',
        LOG_LEVEL: 'info',
      });
      const running = await process.waitForLog((line) => line.msg === 'sobot-slack is running');
      bots.push({ process, port: running.port as number });
    }
    // Three checked starts, one token.
    expect(sim.tokens).toBe(1);

    // Nine identical questions round-robin, and six distinct ones, at once (more than a minute's budget
    // with the digest and the alert).
    const identical = Array.from({ length: 9 }, (_, i) => `same-${i}`);
    const distinctDays = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
    const sends = [
      ...identical.map((id, i) =>
        command(
          (bots[i % 3] as (typeof bots)[0]).port,
          'bot 2026-11-20',
          slack.responseUrl(id),
          `U0SAME${i}`,
        ),
      ),
      ...distinctDays.map((day, i) =>
        command(
          (bots[i % 3] as (typeof bots)[0]).port,
          `bot ${day}`,
          slack.responseUrl(`day-${i}`),
          `U0DAY${i}`,
        ),
      ),
    ];
    expect(await Promise.all(sends)).toEqual(sends.map(() => 200));
    const answers = await Promise.all(
      [...identical, ...distinctDays.map((_, i) => `day-${i}`)].map(answerTo),
    );
    for (const answer of answers) expect(answer).toMatch(/^Chatbot · .*Received \d+/);
    const robotCalls = (day: string) =>
      arrivals.filter(
        ({ entry }) => entry.path.endsWith('/getRobotReception') && JSON.stringify(entry.body).includes(day),
      );
    // The identical question: one round of calls for all nine, whichever replica got it.
    expect(robotCalls('2026-11-20')).toHaveLength(1);
    for (const day of distinctDays) expect(robotCalls(day)).toHaveLength(1);
    expect(new Set(answers.slice(0, 9)).size).toBe(1);

    // The digest falls due on all three, and the alert fires at the first minute's checks: each once.
    await eventually(() => slack.posted(DIGEST_CHANNEL).length > 0, 'the digest');
    await eventually(() => slack.posted(ALERT_CHANNEL).length > 0, 'the alert');
    const [digest] = slack.posted(DIGEST_CHANNEL);
    expect(digest?.text).not.toMatch(/could not be built/);
    // More calls than a minute's budget, never more than the budget in any minute, in total.
    expect(arrivals.length).toBeGreaterThan(LIMIT);
    expect(sim.overBudgetCalls).toBe(0);
    expect(busiestMinute(arrivals.map(({ at }) => at))).toBeLessThanOrEqual(LIMIT);

    // Redis goes away: each replica answers on its own (its share of the budget), and says so once.
    await redis.stop();
    const askAll = async (tag: string, days: string[]) => {
      const sent = bots.map((bot, i) =>
        command(bot.port, `bot ${days[i]}`, slack.responseUrl(`${tag}-${i}`), `U0${tag.toUpperCase()}`),
      );
      expect(await Promise.all(sent)).toEqual([200, 200, 200]);
      for (let i = 0; i < 3; i += 1) expect(await answerTo(`${tag}-${i}`)).toMatch(/Received \d+/);
    };
    await askAll('down', ['2026-11-01', '2026-11-02', '2026-11-03']);
    for (const bot of bots)
      await bot.process.waitForLog((line) => String(line.msg).startsWith('shared Sobot budget unreachable'));

    // Back (same port): the replicas rejoin the shared budget; the next checks post nothing again.
    redis = await startRedisServer({ port: redis.port, dir: redisDir });
    // Each replica is ready again once it reconnected (its /readyz checks the store).
    for (const bot of bots)
      await eventually(
        () => ready.get(bot.port) === true,
        'the replicas to reconnect',
        30_000,
        async () => {
          const response = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
          await response.body?.cancel();
          ready.set(bot.port, response.status === 200);
        },
      );
    await askAll('back', ['2026-11-04', '2026-11-05', '2026-11-06']);
    // The alert checks of the next minute run on all three again (after the outage): still one message.
    const nextMinute = 60_000 - (Date.now() % 60_000);
    await new Promise((resolve) => setTimeout(resolve, nextMinute + 5_000));
    expect(slack.posted(DIGEST_CHANNEL)).toHaveLength(1);
    expect(slack.posted(ALERT_CHANNEL)).toHaveLength(1);
    expect(sim.tokens).toBe(1);
    for (const bot of bots) {
      expect(bot.process.logs.filter((line) => (line.level as number) >= 50)).toEqual([]);
      expect(
        bot.process.logs.filter((line) => String(line.msg).endsWith('reachable again')).length,
      ).toBeGreaterThan(0);
    }
  }, 360_000);
});
