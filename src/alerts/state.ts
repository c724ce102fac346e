// The alert state machine of one rule and one scope: OK → Pending → Firing → Resolved → OK, one
// step per check. Pure: the observation, the time and the mute come in; the next state and the
// events that Slack should see come out. Which message each event becomes is reports/alert.ts's job.

export type Comparison = '>' | '>=' | '<' | '<=';

export interface Trigger {
  op: Comparison;
  /** Breaching: `value op threshold`. */
  threshold: number;
  /** Hysteresis: a firing alert clears only when NOT `value op clear` (config sets it = threshold by default). */
  clear: number;
  /** Consecutive breaching checks before firing (0 or 1 = at the first). */
  for: number;
  /** Scopes with fewer chats than this in the period are not judged. */
  minVolume: number;
  /** Reminder interval while firing; 0 = never. */
  repeatMs: number;
  /** What a check without a value counts as: nothing (keep), cleared (ok) or breaching (alert). */
  noData: 'keep' | 'ok' | 'alert';
}

export type Observation =
  /** `volume`: chats of that scope in the period. */
  | { kind: 'value'; value: number; volume: number }
  /** Sobot gave no value for the KPI, or the scope is absent. */
  | { kind: 'no_data' };

/** A scope that is Pending or Firing; OK is no state at all. JSON-serialisable: times are ISO strings. */
export interface ScopeState {
  status: 'pending' | 'firing';
  /** The first breaching check of this run. */
  since: string;
  /** Consecutive breaching checks so far (it stops counting once Firing). */
  breaches: number;
  /** When it became Firing (also when that was while muted); null while Pending. */
  firedAt: string | null;
  /** The latest known value; null when only no-data checks (policy `alert`) have counted so far. */
  value: number | null;
  /** The worst known value since `since`, worst in the direction of `op`. */
  peak: number | null;
  /** The value the last notifying message (fired or worsened) stated; `worsened` compares against it. */
  reported: number | null;
  /** When the last notifying message (fired, worsened, reminder) went out; reminders count from it. */
  lastNotifiedAt: string | null;
  /** Whether the episode message was posted. An alert that fires while muted is Firing but not announced. */
  announced: boolean;
}

export type AlertEvent =
  /** Post the episode message. */
  | { kind: 'fired'; value: number | null; since: string; firedAt: string }
  /** The value changed while firing: edit the message in place (notifies no one). */
  | { kind: 'updated'; value: number | null; peak: number | null }
  /** Thread reply: the value moved at least WORSENING_STEP × |threshold| further beyond the last reported one. */
  | { kind: 'worsened'; from: number; to: number }
  /** Thread reply: still firing, `firingMs` after it fired. */
  | { kind: 'reminder'; value: number | null; firingMs: number }
  /** Edit the message to resolved; `durationMs` runs from firedAt to now. */
  | { kind: 'resolved'; durationMs: number; peak: number | null; value: number | null };

/**
 * How much further beyond the last reported value a firing alert must move before a `worsened`
 * reply, as a share of |threshold| (0.10: at threshold 20%, 2 points). With threshold 0 any move
 * further out counts.
 */
export const WORSENING_STEP = 0.1;

/** Whether `value op limit`. */
export function beyond(op: Comparison, value: number, limit: number): boolean {
  switch (op) {
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
  }
}

/** +1 when larger values are worse (> and >=), -1 when smaller ones are. */
const badDirection = (op: Comparison) => (op === '>' || op === '>=' ? 1 : -1);

/** The worse of two values in the direction of `op`; a missing one loses. */
export function worseOf(op: Comparison, a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return badDirection(op) * (b - a) > 0 ? b : a;
}

/** What a check says about the scope, once the volume and no-data policies are applied. */
type Verdict =
  /** No data with policy `keep`: nothing changes. */
  | { kind: 'keep' }
  /** Too few chats to judge: a pending run ends, a firing alert stays as it is. */
  | { kind: 'unjudged' }
  /** Breaching; `value` null when no data counts as breaching. */
  | { kind: 'breach'; value: number | null }
  /** Not breaching; `cleared` says whether it is out of the hysteresis band too. */
  | { kind: 'calm'; value: number | null; cleared: boolean };

function judge(trigger: Trigger, obs: Observation): Verdict {
  if (obs.kind === 'no_data') {
    if (trigger.noData === 'keep') return { kind: 'keep' };
    return trigger.noData === 'alert'
      ? { kind: 'breach', value: null }
      : { kind: 'calm', value: null, cleared: true };
  }
  if (obs.volume < trigger.minVolume) return { kind: 'unjudged' };
  if (beyond(trigger.op, obs.value, trigger.threshold)) return { kind: 'breach', value: obs.value };
  // A value that does not breach but is still beyond `clear` keeps a firing alert firing.
  return { kind: 'calm', value: obs.value, cleared: !beyond(trigger.op, obs.value, trigger.clear) };
}

/**
 * One check of one scope.
 *
 * - Breaching is `value op threshold`; a firing alert clears when NOT `value op clear` (with `>`,
 *   threshold 0.20 and clear 0.15: 0.17 keeps it firing, 0.15 clears it). A pending alert goes back
 *   to OK at the first check that does not breach.
 * - Volume below `minVolume`: not judged. Pending goes back to OK; Firing stays as it is, no events.
 * - No data: `keep` changes nothing (the pending count does not advance); `ok` counts as cleared;
 *   `alert` counts as breaching with an unknown value (the last value and peak stay).
 * - Pending counts consecutive breaching checks and fires at `for` (0 or 1: at the first).
 * - Events: `fired` (post), `updated` (value changed while firing: edit), `worsened` (thread reply
 *   when the value is WORSENING_STEP × |threshold| further out than the last reported one),
 *   `reminder` (thread reply every `repeatMs` after the last notification), `resolved` (edit).
 *   At most one thread reply per check: `worsened` wins over `reminder` and restarts its interval.
 * - Mute (`mutedUntil > now`) suppresses `fired`, `worsened` and `reminder`; `updated` and
 *   `resolved` only edit a message that exists, so they go on. An alert that fires while muted is
 *   Firing but not announced: the first judged check after the mute that still finds it firing
 *   emits `fired`. An episode that was never announced resolves without any event.
 */
export function step(
  trigger: Trigger,
  prev: ScopeState | undefined,
  obs: Observation,
  now: Date,
  mutedUntil: Date | null,
): { next: ScopeState | undefined; events: AlertEvent[] } {
  const verdict = judge(trigger, obs);
  const nowIso = now.toISOString();
  const muted = mutedUntil !== null && mutedUntil.getTime() > now.getTime();

  if (verdict.kind === 'keep') return { next: prev, events: [] };
  if (verdict.kind === 'unjudged') return { next: prev?.status === 'firing' ? prev : undefined, events: [] };

  if (verdict.kind === 'calm' && (prev?.status !== 'firing' || verdict.cleared)) {
    if (prev?.status !== 'firing' || !prev.announced) return { next: undefined, events: [] };
    const firedAt = Date.parse(prev.firedAt ?? prev.since);
    const value = verdict.value ?? prev.value;
    return {
      next: undefined,
      events: [{ kind: 'resolved', durationMs: now.getTime() - firedAt, peak: prev.peak, value }],
    };
  }

  // Breaching, or firing within the hysteresis band.
  const base: ScopeState = prev ?? {
    status: 'pending',
    since: nowIso,
    breaches: 0,
    firedAt: null,
    value: null,
    peak: null,
    reported: null,
    lastNotifiedAt: null,
    announced: false,
  };
  const value = verdict.value ?? base.value;
  const next: ScopeState = { ...base, value, peak: worseOf(trigger.op, base.peak, verdict.value) };

  if (next.status === 'pending') {
    next.breaches += 1;
    if (next.breaches < Math.max(1, trigger.for)) return { next, events: [] };
    next.status = 'firing';
    next.firedAt = nowIso;
  }

  const events: AlertEvent[] = [];
  if (!next.announced) {
    if (!muted) {
      Object.assign(next, { announced: true, reported: value, lastNotifiedAt: nowIso });
      events.push({ kind: 'fired', value, since: next.since, firedAt: next.firedAt ?? nowIso });
    }
    return { next, events };
  }

  if (value !== base.value) events.push({ kind: 'updated', value, peak: next.peak });
  if (muted) return { next, events };

  if (value !== null && next.reported === null) {
    // Fired on no data: the first known value is the reference for worsening.
    next.reported = value;
  } else if (value !== null && next.reported !== null && worsened(trigger, next.reported, value)) {
    events.push({ kind: 'worsened', from: next.reported, to: value });
    next.reported = value;
    next.lastNotifiedAt = nowIso;
    return { next, events };
  }

  const lastNotified = Date.parse(next.lastNotifiedAt ?? nowIso);
  if (trigger.repeatMs > 0 && now.getTime() - lastNotified >= trigger.repeatMs) {
    const firedAt = Date.parse(next.firedAt ?? next.since);
    events.push({ kind: 'reminder', value, firingMs: now.getTime() - firedAt });
    next.lastNotifiedAt = nowIso;
  }
  return { next, events };
}

/** `to` is beyond the threshold and at least one step further out than `from`. */
function worsened(trigger: Trigger, from: number, to: number): boolean {
  const further = badDirection(trigger.op) * (to - from);
  // 0.24 - 0.22 is 0.01999…98 in floating point: a step that is exact in decimals must count.
  const rounding = 1e-9 * Math.max(Math.abs(from), Math.abs(to), Math.abs(trigger.threshold));
  return (
    beyond(trigger.op, to, trigger.threshold) &&
    further > 0 &&
    further + rounding >= WORSENING_STEP * Math.abs(trigger.threshold)
  );
}
