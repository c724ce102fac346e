// Specs for the alert state machine: sequences of checks, ten minutes apart, with the events each
// check should produce worked out from the rule by hand; and a property over random sequences.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AlertEvent,
  type Comparison,
  type Observation,
  type ScopeState,
  step,
  type Trigger,
} from '../../src/alerts/state.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-11-23T01:00:00Z');
/** The time of the n-th check (0-based), ten minutes apart. */
const at = (n: number) => new Date(T0 + n * 10 * MINUTE);
const iso = (n: number) => at(n).toISOString();

/** Reply warnings above 20% for two checks; clears at 15%; reminders every 2 h. */
const WARNINGS: Trigger = {
  op: '>',
  threshold: 0.2,
  clear: 0.15,
  for: 2,
  minVolume: 20,
  repeatMs: 2 * HOUR,
  noData: 'keep',
};

/** Valid reception below 80% at the first check; clears at 85%. */
const RECEPTION: Trigger = { ...WARNINGS, op: '<', threshold: 0.8, clear: 0.85, for: 1 };

const v = (value: number, volume = 100): Observation => ({ kind: 'value', value, volume });
const NO_DATA: Observation = { kind: 'no_data' };

interface Check {
  obs: Observation;
  /** Muted until this check (exclusive): the mute ends at the check with this index. */
  mutedUntilCheck?: number;
}

/** Runs checks 0, 1, 2, … and returns the state after each and the events of each. */
function run(trigger: Trigger, checks: readonly (Observation | Check)[], start?: ScopeState) {
  let state = start;
  const states: (ScopeState | undefined)[] = [];
  const events: AlertEvent[][] = [];
  checks.forEach((item, n) => {
    const check = 'obs' in item ? item : { obs: item };
    const mutedUntil = check.mutedUntilCheck === undefined ? null : at(check.mutedUntilCheck);
    const result = step(trigger, state, check.obs, at(n), mutedUntil);
    state = result.next;
    states.push(state);
    events.push(result.events);
  });
  return { state, states, events, kinds: events.map((list) => list.map((e) => e.kind)) };
}

describe('step: pending and firing', () => {
  it('is pending after the first breaching check, with the run starting there', () => {
    const { state, kinds } = run(WARNINGS, [v(0.25)]);
    expect(kinds).toEqual([[]]);
    expect(state).toMatchObject({ status: 'pending', since: iso(0), breaches: 1, value: 0.25, peak: 0.25 });
  });

  it('fires at the `for`-th consecutive breaching check, stating the value and since when', () => {
    const { state, events } = run(WARNINGS, [v(0.25), v(0.22)]);
    expect(events).toEqual([[], [{ kind: 'fired', value: 0.22, since: iso(0), firedAt: iso(1) }]]);
    expect(state).toMatchObject({ status: 'firing', announced: true, firedAt: iso(1), peak: 0.25 });
  });

  it.each([
    [3, [[], [], ['fired']]],
    [1, [['fired'], [], []]],
    [0, [['fired'], [], []]],
  ])('with for: %i fires at the matching check', (count, expected) => {
    expect(run({ ...WARNINGS, for: count }, [v(0.3), v(0.3), v(0.3)]).kinds).toEqual(expected);
  });

  it('goes back to OK as soon as a pending scope does not breach, even within the clear band', () => {
    const { states } = run(WARNINGS, [v(0.25), v(0.17), v(0.25)]);
    expect(states[1]).toBeUndefined();
    expect(states[2]).toMatchObject({ status: 'pending', breaches: 1, since: iso(2) });
  });

  it('treats the threshold itself as breaching only for >= and <=', () => {
    const cases: [Comparison, number, boolean][] = [
      ['>', 0.2, false],
      ['>=', 0.2, true],
      ['<', 0.2, false],
      ['<=', 0.2, true],
    ];
    for (const [op, value, fires] of cases) {
      const { kinds } = run({ ...WARNINGS, op, clear: 0.2, for: 1 }, [v(value)]);
      expect(kinds, op).toEqual([fires ? ['fired'] : []]);
    }
  });
});

describe('step: hysteresis', () => {
  // Firing from check 0 (for: 1), then one more check with the value in the table.
  it.each([
    ['>', WARNINGS.threshold, WARNINGS.clear, 0.25, 0.2, 'firing'],
    ['>', WARNINGS.threshold, WARNINGS.clear, 0.25, 0.17, 'firing'],
    ['>', WARNINGS.threshold, WARNINGS.clear, 0.25, 0.15, 'resolved'],
    ['>', WARNINGS.threshold, WARNINGS.clear, 0.25, 0.1, 'resolved'],
    ['<', RECEPTION.threshold, RECEPTION.clear, 0.7, 0.8, 'firing'],
    ['<', RECEPTION.threshold, RECEPTION.clear, 0.7, 0.83, 'firing'],
    ['<', RECEPTION.threshold, RECEPTION.clear, 0.7, 0.85, 'resolved'],
    ['<', RECEPTION.threshold, RECEPTION.clear, 0.7, 0.9, 'resolved'],
  ] as const)(
    '%s %f clearing at %f: fired at %f, then %f is %s',
    (op, threshold, clear, first, then, outcome) => {
      const trigger: Trigger = { ...WARNINGS, op, threshold, clear, for: 1 };
      const { states, kinds } = run(trigger, [v(first), v(then)]);
      if (outcome === 'firing') {
        expect(states[1]?.status).toBe('firing');
        expect(kinds[1]).toEqual(['updated']);
      } else {
        expect(states[1]).toBeUndefined();
        expect(kinds[1]).toEqual(['resolved']);
      }
    },
  );

  it('with clear equal to the threshold resolves at the first value that does not breach', () => {
    const { kinds } = run({ ...WARNINGS, clear: 0.2, for: 1 }, [v(0.25), v(0.2)]);
    expect(kinds).toEqual([['fired'], ['resolved']]);
  });
});

describe('step: resolve', () => {
  it.each([
    ['>', WARNINGS, [0.21, 0.24, 0.31, 0.26, 0.18, 0.12]],
    ['<', RECEPTION, [0.79, 0.74, 0.71, 0.82, 0.9]],
  ] as const)('with %s reports how long it fired and the worst value seen', (op, trigger, values) => {
    const { events, states } = run(
      trigger,
      values.map((x) => v(x)),
    );
    const firedAt = events.findIndex((list) => list.some((e) => e.kind === 'fired'));
    const resolvedAt = events.length - 1;
    const known = values.slice(0, resolvedAt);
    const peak = op === '>' ? Math.max(...known) : Math.min(...known);
    expect(events[resolvedAt]).toEqual([
      {
        kind: 'resolved',
        durationMs: (resolvedAt - firedAt) * 10 * MINUTE,
        peak,
        value: values[resolvedAt],
      },
    ]);
    expect(states[resolvedAt]).toBeUndefined();
  });

  it('counts the peak from the first breaching check, not from firing', () => {
    const { events } = run(WARNINGS, [v(0.4), v(0.22), v(0.1)]);
    expect(events[2]).toEqual([{ kind: 'resolved', durationMs: 10 * MINUTE, peak: 0.4, value: 0.1 }]);
  });

  it('edits the message when the value moves within the episode, and not when it stays', () => {
    const { events } = run(WARNINGS, [v(0.25), v(0.25), v(0.25), v(0.26)]);
    expect(events.slice(1)).toEqual([
      [{ kind: 'fired', value: 0.25, since: iso(0), firedAt: iso(1) }],
      [],
      [{ kind: 'updated', value: 0.26, peak: 0.26 }],
    ]);
  });
});

describe('step: reminders', () => {
  it('reminds every repeatMs after the last notification, not before', () => {
    // Fires at check 0, then 26 more checks (4 h 20 min) at a steady value.
    const checks = Array.from({ length: 27 }, () => v(0.25));
    const { events } = run({ ...WARNINGS, for: 1 }, checks);
    const remindersAt = events.flatMap((list, n) => (list.some((e) => e.kind === 'reminder') ? [n] : []));
    const checksPerRepeat = (2 * HOUR) / (10 * MINUTE);
    expect(remindersAt).toEqual([checksPerRepeat, 2 * checksPerRepeat]);
    expect(events[checksPerRepeat]).toEqual([{ kind: 'reminder', value: 0.25, firingMs: 2 * HOUR }]);
    expect(events[2 * checksPerRepeat]).toEqual([{ kind: 'reminder', value: 0.25, firingMs: 4 * HOUR }]);
  });

  it('never reminds with repeatMs 0', () => {
    const checks = Array.from({ length: 40 }, () => v(0.25));
    const { kinds } = run({ ...WARNINGS, for: 1, repeatMs: 0 }, checks);
    expect(kinds.flat()).toEqual(['fired']);
  });

  it('reminds within the clear band too: the alert is still firing', () => {
    const checks = [v(0.25), ...Array.from({ length: 12 }, () => v(0.17))];
    const { events } = run({ ...WARNINGS, for: 1 }, checks);
    expect(events[12]).toEqual([{ kind: 'reminder', value: 0.17, firingMs: 2 * HOUR }]);
  });
});

describe('step: worsening', () => {
  // Threshold 0.20: a step is 10% of it, 0.02 further beyond the last reported value.
  it('replies when the value is a step further out than the last reported one', () => {
    const { events } = run({ ...WARNINGS, for: 1 }, [v(0.21), v(0.22), v(0.23), v(0.24), v(0.25)]);
    expect(events).toEqual([
      [{ kind: 'fired', value: 0.21, since: iso(0), firedAt: iso(0) }],
      [{ kind: 'updated', value: 0.22, peak: 0.22 }],
      [
        { kind: 'updated', value: 0.23, peak: 0.23 },
        { kind: 'worsened', from: 0.21, to: 0.23 },
      ],
      [{ kind: 'updated', value: 0.24, peak: 0.24 }],
      [
        { kind: 'updated', value: 0.25, peak: 0.25 },
        { kind: 'worsened', from: 0.23, to: 0.25 },
      ],
    ]);
  });

  it('counts a step that is exact in decimals though not in floating point (0.22 → 0.24)', () => {
    const { kinds } = run({ ...WARNINGS, for: 1 }, [v(0.22), v(0.24)]);
    expect(kinds[1]).toEqual(['updated', 'worsened']);
  });

  it('works downwards for < rules (threshold 0.80: steps of 0.08)', () => {
    const { kinds, events } = run(RECEPTION, [v(0.79), v(0.72), v(0.71)]);
    expect(kinds).toEqual([['fired'], ['updated'], ['updated', 'worsened']]);
    expect(events[2]?.[1]).toEqual({ kind: 'worsened', from: 0.79, to: 0.71 });
  });

  it('never calls an improvement worse', () => {
    const { kinds } = run({ ...WARNINGS, for: 1 }, [v(0.4), v(0.3), v(0.21)]);
    expect(kinds.flat()).not.toContain('worsened');
  });

  it('sends one thread reply per check: a worsening restarts the reminder interval', () => {
    // Fired at 0; worse at check 12 (2 h), when a reminder would also be due.
    const checks = [v(0.21), ...Array.from({ length: 11 }, () => v(0.21)), v(0.3), ...Array(12).fill(v(0.3))];
    const { kinds } = run({ ...WARNINGS, for: 1 }, checks);
    expect(kinds[12]).toEqual(['updated', 'worsened']);
    expect(kinds.slice(13, 24).flat()).toEqual([]);
    expect(kinds[24]).toEqual(['reminder']);
  });
});

describe('step: mute', () => {
  it('fires silently while muted and announces late at the first check after the mute', () => {
    const checks: Check[] = [
      { obs: v(0.25), mutedUntilCheck: 3 },
      { obs: v(0.26), mutedUntilCheck: 3 },
      { obs: v(0.27), mutedUntilCheck: 3 },
      { obs: v(0.28), mutedUntilCheck: 3 },
    ];
    const { events, states } = run(WARNINGS, checks);
    expect(events.slice(0, 3).flat()).toEqual([]);
    expect(states[2]).toMatchObject({ status: 'firing', announced: false, firedAt: iso(1) });
    expect(events[3]).toEqual([{ kind: 'fired', value: 0.28, since: iso(0), firedAt: iso(1) }]);
  });

  it('sends nothing for an episode that resolves before it was announced', () => {
    const checks: Check[] = [
      { obs: v(0.25), mutedUntilCheck: 9 },
      { obs: v(0.26), mutedUntilCheck: 9 },
      { obs: v(0.1), mutedUntilCheck: 9 },
    ];
    const { events, state } = run(WARNINGS, checks);
    expect(events.flat()).toEqual([]);
    expect(state).toBeUndefined();
  });

  it('keeps editing an announced message while muted, but sends no worsening or reminder', () => {
    // Fired at check 0 unmuted; muted from check 1 for the next 3 h.
    const muted = (value: number): Check => ({ obs: v(value), mutedUntilCheck: 19 });
    const checks: Check[] = [{ obs: v(0.21) }, muted(0.3), ...Array.from({ length: 15 }, () => muted(0.3))];
    const { kinds } = run({ ...WARNINGS, for: 1 }, checks);
    expect(kinds[1]).toEqual(['updated']);
    expect(kinds.slice(2).flat()).toEqual([]);
  });

  it('resolves an announced alert while muted (an edit notifies no one)', () => {
    const checks: Check[] = [{ obs: v(0.25) }, { obs: v(0.1), mutedUntilCheck: 5 }];
    expect(run({ ...WARNINGS, for: 1 }, checks).kinds).toEqual([['fired'], ['resolved']]);
  });

  it('reports a worsening held back by the mute once the mute is over', () => {
    const checks: Check[] = [{ obs: v(0.21) }, { obs: v(0.3), mutedUntilCheck: 2 }, { obs: v(0.3) }];
    const { events } = run({ ...WARNINGS, for: 1 }, checks);
    expect(events[2]).toEqual([{ kind: 'worsened', from: 0.21, to: 0.3 }]);
  });

  it('is over at its end time exactly', () => {
    const { kinds } = run({ ...WARNINGS, for: 1 }, [{ obs: v(0.25), mutedUntilCheck: 0 }]);
    expect(kinds).toEqual([['fired']]);
  });
});

describe('step: minimum volume', () => {
  it('sends a pending scope with too few chats back to OK', () => {
    const { states } = run(WARNINGS, [v(0.25), v(0.5, 19)]);
    expect(states[1]).toBeUndefined();
  });

  it('leaves a firing scope with too few chats exactly as it was', () => {
    const { states, kinds } = run(WARNINGS, [v(0.25), v(0.25), v(0.01, 5), v(0.9, 5)]);
    expect(states[2]).toEqual(states[1]);
    expect(states[3]).toEqual(states[1]);
    expect(kinds.slice(2)).toEqual([[], []]);
  });

  it('does not start a run on too few chats, and judges exactly minVolume chats', () => {
    expect(run({ ...WARNINGS, for: 1 }, [v(0.5, 19)]).kinds).toEqual([[]]);
    expect(run({ ...WARNINGS, for: 1 }, [v(0.5, 20)]).kinds).toEqual([['fired']]);
  });
});

describe('step: no data', () => {
  it('keep: changes nothing, and the pending count does not advance', () => {
    const trigger: Trigger = { ...WARNINGS, noData: 'keep' };
    const { states, kinds } = run(trigger, [v(0.25), NO_DATA, NO_DATA, v(0.25)]);
    expect(states[2]).toEqual(states[0]);
    expect(kinds).toEqual([[], [], [], ['fired']]);
  });

  it('keep: a firing alert stays firing without events', () => {
    const { states, kinds } = run({ ...WARNINGS, for: 1 }, [v(0.25), NO_DATA]);
    expect(states[1]).toEqual(states[0]);
    expect(kinds[1]).toEqual([]);
  });

  it('ok: counts as cleared, with the last known value', () => {
    const trigger: Trigger = { ...WARNINGS, noData: 'ok' };
    expect(run(trigger, [v(0.25), NO_DATA]).states[1]).toBeUndefined();
    const { events } = run(trigger, [v(0.3), v(0.25), NO_DATA]);
    expect(events[2]).toEqual([{ kind: 'resolved', durationMs: 10 * MINUTE, peak: 0.3, value: 0.25 }]);
  });

  it('alert: counts as breaching with an unknown value, keeping the last value and peak', () => {
    const trigger: Trigger = { ...WARNINGS, noData: 'alert' };
    const { events, states } = run(trigger, [v(0.3), NO_DATA, NO_DATA]);
    expect(events[1]).toEqual([{ kind: 'fired', value: 0.3, since: iso(0), firedAt: iso(1) }]);
    expect(events[2]).toEqual([]);
    expect(states[2]).toMatchObject({ status: 'firing', value: 0.3, peak: 0.3 });
  });

  it('alert: fires on no data alone, with no value to show', () => {
    const trigger: Trigger = { ...WARNINGS, noData: 'alert' };
    const { events, states } = run(trigger, [NO_DATA, NO_DATA, v(0.25), v(0.1)]);
    expect(events[1]).toEqual([{ kind: 'fired', value: null, since: iso(0), firedAt: iso(1) }]);
    expect(events[2]).toEqual([{ kind: 'updated', value: 0.25, peak: 0.25 }]);
    expect(states[2]).toMatchObject({ reported: 0.25 });
    expect(events[3]).toEqual([{ kind: 'resolved', durationMs: 20 * MINUTE, peak: 0.25, value: 0.1 }]);
  });
});

describe('step: stored state', () => {
  it('survives a JSON round trip between checks', () => {
    const checks = [v(0.25), v(0.3), v(0.17), v(0.35), v(0.1)];
    const direct = run(WARNINGS, checks);
    let state: ScopeState | undefined;
    const events: AlertEvent[][] = [];
    checks.forEach((obs, n) => {
      const result = step(WARNINGS, state, obs, at(n), null);
      state = result.next === undefined ? undefined : JSON.parse(JSON.stringify(result.next));
      expect(state).toEqual(result.next);
      events.push(result.events);
    });
    expect(events).toEqual(direct.events);
  });
});

describe('step: episodes (property)', () => {
  const comparison = fc.constantFrom<Comparison>('>', '>=', '<', '<=');
  const trigger = fc
    .record({
      op: comparison,
      threshold: fc.integer({ min: 0, max: 10 }),
      band: fc.integer({ min: 0, max: 3 }),
      for: fc.integer({ min: 0, max: 3 }),
      minVolume: fc.integer({ min: 0, max: 3 }),
      repeatMs: fc.constantFrom(0, 10 * MINUTE, 30 * MINUTE),
      noData: fc.constantFrom<Trigger['noData']>('keep', 'ok', 'alert'),
    })
    .map(({ band, ...t }): Trigger => {
      const clear = t.op === '>' || t.op === '>=' ? t.threshold - band : t.threshold + band;
      return { ...t, clear };
    });
  const observation: fc.Arbitrary<Observation> = fc.oneof(
    fc.record({
      kind: fc.constant('value' as const),
      value: fc.integer({ min: -2, max: 14 }),
      volume: fc.integer({ min: 0, max: 5 }),
    }),
    fc.constant(NO_DATA),
  );
  const check = fc.record({
    obs: observation,
    gapMin: fc.integer({ min: 1, max: 40 }),
    muteMin: fc.option(fc.integer({ min: -20, max: 60 })),
  });

  it('never resolves or follows up an episode it did not announce, and announces each at most once', () => {
    fc.assert(
      fc.property(trigger, fc.array(check, { maxLength: 60 }), (rule, checks) => {
        let state: ScopeState | undefined;
        let now = T0;
        let fired = 0;
        for (const { obs, gapMin, muteMin } of checks) {
          now += gapMin * MINUTE;
          const mutedUntil = muteMin === null ? null : new Date(now + muteMin * MINUTE);
          const result = step(rule, state, obs, new Date(now), mutedUntil);
          for (const event of result.events) {
            if (event.kind === 'fired') fired += 1;
            else expect(fired, event.kind).toBe(1);
          }
          expect(fired).toBeLessThanOrEqual(1);
          if (state !== undefined && result.next === undefined) fired = 0;
          state = result.next === undefined ? undefined : JSON.parse(JSON.stringify(result.next));
        }
      }),
      { numRuns: 500 },
    );
  });
});
