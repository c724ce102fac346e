// The New / Edit alert rule form: its fields (block ids Slack sends back), a form filled from a rule
// (to edit it) or from defaults, and the submitted values turned into a rule, or into an error per
// field in the admin's language. Thresholds are typed in the KPI's own unit (20 for 20 %, seconds for
// times) and kept as the config file keeps them (0.2, milliseconds).

import { type AlertRule, type AlertScope, alertScopeConflict, NAME } from '../config-file.ts';
import { type Lang, t } from '../i18n/catalogue.ts';
import type { KpiId } from '../stats/kpi-ids.ts';
import { KPIS, type KpiUnit } from '../stats/kpis.ts';
import { isTimeZone } from '../time-zone.ts';

/** The form's inputs, by block id; each input's action_id is the same word. */
export const ALERT_FIELDS = {
  name: 'alert_name',
  kpi: 'alert_kpi',
  scope: 'alert_scope',
  scopeName: 'alert_scope_name',
  op: 'alert_op',
  threshold: 'alert_threshold',
  clear: 'alert_clear',
  for: 'alert_for',
  minVolume: 'alert_min_volume',
  channel: 'alert_channel',
  schedule: 'alert_schedule',
  timeZone: 'alert_tz',
  period: 'alert_period',
} as const;
export type AlertField = keyof typeof ALERT_FIELDS;

/** The fields whose change shows the KPI's value again (dispatch_action). */
export const LIVE_FIELDS: readonly AlertField[] = ['kpi', 'scope', 'scopeName', 'op', 'threshold', 'period'];

export const ALERT_SCOPES = ['overall', 'each-agent', 'each-group', 'group', 'dept', 'channel'] as const;
export type ScopeKind = (typeof ALERT_SCOPES)[number];
/** The scopes that name one group, department or channel. */
export const NAMED_SCOPES: readonly ScopeKind[] = ['group', 'dept', 'channel'];

export const ALERT_OPS = ['>', '>=', '<', '<='] as const;
export const ALERT_PERIODS = ['today', 'this week', 'this month'] as const;

/** How often a rule is checked: the schedules offered (a config-file-style cron each). */
export const ALERT_SCHEDULES = {
  workday10: '*/10 9-18 * * 1-5',
  workday5: '*/5 9-18 * * 1-5',
  workday15: '*/15 9-18 * * 1-5',
  workday30: '*/30 9-18 * * 1-5',
  workday60: '0 9-18 * * 1-5',
  daily10: '*/10 9-18 * * *',
  always10: '*/10 * * * *',
  always60: '0 * * * *',
} as const;
export type ScheduleKey = keyof typeof ALERT_SCHEDULES;

/** What the form shows, as its inputs hold it (numbers as typed, in the KPI's unit). */
export interface AlertDraft {
  /** The rule being edited (its name cannot change), or null for a new one. */
  editing: string | null;
  name: string;
  kpi: KpiId;
  scope: ScopeKind;
  scopeName: string | null;
  op: (typeof ALERT_OPS)[number];
  threshold: string;
  /** Empty: the threshold. */
  clear: string;
  for: string;
  minVolume: string;
  channel: string | null;
  /** A cron of ALERT_SCHEDULES, or the edited rule's own. */
  schedule: string;
  timeZone: string;
  period: string;
}

/** What the form says about the KPI's value now, for the scope chosen. */
export type AlertNow =
  | { kind: 'loading' }
  | { kind: 'needsScope' }
  | { kind: 'failed'; what: string }
  | {
      kind: 'readings';
      /** The rule as drafted, when its threshold is a number: who would fire. */
      threshold: number | null;
      readings: { name: string; value: number | null; volume: number | null; breaches: boolean }[];
      /** The one scope a single-scope rule watches (its name as the form shows it). */
      single: string | null;
      minVolume: number;
    };

/** The factor from what is typed to what a rule keeps: 20 % → 0.2, 90 s → 90 000 ms. */
const FACTOR: Record<KpiUnit, number> = { ratio: 0.01, duration: 1000, count: 1, score: 1 };

/** A rule's number as typed in the form (no float noise: 0.07 → "7"). */
const typed = (value: number, unit: KpiUnit) => String(Number((value / FACTOR[unit]).toPrecision(12)));

export function draftOf(rule: AlertRule): AlertDraft {
  const { unit } = KPIS[rule.kpi];
  return {
    editing: rule.name,
    name: rule.name,
    kpi: rule.kpi,
    scope: rule.scope.kind,
    scopeName: 'name' in rule.scope ? rule.scope.name : null,
    op: rule.op,
    threshold: typed(rule.threshold, unit),
    clear: rule.clear === rule.threshold ? '' : typed(rule.clear, unit),
    for: String(rule.for),
    minVolume: String(rule.minVolume),
    // A `#name` channel cannot be preselected (conversations_select takes ids): it is chosen again.
    channel: rule.channel.startsWith('#') ? null : rule.channel,
    schedule: rule.check,
    timeZone: rule.timeZone,
    period: rule.period,
  };
}

export function newDraft(timeZone: string): AlertDraft {
  return {
    editing: null,
    name: '',
    kpi: 'response_warn_rate',
    scope: 'overall',
    scopeName: null,
    op: '>',
    threshold: '',
    clear: '',
    for: '1',
    minVolume: '0',
    channel: null,
    schedule: ALERT_SCHEDULES.workday10,
    timeZone,
    period: 'today',
  };
}

/** The draft's scope as a rule keeps it, or null while a named scope has no name yet. */
export function scopeOf(draft: Pick<AlertDraft, 'scope' | 'scopeName'>): AlertScope | null {
  if (!NAMED_SCOPES.includes(draft.scope)) return { kind: draft.scope as 'overall' };
  const name = draft.scopeName?.trim();
  return name ? { kind: draft.scope as 'group', name } : null;
}

/** A typed number in the KPI's unit as the rule keeps it; null when it is not a number. */
export function ruleNumber(text: string, kpi: KpiId): number | null {
  const trimmed = text.trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(trimmed)) return null;
  return Number((Number(trimmed) * FACTOR[KPIS[kpi].unit]).toPrecision(12));
}

/** Why Sobot cannot give `kpi` for this kind of scope, in the admin's words; null when it can. */
export function conflictText(kpi: KpiId, kind: ScopeKind, lang: Lang): string | null {
  const conflict = alertScopeConflict(kpi, kind);
  if (!conflict) return null;
  if ('allowed' in conflict) {
    const kpis = conflict.allowed.map((id) => KPIS[id].label[lang]).join(', ');
    return t(lang, `alertForm.error.per.${conflict.per}`, { kpis });
  }
  return t(lang, 'alertForm.error.unsplit', { kpi: KPIS[kpi].label[lang] });
}

export type AlertFormResult =
  | { ok: true; rule: AlertRule }
  | { ok: false; errors: Partial<Record<AlertField, string>> };

const whole = (text: string, min: number) => {
  const n = /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  return n >= min ? n : null;
};

/**
 * The submitted form as a rule, or what is wrong with each field. `resolve` checks a scope's name
 * against Sobot's condition lists (the reason when it is not there); `taken` says whether a new
 * rule's name is used; `base` is the rule being edited (its mention, repeat and no-data are kept).
 */
export async function ruleFromForm(
  form: AlertDraft,
  opts: {
    lang: Lang;
    base: AlertRule | null;
    taken(name: string): Promise<boolean>;
    resolve(kind: ScopeKind, name: string): Promise<string | null>;
  },
): Promise<AlertFormResult> {
  const { lang, base } = opts;
  const errors: Partial<Record<AlertField, string>> = {};
  const name = (form.editing ?? form.name).trim().toLowerCase();
  if (!NAME.test(name)) errors.name = t(lang, 'digestForm.error.name');
  else if (!form.editing && (await opts.taken(name)))
    errors.name = t(lang, 'alertForm.error.taken', { name });
  const kpi = KPIS[form.kpi] ? form.kpi : null;
  if (!kpi) errors.kpi = t(lang, 'alertForm.error.kpi');
  const scope = ALERT_SCOPES.includes(form.scope) ? scopeOf(form) : null;
  if (!ALERT_SCOPES.includes(form.scope)) errors.scope = t(lang, 'alertForm.error.scope');
  else if (!scope) errors.scopeName = t(lang, 'alertForm.error.scopeName');
  else if ('name' in scope) {
    const problem = await opts.resolve(form.scope, scope.name);
    if (problem) errors.scopeName = problem;
  }
  if (kpi && scope) {
    const conflict = conflictText(kpi, scope.kind, lang);
    if (conflict) errors.kpi = conflict;
  }
  const op = ALERT_OPS.includes(form.op) ? form.op : null;
  if (!op) errors.op = t(lang, 'alertForm.error.op');
  const threshold = kpi ? ruleNumber(form.threshold, kpi) : null;
  if (kpi && threshold === null) errors.threshold = t(lang, 'alertForm.error.number');
  const clear = form.clear.trim() === '' ? threshold : kpi ? ruleNumber(form.clear, kpi) : null;
  if (kpi && clear === null && threshold !== null) errors.clear = t(lang, 'alertForm.error.number');
  else if (op && threshold !== null && clear !== null) {
    const rising = op.startsWith('>');
    if (rising ? clear > threshold : clear < threshold)
      errors.clear = t(lang, rising ? 'alertForm.error.clearAbove' : 'alertForm.error.clearBelow');
  }
  const checks = whole(form.for, 1);
  if (checks === null || checks > 100) errors.for = t(lang, 'alertForm.error.for');
  const minVolume = whole(form.minVolume, 0);
  if (minVolume === null) errors.minVolume = t(lang, 'alertForm.error.minVolume');
  if (!form.channel || !/^[CG][A-Z0-9]{6,}$/.test(form.channel))
    errors.channel = t(lang, 'alertForm.error.channel');
  // Only a schedule offered (or the edited rule's own): a forged cron is not taken.
  const schedules: string[] = [...Object.values(ALERT_SCHEDULES), ...(base ? [base.check] : [])];
  if (!schedules.includes(form.schedule)) errors.schedule = t(lang, 'alertForm.error.schedule');
  const timeZone = form.timeZone.trim();
  if (!isTimeZone(timeZone)) errors.timeZone = t(lang, 'digestForm.error.timeZone');
  if (!(ALERT_PERIODS as readonly string[]).includes(form.period))
    errors.period = t(lang, 'digestForm.error.period');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      name,
      kpi: kpi as KpiId,
      scope: scope as AlertScope,
      op: op as AlertDraft['op'],
      threshold: threshold as number,
      clear: clear as number,
      period: form.period,
      check: form.schedule,
      timeZone,
      for: checks as number,
      minVolume: minVolume as number,
      channel: form.channel as string,
      mention: base?.mention ?? null,
      repeatMs: base?.repeatMs ?? 0,
      noData: base?.noData ?? 'keep',
      source: 'slack',
    },
  };
}
