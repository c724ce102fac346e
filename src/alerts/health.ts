// Whether a rule can be evaluated at all. Sobot failing is neither OK nor bad for the alert itself:
// after a few failures in a row the rule's channel hears "cannot evaluate" once, and once when it recovers.

/** A rule whose evaluations are failing; a healthy rule has no state. JSON-serialisable. */
export interface RuleHealth {
  /** Failed evaluations in a row. */
  failures: number;
  /** The first failure of the run (ISO). */
  since: string;
  /** Whether the `cannot_evaluate` notice went out for this run. */
  noticed: boolean;
}

export type HealthOutcome = { ok: true } | { ok: false; reason: string };

export type HealthEvent =
  | { kind: 'cannot_evaluate'; reason: string; since: string }
  | { kind: 'recovered'; downMs: number };

/**
 * One evaluation's outcome. One `cannot_evaluate` at the `failuresBeforeNotice`-th failure in a
 * row (not again while it keeps failing); one `recovered` (down since the first failure) at the
 * first success after a notice. Failures that recover before the notice send nothing.
 */
export function stepHealth(
  prev: RuleHealth | undefined,
  outcome: HealthOutcome,
  now: Date,
  failuresBeforeNotice = 3,
): { next: RuleHealth | undefined; events: HealthEvent[] } {
  if (outcome.ok) {
    if (!prev?.noticed) return { next: undefined, events: [] };
    return {
      next: undefined,
      events: [{ kind: 'recovered', downMs: now.getTime() - Date.parse(prev.since) }],
    };
  }
  const next: RuleHealth = {
    failures: (prev?.failures ?? 0) + 1,
    since: prev?.since ?? now.toISOString(),
    noticed: prev?.noticed ?? false,
  };
  if (next.noticed || next.failures < failuresBeforeNotice) return { next, events: [] };
  next.noticed = true;
  return { next, events: [{ kind: 'cannot_evaluate', reason: outcome.reason, since: next.since }] };
}
