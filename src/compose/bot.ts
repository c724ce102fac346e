// The bot: the engine (engine.ts), the Slack Web client, the workers (workers.ts) and the Bolt app with
// its Home tab, wired in the order they need each other, so each is built once and complete. Also the
// checked start (Slack and Sobot reached, then listening and scheduling) and the graceful stop.

import type { CommandRouter } from '../../commands/index.ts';
import { parseCommandText } from '../../commands/router.ts';
import { alertModal } from '../../reports/alert-form.ts';
import { askModal } from '../../reports/ask-form.ts';
import { digestModal } from '../../reports/digest-form.ts';
import { deleteDigestModal, deleteRuleModal } from '../../reports/home.ts';
import type { AlertChecker } from '../alerts/checker.ts';
import { createAudit } from '../audit.ts';
import type { BotConfig } from '../config.ts';
import { type CronJobs, createCronJobs } from '../scheduler/cron.ts';
import type { DigestRunner } from '../scheduler/digests.ts';
import { scheduleJobs } from '../scheduler/jobs.ts';
import { createAccessPolicy, createSlackDirectory } from '../slack/access.ts';
import { createSlackBot, type SlackBot } from '../slack/app.ts';
import { createChannelPoster } from '../slack/channel-post.ts';
import { errorMessage } from '../slack/error-reply.ts';
import { registerHome } from '../slack/home.ts';
import { createSlackClient } from '../slack/web-client.ts';
import { runStartupChecks, type StartupCheck, slackTokenCheck, sobotTokenCheck } from '../startup.ts';
import { createWorkInFlight, type WorkInFlight } from '../work.ts';
import { createEngine, type Engine, type Overrides } from './engine.ts';
import { createHome, createWorkers } from './workers.ts';

export interface Bot {
  engine: Engine;
  slack: SlackBot;
  commands: CommandRouter;
  digests: DigestRunner;
  alerts: AlertChecker;
  cron: CronJobs;
  work: WorkInFlight;
  /** Reaches Slack and Sobot (retrying outages), then listens and schedules. Rejects with StartupError on a refusal. */
  start(signal?: AbortSignal): Promise<{ port: number }>;
  /**
   * Stops taking work (Socket Mode disconnects; HTTP acks "restarting"), waits up to `timeoutMs`
   * (default SHUTDOWN_TIMEOUT) for answers, digests and alert checks in flight, then closes
   * everything. Resolves with what was still running when the time ran out.
   */
  shutdown(timeoutMs?: number): Promise<Record<string, number>>;
  /** shutdown() with the configured timeout. */
  stop(): Promise<void>;
}

export async function createBot(config: BotConfig, overrides: Overrides = {}): Promise<Bot> {
  const engine = await createEngine(config, overrides);
  const { clock, logger } = engine;
  const work = createWorkInFlight();
  const reached = { slack: false, sobot: false };
  const client = createSlackClient(config.slack, { logger, events: engine.metrics.events });
  const poster = createChannelPoster({ client, charts: engine.charts, logger });
  const access = createAccessPolicy(config.file.access, createSlackDirectory({ client, clock, logger }));
  const workers = createWorkers(engine, poster, access, overrides);
  const { commands } = workers;
  const slack = createSlackBot({
    slack: config.slack,
    client,
    logger,
    charts: engine.charts,
    store: engine.store,
    runCommand: (text, ctx) => commands.run(text, ctx),
    commandName: (text) => {
      const name = parseCommandText(text).name || 'help';
      return commands.commands.some((c) => c.name === name) ? name : 'unknown';
    },
    health: () => ({ sobotApi: config.sobot.api, sobotCallsInWindow: engine.budget.inWindow() }),
    readiness: () => {
      const checks = { ...reached, store: engine.store.reachable() };
      return { ready: Object.values(checks).every(Boolean), checks };
    },
    metrics: engine.metrics,
    events: engine.metrics.events,
    work,
    host: overrides.host,
    progressNoticeMs: overrides.progressNoticeMs,
    clock,
    timeZone: config.sobot.timeZone,
    lang: config.sobot.language,
    imageRetryDelayMs: overrides.imageRetryDelayMs,
  });
  const replyClock = () => ({ timeZone: config.sobot.timeZone, now: clock.now() });
  const home = createHome(engine, workers.alerts, access);
  registerHome(slack.app, {
    client,
    figures: home.figures,
    board: home.board,
    digests: {
      registry: engine.digests,
      stats: engine.stats,
      audit: createAudit({ logger, store: engine.store, clock }),
    },
    alerts: { registry: engine.rules, checker: workers.alerts },
    layouts: {
      home: home.render,
      deleteDigest: deleteDigestModal,
      digestForm: digestModal,
      alertForm: alertModal,
      deleteRule: deleteRuleModal,
      ask: askModal,
    },
    access,
    runCommand: (text, origin) => commands.run(text, origin),
    explain: (error, lang) => errorMessage(error, replyClock(), lang).text,
    failure: (error, lang) => errorMessage(error, replyClock(), lang),
    poster,
    work,
    logger,
    clock,
    timeZone: config.sobot.timeZone,
    lang: config.sobot.language,
  });
  const cron = createCronJobs(logger);
  const parts = { engine, slack, commands, digests: workers.digests, alerts: workers.alerts, cron, work };
  const shutdown = shutdownOnce(config, parts);
  return {
    ...parts,
    async start(signal) {
      await runStartupChecks(startupChecks(config, parts, overrides, signal), {
        clock,
        logger,
        backoff: overrides.startupBackoff,
        signal,
      });
      reached.slack = true;
      reached.sobot = true;
      const started = await slack.start();
      if (overrides.schedule !== false) {
        await scheduleJobs({
          cron,
          registry: engine.digests,
          digests: workers.digests,
          alerts: workers.alerts,
          rules: engine.rules,
          work,
          store: engine.store,
          logger,
        });
      }
      return started;
    },
    shutdown,
    async stop() {
      await shutdown();
    },
  };
}

type BotParts = Omit<Bot, 'start' | 'shutdown' | 'stop'>;

/** What the checked start must reach: Slack with each token, and Sobot with the credentials. */
function startupChecks(
  config: BotConfig,
  { engine, slack }: BotParts,
  overrides: Overrides,
  signal: AbortSignal | undefined,
): StartupCheck[] {
  const appToken = config.slack.appToken;
  return [
    { name: 'Slack (SLACK_BOT_TOKEN)', run: () => slackTokenCheck('SLACK_BOT_TOKEN', () => slack.init()) },
    ...(appToken
      ? [
          {
            name: 'Slack (SLACK_APP_TOKEN)',
            run: () =>
              slackTokenCheck('SLACK_APP_TOKEN', () =>
                slack.client.apps.connections.open({ token: appToken }),
              ),
          },
        ]
      : []),
    ...(overrides.sobotTokenAtStart === false
      ? []
      : [
          {
            name: `Sobot ${config.sobot.api} (SOBOT_APPID, SOBOT_APP_KEY)`,
            run: () => sobotTokenCheck(() => engine.sobotToken.token(signal), config.sobot),
          },
        ]),
  ];
}

/** The graceful stop, run once however often it is asked for (a second signal waits for the first). */
function shutdownOnce(config: BotConfig, { engine, slack, cron, work }: BotParts): Bot['shutdown'] {
  const log = engine.logger.child({ module: 'lifecycle' });
  let running: Promise<Record<string, number>> | null = null;
  return (timeoutMs = config.shutdownTimeoutMs) => {
    running ??= (async () => {
      // New work first: no scheduled run starts, Socket Mode hands Slack's requests to other connections.
      await Promise.all([cron.stop(), slack.stopReceiving()]);
      const inFlight = work.running();
      if (Object.keys(inFlight).length > 0) log.info({ inFlight, timeoutMs }, 'waiting for work in flight');
      const left = await work.drain(timeoutMs);
      if (Object.keys(left).length > 0) log.warn({ left }, 'shutdown timeout: stopping with work unfinished');
      await slack.stop();
      await engine.charts.close();
      await engine.store.close();
      return left;
    })();
    return running;
  };
}
