// `/sobot digest list|preview|now|subscribe|unsubscribe`: scheduled digests from Slack. Anyone may
// list and preview (answers only they see); subscribing, removing and posting now are for the
// admins named in the config file (`access.admins`).

import { dateTimeText } from '../reports/alert.ts';
import type { AuditAction, AuditEntry } from '../src/audit.ts';
import {
  BEYOND,
  DEFAULT_ATTENTION,
  type DigestDefinition,
  type FilterWords,
  NAME,
  sectionsBeyondFilters,
} from '../src/config-file.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { type Lang, type MessageKey, phrase, t, textOf } from '../src/i18n/catalogue.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import { nextOccurrence } from '../src/scheduler/occurrences.ts';
import { DAY_SETS, scheduleText } from '../src/scheduler/schedule-text.ts';
import { parsePeriod, periodName } from '../src/stats/period.ts';
import { buildDigest } from './digest-build.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { nearest } from './router.ts';
import { actionOf, channelMention, recordAction, textReply } from './subcommands.ts';
import type { CommandContext, CommandDefinition, CommandDeps, CommandInput } from './types.ts';
import { canonical, DAY_SET_WORDS } from './words.ts';

const ACTIONS = ['list', 'preview', 'now', 'subscribe', 'unsubscribe'] as const;
type Action = (typeof ACTIONS)[number];
const ADMIN_ONLY = new Set<Action>(['now', 'subscribe', 'unsubscribe']);

const SCHEDULES = DAY_SETS;

/** What a digest created from Slack looks like before the user's choices. */
function defaults(deps: CommandDeps): Omit<DigestDefinition, 'name' | 'channel' | 'schedule'> {
  return {
    timeZone: deps.timeZone,
    period: 'yesterday',
    filters: {},
    sections: ['overview', 'agents', 'satisfaction'],
    mention: null,
    attention: DEFAULT_ATTENTION,
    graceMs: 2 * 3_600_000,
    catchUpMs: 6 * 3_600_000,
    source: 'slack',
  };
}

/** `<#C0123|cs-leads>` (escaped by Slack), `#cs-leads` or a bare id → what chat.postMessage takes. */
function channelOf(word: string | undefined, ctx: CommandContext): string {
  if (!word || word === 'here') return ctx.channelId;
  const escaped = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
  if (escaped) return escaped[1] as string;
  if (/^#[a-z0-9][a-z0-9._-]*$/.test(word) || /^[CG][A-Z0-9]{6,}$/.test(word)) return word;
  throw new UserInputError(
    phrase('digest.notAChannel', { typed: echo(word) }),
    '/sobot digest subscribe #cs-leads 09:00',
  );
}

/** The digest's filters as the command takes them (`group:Sales`): syntax, so in code quotes. */
function filterWordsText(filters: FilterWords): string {
  const words = Object.entries(filters)
    .filter(([, name]) => name)
    .map(([key, name]) => `${key}:${name}`.replaceAll('`', "'"));
  return words.length ? ` · \`${escapeMrkdwn(words.join(' '))}\`` : '';
}

async function pick(
  name: string | undefined,
  deps: CommandDeps,
  action: Action,
): Promise<DigestDefinition | null> {
  const desk = deskOf(deps);
  const all = await desk.registry.list();
  if (name) {
    const found = all.find((d) => d.name === name.toLowerCase());
    if (found) return found;
    const guess = nearest(
      name,
      all.map((d) => d.name),
    );
    throw new UserInputError(
      all.length
        ? phrase('digest.noDigestOf', { typed: echo(name), names: namesOf(all) })
        : phrase('digest.noDigest', { typed: echo(name) }),
      guess ? `/sobot digest ${action} ${guess}` : '/sobot digest list',
    );
  }
  if (all.length <= 1) return all[0] ?? null;
  throw new UserInputError(
    phrase('digest.which', { count: all.length, names: namesOf(all) }),
    `/sobot digest ${action} ${all[0]?.name}`,
  );
}

function deskOf(deps: CommandDeps): NonNullable<CommandDeps['digests']> {
  if (!deps.digests) throw new UserInputError(phrase('digest.unavailable'));
  return deps.digests;
}

const namesOf = (digests: readonly DigestDefinition[]) => digests.map((d) => d.name).join(', ');

const DONE: Record<AuditAction, MessageKey> = {
  'digest.subscribe': 'digest.done.subscribe',
  'digest.unsubscribe': 'digest.done.unsubscribe',
  'digest.now': 'digest.done.now',
  'alert.mute': 'digest.done.mute',
  'alert.unmute': 'digest.done.unmute',
  'alert.save': 'digest.done.save',
  'alert.delete': 'digest.done.delete',
};

/** "added by <@U0123> Thu 3 Dec 2026 09:12": who last did what, when (in the bot's time zone). */
function lastChangeText(entry: AuditEntry, deps: CommandDeps): string {
  return t(deps.lang, 'digest.changed', {
    done: textOf(deps.lang, DONE[entry.action]),
    user: entry.by,
    when: dateTimeText(entry.at, deps.timeZone, deps.lang),
  });
}

/** The period a digest covers, in the reader's words (`yesterday` → 昨天), as mrkdwn. */
const coveredText = (period: string, lang: Lang) => escapeMrkdwn(periodName(period, lang));

async function list(deps: CommandDeps): Promise<BotMessage> {
  const { lang } = deps;
  const all = await deskOf(deps).registry.list();
  const latest = await deps.audit.last('digest');
  // A removal leaves no digest to show it on: it gets its own line.
  const removal =
    latest?.action === 'digest.unsubscribe' && !all.some((d) => d.name === latest.target)
      ? `\n${t(lang, 'digest.lastChange', { name: escapeMrkdwn(latest.target), change: lastChangeText(latest, deps) })}`
      : '';
  if (all.length === 0) {
    const none = t(lang, 'digest.none');
    return textReply(none, `${none}${removal}`);
  }
  const now = deps.clock.now();
  const lines = await Promise.all(
    all.map(async (d) => {
      const next = nextOccurrence(d.schedule, d.timeZone, now);
      const last = await deps.audit.last('digest', d.name);
      return t(lang, 'digest.line', {
        name: d.name,
        channel: channelMention(d.channel),
        schedule: scheduleText(d.schedule, lang),
        zone: d.timeZone,
        period: coveredText(d.period, lang),
        filters: filterWordsText(d.filters),
        origin: t(lang, d.source === 'file' ? 'source.file' : 'source.slack'),
        next: next ? t(lang, 'digest.next', { when: next.wall.replace('T', ' ') }) : '',
        change: last ? ` · ${lastChangeText(last, deps)}` : '',
      });
    }),
  );
  return textReply(
    t(lang, 'digest.listText', { count: all.length, names: namesOf(all) }),
    `*${t(lang, 'digest.listTitle')}*\n${lines.join('\n')}${removal}`,
  );
}

async function subscribe(
  input: CommandInput,
  ctx: CommandContext,
  deps: CommandDeps,
): Promise<{ digest: DigestDefinition; reply: BotMessage }> {
  const [channelWord, time, ...rest] = input.words;
  const example = '/sobot digest subscribe #cs-leads 09:00 weekdays yesterday group:Sales';
  const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time ?? '');
  if (!channelWord || !clock) {
    throw new UserInputError(phrase('digest.whereWhen'), example);
  }
  const channel = channelOf(channelWord, ctx);
  const days = SCHEDULES[canonical(rest[0] ?? '', DAY_SET_WORDS) as keyof typeof SCHEDULES];
  const periodWords = days ? rest.slice(1) : rest;
  const period = periodWords.join(' ') || 'yesterday';
  const parsed = parsePeriod(period, { now: deps.clock.now(), timeZone: deps.timeZone });
  if (!parsed.ok) throw new UserInputError(parsed.problem, example);
  // Filters are checked now, so a typo is caught here and not at 09:00 tomorrow.
  await filtersFrom('digest subscribe', input, deps);
  const filters: FilterWords = Object.fromEntries(
    FILTER_OPTIONS.filter((key) => input.options[key]).map((key) => [key, input.options[key]]),
  );
  const [hour, minute] = [Number(clock[1]), Number(clock[2])];
  const base = channel
    .replace(/^#/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-');
  const name = (input.options.name ?? `${base}-${clock[1]?.padStart(2, '0')}${clock[2]}`).toLowerCase();
  if (!NAME.test(name)) {
    throw new UserInputError(
      phrase('digest.badName', { typed: echo(name) }),
      // Not "morning": that is what the config file's digest is usually called.
      `${example} name:cs-leads-am`,
    );
  }
  // The checks a config-file digest passes at start: a section Sobot cannot narrow to the filters
  // is left out (the asker chose filters, not sections) and the reply says which and why.
  const usual = defaults(deps);
  const beyond = sectionsBeyondFilters(usual.sections, filters);
  const digest: DigestDefinition = {
    ...usual,
    name,
    channel,
    schedule: `${minute} ${hour} * * ${(days ?? SCHEDULES.weekdays).cron}`,
    period,
    filters,
    sections: usual.sections.filter((section) => !beyond.some((b) => b.section === section)),
  };
  await deskOf(deps).registry.add(digest, ctx.userId);
  const without = beyond.map(({ section, options }) =>
    // Each a sentence after the one before: a space before it in English, none after a "。".
    t(deps.lang, 'sentence.then', {
      first: '',
      second: t(deps.lang, 'digest.subscribe.without', {
        section: t(deps.lang, `digest.section.${section}`),
        filters: options.map((o) => `\`${o}:\``).join(' / '),
        why: t(deps.lang, BEYOND[section]),
      }),
    }),
  );
  const reply = textReply(
    t(deps.lang, 'digest.subscribedText', { name }),
    t(deps.lang, 'digest.subscribed', {
      name,
      channel: channelMention(channel),
      schedule: scheduleText(digest.schedule, deps.lang),
      zone: digest.timeZone,
      period: coveredText(period, deps.lang),
      filters: filterWordsText(filters),
      without: without.join(''),
    }),
  );
  return { digest, reply };
}

export const digestCommand: CommandDefinition = {
  name: 'digest',
  summary: 'help.digest.summary',
  usage:
    '/sobot digest list | preview [name] | now [name] | subscribe #channel HH:MM [weekdays|daily|weekends] [period] [filters] [name:<name>] | unsubscribe <name>',
  examples: [
    '/sobot digest preview',
    '/sobot digest list',
    '/sobot digest subscribe #cs-leads 09:00 weekdays yesterday group:Sales',
    '/sobot digest now morning',
    '/sobot digest unsubscribe cs-leads-0900',
  ],
  options: [...FILTER_OPTIONS, 'name'],
  legacy: 'help.digest.legacy',
  async run(input, ctx, deps) {
    const { action, rest: words } = actionOf(
      input.words,
      ACTIONS,
      'digest',
      phrase('dimension.digests'),
      phrase('command.actions.digest'),
    );
    const desk = deskOf(deps);
    if (ADMIN_ONLY.has(action)) {
      await deps.access.demand({ kind: 'admin', doing: phrase('access.doing.digests') }, ctx);
    }
    const rest: CommandInput = { ...input, words };
    const audit = (kind: 'subscribe' | 'unsubscribe' | 'now', target: string, detail?: string) =>
      recordAction(deps, ctx, `digest.${kind}`, target, detail);
    switch (action) {
      case 'list':
        return list(deps);
      case 'subscribe': {
        const { digest, reply } = await subscribe(rest, ctx, deps);
        await audit('subscribe', digest.name, `${digest.channel} ${digest.schedule} ${digest.period}`);
        return reply;
      }
      case 'unsubscribe': {
        if (!words[0])
          throw new UserInputError(phrase('digest.whichToRemove'), '/sobot digest unsubscribe <name>');
        const removed = await desk.registry.remove(words[0].toLowerCase());
        await audit('unsubscribe', removed.name, removed.channel);
        return textReply(
          t(deps.lang, 'digest.removedText', { name: removed.name }),
          t(deps.lang, 'digest.removed', { name: removed.name, channel: channelMention(removed.channel) }),
        );
      }
      case 'now': {
        const digest = await pick(words[0], deps, 'now');
        if (!digest)
          throw new UserInputError(phrase('digest.noneToPost'), '/sobot digest subscribe #cs-leads 09:00');
        const posted = await desk.postNow(digest);
        await audit('now', digest.name, posted.channel);
        return textReply(
          t(deps.lang, 'digest.postedText', { name: digest.name }),
          t(deps.lang, 'digest.posted', { name: digest.name, channel: channelMention(posted.channel) }),
        );
      }
      case 'preview': {
        // With no digest set up yet, show what a default one would look like.
        const digest = (await pick(words[0], deps, 'preview')) ?? {
          ...defaults(deps),
          name: 'preview',
          channel: ctx.channelId,
          schedule: '0 9 * * 1-5',
        };
        if (digest.sections.includes('agents')) await deps.access.demand({ kind: 'agent-figures' }, ctx);
        const post = await buildDigest(digest, deps);
        const threadNote =
          post.thread.length > 0
            ? [
                {
                  type: 'context' as const,
                  elements: [
                    {
                      type: 'mrkdwn' as const,
                      text: t(deps.lang, 'digest.threadNote', { count: post.thread.length }),
                    },
                  ],
                },
              ]
            : [];
        return { ...post.main, visibility: 'ephemeral', blocks: [...post.main.blocks, ...threadNote] };
      }
    }
  },
};
