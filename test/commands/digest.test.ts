// Specs for `/sobot digest` through the command registry: how `subscribe` reads a channel, a time,
// the days and a period; what `list` shows; who may do what; and `now` when it is unclear which
// digest is meant. A real registry on a file store; stats and posting are recording stand-ins.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommands } from '../../commands/index.ts';
import type { CommandDeps } from '../../commands/types.ts';
import { createAudit } from '../../src/audit.ts';
import type { DigestDefinition } from '../../src/config-file.ts';
import { AccessDeniedError, UserInputError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import type { PostedMessage } from '../../src/message/poster.ts';
import { createDigestRegistry, type DigestRegistry } from '../../src/scheduler/digest-registry.ts';
import { errorMessage } from '../../src/slack/error-reply.ts';
import type { DirectoryEntry } from '../../src/stats/model.ts';
import type { StatsService } from '../../src/stats/service.ts';
import { openFileStore } from '../../src/store/file.ts';
import { accessFor } from '../support/access.ts';
import { failure } from '../support/failures.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { headerOf, mrkdwnTexts } from '../support/message-reading.ts';
import { unusedStats } from '../support/unused-stats.ts';

/** 08:58 on Mon 23 Nov 2026 in Shanghai (00:58 UTC; still 19:58 on Sunday in New York). */
const NOW = Date.parse('2026-11-23T00:58:00Z');
const ADMIN = { userId: 'U0LEAD', channelId: 'C0TEAM' };
const MEMBER = { userId: 'U0SOMEONE', channelId: 'C0TEAM' };

const MORNING: DigestDefinition = {
  name: 'morning',
  channel: 'C0DIGEST',
  schedule: '0 9 * * 1-5',
  timeZone: 'Asia/Shanghai',
  period: 'yesterday',
  filters: {},
  sections: ['overview'],
  mention: null,
  attention: { belowTeam: 0.1, minChats: 10, validReception: null, satisfaction: null },
  graceMs: 2 * 3_600_000,
  catchUpMs: 6 * 3_600_000,
  source: 'file',
};

const SALES: DirectoryEntry = { dimension: 'group', id: 'g-sales', name: 'Sales', aliases: [] };

const HELPER: DirectoryEntry = { dimension: 'robot', id: '1', name: 'Helper', aliases: [] };
const WEB: DirectoryEntry = { dimension: 'channel', id: '0', name: 'Web', aliases: [], kind: 'channel_type' };

/** Knows one skill group, Sales, one bot, Helper, and one channel, Web; serves a quiet Sunday for previews. */
function stubStats(): StatsService {
  const known = { group: SALES, robot: HELPER, channel: WEB } as const;
  return {
    ...unusedStats(),
    async resolveFilters(names) {
      const unknown = Object.entries(names).find(
        ([key, name]) => name && known[key as keyof typeof known]?.name !== name,
      );
      if (unknown) throw new UserInputError(`There is no skill group "${unknown[1]}".`, 'group:Sales');
      const applied = Object.values(known).filter((entry) => names[entry.dimension]);
      const filters = {
        ...(names.group ? { groupIds: [SALES.id] } : {}),
        ...(names.robot ? { robotIds: [HELPER.id] } : {}),
        ...(names.channel ? { channelTypes: [WEB.id] } : {}),
      };
      return { filters, applied };
    },
    async overview(range, filters = {}) {
      return { range, previousRange: range, filters, current: { chats: 120 }, previous: { chats: 100 } };
    },
    async trend(kpi, range, filters = {}) {
      return { kpi, range, filters, granularity: 'day', points: [] };
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(fileDigests: DigestDefinition[] = [MORNING], lang: 'en' | 'zh' = 'en') {
  const clock = createFakeClock(NOW);
  const dir = await mkdtemp(join(tmpdir(), 'sobot-digest-command-'));
  const store = await openFileStore({ dir, clock, onProblem: (problem) => expect.fail(problem) });
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const registry: DigestRegistry = await createDigestRegistry({ store, fileDigests, now: clock.now });
  const postedNow: string[] = [];
  const deps: CommandDeps = {
    stats: stubStats(),
    clock,
    timeZone: 'Asia/Shanghai',
    lang,
    consoleUrl: 'https://sg.sobot.io',
    access: accessFor({ admins: [ADMIN.userId] }),
    audit: createAudit({ logger: createLogger({ level: 'silent' }), store, clock }),
    digests: {
      registry,
      async postNow(digest): Promise<PostedMessage> {
        postedNow.push(digest.name);
        return {
          channel: digest.channel.startsWith('#') ? 'C0RESOLVED' : digest.channel,
          ts: '1763859480.000100',
        };
      },
    },
  };
  const router = createCommands(deps);
  return { registry, postedNow, run: (text: string, who = ADMIN) => router.run(text, who) };
}

/** What an admin would type after `/sobot` to run the example an error suggests. */
const typed = (example: string | null) => (example ?? '').replace(/^\/sobot /, '');

describe('/sobot digest subscribe', () => {
  it.each([
    {
      text: 'digest subscribe <#C0123ABCD|cs-leads> 9:05',
      name: 'c0123abcd-0905',
      channel: 'C0123ABCD',
      schedule: '5 9 * * 1-5',
      period: 'yesterday',
    },
    {
      text: 'digest subscribe #cs-leads 09:05 daily',
      name: 'cs-leads-0905',
      channel: '#cs-leads',
      schedule: '5 9 * * *',
      period: 'yesterday',
    },
    {
      text: 'digest subscribe C0123ABCD 18:30 weekends last 7 days',
      name: 'c0123abcd-1830',
      channel: 'C0123ABCD',
      schedule: '30 18 * * 0,6',
      period: 'last 7 days',
    },
    {
      text: 'digest subscribe here 07:00 Weekdays this week',
      name: 'c0team-0700',
      channel: 'C0TEAM',
      schedule: '0 7 * * 1-5',
      period: 'this week',
    },
    {
      // No days word: weekdays, and the words after the time are the period.
      text: 'digest subscribe #ops.night 23:59 last week',
      name: 'ops-night-2359',
      channel: '#ops.night',
      schedule: '59 23 * * 1-5',
      period: 'last week',
    },
    {
      text: 'digest subscribe #cs-leads 9:05 daily name:Leads_AM',
      name: 'leads_am',
      channel: '#cs-leads',
      schedule: '5 9 * * *',
      period: 'yesterday',
    },
  ])('reads "$text"', async ({ text, name, channel, schedule, period }) => {
    const h = await setup();
    const reply = await h.run(text);
    expect(reply.text).toBe(`Digest ${name} subscribed.`);
    expect(reply.visibility).toBe('ephemeral');
    expect(await h.registry.find(name)).toEqual({
      ...MORNING,
      name,
      channel,
      schedule,
      period,
      sections: ['overview', 'agents', 'satisfaction'],
      source: 'slack',
    });
  });

  it('says where, when and what the new digest covers, with its filters', async () => {
    const h = await setup();
    const reply = await h.run('digest subscribe <#C0LEADS|cs-leads> 10:30 daily last 7 days group:Sales');
    expect(mrkdwnTexts(reply)).toEqual([
      'Digest *c0leads-1030* will be posted to <#C0LEADS> at 10:30 every day (Asia/Shanghai), covering ' +
        'last 7 days · `group:Sales`. Preview it with `/sobot digest preview c0leads-1030`.',
    ]);
    expect((await h.registry.find('c0leads-1030'))?.filters).toEqual({ group: 'Sales' });
  });

  it.each([
    {
      filter: 'robot:Helper',
      sections: ['overview'],
      said:
        ' Without the agents section: Sobot cannot narrow it by `robot:` (its workload report is asked by agent, skill group and department only).' +
        " Without the satisfaction section: Sobot cannot narrow it by `robot:` (its figures would be wider than the digest's filters).",
    },
    {
      filter: 'channel:Web',
      sections: ['overview', 'satisfaction'],
      said: ' Without the agents section: Sobot cannot narrow it by `channel:` (its workload report is asked by agent, skill group and department only).',
    },
  ])(
    'checks $filter against the scope rules config-file digests pass: leaves out what Sobot cannot narrow, and says so',
    async ({ filter, sections, said }) => {
      const h = await setup();
      const reply = await h.run(`digest subscribe #cs-leads 09:00 ${filter}`);
      expect(reply.text).toBe('Digest cs-leads-0900 subscribed.');
      expect(mrkdwnTexts(reply)[0]).toContain(
        `covering yesterday · \`${filter}\`.${said} Preview it with \`/sobot digest preview cs-leads-0900\`.`,
      );
      expect((await h.registry.find('cs-leads-0900'))?.sections).toEqual(sections);
    },
  );

  it('says in Chinese which sections it left out', async () => {
    const h = await setup([MORNING], 'zh');
    const reply = await h.run('digest subscribe #cs-leads 09:00 channel:Web');
    expect(mrkdwnTexts(reply)[0]).toContain(
      // A sentence after the one before, with no space after its "。".
      '。不含客服部分：智齿无法按 `channel:` 筛选它（智齿的客服工作量报表只能按客服、技能组和部门筛选）。',
    );
  });

  it('keeps every section under filters Sobot applies to all of them', async () => {
    const h = await setup();
    const reply = await h.run('digest subscribe #cs-leads 09:00 group:Sales');
    expect(mrkdwnTexts(reply)[0]).not.toContain('Without');
    expect((await h.registry.find('cs-leads-0900'))?.sections).toEqual([
      'overview',
      'agents',
      'satisfaction',
    ]);
  });

  it.each([
    { case: 'no time', text: 'digest subscribe #cs-leads', message: 'Say where and when' },
    { case: 'nothing at all', text: 'digest subscribe', message: 'Say where and when' },
    { case: 'a time in words', text: 'digest subscribe #cs-leads 9am', message: 'Say where and when' },
    { case: 'an hour past 23', text: 'digest subscribe #cs-leads 24:00', message: 'Say where and when' },
    { case: 'one-digit minutes', text: 'digest subscribe #cs-leads 9:5', message: 'Say where and when' },
    { case: 'minute 60', text: 'digest subscribe #cs-leads 09:60', message: 'Say where and when' },
    {
      case: 'a channel without #',
      text: 'digest subscribe cs-leads 09:00',
      message: '"cs-leads" is not a channel',
    },
    { case: 'an unknown period', text: 'digest subscribe #cs-leads 09:00 daily fortnight', message: '' },
    {
      case: 'a name with other characters',
      text: 'digest subscribe #cs-leads 09:00 name:morning!',
      message: '"morning!" cannot be a digest name',
    },
    {
      case: 'a default name over 40 characters',
      text: 'digest subscribe #customer-service-leads-asia-pacific-region 09:00',
      message: '"customer-service-leads-asia-pacific-region-0900" cannot be a digest name: use up to 40',
    },
    {
      case: 'an unknown skill group',
      text: 'digest subscribe #cs-leads 09:00 group:Salez',
      message: '"Salez"',
    },
  ])('refuses $case with an example that works', async ({ text, message }) => {
    const h = await setup();
    const error = await failure(h.run(text));
    expect(error.message).toContain(message);
    expect(await h.registry.list()).toEqual([MORNING]);

    const fixed = await h.run(typed(error.example));
    expect(fixed.text).toMatch(/^Digest [a-z0-9_-]+ subscribed\.$/);
  });

  it('refuses a name that is taken, pointing to how to free it', async () => {
    const h = await setup();
    await h.run('digest subscribe #cs-leads 09:00');
    const error = await failure(h.run('digest subscribe #cs-leads 09:00 daily'));
    expect(error.message).toContain('There is already a digest called "cs-leads-0900"');
    expect(error.example).toBe('/sobot digest unsubscribe cs-leads-0900');
    expect((await h.registry.find('cs-leads-0900'))?.schedule).toBe('0 9 * * 1-5');
  });
});

describe('/sobot digest list', () => {
  it('lists file and Slack digests with their schedule, scope, origin and next run', async () => {
    const newYork: DigestDefinition = {
      ...MORNING,
      name: 'ny-evening',
      channel: '#ny-team',
      schedule: '0 20 * * *',
      timeZone: 'America/New_York',
    };
    const monthly: DigestDefinition = {
      ...MORNING,
      name: 'monthly',
      schedule: '0 9 1 * *',
      period: 'last month',
    };
    const h = await setup([MORNING, newYork, monthly]);
    await h.run('digest subscribe <#C0LEADS|cs-leads> 10:30 daily last 7 days group:Sales');

    const reply = await h.run('digest list', MEMBER);
    expect(reply.text).toBe('4 digests: morning, ny-evening, monthly, c0leads-1030');
    expect(mrkdwnTexts(reply)).toEqual([
      [
        '*Digests*',
        '• *morning* → <#C0DIGEST> · 09:00 weekdays (Asia/Shanghai) · yesterday · from config file · next 2026-11-23 09:00',
        // 19:58 on Sunday in New York: tonight's 20:00 is still to come, on the 22nd.
        '• *ny-evening* → #ny-team · 20:00 every day (America/New_York) · yesterday · from config file · next 2026-11-22 20:00',
        '• *monthly* → <#C0DIGEST> · `0 9 1 * *` (Asia/Shanghai) · last month · from config file · next 2026-12-01 09:00',
        // Who added it, when (the fake clock's now, in Shanghai).
        '• *c0leads-1030* → <#C0LEADS> · 10:30 every day (Asia/Shanghai) · last 7 days · `group:Sales` · from Slack · next 2026-11-23 10:30 · added by <@U0LEAD> Mon 23 Nov 2026 08:58',
      ].join('\n'),
    ]);
  });

  it('says who removed the last one, and who posted one now', async () => {
    const h = await setup([MORNING]);
    await h.run('digest subscribe #cs-leads 09:00');
    await h.run('digest unsubscribe cs-leads-0900');
    await h.run('digest now morning');
    const lines = mrkdwnTexts(await h.run('digest list', MEMBER))[0] ?? '';
    expect(lines).toContain('· posted now by <@U0LEAD> Mon 23 Nov 2026 08:58');
    expect(lines).not.toContain('cs-leads-0900');

    const afterRemoval = await setup([]);
    await afterRemoval.run('digest subscribe #cs-leads 09:00');
    await afterRemoval.run('digest unsubscribe cs-leads-0900');
    expect(mrkdwnTexts(await afterRemoval.run('digest list', MEMBER))[0]).toContain(
      '_Last change: cs-leads-0900 removed by <@U0LEAD> Mon 23 Nov 2026 08:58._',
    );
  });

  it('says how to add one when there are none', async () => {
    const h = await setup([]);
    const reply = await h.run('digest list', MEMBER);
    expect(reply.text).toContain('No digests yet.');
    expect(reply.text).toContain('/sobot digest subscribe #channel 09:00 weekdays');
  });

  it('is what `/sobot digest` alone does', async () => {
    const h = await setup();
    expect((await h.run('digest', MEMBER)).text).toBe('1 digests: morning');
  });
});

describe('/sobot digest for people who are not admins', () => {
  it.each([
    'digest subscribe #cs-leads 09:00',
    'digest unsubscribe cs-leads-0900',
    'digest now morning',
    'digest now',
  ])('refuses "%s" politely and changes nothing', async (text) => {
    const h = await setup();
    await h.run('digest subscribe #cs-leads 09:00');
    const refusal = await h.run(text, MEMBER).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AccessDeniedError);
    const reply = errorMessage(refusal, undefined, 'en');
    expect(reply.text).toBe(
      'Sorry, only the bot admins (<@U0LEAD>) can change or post digests. Ask one of them.',
    );
    expect(reply.visibility).toBe('ephemeral');
    expect((await h.registry.list()).map((d) => d.name)).toEqual(['morning', 'cs-leads-0900']);
    expect(h.postedNow).toEqual([]);
  });

  it('lets them preview a digest, only to themselves, without posting it', async () => {
    const h = await setup();
    const preview = await h.run('digest preview morning', MEMBER);
    expect(preview.visibility).toBe('ephemeral');
    expect(headerOf(preview)).toBe('Digest morning · Sun 22 Nov 2026');
    expect(h.postedNow).toEqual([]);
  });
});

describe('/sobot digest now', () => {
  it('asks which digest when there are several and none is named', async () => {
    const h = await setup();
    await h.run('digest subscribe #cs-leads 09:00');
    const error = await failure(h.run('digest now'));
    expect(error.message).toBe('There are 2 digests: morning, cs-leads-0900. Say which one.');
    expect(error.example).toBe('/sobot digest now morning');
    expect(h.postedNow).toEqual([]);
  });

  it('posts the only digest when none is named', async () => {
    const h = await setup();
    const reply = await h.run('digest now');
    expect(reply.text).toBe('Digest morning posted.');
    expect(mrkdwnTexts(reply)).toEqual(['Digest *morning* posted to <#C0DIGEST>.']);
    expect(h.postedNow).toEqual(['morning']);
  });

  it('posts the one named, and says where Slack put it', async () => {
    const h = await setup();
    await h.run('digest subscribe #cs-leads 09:00');
    const reply = await h.run('digest now CS-Leads-0900');
    expect(mrkdwnTexts(reply)).toEqual(['Digest *cs-leads-0900* posted to <#C0RESOLVED>.']);
    expect(h.postedNow).toEqual(['cs-leads-0900']);
  });

  it('suggests the nearest name for a typo', async () => {
    const h = await setup();
    const error = await failure(h.run('digest now mornin'));
    expect(error.message).toBe('There is no digest called "mornin". The digests are: morning.');
    expect(error.example).toBe('/sobot digest now morning');
    expect(h.postedNow).toEqual([]);
  });
});
