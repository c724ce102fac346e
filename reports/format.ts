// Formatting of every number a user reads, once, by unit: counts with thousands separators,
// rates as %, durations as "1m 05s", scores with one decimal; a missing value is "–", never 0.

import type { Lang } from '../src/i18n/catalogue.ts';
import { durationText } from '../src/i18n/units.ts';
import type { KpiUnit } from '../src/stats/kpis.ts';

/** The languages of the bot's own words: src/i18n/ (the catalogue). */
export type { Lang } from '../src/i18n/catalogue.ts';

export const MISSING = '–';

export function formatCount(value: number | null): string {
  return value === null ? MISSING : Math.round(value).toLocaleString('en-US');
}

export function formatRatio(value: number | null): string {
  return value === null ? MISSING : `${(value * 100).toFixed(1)}%`;
}

/** 950 ms → "1s"; 65 s → "1m 05s"; 3725 s → "1h 02m" (zh "1秒", "1分05秒", "1小时02分"). */
export function formatDuration(ms: number | null, lang: Lang): string {
  return ms === null ? MISSING : durationText(lang, ms);
}

export function formatScore(value: number | null): string {
  return value === null ? MISSING : value.toFixed(1);
}

export function formatValue(unit: KpiUnit, value: number | null, lang: Lang): string {
  switch (unit) {
    case 'count':
      return formatCount(value);
    case 'ratio':
      return formatRatio(value);
    case 'duration':
      return formatDuration(value, lang);
    case 'score':
      return formatScore(value);
  }
}

/**
 * What a spreadsheet may run as a formula (OWASP "CSV injection"): =, +, -, @, a tab or a carriage
 * return first, also after leading spaces, and the full-width ＝＋－＠ that Excel and some CJK
 * input methods treat the same.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A would-be formula gets a
 * leading apostrophe, so it shows as text; plain numbers (-5, +3.2) stay numbers.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
