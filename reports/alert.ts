// The alert episode message: posted when a rule fires, edited in place while it fires and when it
// resolves. One message per rule and check, however many scopes fired; worst first, as many as fit.

import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Comparison } from '../src/alerts/state.ts';
import type { AlertRuleView, AlertScopeView, AlertView } from '../src/alerts/view.ts';
import type { ChartSeries, ChartSpec, ChartUnit } from '../src/charts/spec.ts';
import type { AlertRule } from '../src/config-file.ts';
import { t } from '../src/i18n/catalogue.ts';
import { dateText } from '../src/i18n/dates.ts';
import { ALERT_ACTIONS, alertActionValue } from '../src/message/actions.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { RatingScale } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { describeRange, periodName, todayIn } from '../src/stats/period.ts';
import { headerBlock, showingText } from './blocks.ts';
import { formatCount, formatDuration, formatValue, type Lang, MISSING, truncate } from './format.ts';
import { kpiLabel } from './labels.ts';
import { textTable } from './table.ts';

const COLUMNS = [
  'alertMsg.column.scope',
  'alertMsg.column.now',
  'alertMsg.column.peak',
  'alertMsg.column.chats',
  'alertMsg.column.since',
  'alertMsg.column.status',
] as const;

/** Chart lines: the worst few scopes, beyond which a line chart is unreadable. */
export const CHART_SCOPES = 5;
/** Scope names in sentences and chart legends are cut here (the table cuts its own). */
const NAME_CHARS = 80;
/** Scopes named in the plain-text fallback. */
const FALLBACK_SCOPES = 10;

const OP_SYMBOL: Record<Comparison, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };
/** Where a firing alert clears: NOT `value op clear`. */
const CLEAR_SYMBOL: Record<Comparison, string> = { '>': '≤', '>=': '<', '<': '≥', '<=': '>' };

/** A value in the rule's KPI unit. */
export const ruleValue = (rule: AlertRuleView, value: number | null, lang: Lang) =>
  formatValue(KPIS[rule.kpi].unit, value, lang);

/** The rule's KPI as the rest of the bot names it ("Positive feedback (5★)", "Chats handled"). */
export const ruleKpiLabel = (rule: AlertRuleView, lang: Lang) =>
  kpiLabel(rule.kpi, lang, { source: rule.each === 'agent' ? 'agents' : 'company', scale: rule.ratingScale });

/** "Reply warnings > 20.0%" (plain text: escape it where it meets mrkdwn). */
export function conditionText(rule: AlertRuleView, lang: Lang): string {
  return `${ruleKpiLabel(rule, lang)} ${OP_SYMBOL[rule.op]} ${ruleValue(rule, rule.threshold, lang)}`;
}

/** The condition of a rule as the config file has it (lists, Home), labelled on `ratingScale` when known. */
export function ruleConditionText(
  rule: AlertRule,
  lang: Lang,
  ratingScale: RatingScale | null = null,
): string {
  const each = rule.scope.kind === 'each-agent' ? 'agent' : rule.scope.kind === 'each-group' ? 'group' : null;
  return conditionText({ ...rule, ...(each ? { each } : {}), ratingScale }, lang);
}

/** "threshold > 20.0%, clears at ≤ 15.0%" (the clear part only when it differs). */
export function thresholdText(rule: AlertRuleView, lang: Lang): string {
  const threshold = t(lang, 'alertMsg.threshold', {
    op: OP_SYMBOL[rule.op],
    value: ruleValue(rule, rule.threshold, lang),
  });
  if (rule.clear === rule.threshold) return threshold;
  const clear = `${CLEAR_SYMBOL[rule.op]} ${ruleValue(rule, rule.clear, lang)}`;
  return t(lang, 'alertMsg.thresholdClears', { threshold, clear });
}

/** "14:20" in the zone; with the date in front when it is not the day of `reference`. */
export function clockAt(iso: string, reference: string, timeZone: string, lang: Lang): string {
  const at = Date.parse(iso);
  const sameDay = todayIn(timeZone, at) === todayIn(timeZone, Date.parse(reference));
  return sameDay ? format(at, 'HH:mm', { in: tz(timeZone) }) : dateText(at, lang, 'dayAndTime', timeZone);
}

/** When a mute ends: "15:00" today, otherwise the day, date and year ("Tue 24 Nov 2026 09:00"). */
export function muteEndText(iso: string, reference: string, timeZone: string, lang: Lang): string {
  if (todayIn(timeZone, Date.parse(iso)) === todayIn(timeZone, Date.parse(reference)))
    return clockAt(iso, reference, timeZone, lang);
  return dateTimeText(iso, timeZone, lang);
}

/** A moment with its date: "Tue 24 Nov 2026 09:00" (zh "2026年11月24日 09:00"), in the zone. */
export function dateTimeText(iso: string, timeZone: string, lang: Lang): string {
  return dateText(Date.parse(iso), lang, 'dateTime', timeZone);
}

/** The mentions Slack resolves pass through; anything else is shown as text, never as a ping. */
function mentionText(mention: string | null): string {
  if (mention === null) return '';
  return mention
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      /^<(!here|!channel|!everyone|!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+)>$/.test(word)
        ? word
        : escapeMrkdwn(word),
    )
    .join(' ');
}

const scopeName = (scope: AlertScopeView) => escapeMrkdwn(truncate(scope.scope, NAME_CHARS));
const durationOf = (scope: AlertScopeView) =>
  scope.resolvedAt === undefined ? null : Date.parse(scope.resolvedAt) - Date.parse(scope.firedAt);

/** Firing scopes first; then worst first in the rule's direction (the peak for resolved ones); then by name. */
function worstFirst(scopes: readonly AlertScopeView[], op: Comparison): AlertScopeView[] {
  const sign = op === '>' || op === '>=' ? -1 : 1;
  const key = (s: AlertScopeView) => (s.resolvedAt === undefined ? (s.value ?? s.peak) : s.peak);
  return [...scopes].sort((a, b) => {
    const resolved = Number(a.resolvedAt !== undefined) - Number(b.resolvedAt !== undefined);
    if (resolved !== 0) return resolved;
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y);
    }
    return a.scope.localeCompare(b.scope);
  });
}

function headline(view: AlertView, sorted: readonly AlertScopeView[]): string {
  const { lang } = view;
  const worst = sorted[0]?.scope ?? '';
  const others = sorted.length - 1;
  const who = others === 0 ? worst : t(lang, 'alertMsg.andMore', { worst, others });
  const condition = conditionText(view.rule, lang);
  return view.status === 'firing'
    ? `🔴 ${condition} · ${who}`
    : `✅ ${t(lang, 'alertMsg.resolved')} · ${condition} · ${who}`;
}

/** The figures of one scope: value against the threshold, since when, the peak and the chats behind it. */
function scopeLines(view: AlertView, scope: AlertScopeView): string {
  const { rule, lang, checkedAt, timeZone } = view;
  const at = (iso: string) => clockAt(iso, checkedAt, timeZone, lang);
  const value = ruleValue(rule, scope.value, lang);
  const peak = t(lang, 'alertMsg.peak', { value: ruleValue(rule, scope.peak, lang) });
  const chats = t(lang, 'alertMsg.chats', {
    n: formatCount(scope.volume),
    period: escapeMrkdwn(periodName(rule.period, lang)),
  });
  const threshold = escapeMrkdwn(thresholdText(rule, lang));
  const duration = formatDuration(durationOf(scope), lang);
  const name = scopeName(scope);
  if (scope.resolvedAt !== undefined) {
    const [fired, resolved] = [at(scope.firedAt), at(scope.resolvedAt)];
    return t(lang, 'alertMsg.scopeResolved', {
      scope: name,
      value,
      threshold,
      duration,
      peak,
      fired,
      resolved,
      chats,
    });
  }
  const kpi = ruleKpiLabel(rule, lang);
  return t(lang, 'alertMsg.scopeFiring', {
    scope: name,
    kpi,
    value,
    threshold,
    since: at(scope.since),
    peak,
    chats,
  });
}

/** The summary above the table when several scopes share the message. */
function manyLines(view: AlertView, sorted: readonly AlertScopeView[]): string {
  const { rule, lang } = view;
  const worst = sorted[0];
  const firing = sorted.filter((s) => s.resolvedAt === undefined).length;
  const threshold = escapeMrkdwn(thresholdText(rule, lang));
  const worstText = worst
    ? `*${scopeName(worst)}* ${ruleValue(rule, worst.resolvedAt === undefined ? worst.value : worst.peak, lang)}`
    : MISSING;
  const total = sorted.length;
  if (view.status === 'resolved')
    return t(lang, 'alertMsg.allResolved', { total, threshold, worst: worstText });
  return t(lang, 'alertMsg.someFiring', { firing, total, threshold, worst: worstText });
}

function scopeTable(view: AlertView, sorted: readonly AlertScopeView[]) {
  const { rule, lang, checkedAt, timeZone } = view;
  return textTable(
    COLUMNS.map((key) => t(lang, key)),
    sorted.map((s) => [
      s.scope,
      ruleValue(rule, s.value, lang),
      ruleValue(rule, s.peak, lang),
      formatCount(s.volume),
      clockAt(s.since, checkedAt, timeZone, lang),
      s.resolvedAt === undefined ? '🔴' : `✅ ${formatDuration(durationOf(s), lang)}`,
    ]),
    sorted.length,
  );
}

/** The KPI over this period's checks for the worst few scopes, with the threshold as a line. */
function historyChart(view: AlertView, sorted: readonly AlertScopeView[]): ChartSpec | null {
  const { rule, lang } = view;
  const shown = sorted.slice(0, CHART_SCOPES);
  const times = [...new Set(shown.flatMap((s) => s.history.map((point) => point.at)))].sort(
    (a, b) => Date.parse(a) - Date.parse(b),
  );
  if (!shown.some((s) => s.history.some((point) => point.value !== null))) return null;
  const kpiUnit = KPIS[rule.kpi].unit;
  const checkDay = todayIn(view.timeZone, Date.parse(view.checkedAt));
  const unit: ChartUnit = kpiUnit === 'score' ? 'count' : kpiUnit;
  const valueAt = (scope: AlertScopeView, at: string) =>
    scope.history.find((point) => point.at === at)?.value ?? null;
  const labels = times.map((at) => clockAt(at, view.checkedAt, view.timeZone, lang));
  const [first = '', last = first] = [labels[0], labels.at(-1)];
  const kpi = ruleKpiLabel(rule, lang);
  const threshold: ChartSeries = {
    label: t(lang, 'alertMsg.threshold', {
      op: OP_SYMBOL[rule.op],
      value: ruleValue(rule, rule.threshold, lang),
    }),
    values: [],
    unit,
    type: 'line',
    reference: true,
  };
  const [only] = times;
  // One check so far (a rule that fires at once): a line of one point says nothing; a bar per scope
  // against the threshold does.
  const byScope = times.length === 1 && only !== undefined;
  return {
    // What: the KPI over the rule's period at each check. When: the day and times of the checks, in
    // the rule's time zone, and which rule.
    title: t(lang, 'chart.alert.title', { kpi, period: periodName(rule.period, lang) }),
    subtitle: [
      describeRange({ from: checkDay, to: checkDay, timeZone: view.timeZone }, lang),
      byScope
        ? t(lang, 'chart.alert.check', { time: first })
        : t(lang, 'chart.alert.checks', { from: first, to: last }),
      t(lang, 'alertMsg.rule', { name: truncate(rule.name, NAME_CHARS) }),
    ].join(' · '),
    lang,
    measures: kpi,
    // A few points around a threshold: the axis fits them rather than running to 100%.
    fitValues: true,
    ...(byScope
      ? {
          labels: shown.map((scope) => truncate(scope.scope, NAME_CHARS)),
          series: [
            {
              label: t(lang, 'chart.alert.check', { time: first }),
              values: shown.map((scope) => valueAt(scope, only)),
              unit,
              type: 'bar',
            },
            { ...threshold, values: shown.map(() => rule.threshold) },
          ],
        }
      : {
          labels,
          series: [
            ...shown.map((scope) => ({
              label: truncate(scope.scope, NAME_CHARS),
              values: times.map((at) => valueAt(scope, at)),
              unit,
              type: 'line' as const,
            })),
            { ...threshold, values: times.map(() => rule.threshold) },
          ],
        }),
  };
}

function actions(view: AlertView) {
  const { lang } = view;
  const button = (text: string, rest: Record<string, string>) => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text },
    ...rest,
  });
  const value = alertActionValue(view.rule.name, view.episodeId);
  const mute =
    view.status === 'firing'
      ? [
          button(t(lang, 'alertMsg.mute1h'), { action_id: ALERT_ACTIONS.mute1h, value }),
          button(t(lang, 'alertMsg.muteTomorrow'), { action_id: ALERT_ACTIONS.muteTomorrow, value }),
        ]
      : [];
  // A link button: Slack still sends an action, which the Slack layer acknowledges.
  return {
    type: 'actions' as const,
    elements: [
      ...mute,
      button(t(lang, 'button.openSobot'), { action_id: ALERT_ACTIONS.open, url: view.consoleUrl }),
    ],
  };
}

/** The plain-text fallback: the headline numbers of the worst scopes, for notifications. */
function fallbackText(view: AlertView, sorted: readonly AlertScopeView[], title: string): string {
  const { rule, lang, checkedAt, timeZone } = view;
  const figures = (s: AlertScopeView) => {
    if (s.resolvedAt === undefined) {
      const since = clockAt(s.since, checkedAt, timeZone, lang);
      return t(lang, 'alertMsg.firingSince', { value: ruleValue(rule, s.value, lang), since });
    }
    const duration = formatDuration(durationOf(s), lang);
    const peak = t(lang, 'alertMsg.peak', { value: ruleValue(rule, s.peak, lang) });
    return t(lang, 'alertMsg.resolvedAfter', { duration, peak });
  };
  const only = sorted.length === 1 ? sorted[0] : undefined;
  const body = only
    ? figures(only)
    : `${sorted
        .slice(0, FALLBACK_SCOPES)
        .map((s) => `${scopeName(s)} ${figures(s)}`)
        .join(t(lang, 'list.figures'))}${sorted.length > FALLBACK_SCOPES ? ' …' : ''}`;
  const mention = view.status === 'firing' ? mentionText(view.mention) : '';
  return `${mention ? `${mention} ` : ''}${escapeMrkdwn(title)} · ${body}`.slice(
    0,
    SLACK_LIMITS.fallbackText,
  );
}

export function alertMessage(view: AlertView): BotMessage {
  const { lang } = view;
  const sorted = worstFirst(view.scopes, view.rule.op);
  const title = truncate(headline(view, sorted), SLACK_LIMITS.headerText);
  const mention = view.status === 'firing' ? mentionText(view.mention) : '';
  const only = sorted.length === 1 ? sorted[0] : undefined;
  const summary = only ? scopeLines(view, only) : manyLines(view, sorted);
  const blocks: BotMessage['blocks'] = [
    headerBlock(title),
    { type: 'section', text: { type: 'mrkdwn', text: mention ? `${mention} ${summary}` : summary } },
  ];
  const footer: string[] = [];
  if (!only) {
    const { block, shown } = scopeTable(view, sorted);
    blocks.push(block);
    if (shown < sorted.length) {
      const rest = sorted.length - shown;
      const listed = view.rule.each === 'agent' ? 'agents' : view.rule.each === 'group' ? 'groups' : 'scopes';
      footer.push(
        `${showingText(shown, sorted.length, listed, lang)} · ${t(lang, 'alertMsg.worstFirst', { rest })}`,
      );
    }
  }
  const chartAt = blocks.length;
  if (view.status === 'firing' && view.mute) {
    const until = muteEndText(view.mute.until, view.checkedAt, view.timeZone, lang);
    const by = `<@${escapeMrkdwn(view.mute.by)}>`;
    const text = t(lang, 'alertMsg.mutedBy', { by, until });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  const checked = clockAt(view.checkedAt, view.checkedAt, view.timeZone, lang);
  footer.push(
    t(lang, 'alertMsg.rule', { name: `\`${escapeMrkdwn(truncate(view.rule.name, NAME_CHARS))}\`` }),
    escapeMrkdwn(
      `${periodName(view.rule.period, view.lang)} · ${view.timeZone} · ${t(lang, 'alertMsg.checked', { time: checked })}`,
    ),
  );
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer.join(' · ') }] });
  blocks.push(actions(view));
  const chart = historyChart(view, sorted);
  const names = sorted
    .slice(0, CHART_SCOPES)
    .map((s) => truncate(s.scope, NAME_CHARS))
    .join(', ');
  return {
    visibility: 'in_channel',
    text: fallbackText(view, sorted, title),
    blocks,
    ...(chart && {
      chart: {
        spec: chart,
        altText: t(view.lang, 'alt.alert', { kpi: ruleKpiLabel(view.rule, view.lang), names }),
        position: chartAt,
      },
    }),
  };
}
