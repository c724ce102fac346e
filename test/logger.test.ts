// Specs that secrets never reach a log line or a Slack error reply, whichever way they are logged,
// while ordinary fields come through unchanged.

import { describe, expect, it } from 'vitest';
import { UserInputError } from '../src/errors.ts';
import { createLogger, toBoltLogger } from '../src/logger.ts';
import { redact, redactText } from '../src/redact.ts';
import { errorMessage } from '../src/slack/error-reply.ts';
import {
  SobotApiError,
  SobotConfigError,
  SobotInputError,
  SobotRateLimitedError,
} from '../src/sobot/errors.ts';

const BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp';
const APP_TOKEN = 'xapp-1-A0123456789-1234567890123-deadbeefcafe';
const SOBOT_TOKEN = '4d1b3e0f9c8a7b6d5e4f3a2b1c0d9e8f';
const APP_KEY = 'K3yOfTheSobotApp9x';
const SIGNING_SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const SIGN = 'e10adc3949ba59abbe56e057f20f883e';
const ALL_SECRETS = [BOT_TOKEN, APP_TOKEN, SOBOT_TOKEN, APP_KEY, SIGNING_SECRET, SIGN];

function capture(secrets: readonly string[] = [APP_KEY, SIGNING_SECRET]) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'trace',
    secrets,
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, output: () => lines.join('') };
}

function expectNoSecret(output: string): void {
  for (const secret of ALL_SECRETS) expect(output).not.toContain(secret);
}

describe('createLogger', () => {
  it("keeps an error's class, stack and fields while scrubbing them", () => {
    const { logger, output } = capture();
    logger.warn(
      { err: new SobotRateLimitedError('/chat-static-api/api/x', 7, Date.now() + 7000) },
      'sobot call failed',
    );
    const line = JSON.parse(output()) as { err: Record<string, unknown> };
    expect(line.err.type).toBe('SobotRateLimitedError');
    expect(line.err.retryAfterSec).toBe(7);
    expect(line.err.endpoint).toBe('/chat-static-api/api/x');
    expect(String(line.err.stack)).toContain('SobotRateLimitedError');
  });

  it('scrubs Slack tokens from message strings', () => {
    const { logger, output } = capture();
    logger.info(`posting with ${BOT_TOKEN}`);
    logger.warn(`socket mode with ${APP_TOKEN} failed`);
    expectNoSecret(output());
    expect(output()).toContain('posting with [redacted]');
  });

  it('scrubs tokens interpolated into a message', () => {
    const { logger, output } = capture();
    logger.info('calling %s', `https://sg.sobot.io/api?token=${SOBOT_TOKEN}`);
    expectNoSecret(output());
  });

  it('scrubs token=, sign= and app_key= query parameters in fields', () => {
    const { logger, output } = capture();
    logger.info(
      { url: `https://sg.sobot.io/api/get_token?appid=a1&create_time=1&sign=${SIGN}&token=${SOBOT_TOKEN}` },
      'request',
    );
    logger.info({ body: `app_key=${APP_KEY}&x=1` }, 'form');
    expectNoSecret(output());
    expect(output()).toContain('appid=a1&create_time=1');
  });

  it('scrubs secret-named keys at any depth', () => {
    const { logger, output } = capture();
    logger.info(
      {
        req: { headers: { token: SOBOT_TOKEN, 'content-type': 'application/json' } },
        Authorization: `Bearer ${BOT_TOKEN}`,
        sobot: { app_key: APP_KEY, sign: SIGN },
      },
      'outgoing',
    );
    expectNoSecret(output());
    const line = JSON.parse(output()) as { req: { headers: Record<string, string> } };
    expect(line.req.headers['content-type']).toBe('application/json');
    expect(line.req.headers.token).toBe('[redacted]');
  });

  it('scrubs an Error whose message holds the app key', () => {
    const { logger, output } = capture();
    logger.error({ err: new Error(`sign failed for key ${APP_KEY}`) }, 'token request failed');
    logger.error(new Error(`bad credentials ${APP_KEY} / ${BOT_TOKEN}`));
    expectNoSecret(output());
    expect(output()).toContain('sign failed for key [redacted]');
  });

  it('scrubs the literal secrets it was given, wherever they appear', () => {
    const { logger, output } = capture();
    logger.info({ note: `the secret is ${SIGNING_SECRET}!`, list: [`k:${APP_KEY}`] }, 'config');
    logger.debug(`loaded ${SIGNING_SECRET}`);
    expectNoSecret(output());
  });

  it('keeps ordinary fields intact', () => {
    const { logger, output } = capture();
    logger.info(
      { endpoint: 'staffWorkStatis', retryAfterSec: 30, agents: 84, name: '王小明' },
      'sobot rate limited',
    );
    const line = JSON.parse(output()) as Record<string, unknown>;
    expect(line).toMatchObject({
      endpoint: 'staffWorkStatis',
      retryAfterSec: 30,
      agents: 84,
      name: '王小明',
      msg: 'sobot rate limited',
      level: 30,
    });
  });

  it('sends Bolt logs through the same redaction', () => {
    const { logger, output } = capture();
    const bolt = toBoltLogger(logger);
    bolt.info('auth.test with', BOT_TOKEN);
    bolt.error({ token: SOBOT_TOKEN, text: `x ${APP_TOKEN}` });
    expectNoSecret(output());
    expect(output()).toContain('auth.test with');
  });
});

describe('redact', () => {
  it('ignores literal secrets too short to be real, so ordinary words survive', () => {
    expect(redactText('the app is up', ['app'])).toBe('the app is up');
  });

  it('does not mutate what it is given', () => {
    const input = { token: SOBOT_TOKEN, nested: { sign: SIGN } };
    redact(input);
    expect(input).toEqual({ token: SOBOT_TOKEN, nested: { sign: SIGN } });
  });
});

describe('errorMessage', () => {
  const everyText = (error: unknown) => {
    const message = errorMessage(error, undefined, 'en');
    return `${message.text}\n${JSON.stringify(message.blocks)}`;
  };

  it('never shows a secret from an error message', () => {
    const errors = [
      new Error(`connect failed: token=${SOBOT_TOKEN}`),
      new UserInputError(`I don't know ${BOT_TOKEN}`, `/sobot agents ${APP_TOKEN}`),
      new SobotInputError(`bad request ?sign=${SIGN}&token=${SOBOT_TOKEN}`, 'staffWorkStatis'),
      new SobotApiError('123456', `token=${SOBOT_TOKEN}`, 'getStat'),
      new SobotConfigError('900003', `check app_key=${APP_KEY}`, 'get_token'),
    ];
    for (const error of errors) expectNoSecret(everyText(error));
  });

  it('hides internal details of unexpected errors', () => {
    const message = errorMessage(
      new TypeError('Cannot read properties of undefined (reading "items")'),
      undefined,
      'en',
    );
    expect(message.text).toBe(
      'Something went wrong on our side. Please try again; details are in the bot logs.',
    );
  });

  it('escapes <!channel> typed by a user, in the blocks and in the mrkdwn fallback text', () => {
    const message = errorMessage(
      new UserInputError('I don\'t know the period "<!channel> & co".'),
      undefined,
      'en',
    );
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).toContain('&lt;!channel&gt; &amp; co');
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).toContain('&lt;!channel&gt;');
  });

  it('shows the example that works', () => {
    const message = errorMessage(new UserInputError('Nope.', '/sobot agents yesterday'), undefined, 'en');
    expect(message.visibility).toBe('ephemeral');
    expect(message.text).toBe('Nope. Try `/sobot agents yesterday`');
  });
});
