// `/sobot alerts list|run|mute|unmute`: the alert rules of the config file from Slack. `run`
// evaluates now and shows what breaches without changing any alert; a mute records who and until
// when, and silences messages (not checks) of that rule.

import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { muteEndText } from '../reports/alert.ts';
import { formatCount, formatValue } from '../reports/format.ts';
import { kpiLabel } from '../reports/labels.ts';
import { breaches } from '../src/alerts/checker.ts';
import type { AlertRule } from '../src/config-file.ts';
import { describeDuration, parseDuration } from '../src/duration.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { type BotMessage, escapeMrkdwn } from '../src/slack/message.ts';
import type { RatingScale } from '../src/stats/cards.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { nearest } from './router.ts';
import { actionOf, channelMention, recordAction, textReply } from './subcommands.ts';
import type { CommandContext, CommandDefinition, CommandDeps } from './types.ts';

const ACTIONS = ['list', 'run', 'mute', 'unmute'] as const;
type Action = (typeof ACTIONS)[number];
/** Breaching scopes listed by `run`; the rest are counted. */
const RUN_LINES = 15;

function alertsOf(deps: CommandDeps): NonNullable<CommandDeps['alerts']> {
  if (!deps.alerts || deps.alerts.rules.length === 0) {
    throw new UserInputError(
      'No alert rules are set up. An admin adds them under `alerts:` in bot.config.yml (see README "Alerts").',
    );
  }
  return deps.alerts;
}

function ruleNamed(name: string | undefined, deps: CommandDeps, action: Action): AlertRule {
  const { rules } = alertsOf(deps);
  if (!name)
    throw new UserInputError(
      'Say which rule.',
      `/sobot alerts ${action} ${rules[0]?.name}${action === 'mute' ? ' 1h' : ''}`,
    );
  const rule = rules.find((r) => r.name === name.toLowerCase());
  if (rule) return rule;
  const guess = nearest(
    name,
    rules.map((r) => r.name),
  );
  throw new UserInputError(
    `There is no alert rule "${echo(name)}". The rules are: ${rules.map((r) => r.name).join(', ')}.`,
    `/sobot alerts ${action} ${guess ?? rules[0]?.name}${action === 'mute' ? ' 1h' : ''}`,
  );
}

const value = (rule: AlertRule, v: number | null) => formatValue(KPIS[rule.kpi].unit, v);
/** "Positive feedback (5★) < 80.0%": the KPI as the alert messages name it, on the last check's scale. */
const condition = (rule: AlertRule, ratingScale: RatingScale | null | undefined) => {
  const source = rule.scope.kind === 'each-agent' ? 'agents' : 'company';
  return `${kpiLabel(rule.kpi, 'en', { source, scale: ratingScale })} ${rule.op} ${value(rule, rule.threshold)}`;
};
const scopeText = (rule: AlertRule) =>
  'name' in rule.scope ? `${rule.scope.kind}:${rule.scope.name}` : rule.scope.kind;
const iso = (ms: number) => new Date(ms).toISOString();

async function list(deps: CommandDeps): Promise<BotMessage> {
  const { rules, checker } = alertsOf(deps);
  const now = deps.clock.now();
  const lines = await Promise.all(
    rules.map(async (rule) => {
      const record = await checker.status(rule);
      const states = Object.values(record.scopes).map((s) => s.state?.status);
      const firing = states.filter((s) => s === 'firing').length;
      const pending = states.filter((s) => s === 'pending').length;
      const state = firing ? `🔴 firing (${firing})` : pending ? `🟡 pending (${pending})` : '🟢 OK';
      const when = (at: string) => muteEndText(at, iso(now), rule.timeZone, deps.lang);
      const last = await deps.audit.last('alert', rule.name);
      const change =
        record.mute && Date.parse(record.mute.until) > now
          ? ` · 🔕 muted by <@${record.mute.by}> until ${when(record.mute.until)}`
          : last
            ? ` · last ${last.action === 'alert.mute' ? 'muted' : 'unmuted'} by <@${last.by}> ${when(last.at)}`
            : '';
      return `• *${escapeMrkdwn(rule.name)}*: ${escapeMrkdwn(condition(rule, record.ratingScale))} · ${escapeMrkdwn(scopeText(rule))} · ${escapeMrkdwn(rule.period)} · \`${rule.check}\` (${rule.timeZone}) → ${channelMention(rule.channel)} · ${state}${change}`;
    }),
  );
  return textReply(
    `${rules.length} alert rules: ${rules.map((r) => r.name).join(', ')}`,
    `*Alert rules*\n${lines.join('\n')}`,
  );
}

async function run(name: string | undefined, ctx: CommandContext, deps: CommandDeps): Promise<BotMessage> {
  const { rules, checker } = alertsOf(deps);
  const chosen = name ? [ruleNamed(name, deps, 'run')] : rules;
  // Per-agent rules list agents by name with their figures.
  if (chosen.some((rule) => rule.scope.kind === 'each-agent'))
    await deps.access.demand({ kind: 'agent-figures' }, ctx);
  const sections = await Promise.all(
    chosen.map(async (rule) => {
      const { readings, ratingScale } = await checker.readings(rule);
      const breaching = readings.filter((r) => breaches(rule, r));
      const worstFirst = breaching.sort((a, b) =>
        rule.op.startsWith('>') ? (b.value ?? 0) - (a.value ?? 0) : (a.value ?? 0) - (b.value ?? 0),
      );
      const head = `*${escapeMrkdwn(rule.name)}* (${escapeMrkdwn(condition(rule, ratingScale))}, ${escapeMrkdwn(rule.period)}): `;
      if (breaching.length === 0) {
        const only = readings.length === 1 ? ` (${value(rule, readings[0]?.value ?? null)})` : '';
        return `${head}nothing breaches now${only}.`;
      }
      const lines = worstFirst
        .slice(0, RUN_LINES)
        .map(
          (r) => `   ${escapeMrkdwn(r.name)}: ${value(rule, r.value)} over ${formatCount(r.volume)} chats`,
        );
      const more = breaching.length > RUN_LINES ? `\n   … and ${breaching.length - RUN_LINES} more` : '';
      const wait =
        rule.for > 1
          ? ` It fires after ${rule.for} breaching checks in a row.`
          : ' It fires at the next check.';
      return `${head}${breaching.length} of ${readings.length} breach now.${wait}\n${lines.join('\n')}${more}`;
    }),
  );
  return textReply(
    `Alert check: ${sections.length} rules evaluated`,
    `*Evaluated now (nothing was posted or changed)*\n${sections.join('\n')}`,
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
  const rule = ruleNamed(words[0], deps, action);
  const record = await alertsOf(deps).checker.status(rule);
  const channel = record.episode?.posted?.channel ?? rule.channel;
  await deps.access.demand({ kind: 'mute', channel, doing: `mute or unmute ${rule.name}` }, ctx);
  if (ctx.episodeId !== undefined && record.episode?.id !== ctx.episodeId) {
    throw new UserInputError(
      `That message is about an alert of ${rule.name} that has ended, so nothing was muted. To mute the rule anyway, say for how long.`,
      `/sobot alerts mute ${rule.name} 1h`,
    );
  }
  return rule;
}

/** When a mute asked for as `how` ends: within `access.mute` bounds, or a UserInputError saying them. */
function muteEnd(how: string, rule: AlertRule, deps: CommandDeps): number {
  const now = deps.clock.now();
  const { minMs, maxMs } = deps.access.rules.mute;
  const bounds = `from ${describeDuration(minMs)} to ${describeDuration(maxMs)}`;
  const example = `/sobot alerts mute ${rule.name} 1h`;
  const ms =
    how === 'tomorrow'
      ? startOfDay(addDays(new TZDate(now, rule.timeZone), 1)).getTime() - now
      : parseDuration(how);
  if (ms === null || ms === 0) {
    throw new UserInputError(
      `Say for how long: a duration such as 1h, 30m or 2d (${bounds}), or "tomorrow".`,
      example,
    );
  }
  // Checked before any date is made of it: 99999999d is an answer, not a RangeError.
  if (ms < minMs || ms > maxMs) {
    throw new UserInputError(
      `"${echo(how)}" is ${ms < minMs ? 'too short' : 'too long'}: a mute lasts ${bounds}.`,
      example,
    );
  }
  return now + ms;
}

async function mute(words: string[], ctx: CommandContext, deps: CommandDeps): Promise<BotMessage> {
  const rule = await mutableRule(words, ctx, deps, 'mute');
  const until = muteEnd(words.slice(1).join('').toLowerCase(), rule, deps);
  const now = deps.clock.now();
  await alertsOf(deps).checker.mute(rule, until, ctx.userId);
  await recordAction(deps, ctx, 'alert.mute', rule.name, `until ${iso(until)}`);
  return textReply(
    `Alert ${rule.name} muted for ${describeDuration(until - now)}.`,
    `🔕 *${escapeMrkdwn(rule.name)}* muted by <@${ctx.userId}> until ${muteEndText(iso(until), iso(now), rule.timeZone, deps.lang)} (${rule.timeZone}). Checks go on; messages wait until then. \`/sobot alerts unmute ${rule.name}\` ends it early.`,
  );
}

async function unmute(words: string[], ctx: CommandContext, deps: CommandDeps): Promise<BotMessage> {
  const rule = await mutableRule(words, ctx, deps, 'unmute');
  await alertsOf(deps).checker.unmute(rule);
  await recordAction(deps, ctx, 'alert.unmute', rule.name);
  return textReply(
    `Alert ${rule.name} unmuted.`,
    `🔔 *${escapeMrkdwn(rule.name)}* unmuted by <@${ctx.userId}>.`,
  );
}

export const alertsCommand: CommandDefinition = {
  name: 'alerts',
  summary: 'Threshold alerts: list the rules, run them now (nothing is posted), mute or unmute one.',
  usage: '/sobot alerts list | run [rule] | mute <rule> <1h|30m|tomorrow> | unmute <rule>',
  examples: ['/sobot alerts list', '/sobot alerts run', '/sobot alerts mute response-warnings-high 1h'],
  options: [],
  legacy: 'company-wide rules on the KPIs legacy gives',
  async run(input, ctx, deps) {
    const { action, rest: words } = actionOf(input.words, ACTIONS, 'alerts', 'alerts');
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
