// Starts the real bot (Bolt app, Sobot client, stats, commands) against the simulator and a
// fake Slack, all on 127.0.0.1, and captures its logs. What integration tests and the bench use.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ChartPool } from '../../src/charts/render.ts';
import type { Clock } from '../../src/clock.ts';
import { type Bot, createBot } from '../../src/compose/bot.ts';
import { type BotConfig, loadConfig, secretsOf } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/server.ts';
import { rapidRetryPolicy } from '../../src/sobot/retry.ts';
import type { Store } from '../../src/store/store.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { signedRequest, slashCommandBody } from './slack-request.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-1111-2222-testbottoken';
export const APP_TOKEN = 'xapp-1-A0FAKE-3333-testapptoken';

export interface Harness {
  bot: Bot;
  config: BotConfig;
  sim: Simulator;
  slack: FakeSlack;
  port: number;
  logs: string[];
  /** The store's folder, to start the bot again on the same state. */
  dataDir: string;
  /** Sends a signed slash command; resolves with the HTTP status and body of Bolt's answer. */
  command(
    text: string,
    responseId: string,
    extra?: { user_id?: string; channel_id?: string; timestampSec?: number; secret?: string },
  ): Promise<{ status: number; body: string }>;
  /** Clicks a button: sends Slack's signed block_actions payload for it (by U0LEAD in C0TEAM unless told). */
  click(
    button: { action_id: string; value: string },
    responseId: string,
    who?: { user_id?: string; channel_id?: string },
  ): Promise<{ status: number }>;
  /** Sends a signed Events API callback carrying `event` (app_home_opened, …); resolves with the HTTP status. */
  event(event: Record<string, unknown>): Promise<number>;
  /** Sends a signed interactivity payload (block_actions, view_submission) as it is; resolves with Bolt's answer. */
  interact(payload: Record<string, unknown>): Promise<{ status: number; body: string }>;
  /** POSTs a request to /slack/events as it is (already signed), with any extra headers. */
  send(
    request: { headers: Record<string, string>; body: string },
    headers?: Record<string, string>,
  ): Promise<number>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    env?: Record<string, string>;
    simulator?: SimulatorOptions;
    socketMode?: boolean;
    progressNoticeMs?: number;
    /** Drives the bot, and the simulator when the harness starts it. */
    clock?: Clock;
    /** The config file's YAML (digests, alerts, access), written to a temporary BOT_CONFIG. */
    configYaml?: string;
    /** Where the store keeps state; pass the same folder again to "restart" the bot. Default: a new one. */
    dataDir?: string;
    /** A simulator and fake Slack to reuse (a restart); they are then left running by close(). */
    reuse?: { sim: Simulator; slack: FakeSlack };
    digestRetryDelaysMs?: readonly number[];
    /** A store to use instead of one under dataDir (replicas sharing state); the caller closes it. */
    store?: Store;
    /** false: Sobot's token is fetched by the first call, not at start (see Overrides). */
    sobotTokenAtStart?: boolean;
    /** The workers that draw local charts, e.g. one the test watches. */
    chartPool?: ChartPool;
  } = {},
): Promise<Harness> {
  const sim = opts.reuse?.sim ?? (await startSimulator({ clock: opts.clock, ...opts.simulator }));
  const slack = opts.reuse?.slack ?? (await startFakeSlack());
  const scratch = mkdtempSync(join(tmpdir(), 'sobot-harness-'));
  const dataDir = opts.dataDir ?? join(scratch, 'data');
  let configFile: Record<string, string> = {};
  if (opts.configYaml !== undefined) {
    writeFileSync(join(scratch, 'bot.config.yml'), opts.configYaml);
    configFile = { BOT_CONFIG: join(scratch, 'bot.config.yml') };
  }
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(opts.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    SOBOT_APPID: sim.appId,
    SOBOT_APP_KEY: sim.appKey,
    SOBOT_BASE_URL: sim.url,
    CHART_RENDERER: 'local',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    // Tests close the bot over work they abandoned (floods, hung calls): no drain unless one asks.
    SHUTDOWN_TIMEOUT: '0',
    ...configFile,
    ...opts.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), destination });
  const bot = await createBot(config, {
    logger,
    host: '127.0.0.1',
    retryPolicy: rapidRetryPolicy,
    // Only the test of the notice wants it; elsewhere it would race the answer on a busy machine.
    progressNoticeMs: opts.progressNoticeMs ?? 60_000,
    imageRetryDelayMs: 10,
    clock: opts.clock,
    // Tests tick the digest runner themselves, on a fake clock.
    schedule: false,
    digestRetryDelaysMs: opts.digestRetryDelaysMs,
    store: opts.store,
    sobotTokenAtStart: opts.sobotTokenAtStart,
    chartPool: opts.chartPool,
  });
  const { port } = await bot.start();
  let eventCounter = 0;
  /** POSTs `body` to /slack/events, signed with the app's secret. */
  const postSigned = (body: string, headers: Record<string, string> = {}) => {
    const signed = signedRequest(SIGNING_SECRET, body);
    return fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { ...signed.headers, ...headers },
      body: signed.body,
    });
  };
  const formOf = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  if (opts.socketMode) await slack.socketConnected();

  return {
    bot,
    config,
    sim,
    slack,
    port,
    logs,
    async command(text, responseId, extra = {}) {
      const body = slashCommandBody({
        text,
        response_url: slack.responseUrl(responseId),
        user_id: extra.user_id,
        channel_id: extra.channel_id,
      });
      const signed = signedRequest(extra.secret ?? SIGNING_SECRET, body, extra.timestampSec);
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      return { status: response.status, body: await response.text() };
    },
    async send(request, headers = {}) {
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { ...request.headers, ...headers },
        body: request.body,
      });
      await response.body?.cancel();
      return response.status;
    },
    async event(event) {
      eventCounter += 1;
      const body = JSON.stringify({
        token: 'deprecated-verification-token',
        team_id: 'T0FAKE',
        api_app_id: 'A0FAKE',
        type: 'event_callback',
        event_id: `Ev${String(eventCounter).padStart(8, '0')}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      const response = await postSigned(body, { 'content-type': 'application/json' });
      await response.body?.cancel();
      return response.status;
    },
    async interact(payload) {
      const response = await postSigned(formOf(payload));
      return { status: response.status, body: await response.text() };
    },
    async click(button, responseId, who = {}) {
      const channel = who.channel_id ?? 'C0TEAM';
      const payload = {
        type: 'block_actions',
        team: { id: 'T0FAKE', domain: 'fake' },
        user: { id: who.user_id ?? 'U0LEAD', username: 'lead', team_id: 'T0FAKE' },
        api_app_id: 'A0FAKE',
        token: 'deprecated-verification-token',
        container: { type: 'message', message_ts: '1.2', channel_id: channel, is_ephemeral: true },
        trigger_id: '123.456.abc',
        channel: { id: channel, name: 'cs-leads' },
        response_url: slack.responseUrl(responseId),
        actions: [
          {
            type: 'button',
            action_id: button.action_id,
            block_id: 'b1',
            value: button.value,
            action_ts: '1.3',
          },
        ],
      };
      const response = await postSigned(formOf(payload));
      await response.body?.cancel();
      return { status: response.status };
    },
    dataDir,
    async close() {
      await bot.stop();
      if (opts.reuse) return;
      await slack.close();
      await sim.close();
    },
  };
}
