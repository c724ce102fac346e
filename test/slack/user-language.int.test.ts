// Each user in their own language: the asker's Slack locale (users.info with include_locale) decides
// the answer's language over SOBOT_LANGUAGE, both ways; channel posts keep SOBOT_LANGUAGE; a failing
// users.info costs the user nothing but the default language.

import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_WORDS, COMMAND_WORDS } from '../../commands/words.ts';
import { KPIS } from '../../src/stats/kpis.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { englishWords } from '../support/english.ts';

type Payload = { text: string; blocks: { type: string; text?: { text: string } }[] };

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function start(lang: 'en' | 'zh'): Promise<Harness> {
  const h = await startHarness({
    env: { SOBOT_LANGUAGE: lang, SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: 30 }, rateLimit: 1000 },
    configYaml: `
access:
  admins: [U0LEAD, U0WANG]
digests:
  - name: morning
    channel: C0DIGEST
    schedule: "0 9 * * 1-5"
    sections: [overview]
`,
  });
  harnesses.push(h);
  h.slack.users.set('U0WANG', { tz: 'Asia/Shanghai', locale: 'zh-CN' });
  h.slack.users.set('U0ANNA', { tz: 'Europe/London', locale: 'en-GB' });
  h.slack.users.set('U0KENJI', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
  return h;
}

async function ask(h: Harness, text: string, id: string, user: string): Promise<Payload> {
  await h.command(text, id, { user_id: user });
  const [post] = await h.slack.waitForResponses(id);
  expect(post?.accepted).toBe(true);
  return post?.payload as unknown as Payload;
}

/** Every text of a reply: fallback, and the blocks' texts (mrkdwn and plain). */
const textsOf = (payload: Payload): string[] => [
  payload.text,
  ...JSON.stringify(payload.blocks)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)!
    .map((field) => JSON.parse(field.slice(7)) as string),
];
/** Commands whose whole reply is in the asker's language: answers, help, errors, admin lists. */
const WHOLE_REPLIES = [
  'help',
  'overview yesterday',
  'agents top:0',
  'trend nonsense',
  'digest list',
  'groups 昨天',
];
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

const header = (payload: Payload) => payload.blocks.find((b) => b.type === 'header')?.text?.text ?? '';
const localeLookups = (h: Harness) => h.slack.calls.filter((c) => c.method === 'users.info');

describe('the asker’s language', () => {
  it('answers a zh-CN user in Chinese when the bot’s default is English, others in English', async () => {
    const h = await start('en');
    expect(header(await ask(h, 'overview yesterday', 'wang', 'U0WANG'))).toMatch(/^概览 · \d{4}年/);
    expect(header(await ask(h, 'overview yesterday', 'lead', 'U0LEAD'))).toMatch(/^Overview · /);
    // A locale that is neither: the default.
    expect(header(await ask(h, 'overview yesterday', 'kenji', 'U0KENJI'))).toMatch(/^Overview · /);
    // Errors and Chinese command words too.
    const refused = await ask(h, 'agents top:0', 'wang-error', 'U0WANG');
    expect(refused.text).not.toMatch(/takes a whole number/);
    expect(header(await ask(h, '客服 昨天', 'wang-zh-words', 'U0WANG'))).toMatch(/^客服 · /);
    // users.info was asked with include_locale, once per user: the language is kept.
    expect(localeLookups(h).every((c) => String(c.args.include_locale) === 'true')).toBe(true);
    expect(localeLookups(h).filter((c) => c.args.user === 'U0WANG')).toHaveLength(1);
  });

  it('answers an en-GB user in English when the bot’s default is Chinese', async () => {
    const h = await start('zh');
    expect(header(await ask(h, 'overview yesterday', 'anna', 'U0ANNA'))).toMatch(/^Overview · /);
    expect(header(await ask(h, 'overview yesterday', 'lead', 'U0LEAD'))).toMatch(/^概览 · /);
  });

  it('gives each user the whole reply in their language, both ways: no Chinese for Anna, no English for Wang', async () => {
    const names = (h: Harness) => [
      ...h.sim.company.groups.map((g) => g.name),
      ...h.sim.company.agents.flatMap((a) => [a.name, a.nick]),
      // What people type (help names the commands, actions and KPI ids), echoes and config names.
      ...Object.keys(COMMAND_WORDS),
      ...Object.keys(ACTION_WORDS),
      ...Object.keys(KPIS),
      'nonsense',
      'morning',
    ];
    const english = await start('zh');
    for (const [i, text] of WHOLE_REPLIES.entries()) {
      const reply = textsOf(await ask(english, text, `anna${i}`, 'U0ANNA'));
      // Group and agent names are data (the simulator's are Chinese); the rest is English.
      // Commands in `code` are what people type (help lists the Chinese command words that way).
      const prose = reply.map((line) =>
        names(english).reduce((rest, name) => rest.split(name).join(''), line.replace(/`[^`]*`/g, '')),
      );
      expect(
        prose.filter((line) => CJK.test(line)),
        text,
      ).toEqual([]);
    }
    const chinese = await start('en');
    for (const [i, text] of WHOLE_REPLIES.entries()) {
      const reply = textsOf(await ask(chinese, text, `wang${i}`, 'U0WANG'));
      expect(
        reply.flatMap((line) => englishWords(line, names(chinese))),
        text,
      ).toEqual([]);
    }
  });

  it('posts channel messages in SOBOT_LANGUAGE whoever asked for them', async () => {
    const h = await start('en');
    await ask(h, 'digest now morning', 'now', 'U0WANG');
    const [digest] = h.slack.posted('C0DIGEST');
    expect(digest?.text).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });

  it('answers in the default language, without a word about it, when Slack cannot say the locale', async () => {
    const h = await start('en');
    h.slack.failNext('users.info', 1, 'ratelimited');
    const answer = await ask(h, 'overview yesterday', 'wang', 'U0WANG');
    expect(header(answer)).toMatch(/^Overview · /);
    expect(JSON.stringify(answer)).not.toMatch(/locale|users\.info|ratelimited/);
    expect(h.logs.some((line) => line.includes('could not read the user’s locale'))).toBe(true);
  });
});
