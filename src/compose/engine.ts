// The engine: everything that answers questions, without any Slack transport: store, Sobot budget and
// client (v5 or legacy, by SOBOT_API), stats and cache, charts, digest and alert rule registries, metrics.
// Shared by the bot (compose/bot.ts), the demo and the bench. Imports neither commands/ nor reports/.

import type { Dispatcher } from 'undici';
import { type AlertRuleRegistry, createAlertRuleRegistry } from '../alerts/rule-registry.ts';
import { type ChartPool, type ChartRenderer, createChartRenderer } from '../charts/render.ts';
import { type Clock, systemClock } from '../clock.ts';
import { type BotConfig, secretsOf } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createPrometheusMetrics, type PrometheusMetrics } from '../metrics/prometheus.ts';
import { createDigestRegistry, type DigestRegistry } from '../scheduler/digest-registry.ts';
import { createAnswerTurns } from '../slack/ack-first.ts';
import { isSobotOutage } from '../sobot/errors.ts';
import { createLegacyBackend } from '../sobot/legacy/backend.ts';
import { createSobotLegacyClient } from '../sobot/legacy/client.ts';
import { createRateBudget, type RateBudget } from '../sobot/rate-budget.ts';
import type { RetryPolicy } from '../sobot/retry.ts';
import { createSharedTokenCache } from '../sobot/shared-token.ts';
import { createSharedWindowLog } from '../sobot/shared-window-log.ts';
import type { SobotTokenSource, TokenCacheFactory } from '../sobot/token-cache.ts';
import { createV5Backend } from '../sobot/v5/backend.ts';
import { createSobotV5Client } from '../sobot/v5/client.ts';
import { SOBOT_WINDOW } from '../sobot/window-log.ts';
import type { StartupBackoff } from '../startup.ts';
import type { StatsBackend } from '../stats/backend.ts';
import { createQueryCache, type QueryCache } from '../stats/cache.ts';
import { createStatsService, type StatsService } from '../stats/service.ts';
import { createSharedCacheTier } from '../stats/shared-cache.ts';
import { processOwner } from '../store/lease.ts';
import { openStore } from '../store/open.ts';
import { canRunScripts, type Store } from '../store/store.ts';

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

/** The Sobot budget: on Redis, one window shared by the replicas of the company. */
function createBudget(config: BotConfig, shared: { store: Store; clock: Clock; logger: Logger }): RateBudget {
  const { store, clock, logger } = shared;
  return createRateBudget({
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
}

/** The answer cache: on Redis, with a tier the replicas share (one load per question across them). */
function createCache(
  config: BotConfig,
  shared: { store: Store; clock: Clock; logger: Logger; owner: string },
): QueryCache {
  const { store, clock, logger, owner } = shared;
  return createQueryCache({
    clock,
    turns: createAnswerTurns(),
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
  const budget = createBudget(config, { store, clock, logger });
  const cache = createCache(config, { store, clock, logger, owner });
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
