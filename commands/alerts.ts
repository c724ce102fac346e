// `/sobot alerts list|run|mute|unmute`: the alert rules of the config file from Slack. `run`
// evaluates now and shows what breaches without changing any alert; a mute records who and until
// when, and silences messages (not checks) of that rule.

import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { muteEndText, ruleConditionText } from '../reports/alert.ts';
import { formatCount, formatValue } from '../reports/format.ts';
import { breaches } from '../src/alerts/checker.ts';
import { scopeText } from '../src/alerts/scope-text.ts';
import type { AlertRule } from '../src/config-file.ts';
import { parseDuration } from '../src/duration.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { type Lang, phrase, t } from '../src/i18n/catalogue.ts';
import { spanText } from '../src/i18n/units.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { RatingScale } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { periodName } from '../src/stats/period.ts';
import { nearest } from './router.ts';
import { actionOf, channelMention, recordAction, textReply } from './subcommands.ts';
import type { CommandContext, CommandDefinition, CommandDeps } from './types.ts';
import { TOMORROW_WORDS } from './words.ts';

const ACTIONS = ['list', 'run', 'mute', 'unmute'] as const;
type Action = (typeof ACTIONS)[number];
/** Breaching scopes listed by `run`; the rest are counted. */
const RUN_LINES = 15;

async function alertsOf(
  deps: CommandDeps,
): Promise<{ rules: readonly AlertRule[]; checker: NonNullable<CommandDeps['alerts']>['checker'] }> {
  const rules = deps.alerts ? await deps.alerts.rules() : [];
  if (!deps.alerts || rules.length === 0) {
    throw new UserInputError(phrase('alerts.none'));
  }
  return { rules, checker: deps.alerts.checker };
}

async function ruleNamed(name: string | undefined, deps: CommandDeps, action: Action): Promise<AlertRule> {
  const { rules } = await alertsOf(deps);
  if (!name)
    throw new UserInputError(
      phrase('alerts.whichRule'),
      `/sobot alerts ${action} ${rules[0]?.name}${action === 'mute' ? ' 1h' : ''}`,
    );
  const rule = rules.find((r) => r.name === name.toLowerCase());
  if (rule) return rule;
  const guess = nearest(
    name,
    rules.map((r) => r.name),
  );
  throw new UserInputError(
    phrase('alerts.noRule', { typed: echo(name), rules: rules.map((r) => r.name).join(', ') }),
    `/sobot alerts ${action} ${guess ?? rules[0]?.name}${action === 'mute' ? ' 1h' : ''}`,
  );
}

const value = (rule: AlertRule, v: number | null, lang: Lang) => formatValue(KPIS[rule.kpi].unit, v, lang);
/** "Positive feedback (5★) < 80.0%": the KPI as the alert messages name it, on the last check's scale. */
const condition = (rule: AlertRule, lang: Lang, ratingScale: RatingScale | null | undefined) =>
  escapeMrkdwn(ruleConditionText(rule, lang, ratingScale));
const period = (rule: AlertRule, lang: Lang) => escapeMrkdwn(periodName(rule.period, lang));
const iso = (ms: number) => new Date(ms).toISOString();

async function list(deps: CommandDeps): Promise<BotMessage> {
  const { lang } = deps;
  const { rules, checker } = await alertsOf(deps);
  const now = deps.clock.now();
  const lines = await Promise.all(
    rules.map(async (rule) => {
      const record = await checker.status(rule);
      const states = Object.values(record.scopes).map((s) => s.state?.status);
      const firing = states.filter((s) => s === 'firing').length;
      const pending = states.filter((s) => s === 'pending').length;
      const state = firing
        ? t(lang, 'alerts.stateFiring', { count: firing })
        : pending
          ? t(lang, 'alerts.statePending', { count: pending })
          : t(lang, 'alerts.stateOk');
      const when = (at: string) => muteEndText(at, iso(now), rule.timeZone, lang);
      const last = await deps.audit.last('alert', rule.name);
      const change =
        record.mute && Date.parse(record.mute.until) > now
          ? t(lang, 'alerts.mutedBy', { user: record.mute.by, until: when(record.mute.until) })
          : last
            ? t(lang, last.action === 'alert.mute' ? 'alerts.lastMuted' : 'alerts.lastUnmuted', {
                user: last.by,
                when: when(last.at),
              })
            : '';
      return t(lang, 'alerts.line', {
        name: escapeMrkdwn(rule.name),
        condition: condition(rule, lang, record.ratingScale),
        scope: escapeMrkdwn(scopeText(rule.scope, lang)),
        period: period(rule, lang),
        check: rule.check,
        zone: rule.timeZone,
        channel: channelMention(rule.channel),
        origin: t(lang, rule.source === 'file' ? 'source.file' : 'source.slack'),
        state,
        change,
      });
    }),
  );
  return textReply(
    t(lang, 'alerts.listText', { count: rules.length, names: rules.map((r) => r.name).join(', ') }),
    `*${t(lang, 'alerts.listTitle')}*\n${lines.join('\n')}`,
  );
}

async function run(name: string | undefined, ctx: CommandContext, deps: CommandDeps): Promise<BotMessage> {
  const { rules, checker } = await alertsOf(deps);
  const chosen = name ? [await ruleNamed(name, deps, 'run')] : rules;
  // Per-agent rules list agents by name with their figures.
  if (chosen.some((rule) => rule.scope.kind === 'each-agent'))
    await deps.access.demand({ kind: 'agent-figures' }, ctx);
  const { lang } = deps;
  const sections = await Promise.all(
    chosen.map(async (rule) => {
      const { readings, ratingScale } = await checker.readings(rule);
      // A rule on one scope names it in the asker's language; each-agent/each-group scopes are names.
      const nameOf = (name: string) =>
        'name' in rule.scope || rule.scope.kind === 'overall' ? scopeText(rule.scope, lang) : name;
      const breaching = readings.filter((r) => breaches(rule, r));
      const worstFirst = breaching.sort((a, b) =>
        rule.op.startsWith('>') ? (b.value ?? 0) - (a.value ?? 0) : (a.value ?? 0) - (b.value ?? 0),
      );
      const head = t(lang, 'alerts.runHead', {
        name: escapeMrkdwn(rule.name),
        condition: condition(rule, lang, ratingScale),
        period: period(rule, lang),
      });
      if (breaching.length === 0) {
        return readings.length === 1
          ? `${head}${t(lang, 'alerts.nothingBreachesAt', { value: value(rule, readings[0]?.value ?? null, lang) })}`
          : `${head}${t(lang, 'alerts.nothingBreaches')}`;
      }
      const lines = worstFirst.slice(0, RUN_LINES).map((r) =>
        t(lang, 'alerts.breachLine', {
          name: escapeMrkdwn(nameOf(r.name)),
          value: value(rule, r.value, lang),
          chats: formatCount(r.volume),
        }),
      );
      const more =
        breaching.length > RUN_LINES
          ? `\n${t(lang, 'alerts.breachMore', { count: breaching.length - RUN_LINES })}`
          : '';
      const wait =
        rule.for > 1 ? t(lang, 'alerts.firesAfter', { count: rule.for }) : t(lang, 'alerts.firesNext');
      const breach = t(lang, 'alerts.breaching', { count: breaching.length, total: readings.length });
      return `${head}${t(lang, 'sentence.then', { first: breach, second: wait })}\n${lines.join('\n')}${more}`;
    }),
  );
  return textReply(
    t(lang, 'alerts.runText', { count: sections.length }),
    `*${t(lang, 'alerts.runTitle')}*\n${sections.join('\n')}`,
  );
}

/**
 * The rule named in `words`, once the asker may mute it (admins, and the members of the channel its
 * messages go to unless `access.mute.by` says admins only). A mute button must belong to the episode
 * still open: a click on an old message must not silence the next one.
 */
async function mutableRule(
  words: string[],
  ctx: CommandContext,
  deps: CommandDeps,
  action: 'mute' | 'unmute',
) {
  const rule = await ruleNamed(words[0], deps, action);
  const record = await (await alertsOf(deps)).checker.status(rule);
  const channel = record.episode?.posted?.channel ?? rule.channel;
  await deps.access.demand(
    { kind: 'mute', channel, doing: phrase('access.doing.mute', { rule: rule.name }) },
    ctx,
  );
  if (ctx.episodeId !== undefined && record.episode?.id !== ctx.episodeId) {
    throw new UserInputError(
      phrase('alerts.ended', { rule: rule.name }),
      `/sobot alerts mute ${rule.name} 1h`,
    );
  }
  return rule;
}

/** When a mute asked for as `how` ends: within `access.mute` bounds, or a UserInputError saying them. */
function muteEnd(how: string, rule: AlertRule, deps: CommandDeps): number {
  const now = deps.clock.now();
  const { minMs, maxMs } = deps.access.rules.mute;
  const bounds = { min: spanText(deps.lang, minMs), max: spanText(deps.lang, maxMs) };
  const example = `/sobot alerts mute ${rule.name} 1h`;
  const ms = TOMORROW_WORDS.includes(how)
    ? startOfDay(addDays(new TZDate(now, rule.timeZone), 1)).getTime() - now
    : parseDuration(how);
  if (ms === null || ms === 0) {
    throw new UserInputError(phrase('alerts.howLong', bounds), example);
  }
  // Checked before any date is made of it: 99999999d is an answer, not a RangeError.
  if (ms < minMs || ms > maxMs) {
    throw new UserInputError(
      phrase(ms < minMs ? 'alerts.tooShort' : 'alerts.tooLong', { typed: echo(how), ...bounds }),
      example,
    );
  }
  return now + ms;
}

async function mute(words: string[], ctx: CommandContext, deps: CommandDeps): Promise<BotMessage> {
  const rule = await mutableRule(words, ctx, deps, 'mute');
  const until = muteEnd(words.slice(1).join('').toLowerCase(), rule, deps);
  const now = deps.clock.now();
  await (await alertsOf(deps)).checker.mute(rule, until, ctx.userId);
  await recordAction(deps, ctx, 'alert.mute', rule.name, `until ${iso(until)}`);
  const { lang } = deps;
  return textReply(
    t(lang, 'alerts.mutedText', { rule: rule.name, span: spanText(lang, until - now) }),
    t(lang, 'alerts.muted', {
      rule: escapeMrkdwn(rule.name),
      user: ctx.userId,
      until: muteEndText(iso(until), iso(now), rule.timeZone, lang),
      zone: rule.timeZone,
    }),
  );
}

async function unmute(words: string[], ctx: CommandContext, deps: CommandDeps): Promise<BotMessage> {
  const rule = await mutableRule(words, ctx, deps, 'unmute');
  await (await alertsOf(deps)).checker.unmute(rule);
  await recordAction(deps, ctx, 'alert.unmute', rule.name);
  return textReply(
    t(deps.lang, 'alerts.unmutedText', { rule: rule.name }),
    t(deps.lang, 'alerts.unmuted', { rule: escapeMrkdwn(rule.name), user: ctx.userId }),
  );
}

export const alertsCommand: CommandDefinition = {
  name: 'alerts',
  summary: 'help.alerts.summary',
  usage: '/sobot alerts list | run [rule] | mute <rule> <1h|30m|tomorrow> | unmute <rule>',
  examples: ['/sobot alerts list', '/sobot alerts run', '/sobot alerts mute response-warnings-high 1h'],
  options: [],
  legacy: 'help.alerts.legacy',
  async run(input, ctx, deps) {
    const { action, rest: words } = actionOf(
      input.words,
      ACTIONS,
      'alerts',
      phrase('dimension.alerts'),
      phrase('command.actions.alerts'),
    );
    switch (action) {
      case 'list':
        return list(deps);
      case 'run':
        return run(words[0], ctx, deps);
      case 'mute':
        return mute(words, ctx, deps);
      case 'unmute':
        return unmute(words, ctx, deps);
    }
  },
};
