// The New / Edit digest form: its fields (block ids Slack sends back), a form filled from a digest
// (to edit it) or from defaults, and the submitted values turned into a digest, or into an error
// per field, said in the admin's language and shown by Slack under that field.

import {
  DEFAULT_ATTENTION,
  DIGEST_SECTIONS,
  type DigestDefinition,
  type DigestSection,
  type FilterWords,
  NAME,
  sectionsBeyondFilters,
} from '../config-file.ts';
import { type Lang, t } from '../i18n/catalogue.ts';
import { listText } from '../i18n/units.ts';
import { dailyCron, parseDailyCron } from '../scheduler/schedule-text.ts';
import { parsePeriod } from '../stats/period.ts';
import { isTimeZone } from '../time-zone.ts';

/** The form's inputs, by block id; each input's action_id is the same word. */
export const DIGEST_FIELDS = {
  name: 'digest_name',
  channel: 'digest_channel',
  time: 'digest_time',
  days: 'digest_days',
  timeZone: 'digest_tz',
  period: 'digest_period',
  group: 'digest_group',
  dept: 'digest_dept',
  source: 'digest_source',
  agent: 'digest_agent',
  sections: 'digest_sections',
} as const;
export type DigestField = keyof typeof DIGEST_FIELDS;

/** The filter fields and the filter word each one fills (`source` is the `channel:` filter). */
export const FILTER_FIELDS = [
  ['group', 'group'],
  ['dept', 'dept'],
  ['source', 'channel'],
  ['agent', 'agent'],
] as const satisfies readonly (readonly [DigestField, keyof FilterWords])[];

/** The periods a digest may cover, as the commands write them. */
export const DIGEST_PERIODS = ['yesterday', 'today', 'last week', 'this week', 'last 7 days', 'last month'];

/** What the form shows: everything a digest needs, as the inputs hold it. */
export interface DigestDraft {
  /** The digest being edited (its name cannot change), or null for a new one. */
  editing: string | null;
  name: string;
  channel: string | null;
  /** `HH:mm`. */
  time: string;
  /** 0 = Sunday. */
  days: number[];
  timeZone: string;
  period: string;
  filters: FilterWords;
  sections: DigestSection[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function draftOf(digest: DigestDefinition): DigestDraft {
  const daily = parseDailyCron(digest.schedule) ?? { hour: 9, minute: 0, days: [1, 2, 3, 4, 5] };
  return {
    editing: digest.name,
    name: digest.name,
    // A `#name` channel cannot be preselected (conversations_select takes ids): it is chosen again.
    channel: digest.channel.startsWith('#') ? null : digest.channel,
    time: `${pad(daily.hour)}:${pad(daily.minute)}`,
    days: daily.days,
    timeZone: digest.timeZone,
    period: digest.period,
    filters: digest.filters,
    sections: digest.sections,
  };
}

export function newDraft(timeZone: string): DigestDraft {
  return {
    editing: null,
    name: '',
    channel: null,
    time: '09:00',
    days: [1, 2, 3, 4, 5],
    timeZone,
    period: 'yesterday',
    filters: {},
    sections: ['overview', 'agents', 'satisfaction'],
  };
}

/** What Slack sends back for the form: each field's value, as text. */
export interface SubmittedDigest {
  editing: string | null;
  name: string | null;
  channel: string | null;
  time: string | null;
  days: string[];
  timeZone: string | null;
  period: string | null;
  filters: FilterWords;
  sections: string[];
}

export type DigestFormResult =
  | { ok: true; digest: DigestDefinition }
  | { ok: false; errors: Partial<Record<DigestField, string>> };

/**
 * The submitted form as a digest, or what is wrong with each field. `resolve` checks the filter names
 * against Sobot's condition lists (it rejects with the reason); `taken` says whether a new digest's
 * name is already used; `base` is the digest being edited (its other settings are kept).
 */
export async function digestFromForm(
  form: SubmittedDigest,
  opts: {
    lang: Lang;
    now: number;
    base: DigestDefinition | null;
    taken(name: string): Promise<boolean>;
    resolve(field: DigestField, name: string): Promise<string | null>;
  },
): Promise<DigestFormResult> {
  const { lang } = opts;
  const errors: Partial<Record<DigestField, string>> = {};
  const name = (form.editing ?? form.name ?? '').trim().toLowerCase();
  if (!NAME.test(name)) errors.name = t(lang, 'digestForm.error.name');
  else if (!form.editing && (await opts.taken(name)))
    errors.name = t(lang, 'digestForm.error.taken', { name });
  if (!form.channel || !/^[CG][A-Z0-9]{6,}$/.test(form.channel))
    errors.channel = t(lang, 'digestForm.error.channel');
  const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(form.time ?? '');
  if (!clock) errors.time = t(lang, 'digestForm.error.time');
  const days = [...new Set(form.days.map(Number))].filter((d) => Number.isInteger(d) && d >= 0 && d <= 6);
  if (days.length === 0 || days.length !== form.days.length) errors.days = t(lang, 'digestForm.error.days');
  const timeZone = (form.timeZone ?? '').trim();
  if (!isTimeZone(timeZone)) errors.timeZone = t(lang, 'digestForm.error.timeZone');
  const period = form.period ?? '';
  if (!DIGEST_PERIODS.includes(period) || !parsePeriod(period, { now: opts.now, timeZone: 'UTC' }).ok)
    errors.period = t(lang, 'digestForm.error.period');
  const sections = form.sections.filter((s): s is DigestSection =>
    (DIGEST_SECTIONS as readonly string[]).includes(s),
  );
  if (sections.length === 0 || sections.length !== form.sections.length)
    errors.sections = t(lang, 'digestForm.error.sections');
  const filters: FilterWords = {};
  for (const [field, word] of FILTER_FIELDS) {
    const value = form.filters[word]?.trim();
    if (!value) continue;
    const problem = await opts.resolve(field, value);
    if (problem) errors[field] = problem;
    else filters[word] = value;
  }
  // A section Sobot cannot narrow to the filters would show wider figures under the digest's title:
  // the same rule as for config-file and subscribed digests.
  const ignored = sectionsBeyondFilters(sections, filters).map(({ section }) =>
    t(lang, `digest.section.${section}`),
  );
  if (ignored.length > 0 && !errors.sections)
    errors.sections = t(lang, 'digestForm.error.unfilterable', { sections: listText(lang, ignored) });
  if (Object.keys(errors).length > 0 || !clock) return { ok: false, errors };
  const base = opts.base;
  return {
    ok: true,
    digest: {
      name,
      channel: form.channel as string,
      schedule: dailyCron({ hour: Number(clock[1]), minute: Number(clock[2]), days }),
      timeZone,
      period,
      filters,
      sections,
      mention: base?.mention ?? null,
      attention: base?.attention ?? DEFAULT_ATTENTION,
      graceMs: base?.graceMs ?? 2 * 3_600_000,
      catchUpMs: base?.catchUpMs ?? 6 * 3_600_000,
      source: 'slack',
    },
  };
}
