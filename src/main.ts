// Composition root: config → logger → metrics → store → Sobot client (v5 or legacy, by SOBOT_API) →
// stats → commands → Slack app → scheduler. The only module in src/ that imports commands/ and reports/.
// `npm start` runs main(): a checked start, then a graceful stop on SIGTERM/SIGINT.

import { pathToFileURL } from 'node:url';
import type { Dispatcher } from 'undici';
import { buildDigest } from '../commands/digest-build.ts';
import { type CommandDeps, type CommandRouter, createCommands } from '../commands/index.ts';
import { parseCommandText } from '../commands/router.ts';
import { alertMessage } from '../reports/alert.ts';
import { alertModal } from '../reports/alert-form.ts';
import {
  cannotEvaluateMessage,
  recoveredMessage,
  reminderReply,
  worseningReply,
} from '../reports/alert-notices.ts';
import { askModal } from '../reports/ask-form.ts';
import { digestFailureMessage } from '../reports/digest.ts';
import { digestModal } from '../reports/digest-form.ts';
import { deleteDigestModal, deleteRuleModal, homeView } from '../reports/home.ts';
import { type AlertChecker, createAlertChecker } from './alerts/checker.ts';
import { type AlertRuleRegistry, createAlertRuleRegistry } from './alerts/rule-registry.ts';
import { createAudit } from './audit.ts';
import { type ChartPool, type ChartRenderer, createChartRenderer } from './charts/render.ts';
import { type Clock, systemClock } from './clock.ts';
import { type BotConfig, loadConfig, secretsOf } from './config.ts';
import { ConfigError } from './errors.ts';
import { createHomeBoard, type HomeBoard } from './home/board.ts';
import { createHomeFigures, type HomeFiguresSource } from './home/figures.ts';
import { createLogger, type Logger } from './logger.ts';
import { createPrometheusMetrics, type PrometheusMetrics } from './metrics/prometheus.ts';
import { type CronJobs, createCronJobs } from './scheduler/cron.ts';
import { createDigestRegistry, type DigestRegistry } from './scheduler/digest-registry.ts';
import { createDigestRunner, type DigestRunner } from './scheduler/digests.ts';
import { scheduleJobs } from './scheduler/jobs.ts';
import { type AccessPolicy, createAccessPolicy, createSlackDirectory } from './slack/access.ts';
import { createSlackBot, type SlackBot } from './slack/app.ts';
import { type ChannelPoster, createChannelPoster } from './slack/channel-post.ts';
import { errorMessage, explainError } from './slack/error-reply.ts';
import { registerHome } from './slack/home.ts';
import { isSobotOutage } from './sobot/errors.ts';
import { createLegacyBackend } from './sobot/legacy/backend.ts';
import { createSobotLegacyClient } from './sobot/legacy/client.ts';
import { createRateBudget, type RateBudget } from './sobot/rate-budget.ts';
import type { RetryPolicy } from './sobot/retry.ts';
import { createSharedTokenCache } from './sobot/shared-token.ts';
import { createSharedWindowLog } from './sobot/shared-window-log.ts';
import type { SobotTokenSource, TokenCacheFactory } from './sobot/token-cache.ts';
import { createV5Backend } from './sobot/v5/backend.ts';
import { createSobotV5Client } from './sobot/v5/client.ts';
import { SOBOT_WINDOW } from './sobot/window-log.ts';
import {
  runStartupChecks,
  type StartupBackoff,
  StartupError,
  slackTokenCheck,
  sobotTokenCheck,
} from './startup.ts';
import type { StatsBackend } from './stats/backend.ts';
import { createQueryCache, type QueryCache } from './stats/cache.ts';
import { createStatsService, type StatsService } from './stats/service.ts';
import { createSharedCacheTier } from './stats/shared-cache.ts';
import { processOwner } from './store/lease.ts';
import { openStore } from './store/open.ts';
import { canRunScripts, type Store } from './store/store.ts';
import { createWorkInFlight, type WorkInFlight } from './work.ts';

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
  /** Pauses between attempts to reach Slack and Sobot at start. */
  startupBackoff?: StartupBackoff;
  /** false: no Sobot token at start, the first call fetches it (load tests that start from a cold token). */
  sobotTokenAtStart?: boolean;
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
  /** The alert rules: the config file's and those made in Slack. */
  rules: AlertRuleRegistry;
  metrics: PrometheusMetrics;
  /** Fetches the Sobot token: the start-up check of the credentials. */
  sobotToken: SobotTokenSource;
  /** This process in leases and locks (hostname + random). */
  owner: string;
}

/** The client and backend of the configured Sobot API (SOBOT_API), on the shared budget. */
function createBackend(
  config: BotConfig,
  shared: {
    budget: RateBudget;
    clock: Clock;
    logger: Logger;
    metrics: PrometheusMetrics;
    overrides: Overrides;
    tokens: TokenCacheFactory | undefined;
  },
): { backend: StatsBackend; token: SobotTokenSource } {
  const { budget, clock, logger, metrics, overrides, tokens } = shared;
  const common = {
    ...config.sobot,
    budget,
    tokens,
    clock,
    logger,
    metrics: metrics.events,
    dispatcher: overrides.dispatcher,
    retryPolicy: overrides.retryPolicy,
  };
  if (config.sobot.api === 'legacy') {
    const client = createSobotLegacyClient(common);
    return { backend: createLegacyBackend(client), token: client };
  }
  const client = createSobotV5Client(common);
  return { backend: createV5Backend(client), token: client };
}

/** The key of what the replicas of one Sobot company share in Redis: its token, budget and cache. */
const companyKey = (config: BotConfig, what: string) =>
  `sobot:${what}:${config.sobot.api}:${config.sobot.appId}`;

/** With Redis, one Sobot token per company for all replicas (the file store serves one process only). */
function sharedTokens(
  config: BotConfig,
  shared: { store: Store; clock: Clock; logger: Logger; owner: string },
): TokenCacheFactory | undefined {
  if (shared.store.kind !== 'redis') return undefined;
  return (fetchToken) => createSharedTokenCache({ ...shared, fetchToken, key: companyKey(config, 'token') });
}

export async function createEngine(config: BotConfig, overrides: Overrides = {}): Promise<Engine> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const owner = processOwner();
  // First: with Redis, the Sobot token, budget and cache below live in it too.
  const store =
    overrides.store ??
    (await openStore({
      dataDir: config.dataDir,
      redisUrl: config.redisUrl,
      redisKeyPrefix: config.redisKeyPrefix,
      clock,
      logger,
    }));
  const budget = createRateBudget({
    limit: config.sobot.rateLimitPerMinute,
    maxPauseMs: config.sobot.maxPauseMs,
    clock,
    log: canRunScripts(store)
      ? createSharedWindowLog({
          store,
          key: companyKey(config, 'budget'),
          timing: SOBOT_WINDOW,
          replicas: config.sobot.replicas,
          clock,
          logger,
        })
      : undefined,
  });
  const cache = createQueryCache({
    clock,
    tier: canRunScripts(store)
      ? createSharedCacheTier({
          store,
          namespace: `${companyKey(config, 'cache')}:${config.sobot.language}:`,
          clock,
          logger,
          owner,
        })
      : undefined,
  });
  const metrics = createPrometheusMetrics({
    budget: () => ({
      inUse: budget.inWindow(),
      limit: config.sobot.rateLimitPerMinute,
      queued: budget.queued(),
    }),
    cache: () => cache.stats,
  });
  const { backend, token } = createBackend(config, {
    budget,
    clock,
    logger,
    metrics,
    overrides,
    tokens: sharedTokens(config, { store, clock, logger, owner }),
  });
  const stats = createStatsService({ backend, cache, clock, isOutage: isSobotOutage });
  const charts = createChartRenderer({
    kind: config.charts.renderer,
    quickchartUrl: config.charts.quickchartUrl,
    logger,
    pool: overrides.chartPool,
  });
  const digests = await createDigestRegistry({ store, fileDigests: config.file.digests, now: clock.now });
  // A share of the budget is kept for scheduled work only while there is some to keep it for.
  const rules = createAlertRuleRegistry({ store, fileRules: config.file.alerts, now: clock.now });
  const reserve = async () =>
    budget.reserveForBackground((await rules.list()).length > 0 || (await digests.list()).length > 0);
  await reserve();
  digests.onChange(() => void reserve());
  rules.onChange(() => void reserve());
  return {
    config,
    logger,
    clock,
    budget,
    cache,
    stats,
    charts,
    store,
    digests,
    rules,
    metrics,
    sobotToken: token,
    owner,
  };
}

/** The commands, and the digest runner they share with the scheduler, for one way of posting. */
export function createWorkers(
  engine: Engine,
  poster: ChannelPoster,
  access: AccessPolicy,
  overrides: Overrides = {},
): { commands: CommandRouter; digests: DigestRunner; alerts: AlertChecker } {
  const { config, owner } = engine;
  const metrics = engine.metrics.events;
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
    owner,
    metrics,
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
    alerts: { rules: () => engine.rules.list(), checker: alerts },
  };
  const digests = createDigestRunner({
    registry: engine.digests,
    store: engine.store,
    clock: engine.clock,
    logger: engine.logger,
    poster,
    build: (digest, options) => buildDigest(digest, deps, options),
    failureNotice: (digest, error) => {
      const { what, next } = explainError(
        error,
        { timeZone: config.sobot.timeZone, now: engine.clock.now() },
        config.sobot.language,
      );
      return digestFailureMessage(digest.name, what, next, config.sobot.language);
    },
    retryDelaysMs: overrides.digestRetryDelaysMs,
    owner,
    metrics,
  });
  return { commands: createCommands(deps), digests, alerts };
}

/** The Home tab's figures snapshot and board (shared by the bot and the demo's `--home`). */
export function createHome(
  engine: Engine,
  alerts: AlertChecker,
  access: AccessPolicy,
): { figures: HomeFiguresSource; board: HomeBoard; render: typeof homeView } {
  const { config, clock } = engine;
  const figures = createHomeFigures({
    stats: engine.stats,
    clock,
    timeZone: config.sobot.timeZone,
    explain: (error) =>
      explainError(error, { timeZone: config.sobot.timeZone, now: clock.now() }, config.sobot.language).what,
  });
  const board = createHomeBoard({
    figures,
    rules: () => engine.rules.list(),
    checker: alerts,
    registry: engine.digests,
    store: engine.store,
    access,
    budget: engine.budget,
    budgetLimit: config.sobot.rateLimitPerMinute,
    api: config.sobot.api,
    companyTimeZone: config.sobot.timeZone,
    now: clock.now,
  });
  return { figures, board, render: homeView };
}

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
  const work = createWorkInFlight();
  const reached = { slack: false, sobot: false };
  let commands: CommandRouter | null = null;
  const slack = createSlackBot({
    slack: config.slack,
    logger: engine.logger,
    charts: engine.charts,
    store: engine.store,
    runCommand: (text, ctx) => (commands as CommandRouter).run(text, ctx),
    commandName: (text) => {
      const name = parseCommandText(text).name || 'help';
      return (commands as CommandRouter).commands.some((c) => c.name === name) ? name : 'unknown';
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
    clock: engine.clock,
    timeZone: config.sobot.timeZone,
    lang: config.sobot.language,
    imageRetryDelayMs: overrides.imageRetryDelayMs,
  });
  const client = slack.client;
  const poster = createChannelPoster({ client, charts: engine.charts, logger: engine.logger });
  const access = createAccessPolicy(
    config.file.access,
    createSlackDirectory({ client, clock: engine.clock, logger: engine.logger }),
  );
  const workers = createWorkers(engine, poster, access, overrides);
  commands = workers.commands;
  const replyClock = () => ({ timeZone: config.sobot.timeZone, now: engine.clock.now() });
  const home = createHome(engine, workers.alerts, access);
  registerHome(slack.app, {
    client,
    figures: home.figures,
    board: home.board,
    digests: {
      registry: engine.digests,
      stats: engine.stats,
      audit: createAudit({ logger: engine.logger, store: engine.store, clock: engine.clock }),
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
    runCommand: (text, origin) => workers.commands.run(text, origin),
    explain: (error, lang) => errorMessage(error, replyClock(), lang).text,
    failure: (error, lang) => errorMessage(error, replyClock(), lang),
    poster,
    work,
    logger: engine.logger,
    clock: engine.clock,
    timeZone: config.sobot.timeZone,
    lang: config.sobot.language,
  });
  const cron = createCronJobs(engine.logger);
  let shutdown: Promise<Record<string, number>> | null = null;
  const log = engine.logger.child({ module: 'lifecycle' });

  const bot: Bot = {
    engine,
    slack,
    commands,
    digests: workers.digests,
    alerts: workers.alerts,
    cron,
    work,
    async start(signal) {
      await runStartupChecks(
        [
          {
            name: 'Slack (SLACK_BOT_TOKEN)',
            run: () => slackTokenCheck('SLACK_BOT_TOKEN', () => slack.init()),
          },
          ...(config.slack.appToken
            ? [
                {
                  name: 'Slack (SLACK_APP_TOKEN)',
                  run: () =>
                    slackTokenCheck('SLACK_APP_TOKEN', () =>
                      client.apps.connections.open({ token: config.slack.appToken as string }),
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
        ],
        { clock: engine.clock, logger: engine.logger, backoff: overrides.startupBackoff, signal },
      );
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
          logger: engine.logger,
        });
      }
      return started;
    },
    shutdown(timeoutMs = config.shutdownTimeoutMs) {
      shutdown ??= (async () => {
        // New work first: no scheduled run starts, Socket Mode hands Slack's requests to other connections.
        await Promise.all([cron.stop(), slack.stopReceiving()]);
        const inFlight = work.running();
        if (Object.keys(inFlight).length > 0) log.info({ inFlight, timeoutMs }, 'waiting for work in flight');
        const left = await work.drain(timeoutMs);
        if (Object.keys(left).length > 0)
          log.warn({ left }, 'shutdown timeout: stopping with work unfinished');
        await slack.stop();
        await engine.charts.close();
        await engine.store.close();
        return left;
      })();
      return shutdown;
    },
    async stop() {
      await bot.shutdown();
    },
  };
  return bot;
}

/** Writes the one line an operator reads when the bot cannot start, and exits with code 1. */
function cannotStart(reason: string): never {
  process.stderr.write(`sobot-slack cannot start: ${reason}\n`);
  process.exit(1);
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
    return cannotStart((error as Error).message);
  }
  const log = bot.engine.logger;
  installProcessHandlers(log, bot);
  const starting = new AbortController();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    starting.abort();
    bot.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  let port: number;
  try {
    ({ port } = await bot.start(starting.signal));
  } catch (error) {
    if (stopping) return;
    await bot.engine.store.close().catch(() => {});
    if (error instanceof StartupError) cannotStart(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      cannotStart(`PORT ${config.slack.port} is already in use`);
    cannotStart((error as Error).message);
  }
  log.info({ mode: bot.slack.mode, port, sobot: config.sobot.baseUrl }, 'sobot-slack is running');
}

/**
 * Last-resort handlers. A rejected promise nobody awaited is a bug but leaves the process sound:
 * log it and keep serving. An uncaught exception may have left state half-changed: log it, drain
 * what is in flight, and exit 1 so the supervisor starts a fresh process.
 */
function installProcessHandlers(log: Logger, bot: Bot): void {
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection (the bot keeps running)');
  });
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception: stopping');
    bot.shutdown().finally(() => process.exit(1));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
