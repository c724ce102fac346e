// Hostile input, as a property, through the real router of the real bot (Sobot simulator behind
// it): for any command text (any unicode, control characters, up to 10,000 characters, and
// near-misses of real commands with absurd numbers), the reply is a message Slack accepts, within
// every Block Kit limit, and nothing but the bot's own error classes is ever thrown. A smaller run
// goes over signed HTTP, so the message Slack receives (verbatim text and all) is checked too.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BotError } from '../../src/errors.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import { errorMessage } from '../../src/slack/error-reply.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';

const CONFIG = `
access:
  admins: [U0LEAD]
digests:
  - name: morning
    channel: C0DIGEST
    schedule: "0 9 * * 1-5"
alerts:
  - name: warnings-high
    kpi: response_warn_rate
    op: ">"
    threshold: 0.2
    channel: C0ALERTS
`;

const WORDS = [
  'overview',
  'agents',
  'agent',
  'groups',
  'departments',
  'channels',
  'satisfaction',
  'bot',
  'customers',
  'topics',
  'trend',
  'digest',
  'alerts',
  'help',
  'list',
  'preview',
  'subscribe',
  'unsubscribe',
  'now',
  'mute',
  'unmute',
  'run',
  'warnings-high',
  'morning',
  'yesterday',
  'today',
  'last',
  'days',
  'week',
  'this month',
  '2026-11-02..2026-11-15',
  'public',
  'tomorrow',
  '#cs-leads',
  '09:00',
  '<!channel>',
  '<@U0LEAD>',
  'https://evil.example/x',
  '*bold*',
  '`code`',
  '&amp;',
  '王小明',
  '最近7天',
  '\u0000',
  '\u202e',
];
const OPTIONS = ['top:', 'sort:', 'group:', 'dept:', 'channel:', 'agent:', 'robot:', 'name:', 'bogus:'];
const NUMBERS = [
  '0',
  '-1',
  '1e309',
  '99999999999999999999',
  '9999999999999999999d',
  '0x10',
  'NaN',
  '1.5',
  '٣',
  '１０',
  '99999d',
  '1m',
  '59s',
  '8d',
  '1h30m',
  '',
];

/** Text that looks like a command: real words, options and absurd numbers among random ones. */
const commandLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(...WORDS),
      fc
        .tuple(fc.constantFrom(...OPTIONS), fc.oneof(fc.constantFrom(...NUMBERS, ...WORDS), fc.string()))
        .map(([option, value]) => `${option}${value}`),
      fc.constantFrom(...NUMBERS),
      fc.string({ unit: 'binary', maxLength: 40 }),
    ),
    { maxLength: 12 },
  )
  .map((words) => words.join(' '));

const anyText = fc.oneof(
  commandLike,
  fc.string({ unit: 'binary', maxLength: 10_000 }),
  fc
    .tuple(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', minLength: 2_000, maxLength: 10_000 }))
    .map(([word, rest]) => `${word} ${rest}`),
  fc.constantFrom(...WORDS).map((word) => `${word} ${':'.repeat(3_000)}`),
);

describe('any command text', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      configYaml: CONFIG,
      env: { SOBOT_RATE_LIMIT: '1000' },
      simulator: { rateLimit: 1000 },
    });
  });
  afterAll(() => h.close());

  /** What the user would see: the answer, or the reply made of the error. Throws anything else. */
  async function reply(text: string, userId: string): Promise<BotMessage> {
    try {
      return await h.bot.commands.run(text, { userId, channelId: 'C0TEAM', via: 'command' });
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      return errorMessage(error, undefined, 'en');
    }
  }

  it('gets a reply within every Block Kit limit, and only the bot’s own errors', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom('U0LEAD', 'U0STRANGER'), async (text, userId) => {
        const message = await reply(text, userId);
        expect(blockKitProblems(message)).toEqual([]);
        expect(message.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 250 },
    );
  });

  it('is answered over signed HTTP with a message the fake Slack accepts (limits, verbatim text)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        n += 1;
        const { status } = await h.command(text, `http-${n}`);
        expect(status).toBe(200);
        const [post] = await h.slack.waitForResponses(`http-${n}`);
        expect(post?.problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('quotes at most 200 characters of what was typed', async () => {
    // Under the router's 500-character limit, so it is read and its unknown KPI echoed.
    const message = await reply(`trend ${':'.repeat(490)}`, 'U0LEAD');
    expect(blockKitProblems(message)).toEqual([]);
    const shown = JSON.stringify(message.blocks);
    expect(shown).not.toContain(':'.repeat(201));
    expect(shown).toContain(`${':'.repeat(199)}…`);
  });

  it('quotes nothing of a text over the limit, and says how long it was', async () => {
    const message = await reply(`trend ${':'.repeat(3_000)}`, 'U0LEAD');
    expect(blockKitProblems(message)).toEqual([]);
    const shown = JSON.stringify(message.blocks);
    expect(shown).not.toContain(':'.repeat(20));
    expect(shown).toContain('That command is 3,006 characters long');
  });

  it('logs the start of a long paste and its length, not the whole of it', async () => {
    const text = `agents long-paste ${'x'.repeat(3_000)}`;
    await h.command(text, 'long-paste');
    await h.slack.waitForResponses('long-paste');
    // Logged once Slack has taken the answer (the other tests' texts are logged too: found by its start).
    const answered = await vi.waitFor(() => {
      const line = h.logs
        .map((json) => JSON.parse(json) as { msg: string; text?: string; chars?: number })
        .find((entry) => entry.msg === 'command answered' && entry.text?.startsWith('agents long-paste'));
      expect(line).toBeDefined();
      return line;
    });
    expect(answered).toMatchObject({ text: `${text.slice(0, 80)}…`, chars: text.length });
  });
});
