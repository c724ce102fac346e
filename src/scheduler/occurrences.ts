// When a cron schedule falls due, read in a time zone's wall clock. Each occurrence is keyed by
// its local wall time, so a time that happens twice when clocks go back counts once, and a time
// skipped when clocks go forward still happens, at the first instant after the gap (as cron does).

import { tzOffset } from '@date-fns/tz';
import { createTask, parse, type ScheduledTask } from 'node-cron';

export interface Occurrence {
  /** The local wall time it is scheduled for, `yyyy-MM-ddTHH:mm`: the key of its delivery. */
  wall: string;
  /** The instant it falls due, in epoch milliseconds. */
  at: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Matcher {
  task: ScheduledTask;
  minutes: Set<number>;
  hours: Set<number>;
}
const matchers = new Map<string, Matcher>();

/** node-cron's own matcher for the pattern, read on wall times written as UTC instants. */
function matcherOf(pattern: string): Matcher {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    const task = createTask(pattern, () => undefined, { timezone: 'UTC' });
    void task.destroy();
    const fields = parse(pattern);
    matcher = { task, minutes: new Set(fields.minute), hours: new Set(fields.hour) };
    matchers.set(pattern, matcher);
  }
  return matcher;
}

/** The zone's offset at `at` in ms; an hour's offset is looked up twice, not sixty times. */
function offsetReader(timeZone: string): (at: number) => number {
  const hours = new Map<number, number | null>();
  const exact = (at: number) => tzOffset(timeZone, new Date(at)) * MINUTE;
  return (at) => {
    const hour = Math.floor(at / HOUR) * HOUR;
    let offset = hours.get(hour);
    if (offset === undefined) {
      const start = exact(hour);
      offset = start === exact(hour + HOUR - MINUTE) ? start : null;
      hours.set(hour, offset);
    }
    return offset ?? exact(at);
  };
}

const wallKey = (wall: number) => new Date(wall).toISOString().slice(0, 16);

function matches(matcher: Matcher, wall: number): boolean {
  const date = new Date(wall);
  return (
    matcher.minutes.has(date.getUTCMinutes()) &&
    matcher.hours.has(date.getUTCHours()) &&
    matcher.task.match(date)
  );
}

/** Occurrences in (fromMs, toMs], oldest first. */
export function occurrencesBetween(
  pattern: string,
  timeZone: string,
  fromMs: number,
  toMs: number,
): Occurrence[] {
  const matcher = matcherOf(pattern);
  const offsetAt = offsetReader(timeZone);
  const found = new Map<string, Occurrence>();
  for (let at = Math.floor(fromMs / MINUTE) * MINUTE + MINUTE; at <= toMs; at += MINUTE) {
    const wall = at + offsetAt(at);
    const before = at - MINUTE + offsetAt(at - MINUTE);
    // After a jump forward, the skipped wall minutes fall due now; otherwise just this minute.
    const first = wall - before > MINUTE ? before + MINUTE : wall;
    for (let w = first; w <= wall; w += MINUTE) {
      const key = wallKey(w);
      if (!found.has(key) && matches(matcher, w)) found.set(key, { wall: key, at });
    }
  }
  return [...found.values()];
}

/** The most recent occurrence in the last `windowMs` up to `now`, or null. */
export function latestOccurrence(
  pattern: string,
  timeZone: string,
  now: number,
  windowMs: number,
): Occurrence | null {
  return occurrencesBetween(pattern, timeZone, now - windowMs, now).at(-1) ?? null;
}

/** The next occurrence after `now` within `horizonMs` (default 35 days), or null. */
export function nextOccurrence(
  pattern: string,
  timeZone: string,
  now: number,
  horizonMs = 35 * 24 * 60 * MINUTE,
): Occurrence | null {
  // Scan a day at a time so a daily schedule costs one day's minutes, not the whole horizon.
  for (let from = now; from < now + horizonMs; from += 24 * 60 * MINUTE) {
    const next = occurrencesBetween(
      pattern,
      timeZone,
      from,
      Math.min(from + 24 * 60 * MINUTE, now + horizonMs),
    )[0];
    if (next) return next;
  }
  return null;
}

/** The latest occurrence at or before `now` within `horizonMs` (default 8 days), or null. */
export function previousOccurrence(
  pattern: string,
  timeZone: string,
  now: number,
  horizonMs = 8 * 24 * 60 * MINUTE,
): Occurrence | null {
  // Back a day at a time: a daily schedule finds its last run in the first day scanned.
  for (let to = now; to > now - horizonMs; to -= 24 * 60 * MINUTE) {
    const from = Math.max(to - 24 * 60 * MINUTE, now - horizonMs);
    const last = occurrencesBetween(pattern, timeZone, from, to).at(-1);
    if (last) return last;
  }
  return null;
}
