// `/sobot alerts list|run|mute|unmute`: the alert rules of the config file from Slack. `run`
// evaluates now and shows what breaches without changing any alert; a mute records who and until
// when, and silences messages (not checks) of that rule.

import { TZDate, tz } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { formatCount, formatValue } from '../reports/format.ts';
import { breaches } from '../src/alerts/checker.ts';
import type { AlertRule } from '../src/config-file.ts';
import { describeDuration, parseDuration } from '../src/duration.ts';
import { UserInputError } from '../src/errors.ts';
import { type BotMessage, escapeMrkdwn } from '../src/slack/message.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { nearest } from './router.ts';
import { actionOf, channelMention, textReply } from './subcommands.ts';
import type { CommandDefinition, CommandDeps } from './types.ts';

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
    `There is no alert rule "${name}". The rules are: ${rules.map((r) => r.name).join(', ')}.`,
    `/sobot alerts ${action} ${guess ?? rules[0]?.name}${action === 'mute' ? ' 1h' : ''}`,
  );
}

const value = (rule: AlertRule, v: number | null) => formatValue(KPIS[rule.kpi].unit, v);
const condition = (rule: AlertRule) => `${KPIS[rule.kpi].label.en} ${rule.op} ${value(rule, rule.threshold)}`;
const scopeText = (rule: AlertRule) =>
  'name' in rule.scope ? `${rule.scope.kind}:${rule.scope.name}` : rule.scope.kind;
const clock = (iso: string, timeZone: string) =>
  format(Date.parse(iso), 'EEE d MMM HH:mm', { in: tz(timeZone) });

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
      const mute =
        record.mute && Date.parse(record.mute.until) > now
          ? ` · 🔕 muted by <@${record.mute.by}> until ${clock(record.mute.until, rule.timeZone)}`
          : '';
      return `• *${escapeMrkdwn(rule.name)}*: ${escapeMrkdwn(condition(rule))} · ${escapeMrkdwn(scopeText(rule))} · ${escapeMrkdwn(rule.period)} · \`${rule.check}\` (${rule.timeZone}) → ${channelMention(rule.channel)} · ${state}${mute}`;
    }),
  );
  return textReply(
    `${rules.length} alert rules: ${rules.map((r) => r.name).join(', ')}`,
    `*Alert rules*\n${lines.join('\n')}`,
  );
}

async function run(name: string | undefined, deps: CommandDeps): Promise<BotMessage> {
  const { rules, checker } = alertsOf(deps);
  const chosen = name ? [ruleNamed(name, deps, 'run')] : rules;
  const sections = await Promise.all(
    chosen.map(async (rule) => {
      const { readings } = await checker.readings(rule);
      const breaching = readings.filter((r) => breaches(rule, r));
      const worstFirst = breaching.sort((a, b) =>
        rule.op.startsWith('>') ? (b.value ?? 0) - (a.value ?? 0) : (a.value ?? 0) - (b.value ?? 0),
      );
      const head = `*${escapeMrkdwn(rule.name)}* (${escapeMrkdwn(condition(rule))}, ${escapeMrkdwn(rule.period)}): `;
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

async function mute(words: string[], userId: string, deps: CommandDeps): Promise<BotMessage> {
  const rule = ruleNamed(words[0], deps, 'mute');
  const how = words.slice(1).join('').toLowerCase();
  const now = deps.clock.now();
  let until: number;
  if (how === 'tomorrow') {
    until = startOfDay(addDays(new TZDate(now, rule.timeZone), 1)).getTime();
  } else {
    const ms = parseDuration(how);
    if (!ms)
      throw new UserInputError(
        `Say for how long: a duration such as 1h or 30m, or "tomorrow".`,
        `/sobot alerts mute ${rule.name} 1h`,
      );
    until = now + ms;
  }
  await alertsOf(deps).checker.mute(rule, until, userId);
  return textReply(
    `Alert ${rule.name} muted for ${describeDuration(until - now)}.`,
    `🔕 *${escapeMrkdwn(rule.name)}* muted by <@${userId}> until ${clock(new Date(until).toISOString(), rule.timeZone)} (${rule.timeZone}). Checks go on; messages wait until then. \`/sobot alerts unmute ${rule.name}\` ends it early.`,
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
        return run(words[0], deps);
      case 'mute':
        return mute(words, ctx.userId, deps);
      case 'unmute': {
        const rule = ruleNamed(words[0], deps, 'unmute');
        await alertsOf(deps).checker.unmute(rule);
        return textReply(
          `Alert ${rule.name} unmuted.`,
          `🔔 *${escapeMrkdwn(rule.name)}* unmuted by <@${ctx.userId}>.`,
        );
      }
    }
  },
};
