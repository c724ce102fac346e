// Composition root: config → logger → store → Sobot client (v5 or legacy, by SOBOT_API) → stats →
// commands → Slack app → scheduler. The only module in src/ that imports commands/ and reports/.
// `npm start` runs main().

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Dispatcher } from 'undici';
import { buildDigest } from '../commands/digest-build.ts';
import { type CommandDeps, type CommandRouter, createCommands } from '../commands/index.ts';
import { alertMessage } from '../reports/alert.ts';
import {
  cannotEvaluateMessage,
  recoveredMessage,
  reminderReply,
  worseningReply,
} from '../reports/alert-notices.ts';
import { digestFailureMessage } from '../reports/digest.ts';
import { type AlertChecker, createAlertChecker } from './alerts/checker.ts';
import { createAudit } from './audit.ts';
import { type ChartPool, type ChartRenderer, createChartRenderer } from './charts/render.ts';
import { type Clock, systemClock } from './clock.ts';
import { type BotConfig, loadConfig, secretsOf } from './config.ts';
import { ConfigError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { type CronJobs, createCronJobs } from './scheduler/cron.ts';
import { createDigestRegistry, type DigestRegistry } from './scheduler/digest-registry.ts';
import { createDigestRunner, type DigestRunner } from './scheduler/digests.ts';
import { type AccessPolicy, createAccessPolicy, createSlackDirectory } from './slack/access.ts';
import { createSlackBot, type SlackBot } from './slack/app.ts';
import { type ChannelPoster, createChannelPoster } from './slack/channel-post.ts';
import { explainError } from './slack/error-reply.ts';
import { isSobotOutage } from './sobot/errors.ts';
import { createLegacyBackend } from './sobot/legacy/backend.ts';
import { createSobotLegacyClient } from './sobot/legacy/client.ts';
import { createRateBudget, type RateBudget } from './sobot/rate-budget.ts';
import type { RetryPolicy } from './sobot/retry.ts';
import { createV5Backend } from './sobot/v5/backend.ts';
import { createSobotV5Client } from './sobot/v5/client.ts';
import { createQueryCache, type QueryCache } from './stats/cache.ts';
import type { StatsBackend } from './stats/model.ts';
import { createStatsService, type StatsService } from './stats/service.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/store.ts';

/** Seams for tests, the demo and the bench; production uses the defaults. */
export interface Overrides {
  clock?: Clock;
  logger?: Logger;
  dispatcher?: Dispatcher;
  retryPolicy?: RetryPolicy;
  /** An already open store (default: opened from DATA_DIR or REDIS_URL). */
  store?: Store;
  /** Interface the HTTP server binds (default: all). */
  host?: string;
  /** Delay before a slow answer gets a "still fetching" notice. */
  progressNoticeMs?: number;
  /** Delay before a chart Slack refused is offered once more. */
  imageRetryDelayMs?: number;
  /** false: no node-cron timers (tests drive `bot.digests.tick()` with a fake clock). */
  schedule?: boolean;
  /** Waits between attempts of a failing digest. */
  digestRetryDelaysMs?: readonly number[];
  /** The workers that draw local charts (default: charts/render.ts's pool). */
  chartPool?: ChartPool;
}

/** Everything that answers questions, without any Slack transport (shared by the bot and the demo). */
export interface Engine {
  config: BotConfig;
  logger: Logger;
  clock: Clock;
  budget: RateBudget;
  cache: QueryCache;
  stats: StatsService;
  charts: ChartRenderer;
  store: Store;
  digests: DigestRegistry;
}

/** The client and backend of the configured Sobot API (SOBOT_API), on the shared budget. */
function createBackend(
  config: BotConfig,
  shared: { budget: RateBudget; clock: Clock; logger: Logger; overrides: Overrides },
): StatsBackend {
  const { budget, clock, logger, overrides } = shared;
  const common = {
    ...config.sobot,
    budget,
    clock,
    logger,
    dispatcher: overrides.dispatcher,
    retryPolicy: overrides.retryPolicy,
  };
  return config.sobot.api === 'legacy'
    ? createLegacyBackend(createSobotLegacyClient(common))
    : createV5Backend(createSobotV5Client(common));
}

export async function createEngine(config: BotConfig, overrides: Overrides = {}): Promise<Engine> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const budget = createRateBudget({
    limit: config.sobot.rateLimitPerMinute,
    maxPauseMs: config.sobot.maxPauseMs,
    clock,
  });
  const backend = createBackend(config, { budget, clock, logger, overrides });
  const cache = createQueryCache({ clock });
  const stats = createStatsService({ backend, cache, clock, isOutage: isSobotOutage });
  const charts = createChartRenderer({
    kind: config.charts.renderer,
    quickchartUrl: config.charts.quickchartUrl,
    logger,
    pool: overrides.chartPool,
  });
  const store =
    overrides.store ??
    (await openStore({ dataDir: config.dataDir, redisUrl: config.redisUrl, clock, logger }));
  const digests = await createDigestRegistry({ store, fileDigests: config.file.digests, now: clock.now });
  // A share of the budget is kept for scheduled work only while there is some to keep it for.
  const reserve = async () =>
    budget.reserveForBackground(config.file.alerts.length > 0 || (await digests.list()).length > 0);
  await reserve();
  digests.onChange(() => void reserve());
  return { config, logger, clock, budget, cache, stats, charts, store, digests };
}

/** The commands, and the digest runner they share with the scheduler, for one way of posting. */
export function createWorkers(
  engine: Engine,
  poster: ChannelPoster,
  access: AccessPolicy,
  overrides: Overrides = {},
): { commands: CommandRouter; digests: DigestRunner; alerts: AlertChecker } {
  const { config } = engine;
  const alerts = createAlertChecker({
    stats: engine.stats,
    store: engine.store,
    clock: engine.clock,
    logger: engine.logger,
    poster,
    messages: {
      episode: alertMessage,
      reminder: reminderReply,
      worsening: worseningReply,
      cannotEvaluate: cannotEvaluateMessage,
      recovered: recoveredMessage,
    },
    lang: config.sobot.language,
    consoleUrl: config.sobot.consoleUrl,
  });
  const deps: CommandDeps = {
    stats: engine.stats,
    clock: engine.clock,
    timeZone: config.sobot.timeZone,
    consoleUrl: config.sobot.consoleUrl,
    lang: config.sobot.language,
    access,
    audit: createAudit({ logger: engine.logger, store: engine.store, clock: engine.clock }),
    digests: { registry: engine.digests, postNow: (digest) => digests.postNow(digest) },
    alerts: { rules: config.file.alerts, checker: alerts },
  };
  const digests = createDigestRunner({
    registry: engine.digests,
    store: engine.store,
    clock: engine.clock,
    logger: engine.logger,
    poster,
    build: (digest, options) => buildDigest(digest, deps, options),
    failureNotice: (digest, error) => {
      const { what, next } = explainError(error, {
        timeZone: config.sobot.timeZone,
        now: engine.clock.now(),
      });
      return digestFailureMessage(digest.name, what, next);
    },
    retryDelaysMs: overrides.digestRetryDelaysMs,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  });
  return { commands: createCommands(deps), digests, alerts };
}

function metricsText(engine: Engine): string {
  const { hits, loads, coalesced } = engine.cache.stats;
  return [
    '# HELP sobot_budget_calls_in_window Sobot calls made in the current rolling minute.',
    '# TYPE sobot_budget_calls_in_window gauge',
    `sobot_budget_calls_in_window ${engine.budget.inWindow()}`,
    '# TYPE stats_cache_hits_total counter',
    `stats_cache_hits_total ${hits}`,
    '# TYPE stats_cache_loads_total counter',
    `stats_cache_loads_total ${loads}`,
    '# TYPE stats_cache_coalesced_total counter',
    `stats_cache_coalesced_total ${coalesced}`,
    '',
  ].join('\n');
}

/** How often missed, late or retried digests are looked for besides their own schedules. */
const SWEEP_SCHEDULE = '*/5 * * * *';

export interface Bot {
  engine: Engine;
  slack: SlackBot;
  commands: CommandRouter;
  digests: DigestRunner;
  alerts: AlertChecker;
  cron: CronJobs;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export async function createBot(config: BotConfig, overrides: Overrides = {}): Promise<Bot> {
  const engine = await createEngine(config, overrides);
  let commands: CommandRouter | null = null;
  const slack = createSlackBot({
    slack: config.slack,
    logger: engine.logger,
    charts: engine.charts,
    store: engine.store,
    runCommand: (text, ctx) => (commands as CommandRouter).run(text, ctx),
    health: () => ({ sobotApi: config.sobot.api, sobotCallsInWindow: engine.budget.inWindow() }),
    metrics: () => metricsText(engine),
    host: overrides.host,
    progressNoticeMs: overrides.progressNoticeMs,
    clock: engine.clock,
    timeZone: config.sobot.timeZone,
    imageRetryDelayMs: overrides.imageRetryDelayMs,
  });
  const client = slack.app.client;
  const poster = createChannelPoster({ client, charts: engine.charts, logger: engine.logger });
  const access = createAccessPolicy(
    config.file.access,
    createSlackDirectory({ client, clock: engine.clock, logger: engine.logger }),
  );
  const workers = createWorkers(engine, poster, access, overrides);
  commands = workers.commands;
  const cron = createCronJobs(engine.logger);
  let stopped = false;
  const tick = () => workers.digests.tick();
  const scheduleDigests = async () => {
    const digests = await engine.digests.list();
    cron.set('digests', [
      ...digests.map((d) => ({ name: d.name, schedule: d.schedule, timeZone: d.timeZone, run: tick })),
      { name: 'sweep', schedule: SWEEP_SCHEDULE, timeZone: 'UTC', run: tick },
    ]);
  };
  return {
    engine,
    slack,
    commands,
    digests: workers.digests,
    alerts: workers.alerts,
    cron,
    async start() {
      const started = await slack.start();
      if (overrides.schedule !== false) {
        await scheduleDigests();
        cron.set(
          'alerts',
          config.file.alerts.map((rule) => ({
            name: rule.name,
            schedule: rule.check,
            timeZone: rule.timeZone,
            run: () => workers.alerts.check(rule),
          })),
        );
        engine.digests.onChange(() => void scheduleDigests());
        // Catch up on anything missed while the bot was down.
        void tick().catch((error) => engine.logger.error({ err: error }, 'digest catch-up failed'));
      }
      return started;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await cron.stop();
      await slack.stop();
      await engine.charts.close();
      await engine.store.close();
    },
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: BotConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`sobot-slack cannot start.\n${error.message}\nSee README.md, "Configuration".\n`);
    process.exit(1);
  }
  let bot: Bot;
  try {
    bot = await createBot(config);
  } catch (error) {
    process.stderr.write(`sobot-slack cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  let port: number;
  try {
    ({ port } = await bot.start());
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `port ${config.slack.port} is already in use`
        : String((error as Error).message);
    process.stderr.write(`sobot-slack cannot start: ${reason}.\n`);
    process.exit(1);
  }
  bot.engine.logger.info(
    { mode: bot.slack.mode, port, sobot: config.sobot.baseUrl },
    'sobot-slack is running',
  );
  const shutdown = (signal: string) => {
    bot.engine.logger.info({ signal }, 'shutting down');
    void bot.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
