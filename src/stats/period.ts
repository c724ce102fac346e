// The period grammar: what users type after a command ("yesterday", "last 7 days", "2026-11-01..2026-11-15")
// becomes an inclusive DateRange in the company time zone, or a problem with a suggestion that works.
// Pure: the instant and the zone come in as arguments; the server's own zone is never consulted.

import { TZDate, tz } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';
import { subMonths } from 'date-fns/subMonths';
import { distance } from 'fastest-levenshtein';
import { echo } from '../echo.ts';
import { type Lang, type Phrase, phrase, t } from '../i18n/catalogue.ts';
import { DATE_PATTERNS, dateText } from '../i18n/dates.ts';
import type { DateRange } from './model.ts';

/** The forms, in the order help text shows them. */
export const PERIOD_EXAMPLES: readonly string[] = [
  'today',
  'yesterday',
  'this week',
  'last week',
  'last 7 days',
  'last 30 days',
  'this month',
  'last month',
  '2026-11-02',
  '2026-11-01..2026-11-15',
];

/** Sobot's statistics endpoints refuse ranges longer than this. */
export const MAX_RANGE_DAYS = 90;

/**
 * The most words any period form takes once spaces are collapsed: `last 7 days`, `最近 7 天`,
 * `2026-11-01 to 2026-11-15`. Callers that look for a period at the end of free text (an agent's
 * name, then a period) try no longer tails than this, so their work grows with the text, not its square.
 */
export const MAX_PERIOD_WORDS = 3;

export type PeriodResult =
  | { ok: true; range: DateRange; label: string }
  | { ok: false; problem: Phrase; suggestion: string | null };

export interface ParsePeriodOptions {
  /** The instant "today" is taken from, in epoch milliseconds. */
  now: number;
  /** IANA zone (or UTC offset) in which days begin and end. */
  timeZone: string;
  /** What an empty text means; 'yesterday' unless configured. */
  defaultPeriod?: string;
}

/** A span of calendar days before it is tied to a zone; dates are `yyyy-MM-dd`. */
interface Span {
  from: string;
  to: string;
}

/** The zone a text is read in, and the date it already is there. */
interface Zone {
  timeZone: string;
  today: string;
}

const DEFAULT_PERIOD = 'yesterday';

/** How much of an unknown text the problem sentence echoes back. */
const MAX_ECHO_CHARS = 40;

type NamedPeriod = 'today' | 'yesterday' | 'this week' | 'last week' | 'this month' | 'last month';

const NAMED_SPANS: Record<NamedPeriod, (today: string) => Span> = {
  today: (today) => ({ from: today, to: today }),
  yesterday: (today) => {
    const yesterday = shiftDays(today, -1);
    return { from: yesterday, to: yesterday };
  },
  'this week': (today) => ({ from: toIso(startOfISOWeek(toDay(today))), to: today }),
  'last week': (today) => {
    const monday = toIso(startOfISOWeek(toDay(today)));
    return { from: shiftDays(monday, -7), to: shiftDays(monday, -1) };
  },
  'this month': (today) => ({ from: toIso(startOfMonth(toDay(today))), to: today }),
  'last month': (today) => {
    const firstOfLastMonth = subMonths(startOfMonth(toDay(today)), 1);
    return { from: toIso(firstOfLastMonth), to: toIso(lastDayOfMonth(firstOfLastMonth)) };
  },
};

const NAMED_ALIASES: ReadonlyMap<string, NamedPeriod> = new Map<string, NamedPeriod>([
  ['today', 'today'],
  ['yesterday', 'yesterday'],
  ['this week', 'this week'],
  ['last week', 'last week'],
  ['this month', 'this month'],
  ['last month', 'last month'],
  ['今天', 'today'],
  ['今日', 'today'],
  ['昨天', 'yesterday'],
  ['昨日', 'yesterday'],
  ['本周', 'this week'],
  ['这周', 'this week'],
  ['上周', 'last week'],
  ['本月', 'this month'],
  ['这个月', 'this month'],
  ['上月', 'last month'],
  ['上个月', 'last month'],
]);

/** "last 7 days", "last 1 day", "past 30 days", "7d", "最近7天", "近7天". */
const DAY_COUNT_PATTERNS: readonly RegExp[] = [
  /^(?:last|past) ?(\d+) ?days?$/,
  /^(\d+) ?d$/,
  /^(?:最近|近|过去) ?(\d+) ?天$/,
];

const DATE = String.raw`(\d{4})[-/](\d{1,2})[-/](\d{1,2})`;
const SINGLE_DATE = new RegExp(`^${DATE}$`);
// `..` is the canonical separator; people also type "to", dashes, "~" or 至 between two dates.
const DATE_RANGE = new RegExp(`^${DATE} ?(?:\\.{2,3}|to|[–—~至-]) ?${DATE}$`);

/** Resolves what the user typed into a range of days in `opts.timeZone`. */
export function parsePeriod(text: string, opts: ParsePeriodOptions): PeriodResult {
  const zone: Zone = { timeZone: opts.timeZone, today: todayIn(opts.timeZone, opts.now) };
  let typed = collapseSpaces(text);
  if (typed === '') typed = collapseSpaces(opts.defaultPeriod ?? '') || DEFAULT_PERIOD;
  const outcome = resolve(collapseSpaces(normalize(typed)), typed, zone);
  if (!outcome.ok) return outcome;
  return { ok: true, range: { ...outcome.span, timeZone: opts.timeZone }, label: outcome.label };
}

type Outcome =
  | { ok: true; span: Span; label: string }
  | { ok: false; problem: Phrase; suggestion: string | null };

function resolve(words: string, typed: string, zone: Zone): Outcome {
  const named = NAMED_ALIASES.get(words);
  if (named) return { ok: true, span: NAMED_SPANS[named](zone.today), label: named };

  const dayCount = matchDayCount(words);
  if (dayCount !== null) return lastDays(dayCount, zone.today);

  const single = SINGLE_DATE.exec(words);
  if (single) return explicitDates(single.slice(1, 4), single.slice(1, 4), zone);

  const range = DATE_RANGE.exec(words);
  if (range) return explicitDates(range.slice(1, 4), range.slice(4, 7), zone);

  return unknownPeriod(words, typed);
}

function matchDayCount(words: string): string | null {
  for (const pattern of DAY_COUNT_PATTERNS) {
    const digits = pattern.exec(words)?.[1];
    if (digits !== undefined) return digits;
  }
  return null;
}

/** The N days ending yesterday: today is still running, so its numbers are incomplete. */
function lastDays(digits: string, today: string): Outcome {
  const days = Number(digits);
  if (days < 1 || days > MAX_RANGE_DAYS) {
    const asked = digits.replace(/^0+(?=\d)/, '');
    return {
      ok: false,
      problem: phrase('period.lookBack', { max: MAX_RANGE_DAYS, asked: echo(asked, 20) }),
      suggestion: days < 1 ? 'yesterday' : `last ${MAX_RANGE_DAYS} days`,
    };
  }
  return {
    ok: true,
    span: { from: shiftDays(today, -days), to: shiftDays(today, -1) },
    label: days === 1 ? 'last 1 day' : `last ${days} days`,
  };
}

type InvalidDate = { ok: false; problem: Phrase; closest: string | null };
type DateCheck = { ok: true; date: string } | InvalidDate;

function explicitDates(fromParts: string[], toParts: string[], zone: Zone): Outcome {
  const from = checkDate(fromParts);
  const to = checkDate(toParts);
  if (!from.ok || !to.ok) return invalidDates(from, to, zone.today);
  const span = { from: from.date, to: to.date };
  const problem = spanProblem(span, zone);
  if (problem) return { ok: false, problem, suggestion: spanText(repair(span, zone.today), zone.today) };
  return { ok: true, span, label: spanText(span) };
}

/** Names the first invalid date; suggests the span with an overlong day cut to the month's last day. */
function invalidDates(from: DateCheck, to: DateCheck, today: string): Outcome {
  const invalid = [from, to].find((check): check is InvalidDate => !check.ok);
  const closestFrom = from.ok ? from.date : from.closest;
  const closestTo = to.ok ? to.date : to.closest;
  const suggestion =
    closestFrom && closestTo ? spanText(repair({ from: closestFrom, to: closestTo }, today), today) : null;
  return { ok: false, problem: invalid?.problem ?? phrase('period.notADate'), suggestion };
}

function checkDate(parts: string[]): DateCheck {
  const [year = 0, month = 0, day = 0] = parts.map(Number);
  const typed = parts.join('-');
  if (month < 1 || month > 12) {
    return { ok: false, problem: phrase('period.badMonth', { typed }), closest: null };
  }
  if (day < 1) return { ok: false, problem: phrase('period.badDay', { typed }), closest: null };
  const daysInMonth = getDaysInMonth(dayFromParts(year, month, 1));
  if (day > daysInMonth) {
    return {
      ok: false,
      problem: phrase('period.monthLength', { typed, month, year, days: daysInMonth }),
      closest: isoFromParts(year, month, daysInMonth),
    };
  }
  return { ok: true, date: isoFromParts(year, month, day) };
}

function spanProblem(span: Span, zone: Zone): Phrase | null {
  if (span.from > span.to) return phrase('period.reversed', { from: span.from, to: span.to });
  if (span.to > zone.today)
    return phrase('period.future', { to: span.to, today: zone.today, zone: zone.timeZone });
  const days = spanDays(span);
  if (days > MAX_RANGE_DAYS) {
    return phrase('period.tooLong', { max: MAX_RANGE_DAYS, span: spanText(span), days });
  }
  return null;
}

/** The nearest span that parses: ends swapped, clipped to today, then cut to the last 90 days. */
function repair({ from, to }: Span, today: string): Span {
  let start = from <= to ? from : to;
  let end = from <= to ? to : from;
  if (start > today) start = today;
  if (end > today) end = today;
  if (spanDays({ from: start, to: end }) > MAX_RANGE_DAYS) start = shiftDays(end, 1 - MAX_RANGE_DAYS);
  return { from: start, to: end };
}

/** How a span is typed back: one date, or `from..to`; `today` when given and the span is just today. */
function spanText(span: Span, today?: string): string {
  if (span.from !== span.to) return `${span.from}..${span.to}`;
  return span.from === today ? 'today' : span.from;
}

function unknownPeriod(words: string, typed: string): Outcome {
  const echo = typed.length > MAX_ECHO_CHARS ? `${typed.slice(0, MAX_ECHO_CHARS - 1)}…` : typed;
  const suggestion = nearestForm(words);
  // Nothing close: list the forms instead of pretending the user meant "yesterday".
  const problem = suggestion
    ? phrase('period.unknown', { typed: echo })
    : phrase('period.unknownWithForms', { typed: echo, forms: phrase('period.forms') });
  return { ok: false, problem, suggestion };
}

/** The form a typo most likely meant, or null when nothing is close. */
function nearestForm(words: string): string | null {
  const candidates: string[] = [...NAMED_ALIASES.keys(), 'last 7 days', 'last 30 days'];
  const count = Number(/\d+/.exec(words)?.[0]);
  if (count >= 1 && count <= MAX_RANGE_DAYS) candidates.push(`last ${count} days`);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(words, candidate);
    // A third of the letters may be wrong: "yesterdy" → yesterday, but 前天 is not 今天.
    const tolerated = Math.floor(Math.max(words.length, candidate.length) / 3);
    if (d <= tolerated && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * 'Sat 21 Nov 2026', 'Mon 16 – Sun 22 Nov 2026'; zh '2026年11月21日 周六', '2026年11月16日 – 11月22日';
 * a range that ends at a time of day says so: 'Sat 21 Nov 2026 until 14:49' (zh '… 14:49 前').
 */
export function describeRange(range: DateRange, lang: Lang = 'en'): string {
  const days = remember(described, `${lang} ${range.from} ${range.to}`, () => describeDays(range, lang));
  if (range.until === undefined) return days;
  const time = range.until.slice(0, 5);
  return t(lang, 'period.until', { days, time });
}

function describeDays(range: DateRange, lang: Lang): string {
  const from = toDay(range.from);
  const to = toDay(range.to);
  if (range.from === range.to) return dateText(from, lang, 'day');
  const sameYear = from.getFullYear() === to.getFullYear();
  const sameMonth = sameYear && from.getMonth() === to.getMonth();
  const start = sameMonth ? 'spanStartSameMonth' : sameYear ? 'spanStartSameYear' : 'spanStartOtherYear';
  return `${dateText(from, lang, start)} – ${dateText(to, lang, sameYear ? 'spanEndSameYear' : 'spanEndOtherYear')}`;
}

const NAMED_KEYS = {
  today: 'periodName.today',
  yesterday: 'periodName.yesterday',
  'this week': 'periodName.thisWeek',
  'last week': 'periodName.lastWeek',
  'this month': 'periodName.thisMonth',
  'last month': 'periodName.lastMonth',
} as const satisfies Record<NamedPeriod, string>;

/** A period as typed (`yesterday`, `最近7天`, `last 7 days`) named in `lang`; dates and other forms as they are. */
export function periodName(text: string, lang: Lang): string {
  const words = collapseSpaces(normalize(text));
  const named = NAMED_ALIASES.get(words);
  if (named) return t(lang, NAMED_KEYS[named]);
  const days = matchDayCount(words);
  return days === null ? text : t(lang, 'periodName.lastDays', { count: Number(days) });
}

/**
 * A chart's axis label: the same format as describeRange without the year (the chart's subtitle
 * has it): 'Mon 30 Nov', '30 Nov – 6 Dec'; zh '11月30日 周一', '11月30日–12月6日'.
 */
export function chartDate(range: DateRange, lang: Lang = 'en'): string {
  const from = toDay(range.from);
  if (range.from === range.to) return dateText(from, lang, 'chartDay');
  const [start, end] = [from, toDay(range.to)].map((day) => dateText(day, lang, 'chartSpanEnd'));
  return `${start}${DATE_PATTERNS[lang].chartSpanJoin}${end}`;
}

/** The period as commands write it: `2026-11-21` or `2026-11-16..2026-11-22`. */
export function periodWords(range: DateRange): string {
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}

/** The span of the same length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const days = rangeDays(range);
  return { from: shiftDays(range.from, -days), to: shiftDays(range.from, -1), timeZone: range.timeZone };
}

/**
 * What a period is compared with. A calendar month with the calendar month before ("this month" to
 * the same day of it, cut to that month's end), this week so far with the same days of last week,
 * any other span with the span of the same length before. A period that includes now meets its comparison at the same time of day: today until
 * 14:49 against yesterday until 14:49, never a partial day against a whole one.
 */
export function comparisonRange(range: DateRange, now: number): DateRange {
  const today = todayIn(range.timeZone, now);
  const previous = monthBefore(range, today) ?? weekBefore(range, today) ?? previousRange(range);
  if (range.to < today) return previous;
  // To the minute, so answers within one minute share their cached comparison.
  return { ...previous, until: format(now, 'HH:mm:00', { in: tz(range.timeZone) }) };
}

/**
 * The same days of the week before, for a week (Monday on) up to today: "this week" so far. On a
 * Monday that is one day, compared with the day before like any day.
 */
function weekBefore(range: DateRange, today: string): DateRange | null {
  if (range.to !== today || range.from === range.to) return null;
  if (range.from !== toIso(startOfISOWeek(toDay(range.to)))) return null;
  return { from: shiftDays(range.from, -7), to: shiftDays(range.to, -7), timeZone: range.timeZone };
}

/** The calendar month before, for a range that is one calendar month or its first days up to today. */
function monthBefore(range: DateRange, today: string): DateRange | null {
  const from = toDay(range.from);
  const to = toDay(range.to);
  if (from.getDate() !== 1 || from.getMonth() !== to.getMonth() || from.getFullYear() !== to.getFullYear())
    return null;
  const wholeMonth = to.getDate() === getDaysInMonth(to);
  if (!wholeMonth && range.to !== today) return null;
  const first = subMonths(from, 1);
  const last = wholeMonth
    ? lastDayOfMonth(first)
    : addDays(first, Math.min(to.getDate(), getDaysInMonth(first)) - 1);
  return { from: toIso(first), to: toIso(last), timeZone: range.timeZone };
}

/** Inclusive count of calendar days. */
export function rangeDays(range: DateRange): number {
  return spanDays(range);
}

/** True once the range's last day is over in its own zone, so its numbers can no longer change. */
export function isClosed(range: DateRange, now: number): boolean {
  return range.to < todayIn(range.timeZone, now);
}

/** The calendar date (`yyyy-MM-dd`) in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: number): string {
  // An empty zone would make TZDate fall back to the server's own zone.
  if (timeZone.trim() === '') throw new RangeError('A time zone is required');
  // Zones' offsets are whole minutes, so the date only changes on one: asked many times an answer.
  return remember(todays, `${timeZone} ${Math.floor(now / 60_000)}`, () => {
    try {
      return format(now, 'yyyy-MM-dd', { in: tz(timeZone) });
    } catch (cause) {
      throw new RangeError(`Unknown time zone "${timeZone}"`, { cause });
    }
  });
}

// Every answer describes its periods and asks what day it is several times; a TZDate costs several
// time-zone look-ups per operation, which was the main thread's top cost under load. Both are pure
// functions of their key: kept in small maps, emptied when full.
const MEMORY_ENTRIES = 256;
const described = new Map<string, string>();
const todays = new Map<string, string>();

function remember(memory: Map<string, string>, key: string, compute: () => string): string {
  const known = memory.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (memory.size >= MEMORY_ENTRIES) memory.clear();
  memory.set(key, value);
  return value;
}

// Once "today in the zone" is known, the rest is arithmetic on calendar dates. Doing it on dates pinned to
// UTC midnight keeps DST out of it: a day is always 24 hours there, whatever the company's zone does.
// Shifting and counting days is plain arithmetic on day numbers: it runs for every answer (follow-up
// buttons, cache lifetimes), and a TZDate costs several time-zone look-ups per operation.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `yyyy-MM-dd` date. */
function dayNumber(iso: string): number {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

function isoOfDay(dayNo: number): string {
  const date = new Date(dayNo * DAY_MS);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** For date-fns' calendar functions and formatting: the day at midnight in UTC, whatever the server's zone. */
function toDay(iso: string): TZDate {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  return dayFromParts(year, month, day);
}

function dayFromParts(year: number, month: number, day: number): TZDate {
  const date = new TZDate(2000, 0, 1, 'UTC');
  // setFullYear, unlike the constructor, does not read years 0–99 as 1900–1999.
  date.setFullYear(year, month - 1, day);
  return date;
}

function isoFromParts(year: number, month: number, day: number): string {
  return toIso(dayFromParts(year, month, day));
}

function toIso(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** `yyyy-MM-dd` moved by whole calendar days. */
export function shiftDays(iso: string, days: number): string {
  return isoOfDay(dayNumber(iso) + days);
}

function spanDays(span: Span): number {
  return dayNumber(span.to) - dayNumber(span.from) + 1;
}

function collapseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Case and width folded: Slack users on CJK keyboards often send full-width digits ("最近７天"). */
function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
