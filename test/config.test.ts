// Specs for the environment contract of DESIGN.md: defaults, Socket vs HTTP mode, and one
// ConfigError that names every problem at once.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_EXAMPLE_PLACEHOLDERS, loadConfig, secretsOf } from '../src/config.ts';
import { DEFAULT_ACCESS } from '../src/config-file.ts';
import { ConfigError } from '../src/errors.ts';

const HTTP_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef',
  SLACK_SIGNING_SECRET: 'signing-secret-123456',
  SOBOT_APPID: 'app-id-1',
  SOBOT_APP_KEY: 'app-key-abcdef',
};

const TEAM_CONFIG = join(mkdtempSync(join(tmpdir(), 'sobot-config-')), 'team.yml');
writeFileSync(TEAM_CONFIG, 'access:\n  admins: [U0123ABCD]\n');

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const VALID_ENV_FOR_CONSOLE = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  SLACK_SIGNING_SECRET: 'secret',
  SOBOT_APPID: 'app',
  SOBOT_APP_KEY: 'key',
};

describe('loadConfig', () => {
  it('points "Open in Sobot" at SOBOT_CONSOLE_URL, or at the API region when unset', () => {
    expect(
      loadConfig({ ...VALID_ENV_FOR_CONSOLE, SOBOT_BASE_URL: 'https://us.sobot.com/' }).sobot.consoleUrl,
    ).toBe('https://us.sobot.com');
    expect(
      loadConfig({ ...VALID_ENV_FOR_CONSOLE, SOBOT_CONSOLE_URL: 'https://www.sobot.com/console' }).sobot
        .consoleUrl,
    ).toBe('https://www.sobot.com/console');
  });

  it('fills in the documented defaults', () => {
    expect(loadConfig(HTTP_ENV)).toEqual({
      slack: {
        botToken: 'xoxb-1111-2222-abcdef',
        appToken: null,
        signingSecret: 'signing-secret-123456',
        apiUrl: 'https://slack.com/api/',
        port: 3000,
      },
      sobot: {
        api: 'v5',
        baseUrl: 'https://sg.sobot.io',
        appId: 'app-id-1',
        appKey: 'app-key-abcdef',
        timeZone: 'Asia/Shanghai',
        language: 'en',
        rateLimitPerMinute: 20,
        maxPauseMs: 120_000,
        replicas: 1,
        consoleUrl: 'https://sg.sobot.io',
      },
      charts: { renderer: 'local', quickchartUrl: 'https://quickchart.io' },
      configFile: null,
      file: { access: DEFAULT_ACCESS, digests: [], alerts: [] },
      dataDir: './data',
      redisUrl: null,
      redisKeyPrefix: 'sobot-slack:',
      shutdownTimeoutMs: 25_000,
      logLevel: 'info',
    });
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      ...HTTP_ENV,
      PORT: '8080',
      SOBOT_TIMEZONE: 'America/New_York',
      SOBOT_LANGUAGE: 'zh',
      SOBOT_RATE_LIMIT: '10',
      SOBOT_MAX_PAUSE: '300',
      SOBOT_REPLICAS: '3',
      CHART_RENDERER: 'quickchart',
      QUICKCHART_URL: 'http://127.0.0.1:3400',
      BOT_CONFIG: TEAM_CONFIG,
      DATA_DIR: '/var/lib/sobot',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'sobot-eu:',
      SHUTDOWN_TIMEOUT: '40',
      LOG_LEVEL: 'debug',
    });
    expect(config.slack.port).toBe(8080);
    expect(config.sobot.timeZone).toBe('America/New_York');
    expect(config.sobot.language).toBe('zh');
    expect(config.sobot.rateLimitPerMinute).toBe(10);
    expect(config.sobot.maxPauseMs).toBe(300_000);
    expect(config.sobot.replicas).toBe(3);
    expect(config.charts).toEqual({ renderer: 'quickchart', quickchartUrl: 'http://127.0.0.1:3400' });
    expect(config.configFile).toBe(TEAM_CONFIG);
    expect(config.file.access.admins).toEqual(['U0123ABCD']);
    expect(config.dataDir).toBe('/var/lib/sobot');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisKeyPrefix).toBe('sobot-eu:');
    expect(config.shutdownTimeoutMs).toBe(40_000);
    expect(config.logLevel).toBe('debug');
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ ...HTTP_ENV, PORT: '  ', SOBOT_TIMEZONE: '' });
    expect(config.slack.port).toBe(3000);
    expect(config.sobot.timeZone).toBe('Asia/Shanghai');
  });

  it('lists every problem in one ConfigError', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: HTTP_ENV.SLACK_BOT_TOKEN,
      SOBOT_APP_KEY: HTTP_ENV.SOBOT_APP_KEY,
      SOBOT_TIMEZONE: 'Mars/Olympus_Mons',
      SOBOT_RATE_LIMIT: 'twenty',
    });
    expect(problems).toHaveLength(4);
    const all = problems.join('\n');
    expect(all).toContain('SLACK_SIGNING_SECRET');
    expect(all).toContain('SOBOT_TIMEZONE');
    expect(all).toContain('SOBOT_RATE_LIMIT');
    expect(all).toContain('SOBOT_APPID');
  });

  it('names each problem in the error message itself', () => {
    expect(() => loadConfig({})).toThrow(/SLACK_BOT_TOKEN[\s\S]*SOBOT_APPID[\s\S]*SOBOT_APP_KEY/);
  });

  it('needs no signing secret in Socket Mode', () => {
    const { SLACK_SIGNING_SECRET: _unused, ...socketEnv } = HTTP_ENV;
    const config = loadConfig({ ...socketEnv, SLACK_APP_TOKEN: 'xapp-1-A111-222-abc' });
    expect(config.slack.appToken).toBe('xapp-1-A111-222-abc');
    expect(config.slack.signingSecret).toBeNull();
  });

  it('wants a bot token that starts with xoxb-', () => {
    const problems = problemsOf({ ...HTTP_ENV, SLACK_BOT_TOKEN: 'xoxp-user-token' });
    expect(problems).toEqual(['SLACK_BOT_TOKEN must start with xoxb-']);
  });

  it('wants an app token that starts with xapp-', () => {
    const problems = problemsOf({ ...HTTP_ENV, SLACK_APP_TOKEN: 'xoxb-not-an-app-token' });
    expect(problems.join('\n')).toContain('xapp-');
  });

  it('accepts SOBOT_API=legacy, with the legacy host https://open.sobot.com as its default', () => {
    const config = loadConfig({ ...HTTP_ENV, SOBOT_API: 'legacy' });
    expect(config.sobot.api).toBe('legacy');
    expect(config.sobot.baseUrl).toBe('https://open.sobot.com');
    expect(config.sobot.consoleUrl).toBe('https://open.sobot.com');
  });

  it('takes the other legacy host some accounts use', () => {
    const config = loadConfig({ ...HTTP_ENV, SOBOT_API: 'legacy', SOBOT_BASE_URL: 'https://www.sobot.com/' });
    expect(config.sobot.baseUrl).toBe('https://www.sobot.com');
  });

  it('rejects an API that is neither v5 nor legacy', () => {
    expect(problemsOf({ ...HTTP_ENV, SOBOT_API: 'v4' })).toEqual(['SOBOT_API must be "v5" or "legacy"']);
  });

  it.each([
    ['PORT', '70000'],
    ['SOBOT_RATE_LIMIT', '0'],
    ['SOBOT_MAX_PAUSE', '2m'],
    ['SOBOT_REPLICAS', '0'],
    ['SOBOT_LANGUAGE', 'fr'],
    ['CHART_RENDERER', 'svg'],
    ['SLACK_API_URL', 'not a url'],
    ['LOG_LEVEL', 'verbose'],
    ['SHUTDOWN_TIMEOUT', '25s'],
    ['REDIS_KEY_PREFIX', 'two words'],
  ])('rejects %s=%s', (name, value) => {
    const problems = problemsOf({ ...HTTP_ENV, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('normalises trailing slashes: none on Sobot and QuickChart, one on the Slack API', () => {
    const config = loadConfig({
      ...HTTP_ENV,
      SOBOT_BASE_URL: 'http://127.0.0.1:4010//',
      QUICKCHART_URL: 'https://charts.example.com/',
      SLACK_API_URL: 'http://127.0.0.1:4020/api',
    });
    expect(config.sobot.baseUrl).toBe('http://127.0.0.1:4010');
    expect(config.charts.quickchartUrl).toBe('https://charts.example.com');
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:4020/api/');
  });
});

describe('the placeholders of .env.example', () => {
  const example = Object.fromEntries(
    readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );

  it('are every sample value in the file ("your-…")', () => {
    const samples = Object.fromEntries(
      Object.entries(example).filter(([, value]) => value.includes('your-')),
    );
    expect(samples).toEqual(ENV_EXAMPLE_PLACEHOLDERS);
  });

  it('stop the bot naming each variable still left at its placeholder', () => {
    const problems = problemsOf({ ...example, SLACK_SIGNING_SECRET: 'a-real-secret' });
    expect(problems).toHaveLength(4);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SOBOT_APPID', 'SOBOT_APP_KEY']) {
      expect(problems.join('\n')).toMatch(
        new RegExp(`${name} is still the placeholder from \\.env\\.example`),
      );
    }
  });
});

describe('secretsOf', () => {
  it('lists the literal secrets for the logger to scrub', () => {
    const config = loadConfig({ ...HTTP_ENV, SLACK_APP_TOKEN: 'xapp-1-A111-222-abc' });
    expect(secretsOf(config).sort()).toEqual(
      ['xoxb-1111-2222-abcdef', 'xapp-1-A111-222-abc', 'signing-secret-123456', 'app-key-abcdef'].sort(),
    );
  });
});
