// Composition root: config → logger → Sobot client (v5 or legacy, by SOBOT_API) → stats → commands →
// Slack app. The only module in src/ that imports commands/ (and through it reports/). `npm start` runs main().

import { pathToFileURL } from 'node:url';
import type { Dispatcher } from 'undici';
import { type CommandRouter, createCommands } from '../commands/index.ts';
import { type ChartRenderer, createChartRenderer } from './charts/render.ts';
import { type Clock, systemClock } from './clock.ts';
import { type BotConfig, loadConfig, secretsOf } from './config.ts';
import { ConfigError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { createSlackBot, type SlackBot } from './slack/app.ts';
import { createLegacyBackend } from './sobot/legacy/backend.ts';
import { createSobotLegacyClient } from './sobot/legacy/client.ts';
import { createRateBudget, type RateBudget } from './sobot/rate-budget.ts';
import type { RetryPolicy } from './sobot/retry.ts';
import { createV5Backend } from './sobot/v5/backend.ts';
import { createSobotV5Client } from './sobot/v5/client.ts';
import { createQueryCache, type QueryCache } from './stats/cache.ts';
import type { StatsBackend } from './stats/model.ts';
import { createStatsService, type StatsService } from './stats/service.ts';

/** Seams for tests, the demo and the bench; production uses the defaults. */
export interface Overrides {
  clock?: Clock;
  logger?: Logger;
  dispatcher?: Dispatcher;
  retryPolicy?: RetryPolicy;
  /** Interface the HTTP server binds (default: all). */
  host?: string;
  /** Delay before a slow answer gets a "still fetching" notice. */
  progressNoticeMs?: number;
  /** Delay before a chart Slack refused is offered once more. */
  imageRetryDelayMs?: number;
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
  commands: CommandRouter;
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

export function createEngine(config: BotConfig, overrides: Overrides = {}): Engine {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const budget = createRateBudget({ limit: config.sobot.rateLimitPerMinute, clock });
  const backend = createBackend(config, { budget, clock, logger, overrides });
  const cache = createQueryCache({ clock });
  const stats = createStatsService({ backend, cache, clock });
  const charts = createChartRenderer({
    kind: config.charts.renderer,
    quickchartUrl: config.charts.quickchartUrl,
    logger,
  });
  const commands = createCommands({
    stats,
    clock,
    timeZone: config.sobot.timeZone,
    consoleUrl: config.sobot.consoleUrl,
    lang: config.sobot.language,
  });
  return { config, logger, clock, budget, cache, stats, charts, commands };
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

export interface Bot {
  engine: Engine;
  slack: SlackBot;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export function createBot(config: BotConfig, overrides: Overrides = {}): Bot {
  const engine = createEngine(config, overrides);
  const slack = createSlackBot({
    slack: config.slack,
    logger: engine.logger,
    charts: engine.charts,
    runCommand: (text, ctx) => engine.commands.run(text, ctx),
    health: () => ({ sobotApi: config.sobot.api, sobotCallsInWindow: engine.budget.inWindow() }),
    metrics: () => metricsText(engine),
    host: overrides.host,
    progressNoticeMs: overrides.progressNoticeMs,
    imageRetryDelayMs: overrides.imageRetryDelayMs,
  });
  return { engine, slack, start: () => slack.start(), stop: () => slack.stop() };
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
  const bot = createBot(config);
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
