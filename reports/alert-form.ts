// The New / Edit alert rule modal: KPI, scope, comparison, threshold and clear threshold in the KPI's
// unit, the KPI's current value for the chosen scope (redrawn when a live field changes), period,
// checks in a row, minimum volume, channel, schedule, time zone. Pure: a draft in, a modal view out.

import {
  ALERT_FIELDS,
  ALERT_OPS,
  ALERT_PERIODS,
  ALERT_SCHEDULES,
  ALERT_SCOPES,
  type AlertDraft,
  type AlertNow,
  LIVE_FIELDS,
  NAMED_SCOPES,
  type ScheduleKey,
} from '../src/home/alert-form.ts';
import { type Lang, t } from '../src/i18n/catalogue.ts';
import { HOME_VIEWS } from '../src/message/actions.ts';
import { escapeMrkdwn } from '../src/message/message.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { formModal, input, option, plain } from './form-blocks.ts';
import { formatCount, formatValue } from './format.ts';

/** Scopes named as the furthest beyond the threshold. */
const WORST = 3;

function nowText(draft: AlertDraft, now: AlertNow, lang: Lang): string {
  if (now.kind === 'loading') return t(lang, 'alertForm.now.loading');
  if (now.kind === 'needsScope') return t(lang, 'alertForm.now.needsScope');
  if (now.kind === 'failed') return t(lang, 'alertForm.now.failed', { what: escapeMrkdwn(now.what) });
  const { unit } = KPIS[draft.kpi];
  const period = t(lang, `alertForm.period.${draft.period as (typeof ALERT_PERIODS)[number]}`);
  const value = (v: number | null) => formatValue(unit, v, lang);
  const one = now.readings[0];
  if (now.single !== null) {
    const scope = escapeMrkdwn(now.single);
    if (!one || one.value === null) return t(lang, 'alertForm.now.noValue', { period, scope });
    const text = t(lang, 'alertForm.now.value', {
      period,
      scope,
      value: value(one.value),
      chats: formatCount(one.volume),
    });
    if (now.threshold === null) return text;
    const verdict =
      (one.volume ?? 0) < now.minVolume
        ? 'alertForm.now.tooFew'
        : one.breaches
          ? 'alertForm.now.breaches'
          : 'alertForm.now.within';
    return `${text}${t(lang, verdict)}`;
  }
  const known = now.readings.filter((r) => r.value !== null).map((r) => r.value as number);
  if (now.threshold === null || known.length === 0) {
    return t(lang, 'alertForm.now.spread', {
      period,
      count: now.readings.length,
      low: value(known.length ? Math.min(...known) : null),
      high: value(known.length ? Math.max(...known) : null),
    });
  }
  const breaching = now.readings.filter((r) => r.breaches);
  const rising = draft.op.startsWith('>');
  const worst = [...breaching]
    .sort((a, b) => (rising ? (b.value ?? 0) - (a.value ?? 0) : (a.value ?? 0) - (b.value ?? 0)))
    .slice(0, WORST)
    .map((r) => `${escapeMrkdwn(r.name)} ${value(r.value)}`);
  const many = t(lang, 'alertForm.now.many', {
    period,
    count: now.readings.length,
    breaching: breaching.length,
  });
  return worst.length ? `${many}${t(lang, 'alertForm.now.worst', { list: worst.join(', ') })}` : many;
}

type Option = ReturnType<typeof option>;

/** Whether changing the field redraws the modal (the KPI's current value depends on it). */
const live = (field: keyof typeof ALERT_FIELDS) => ({ dispatch: LIVE_FIELDS.includes(field) });

/** A select showing `value`, or the first option when `value` is none of them. */
const select = (options: Option[], value: string) => ({
  type: 'static_select',
  options,
  initial_option: options.find((o) => o.value === value) ?? options[0],
});

const numberInput = (value: string, decimal: boolean, min?: number) => ({
  type: 'number_input',
  is_decimal_allowed: decimal,
  ...(min !== undefined ? { min_value: String(min) } : {}),
  ...(value ? { initial_value: value } : {}),
});

/** The schedules offered; an edited rule keeps a schedule of its own (from before) as one more choice. */
function scheduleOptions(draft: AlertDraft, lang: Lang): Option[] {
  const schedules = (Object.entries(ALERT_SCHEDULES) as [ScheduleKey, string][]).map(([key, cron]) =>
    option(t(lang, `alertForm.schedule.${key}`), cron),
  );
  if (!schedules.some((s) => s.value === draft.schedule))
    schedules.push(option(t(lang, 'alertForm.schedule.own', { cron: draft.schedule }), draft.schedule));
  return schedules;
}

/** What the rule watches: its name (or which rule is edited), the KPI, the scope and the named scope. */
function watchedBlocks(draft: AlertDraft, lang: Lang) {
  const kpis = (Object.keys(KPIS) as KpiId[]).map((id) => option(KPIS[id].label[lang], id));
  const scopes = ALERT_SCOPES.map((kind) => option(t(lang, `alertForm.scope.${kind}`), kind));
  return [
    draft.editing
      ? {
          type: 'section',
          text: { type: 'mrkdwn', text: t(lang, 'alertForm.editing', { name: escapeMrkdwn(draft.editing) }) },
        }
      : input(ALERT_FIELDS.name, t(lang, 'digestForm.name'), {
          type: 'plain_text_input',
          max_length: 40,
          ...(draft.name ? { initial_value: draft.name } : {}),
          placeholder: plain('queue_leave_high'),
        }),
    input(ALERT_FIELDS.kpi, t(lang, 'alertForm.kpi'), select(kpis, draft.kpi), live('kpi')),
    input(ALERT_FIELDS.scope, t(lang, 'alertForm.scope'), select(scopes, draft.scope), live('scope')),
    ...(NAMED_SCOPES.includes(draft.scope)
      ? [
          input(
            ALERT_FIELDS.scopeName,
            t(lang, 'alertForm.scopeName'),
            {
              type: 'external_select',
              min_query_length: 0,
              ...(draft.scopeName ? { initial_option: option(draft.scopeName, draft.scopeName) } : {}),
            },
            live('scopeName'),
          ),
        ]
      : []),
  ];
}

/** When it fires: the comparison, the threshold, the KPI's value now, and the clear threshold. */
function thresholdBlocks(draft: AlertDraft, now: AlertNow, lang: Lang) {
  const ops = ALERT_OPS.map((op) => option(`${op} ${t(lang, `alertForm.op.${op}`)}`, op));
  const unit = t(lang, `alertForm.unit.${KPIS[draft.kpi].unit}`);
  return [
    input(ALERT_FIELDS.op, t(lang, 'alertForm.op'), select(ops, draft.op), live('op')),
    input(
      ALERT_FIELDS.threshold,
      t(lang, 'alertForm.threshold', { unit }),
      numberInput(draft.threshold, true),
      live('threshold'),
    ),
    { type: 'section', block_id: 'alert_now', text: { type: 'mrkdwn', text: nowText(draft, now, lang) } },
    input(ALERT_FIELDS.clear, t(lang, 'alertForm.clear', { unit }), numberInput(draft.clear, true), {
      optional: true,
      hint: t(lang, 'alertForm.clearHint'),
    }),
  ];
}

/** How it is checked and where it posts: period, checks in a row, minimum volume, channel, schedule, zone. */
function checkingBlocks(draft: AlertDraft, lang: Lang) {
  const periods = ALERT_PERIODS.map((p) => option(t(lang, `alertForm.period.${p}`), p));
  return [
    input(ALERT_FIELDS.period, t(lang, 'alertForm.period'), select(periods, draft.period), live('period')),
    input(ALERT_FIELDS.for, t(lang, 'alertForm.for'), numberInput(draft.for, false, 1)),
    input(ALERT_FIELDS.minVolume, t(lang, 'alertForm.minVolume'), numberInput(draft.minVolume, false, 0)),
    input(ALERT_FIELDS.channel, t(lang, 'alertForm.channel'), {
      type: 'conversations_select',
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(draft.channel ? { initial_conversation: draft.channel } : {}),
    }),
    input(
      ALERT_FIELDS.schedule,
      t(lang, 'alertForm.schedule'),
      select(scheduleOptions(draft, lang), draft.schedule),
    ),
    input(ALERT_FIELDS.timeZone, t(lang, 'alertForm.timeZone'), {
      type: 'plain_text_input',
      initial_value: draft.timeZone,
      placeholder: plain('Asia/Shanghai'),
    }),
  ];
}

export function alertModal(draft: AlertDraft, now: AlertNow, lang: Lang): Record<string, unknown> {
  return formModal(
    HOME_VIEWS.alertForm,
    draft.editing,
    { fresh: 'alertForm.titleNew', edit: 'alertForm.titleEdit' },
    lang,
    [...watchedBlocks(draft, lang), ...thresholdBlocks(draft, now, lang), ...checkingBlocks(draft, lang)],
  );
}
