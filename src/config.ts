// Environment → one typed, validated BotConfig, parsed once at start. Every problem is collected
// and reported together, so an admin fixes their settings in one go.

import { z } from 'zod';
import { DEFAULT_QUICKCHART_URL } from './charts/render.ts';
import { type FileConfig, loadConfigFile } from './config-file.ts';
import { ConfigError } from './errors.ts';
import { KPIS } from './stats/kpis.ts';
import { isTimeZone } from './time-zone.ts';

export const SOBOT_DEFAULT_BASE_URLS = {
  v5: 'https://sg.sobot.io',
  legacy: 'https://open.sobot.com',
} as const;

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface BotConfig {
  slack: {
    botToken: string;
    /** Present → Socket Mode; absent → HTTP mode. */
    appToken: string | null;
    signingSecret: string | null;
    apiUrl: string;
    port: number;
  };
  sobot: {
    api: 'v5' | 'legacy';
    baseUrl: string;
    appId: string;
    appKey: string;
    timeZone: string;
    language: 'en' | 'zh';
    rateLimitPerMinute: number;
    /** Longest pause a 229000 may impose before waiting commands are answered (SOBOT_MAX_PAUSE). */
    maxPauseMs: number;
    /** Replicas sharing the company (SOBOT_REPLICAS): each one's share of the budget while Redis is unreachable. */
    replicas: number;
    /** Where "Open in Sobot" buttons lead. */
    consoleUrl: string;
  };
  charts: { renderer: 'local' | 'quickchart' | 'none'; quickchartUrl: string };
  /** BOT_CONFIG as given (null: ./bot.config.yml when present). */
  configFile: string | null;
  /** What the config file says: admins, digests, alert rules (empty without a file). */
  file: FileConfig;
  dataDir: string;
  redisUrl: string | null;
  /** Prepended to every Redis key, so several bots can share one Redis database. */
  redisKeyPrefix: string;
  /** How long work in flight may take to finish after SIGTERM before the process exits anyway. */
  shutdownTimeoutMs: number;
  logLevel: string;
}

/**
 * The sample values of .env.example: they pass the format checks (xoxb-…) but would only fail later,
 * at Slack or Sobot, so they are refused at start by name. A test keeps this list equal to the file.
 */
export const ENV_EXAMPLE_PLACEHOLDERS: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: 'xoxb-your-bot-token',
  SLACK_APP_TOKEN: 'xapp-your-app-level-token',
  SOBOT_APPID: 'your-sobot-appid',
  SOBOT_APP_KEY: 'your-sobot-app-key',
};

const DEFAULT_REDIS_KEY_PREFIX = 'sobot-slack:';
const DEFAULT_SHUTDOWN_TIMEOUT_SEC = 25;

const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const url = (name: string) =>
  optional.refine(
    (v) => v === undefined || URL.canParse(v),
    `${name} must be a URL such as https://example.com`,
  );

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optional
      .refine((v) => v !== undefined, 'SLACK_BOT_TOKEN is required (the bot token, xoxb-…)')
      .refine((v) => v === undefined || v.startsWith('xoxb-'), 'SLACK_BOT_TOKEN must start with xoxb-'),
    SLACK_APP_TOKEN: optional.refine(
      (v) => v === undefined || v.startsWith('xapp-'),
      'SLACK_APP_TOKEN must start with xapp- (an app-level token with connections:write)',
    ),
    SLACK_SIGNING_SECRET: optional,
    SLACK_API_URL: url('SLACK_API_URL'),
    PORT: optional.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536),
      'PORT must be a port number (0–65535)',
    ),
    SOBOT_API: optional.refine(
      (v) => v === undefined || v === 'v5' || v === 'legacy',
      'SOBOT_API must be "v5" or "legacy"',
    ),
    SOBOT_BASE_URL: url('SOBOT_BASE_URL'),
    SOBOT_CONSOLE_URL: url('SOBOT_CONSOLE_URL'),
    SOBOT_APPID: optional.refine((v) => v !== undefined, 'SOBOT_APPID is required (from Sobot after-sales)'),
    SOBOT_APP_KEY: optional.refine(
      (v) => v !== undefined,
      'SOBOT_APP_KEY is required (from Sobot after-sales)',
    ),
    SOBOT_TIMEZONE: optional.refine(
      (v) => v === undefined || isTimeZone(v),
      'SOBOT_TIMEZONE must be an IANA time zone such as Asia/Shanghai',
    ),
    SOBOT_LANGUAGE: optional.refine(
      (v) => v === undefined || v === 'en' || v === 'zh',
      'SOBOT_LANGUAGE must be "en" or "zh"',
    ),
    SOBOT_RATE_LIMIT: optional.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000),
      'SOBOT_RATE_LIMIT must be a whole number of calls per minute (1–1000; Sobot allows 20)',
    ),
    SOBOT_MAX_PAUSE: optional.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 3600),
      'SOBOT_MAX_PAUSE must be a whole number of seconds (1–3600; default 120)',
    ),
    SOBOT_REPLICAS: optional.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100),
      'SOBOT_REPLICAS must be a whole number of replicas (1–100; default 1)',
    ),
    BOT_CONFIG: optional,
    DATA_DIR: optional,
    REDIS_URL: url('REDIS_URL'),
    REDIS_KEY_PREFIX: optional.refine(
      (v) => v === undefined || !/\s/.test(v),
      'REDIS_KEY_PREFIX must not contain spaces (e.g. sobot-slack-eu:)',
    ),
    SHUTDOWN_TIMEOUT: optional.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 3600),
      'SHUTDOWN_TIMEOUT must be a whole number of seconds (0–3600)',
    ),
    CHART_RENDERER: optional.refine(
      (v) => v === undefined || ['local', 'quickchart', 'none'].includes(v),
      'CHART_RENDERER must be "local", "quickchart" or "none"',
    ),
    QUICKCHART_URL: url('QUICKCHART_URL'),
    LOG_LEVEL: optional.refine(
      (v) => v === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v),
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ),
  })
  .superRefine((env, ctx) => {
    for (const [name, placeholder] of Object.entries(ENV_EXAMPLE_PLACEHOLDERS)) {
      if (env[name as keyof typeof env] === placeholder) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${name} is still the placeholder from .env.example ("${placeholder}"): set the real value`,
        });
      }
    }
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

/** What the config file asks of Sobot that the legacy API (company-wide daily totals) cannot give. */
function legacyProblems(file: FileConfig): string[] {
  const problems: string[] = [];
  for (const rule of file.alerts) {
    if (KPIS[rule.kpi].source.legacy === null) {
      problems.push(
        `alert "${rule.name}": the legacy API (SOBOT_API=legacy) has no ${rule.kpi}; watch one of ${legacyKpis().join(', ')}, or use v5`,
      );
    }
    if (rule.scope.kind !== 'overall') {
      problems.push(
        `alert "${rule.name}": scope ${rule.scope.kind} needs the v5 API; the legacy API gives company-wide totals only (scope: overall)`,
      );
    }
  }
  for (const digest of file.digests) {
    if (Object.values(digest.filters).some(Boolean)) {
      problems.push(
        `digest "${digest.name}": filters need the v5 API; the legacy API gives company-wide totals only`,
      );
    }
  }
  return problems;
}

const legacyKpis = () =>
  Object.values(KPIS)
    .filter((kpi) => kpi.source.legacy !== null)
    .map((kpi) => kpi.id);

/** Parses the environment; throws ConfigError naming every problem. */
export function loadConfig(env: Record<string, string | undefined>): BotConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const zone =
    env.SOBOT_TIMEZONE?.trim() && isTimeZone(env.SOBOT_TIMEZONE.trim())
      ? env.SOBOT_TIMEZONE.trim()
      : DEFAULT_TIME_ZONE;
  let file: FileConfig | null = null;
  try {
    file = loadConfigFile(env.BOT_CONFIG?.trim() || null, zone);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (parsed.success && file !== null && parsed.data.SOBOT_API === 'legacy')
    problems.push(...legacyProblems(file));
  if (!parsed.success || file === null || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const api = e.SOBOT_API === 'legacy' ? 'legacy' : 'v5';
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN as string,
      appToken: e.SLACK_APP_TOKEN ?? null,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      apiUrl: withTrailingSlash(e.SLACK_API_URL ?? 'https://slack.com/api/'),
      port: e.PORT === undefined ? 3000 : Number(e.PORT),
    },
    sobot: {
      api,
      baseUrl: (e.SOBOT_BASE_URL ?? SOBOT_DEFAULT_BASE_URLS[api]).replace(/\/+$/, ''),
      appId: e.SOBOT_APPID as string,
      appKey: e.SOBOT_APP_KEY as string,
      timeZone: e.SOBOT_TIMEZONE ?? DEFAULT_TIME_ZONE,
      language: e.SOBOT_LANGUAGE === 'zh' ? 'zh' : 'en',
      rateLimitPerMinute: e.SOBOT_RATE_LIMIT === undefined ? 20 : Number(e.SOBOT_RATE_LIMIT),
      maxPauseMs: (e.SOBOT_MAX_PAUSE === undefined ? 120 : Number(e.SOBOT_MAX_PAUSE)) * 1000,
      replicas: e.SOBOT_REPLICAS === undefined ? 1 : Number(e.SOBOT_REPLICAS),
      consoleUrl:
        e.SOBOT_CONSOLE_URL ?? (e.SOBOT_BASE_URL ?? SOBOT_DEFAULT_BASE_URLS[api]).replace(/\/+$/, ''),
    },
    charts: {
      renderer: (e.CHART_RENDERER as BotConfig['charts']['renderer'] | undefined) ?? 'local',
      quickchartUrl: (e.QUICKCHART_URL ?? DEFAULT_QUICKCHART_URL).replace(/\/+$/, ''),
    },
    configFile: e.BOT_CONFIG ?? null,
    file,
    dataDir: e.DATA_DIR ?? './data',
    redisUrl: e.REDIS_URL ?? null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? DEFAULT_REDIS_KEY_PREFIX,
    shutdownTimeoutMs:
      (e.SHUTDOWN_TIMEOUT === undefined ? DEFAULT_SHUTDOWN_TIMEOUT_SEC : Number(e.SHUTDOWN_TIMEOUT)) * 1000,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}

function withTrailingSlash(value: string): string {
  return value.endsWith('/') ? value : `${value}/`;
}

/** The literal secret values, for the logger to scrub wherever they appear. */
export function secretsOf(config: BotConfig): string[] {
  return [
    config.slack.botToken,
    config.slack.appToken,
    config.slack.signingSecret,
    config.sobot.appKey,
    ...redisPassword(config.redisUrl),
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** The password of REDIS_URL, as written and decoded (a URL may percent-encode it). */
function redisPassword(redisUrl: string | null): string[] {
  if (!redisUrl || !URL.canParse(redisUrl)) return [];
  const { password } = new URL(redisUrl);
  if (!password) return [];
  try {
    return [password, decodeURIComponent(password)];
  } catch {
    return [password];
  }
}
