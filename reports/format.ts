// Formatting of every number a user reads, once, by unit: counts with thousands separators,
// rates as %, durations as "1m 05s", scores with one decimal; a missing value is "–", never 0.

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

/** 950 ms → "1s"; 65 s → "1m 05s"; 3725 s → "1h 02m". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return MISSING;
  const totalSec = Math.round(ms / 1000);
  if (totalSec < 60) return `${totalSec}s`;
  const hours = Math.floor(totalSec / 3600);
  const minutes = Math.floor((totalSec % 3600) / 60);
  const seconds = totalSec % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}h ${pad(minutes)}m` : `${minutes}m ${pad(seconds)}s`;
}

export function formatScore(value: number | null): string {
  return value === null ? MISSING : value.toFixed(1);
}

export function formatValue(unit: KpiUnit, value: number | null): string {
  switch (unit) {
    case 'count':
      return formatCount(value);
    case 'ratio':
      return formatRatio(value);
    case 'duration':
      return formatDuration(value);
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
