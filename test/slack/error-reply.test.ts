// Every error the bot can meet becomes a sendable, helpful Slack reply.

import { describe, expect, it } from 'vitest';
import { echo } from '../../src/echo.ts';
import { AccessDeniedError, UnsupportedError, UserInputError } from '../../src/errors.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import { errorMessage } from '../../src/slack/error-reply.ts';
import {
  SobotApiError,
  SobotAuthError,
  SobotBusyError,
  SobotCircuitOpenError,
  SobotConfigError,
  SobotInputError,
  SobotMalformedReplyError,
  SobotRateLimitedError,
  SobotUnavailableError,
} from '../../src/sobot/errors.ts';
import { unsupportedOn } from '../../src/stats/unsupported.ts';

/** 09:00 in Shanghai, where the company is. */
const NOW = Date.parse('2026-11-23T01:00:00Z');
const CLOCK = { timeZone: 'Asia/Shanghai', now: NOW };

const cases: [unknown, RegExp][] = [
  [
    new UserInputError('I don\'t know the period "yesterdy".', '/sobot agents yesterday'),
    /Try `\/sobot agents yesterday`/,
  ],
  [new UnsupportedError('Per-agent data needs the v5 API.'), /needs the v5 API/],
  [
    unsupportedOn('legacy', 'Per-agent figures'),
    /^Per-agent figures need Sobot's v5 API; .*SOBOT_API=legacy.*set SOBOT_API=v5\. See `\/sobot help`/,
  ],
  [
    new SobotRateLimitedError('/x', 3600, NOW + 3_600_000),
    /rate-limiting this company for 60 more minutes \(until 10:00\)\. Try again after 10:00/,
  ],
  [new SobotRateLimitedError('/x', 42, NOW + 42_000), /for 1 more minute \(until 09:00\)/],
  [new SobotBusyError(NOW + 14 * 60_000 + 30_000, 310), /busy: .*310 calls long.* Try again at 09:14/],
  [new SobotCircuitOpenError(NOW - 5 * 60_000, '/x'), /not answering since 08:55/],
  [
    new SobotConfigError('1001', 'check SOBOT_APPID and SOBOT_APP_KEY', '/open/platform/getAccessToken.json'),
    /1001.*SOBOT_APP_KEY/s,
  ],
  [
    new SobotConfigError('900003', 'check SOBOT_APPID and SOBOT_APP_KEY', '/api/get_token'),
    /900003.*SOBOT_APPID/s,
  ],
  [new SobotAuthError('rejected twice', '/x'), /access token/],
  [new SobotInputError('range cannot be greater than [90]d', '/x'), /greater than \[90\]d/],
  [new SobotUnavailableError('HTTP 500', '/x'), /not answering properly/],
  [new SobotMalformedReplyError('bad shape', '/x'), /could not read/],
  [new SobotApiError('123456', 'odd', '/x'), /123456/],
  [new TypeError('x is undefined'), /went wrong on our side/],
];

describe('errorMessage', () => {
  it.each(cases)('turns %s into an ephemeral, sendable reply that says what to do', (error, expected) => {
    const message = errorMessage(error, CLOCK, 'en');
    expect(message.visibility).toBe('ephemeral');
    expect(message.text).toMatch(expected);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('shows the whole "needs v5" sentence in the message, the pointer to help beneath it', () => {
    const error = unsupportedOn('legacy', 'Figures per skill group');
    const [section, context] = errorMessage(error, undefined, 'en').blocks as {
      text?: { text: string };
      elements?: { text: string }[];
    }[];
    expect(section?.text?.text).toBe(`:warning: ${error.message}`);
    expect(context?.elements?.[0]?.text).toBe('See `/sobot help` for what works here.');
  });

  it('never shows internal details of an unexpected crash', () => {
    const message = errorMessage(
      new Error('ECONNRESET at /srv/app/node_modules/undici/lib/core.js:123'),
      undefined,
      'en',
    );
    expect(JSON.stringify(message)).not.toContain('node_modules');
  });
});

describe('errorMessage with what people type', () => {
  it('shows a refusal as the bot wrote it: its mentions stay mentions', () => {
    const message = errorMessage(
      new AccessDeniedError('Sorry, only the bot admins (<@U0ADMIN>) can x.'),
      undefined,
      'en',
    );
    expect(message.text).toBe('Sorry, only the bot admins (<@U0ADMIN>) can x.');
    expect(JSON.stringify(message.blocks)).toContain('<@U0ADMIN>');
  });

  it('keeps any error within Slack’s limits without cutting an entity in half', () => {
    const message = errorMessage(
      new UserInputError(`Bad: ${'&'.repeat(5_000)}`, `/sobot ${'<'.repeat(5_000)}`),
      undefined,
      'en',
    );
    expect(blockKitProblems(message)).toEqual([]);
    for (const text of [message.text, JSON.stringify(message.blocks)]) expect(text).not.toMatch(/&[a-z]*…/);
  });
});

describe('echo', () => {
  it('quotes up to 200 characters, then "…", never splitting a character', () => {
    expect(echo('short')).toBe('short');
    expect(echo('x'.repeat(200))).toBe('x'.repeat(200));
    expect(echo('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`);
    const emoji = echo('😀'.repeat(300));
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.endsWith('😀…')).toBe(true);
  });

  it('shows control characters as spaces', () => {
    expect(echo('a\u0000b\nc\u001bd')).toBe('a b c d');
  });
});
