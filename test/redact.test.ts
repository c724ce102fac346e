// Specs that redaction cannot be outrun: secrets deep in objects and error chains, in JSON inside
// strings, next to the word token, in URLs, learned while running (the Sobot token); cycles and huge
// values; and a property: random nested objects and error chains holding every secret, logged every
// way the bot logs, never show one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../src/config.ts';
import { createLogger, toBoltLogger } from '../src/logger.ts';
import { REDACTED, redact, redactText, UNWALKED } from '../src/redact.ts';
import { createTokenCache } from '../src/sobot/token-cache.ts';
import { createFakeClock } from './support/fake-clock.ts';

const BOT_TOKEN = 'xoxb-2222333344-5555666677-ZyXwVuTsRqPoNmLk';
const APP_TOKEN = 'xapp-1-A0999999999-9999999999999-feedfacefeedface';
const APP_KEY = 'AnotherSobotAppKey77';
const SIGNING_SECRET = 'b5ee41fb3c8a4d21a3c60fe1d2f1c7aa';
const REDIS_PASSWORD = 'Redis-Pa55-Word';
/** Issued by Sobot while running: known to no config, learned by the token cache. */
const SOBOT_TOKEN = 'c0ffee00deadbeef1234567890abcdef';

const CONFIG_SECRETS = secretsOf(
  loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SOBOT_APPID: 'app-id-1',
    SOBOT_APP_KEY: APP_KEY,
    REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:6379/0`,
  }),
);
const ALL_SECRETS = [BOT_TOKEN, APP_TOKEN, APP_KEY, SIGNING_SECRET, REDIS_PASSWORD, SOBOT_TOKEN];

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'trace',
    secrets: CONFIG_SECRETS,
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, output: () => lines.join('') };
}

const leaked = (output: string) => ALL_SECRETS.filter((secret) => output.includes(secret));

/** `value` wrapped `depth` times in objects, arrays and error causes, in turn. */
function buried(value: unknown, depth: number): unknown {
  let out = value;
  for (let level = 0; level < depth; level += 1) {
    if (level % 3 === 0) out = { [`level${level}`]: out };
    else if (level % 3 === 1) out = [out];
    else out = new Error(`wrapped at ${level}`, { cause: out });
  }
  return out;
}

// The token cache learns the Sobot token the way the running bot does.
await createTokenCache({
  fetchToken: async () => ({ token: SOBOT_TOKEN, expiresInSec: 86_400 }),
  clock: createFakeClock(0),
}).get();

describe('redaction that cannot be outrun', () => {
  it('finds the bot token in an object 11 levels deep, and 500 levels deep', () => {
    const { logger, output } = capture();
    let deep: unknown = { note: BOT_TOKEN };
    for (let i = 0; i < 11; i += 1) deep = { inner: deep };
    logger.info({ deep }, 'deep');
    logger.info({ deeper: buried({ note: `x ${BOT_TOKEN} y` }, 500) }, 'deeper');
    expect(leaked(output())).toEqual([]);
    expect(output()).toContain(REDACTED);
  });

  it('finds headers.token at the end of a long error-cause chain', () => {
    const { logger, output } = capture();
    // Causes as libraries hand them on: plain copies ({ message, cause }) of errors, a long chain.
    let cause: unknown = { headers: { token: 'opaque-token-value-9' } };
    for (let i = 0; i < 40; i += 1) cause = { message: `layer ${i}`, cause };
    const error = new Error('request failed', { cause });
    logger.error({ err: error }, 'sobot call failed');
    logger.error(error);
    expect(output()).not.toContain('opaque-token-value-9');
  });

  it('finds "token <32 hex>" in an error message and {"token":"…"} inside a string', () => {
    const { logger, output } = capture();
    logger.error({ err: new Error('token 0123456789abcdef0123456789abcdef expired') }, 'x');
    logger.info({ body: '{"ret_code":"000000","token":"opaque-sobot-token","expires_in":"86400"}' }, 'reply');
    logger.info(`token: plain-yaml-token-value and token=query-token-value`);
    const out = output();
    for (const secret of [
      '0123456789abcdef0123456789abcdef',
      'opaque-sobot-token',
      'plain-yaml-token-value',
      'query-token-value',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('\\"token\\":\\"[redacted]\\"');
    expect(out).toContain('\\"expires_in\\":\\"86400\\"');
  });

  it('finds the Redis password in a logged URL, and alone', () => {
    const { logger, output } = capture();
    logger.warn({ url: `redis://:${REDIS_PASSWORD}@10.0.0.5:6379` }, 'redis down');
    logger.warn(`AUTH failed for ${REDIS_PASSWORD}`);
    logger.warn({ url: 'https://someone:other-password@example.com/x' }, 'elsewhere');
    expect(leaked(output())).toEqual([]);
    expect(output()).not.toContain('other-password');
    expect(output()).toContain('redis://:[redacted]@10.0.0.5:6379');
  });

  it('finds the Sobot token it learned while running, in any shape', () => {
    const { logger, output } = capture();
    logger.info({ reply: `issued ${SOBOT_TOKEN}!`, [SOBOT_TOKEN]: 1 }, 'sobot');
    logger.info('%o', { nested: [SOBOT_TOKEN] });
    toBoltLogger(logger).debug('bolt saw', { t: SOBOT_TOKEN });
    expect(leaked(output())).toEqual([]);
  });

  it('logs a value that refers to itself, and masks what is too large to walk', () => {
    const { logger, output } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.info({ loop }, 'cycle');
    const huge: { i: number; note?: string }[] = Array.from({ length: 5_000 }, (_, i) => ({ i }));
    huge.push({ i: -1, note: `hidden ${SIGNING_SECRET.toUpperCase()}` });
    logger.info({ huge }, 'huge');
    const [cycle, large] = output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(cycle.loop).toEqual({ name: 'loop', self: '[circular]' });
    expect(JSON.stringify(large)).toContain(UNWALKED);
    expect(JSON.stringify(large)).not.toContain(SIGNING_SECRET.toUpperCase());
  });

  it('leaves ordinary words and numbers alone', () => {
    expect(redactText('signed in at 09:00 with 12 chats; tokens are fine')).toBe(
      'signed in at 09:00 with 12 chats; tokens are fine',
    );
    expect(redact({ chats: 12, name: '王小明', tokenCount: 3 })).toEqual({
      chats: 12,
      name: '王小明',
      tokenCount: 3,
    });
  });
});

describe('redaction, as a property', () => {
  const text = fc.string({ maxLength: 12, unit: 'grapheme' });
  /** A secret somewhere in a string: alone, in prose, as JSON, as a query parameter. */
  const secretText = (secret: string) =>
    fc
      .tuple(text, text, fc.constantFrom('', '"token":"%s"', 'token=%s&x=1', 'sign: %s', 'Bearer %s', 'a%sb'))
      .map(([before, after, form]) => `${before}${form ? form.replace('%s', secret) : secret}${after}`);
  /** Where a secret may sit: a value, a secret-named key's value, a key, an error message or cause. */
  const carrier = (secret: string) =>
    fc.oneof(
      secretText(secret),
      fc.constantFrom('token', 'app_key', 'Authorization', 'password').map((key) => ({ [key]: secret })),
      secretText(secret).map((t) => ({ [t]: true })),
      secretText(secret).map((t) => new Error(t)),
      secretText(secret).map((t) => new Error('outer', { cause: new TypeError(t) })),
    );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.constant(null),
      fc.dictionary(text, tie('tree'), { maxKeys: 4 }),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.tuple(text, tie('tree')).map(([message, cause]) => new Error(message, { cause })),
    ),
  }));
  const value = fc
    .tuple(tree, ...ALL_SECRETS.map((secret) => fc.tuple(carrier(secret), fc.nat({ max: 30 }))))
    .map(([base, ...carried]) => [base, ...carried.map(([c, depth]) => buried(c, depth))]);
  const logged = fc.constantFrom('fields', 'err', 'error-first', 'interpolated', 'bolt');

  it('never shows a secret, whatever the value and however it is logged', () => {
    fc.assert(
      fc.property(value, logged, (parts, how) => {
        const { logger, output } = capture();
        if (how === 'fields') logger.info({ parts }, 'value');
        else if (how === 'err') logger.warn({ err: new Error('failed', { cause: parts }) }, 'failed');
        else if (how === 'error-first') logger.error(new AggregateError(parts, 'several'));
        else if (how === 'interpolated') logger.info('parts %o and %j', parts, parts);
        else toBoltLogger(logger).error('bolt', parts);
        expect(leaked(output())).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
