// The bot as a process, as the image starts it (the bundle, `node dist/bot/main.js`): a checked start
// (Slack and Sobot reached before it says it is running; a refusal is one line and exit code 1; an
// outage is waited out) and a graceful stop on SIGTERM that finishes the answer and the alert check
// in flight and records the alert once.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/simulator/server.ts';
import { startHarness } from './support/bot-harness.ts';
import { createFakeClock, whileAdvancing } from './support/fake-clock.ts';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.ts';
import {
  type BotProcess,
  botEnv,
  ensureBuilt,
  firingAlertConfig,
  postCommand,
  spawnBot,
} from './support/spawn-bot.ts';

const ALERT_CHANNEL = 'C0ALERTS';
const ALERT_CONFIG = firingAlertConfig(ALERT_CHANNEL);

const running: BotProcess[] = [];
const servers: { close(): Promise<void> }[] = [];

beforeAll(() => {
  ensureBuilt();
}, 120_000);

afterEach(() => {
  for (const bot of running.splice(0)) bot.child.kill('SIGKILL');
});

afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function envFor(
  sim: { url: string; appId: string; appKey: string },
  slack: FakeSlack,
  extra: Record<string, string> = {},
) {
  return botEnv(sim, slack, {
    DATA_DIR: join(mkdtempSync(join(tmpdir(), 'sobot-lifecycle-')), 'data'),
    ...extra,
  });
}

function start(env: Record<string, string>): BotProcess {
  const bot = spawnBot(env);
  running.push(bot);
  return bot;
}

const isRunning = (line: Record<string, unknown>) => line.msg === 'sobot-slack is running';

/** A loopback port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the checked start', () => {
  let sim: Simulator;
  let slack: FakeSlack;
  beforeAll(async () => {
    sim = await startSimulator();
    slack = await startFakeSlack();
    servers.push(sim, slack);
  });

  it('stops with one line and exit code 1 when Slack refuses the bot token', async () => {
    slack.failNext('auth.test', 1, 'invalid_auth');
    const bot = start(envFor(sim, slack));
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.stderr()).toBe(
      'sobot-slack cannot start: SLACK_BOT_TOKEN was refused by Slack: invalid_auth\n',
    );
    expect(bot.logs.some(isRunning)).toBe(false);
  });

  it('checks the app token in Socket Mode', async () => {
    slack.failNext('apps.connections.open', 1, 'not_authed');
    const bot = start(envFor(sim, slack, { SLACK_APP_TOKEN: 'xapp-1-A0FAKE-1-refused' }));
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.stderr()).toBe('sobot-slack cannot start: SLACK_APP_TOKEN was refused by Slack: not_authed\n');
  });

  it("stops naming the Sobot credentials and Sobot's code when they are refused", async () => {
    const bot = start(envFor({ ...sim, appKey: 'not-the-key' }, slack));
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.stderr()).toMatch(
      /^sobot-slack cannot start: SOBOT_APPID \/ SOBOT_APP_KEY were refused by Sobot: 900003 \(.+\)\n$/,
    );
    expect(bot.stderr() + JSON.stringify(bot.logs)).not.toContain('not-the-key');
  });

  it('waits out Sobot being unreachable, saying so, and runs once it answers', async () => {
    const port = await freePort();
    const bot = start(envFor({ ...sim, url: `http://127.0.0.1:${port}` }, slack));
    const retry = await bot.waitForLog((line) => line.msg === 'cannot reach it yet; retrying');
    expect(retry).toMatchObject({ level: 40, check: expect.stringContaining('Sobot'), attempt: 1 });
    expect(bot.logs.some(isRunning)).toBe(false);
    const late = await startSimulator({ port, appId: sim.appId, appKey: sim.appKey });
    servers.push(late);
    await bot.waitForLog(isRunning);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  });
});

describe('SIGTERM', () => {
  it('finishes the answer and the alert check in flight, records the alert once, and a restart posts nothing again', async () => {
    // The simulator's replies wait on this clock: the test decides when Sobot answers.
    const clock = createFakeClock(Date.now());
    const sim = await startSimulator({ clock, company: { agents: 40 } });
    const slack = await startFakeSlack();
    servers.push(sim, slack);
    const scratch = mkdtempSync(join(tmpdir(), 'sobot-sigterm-'));
    writeFileSync(join(scratch, 'bot.config.yml'), ALERT_CONFIG);
    const env = envFor(sim, slack, { BOT_CONFIG: join(scratch, 'bot.config.yml') });
    const bot = start(env);
    const { port } = (await bot.waitForLog(isRunning)) as { port: number };

    sim.faults.latencyMs = 60_000;
    sim.log.clear();
    // The alert check starts at the next whole minute.
    await sim.log.waitFor(() => true);
    expect((await postCommand(port, 'agents yesterday', slack.responseUrl('answer'))).status).toBe(200);
    await sim.log.waitFor((entry) => entry.path.endsWith('/staffWorkStatis'));

    bot.child.kill('SIGTERM');
    const waiting = await bot.waitForLog((line) => line.msg === 'waiting for work in flight');
    expect(waiting.inFlight).toEqual({ answer: 1, 'alert check': 1 });
    const late = await postCommand(port, 'overview yesterday', slack.responseUrl('late'));
    expect(late.status).toBe(200);
    expect(JSON.parse(late.body)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('restarting: try again in a minute'),
    });

    // Sobot answers; the process finishes both and exits cleanly.
    expect(await whileAdvancing(clock, bot.exited, 60_000)).toEqual({ code: 0, signal: null });
    const [answer] = await slack.waitForResponses('answer');
    expect(answer?.accepted).toBe(true);
    const served = sim.log
      .filter((e) => e.path.endsWith('/staffWorkStatis'))
      .flatMap((e) => (e.reply as { items: { human_consult: number }[] }).items);
    const chats = served.reduce((sum, item) => sum + item.human_consult, 0);
    expect(answer?.payload.text).toContain(`Chats handled ${chats.toLocaleString('en-US')}`);
    expect(slack.posted(ALERT_CHANNEL)).toHaveLength(1);
    expect(bot.logs.filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(bot.stderr()).toBe('');

    // The same state, started again (in-process, on the simulator's clock): the alert is known as firing.
    sim.faults.latencyMs = 0;
    const again = await startHarness({
      clock,
      configYaml: ALERT_CONFIG,
      dataDir: env.DATA_DIR,
      reuse: { sim, slack },
    });
    const rule = again.config.file.alerts[0];
    if (!rule) throw new Error('the alert rule is missing');
    await whileAdvancing(clock, again.bot.alerts.check(rule), 1_000);
    expect(slack.posted(ALERT_CHANNEL)).toHaveLength(1);
    await again.close();
  }, 150_000);
});
