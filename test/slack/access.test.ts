// Specs of the access table: who each rule lets in, what a refusal says, and the Slack lookups
// behind it (user groups, channel members across pages, #names), cached, and closed when Slack fails.

import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../src/errors.ts';
import { phrase, say } from '../../src/i18n/catalogue.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackDirectory, type Permission } from '../../src/slack/access.ts';
import { accessFor, memoryDirectory } from '../support/access.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const directory = memoryDirectory({
  groups: { S0LEADS: ['U0LEADER'], S0ADMINS: ['U0BOSS'] },
  channels: { C0ALERTS: ['U0MEMBER'] },
  names: { '#cs-public': 'C0PUBLIC' },
});
const at = (userId: string, channelId = 'C0CSTEAM') => ({ userId, channelId });
const mute: Permission = {
  kind: 'mute',
  channel: 'C0ALERTS',
  doing: phrase('access.doing.mute', { rule: 'warnings-high' }),
};
const manageDigests = phrase('access.doing.digests');

/** The refusal as an English asker reads it (a Chinese one with `lang` zh). */
async function refusal(promise: Promise<void>, lang: 'en' | 'zh' = 'en'): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccessDeniedError);
  const said = (error as AccessDeniedError).phrase;
  expect(said).not.toBeNull();
  return said ? say(lang, said) : '';
}

describe('the access table', () => {
  const access = accessFor(
    {
      admins: ['U0ADMIN', 'S0ADMINS'],
      viewers: ['S0LEADS', 'U0VIEWER'],
      channels: ['C0CSTEAM', '#cs-public'],
    },
    directory,
  );

  it('lets admins, named or through a group, manage', async () => {
    const manage: Permission = { kind: 'admin', doing: manageDigests };
    expect(await access.allows(manage, at('U0ADMIN'))).toBe(true);
    expect(await access.allows(manage, at('U0BOSS'))).toBe(true);
    expect(await access.allows(manage, at('U0LEADER'))).toBe(false);
  });

  it('shows agent-level figures to viewers and admins only', async () => {
    const agents: Permission = { kind: 'agent-figures' };
    for (const user of ['U0ADMIN', 'U0BOSS', 'U0LEADER', 'U0VIEWER'])
      expect(await access.allows(agents, at(user))).toBe(true);
    expect(await access.allows(agents, at('U0STRANGER'))).toBe(false);
  });

  it('posts public answers only in the listed channels, by id or #name', async () => {
    const post: Permission = { kind: 'post-public' };
    expect(await access.allows(post, at('U0ADMIN', 'C0CSTEAM'))).toBe(true);
    expect(await access.allows(post, at('U0STRANGER', 'C0PUBLIC'))).toBe(true);
    expect(await access.allows(post, at('U0ADMIN', 'C0RANDOM'))).toBe(false);
  });

  it('lets admins and the members of the alert channel mute, or admins only when configured', async () => {
    expect(await access.allows(mute, at('U0MEMBER'))).toBe(true);
    expect(await access.allows(mute, at('U0BOSS'))).toBe(true);
    expect(await access.allows(mute, at('U0LEADER'))).toBe(false);
    const strict = accessFor(
      { admins: ['U0ADMIN'], mute: { by: 'admins', minMs: 60_000, maxMs: 86_400_000 } },
      directory,
    );
    expect(await strict.allows(mute, at('U0MEMBER'))).toBe(false);
    expect(await strict.allows(mute, at('U0ADMIN'))).toBe(true);
  });

  it('opens everything but management when only admins are set', async () => {
    const open = accessFor({ admins: ['U0ADMIN'] }, directory);
    expect(await open.allows({ kind: 'agent-figures' }, at('U0STRANGER'))).toBe(true);
    expect(await open.allows({ kind: 'post-public' }, at('U0STRANGER', 'C0ANYWHERE'))).toBe(true);
  });

  it('refuses politely, naming who can', async () => {
    expect(await refusal(access.demand({ kind: 'admin', doing: manageDigests }, at('U0X')))).toBe(
      'Sorry, only the bot admins (<@U0ADMIN>, <!subteam^S0ADMINS>) can change or post digests. Ask one of them.',
    );
    expect(await refusal(access.demand({ kind: 'agent-figures' }, at('U0X')))).toBe(
      'Sorry, agent-level figures are only for <!subteam^S0LEADS>, <@U0VIEWER> and the bot admins (<@U0ADMIN>, <!subteam^S0ADMINS>). Team-wide figures are open to everyone: try `/sobot overview`.',
    );
    expect(await refusal(access.demand({ kind: 'post-public' }, at('U0X', 'C0RANDOM')))).toBe(
      'Sorry, answers may be posted for everyone only in <#C0CSTEAM>, #cs-public. Ask without `public` to see the answer yourself.',
    );
    expect(await refusal(access.demand(mute, at('U0X')))).toBe(
      'Sorry, only the bot admins (<@U0ADMIN>, <!subteam^S0ADMINS>) and the members of <#C0ALERTS> can mute or unmute warnings-high.',
    );
  });

  it('refuses a Chinese asker in Chinese', async () => {
    expect(await refusal(access.demand({ kind: 'admin', doing: manageDigests }, at('U0X')), 'zh')).toBe(
      '抱歉，只有机器人管理员（<@U0ADMIN>, <!subteam^S0ADMINS>）可以修改或发送定时报告。请联系他们。',
    );
    expect(await refusal(access.demand(mute, at('U0X')), 'zh')).toBe(
      '抱歉，只有机器人管理员（<@U0ADMIN>, <!subteam^S0ADMINS>）以及 <#C0ALERTS> 的成员可以静音或取消静音 warnings-high。',
    );
  });

  it('says when no admins are set up, and leaves out an empty viewer list', async () => {
    const none = accessFor({ viewers: [] }, directory);
    expect(await refusal(none.demand({ kind: 'agent-figures' }, at('U0X')))).toBe(
      'Sorry, agent-level figures are only for the bot admins, and none are set up yet (`access.admins` in bot.config.yml). Team-wide figures are open to everyone: try `/sobot overview`.',
    );
  });

  it('names at most eight people and counts the rest', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `U0PERSON${i}`);
    const text = await refusal(
      accessFor({ admins: many }).demand({ kind: 'admin', doing: manageDigests }, at('U0X')),
    );
    expect(text).toContain('<@U0PERSON7> and 3 more)');
    expect(text).not.toContain('U0PERSON8');
  });
});

describe('createSlackDirectory', () => {
  const logger = createLogger({ level: 'silent' });

  function fakeClient(calls: string[], fail = false) {
    const reply = <T>(method: string, value: T) => {
      calls.push(method);
      return fail ? Promise.reject(new Error('slack down')) : Promise.resolve(value);
    };
    return {
      usergroups: { users: { list: () => reply('usergroups.users.list', { ok: true, users: ['U1'] }) } },
      conversations: {
        members: ({ cursor }: { cursor?: string }) =>
          reply('conversations.members', {
            ok: true,
            members: cursor ? ['U3'] : ['U2'],
            response_metadata: { next_cursor: cursor ? '' : 'page2' },
          }),
        list: () =>
          reply('conversations.list', {
            ok: true,
            channels: [{ id: 'C0ALERTS', name: 'cs-alerts' }],
            response_metadata: { next_cursor: '' },
          }),
      },
    } as unknown as WebClient;
  }

  it('reads every page of a channel named by #name, and trusts it for 5 minutes', async () => {
    const calls: string[] = [];
    const clock = createFakeClock(0);
    const slack = createSlackDirectory({ client: fakeClient(calls), clock, logger });
    expect([...(await slack.channelMembers('#cs-alerts'))]).toEqual(['U2', 'U3']);
    expect([...(await slack.groupMembers('S0LEADS'))]).toEqual(['U1']);
    await slack.channelMembers('#cs-alerts');
    expect(calls).toEqual([
      'conversations.list',
      'conversations.members',
      'conversations.members',
      'usergroups.users.list',
    ]);
    await clock.advance(5 * 60_000 + 1);
    await slack.channelMembers('#cs-alerts');
    expect(calls.filter((c) => c === 'conversations.members')).toHaveLength(4);
  });

  it('lets nobody in through a group or channel Slack cannot list, and asks again next time', async () => {
    const calls: string[] = [];
    const slack = createSlackDirectory({
      client: fakeClient(calls, true),
      clock: createFakeClock(0),
      logger,
    });
    expect(await slack.groupMembers('S0LEADS')).toEqual(new Set());
    expect(await slack.channelMembers('C0ALERTS')).toEqual(new Set());
    await slack.groupMembers('S0LEADS');
    expect(calls.filter((c) => c === 'usergroups.users.list')).toHaveLength(2);
  });
});
