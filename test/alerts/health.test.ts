// Specs for a rule's evaluation health: one "cannot evaluate" notice after repeated failures, one
// recovery notice, and silence for failures that recover first.

import { describe, expect, it } from 'vitest';
import { type HealthOutcome, type RuleHealth, stepHealth } from '../../src/alerts/health.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T01:00:00Z');
const at = (n: number) => new Date(T0 + n * 10 * MINUTE);

const OK: HealthOutcome = { ok: true };
const fail = (reason: string): HealthOutcome => ({ ok: false, reason });

/** Runs outcomes at checks 0, 1, 2, … ten minutes apart; the events of each check. */
function run(outcomes: readonly HealthOutcome[], failuresBeforeNotice?: number) {
  let health: RuleHealth | undefined;
  const events = outcomes.map((outcome, n) => {
    const result = stepHealth(health, outcome, at(n), failuresBeforeNotice);
    health = result.next;
    return result.events;
  });
  return { health, events };
}

describe('stepHealth', () => {
  it('says "cannot evaluate" once, at the third failure in a row, since the first', () => {
    const { events } = run([fail('timeout'), fail('timeout'), fail('HTTP 502'), fail('timeout'), fail('x')]);
    expect(events).toEqual([
      [],
      [],
      [{ kind: 'cannot_evaluate', reason: 'HTTP 502', since: at(0).toISOString() }],
      [],
      [],
    ]);
  });

  it('says "recovered" once at the first success after a notice, down since the first failure', () => {
    const { events, health } = run([OK, fail('a'), fail('b'), fail('c'), fail('d'), OK, OK]);
    expect(events.slice(5)).toEqual([[{ kind: 'recovered', downMs: 4 * 10 * MINUTE }], []]);
    expect(health).toBeUndefined();
  });

  it('sends nothing for failures that recover before the notice, and counts afresh after', () => {
    const { events } = run([fail('a'), fail('b'), OK, fail('c'), fail('d'), fail('e')]);
    expect(events.slice(0, 5).flat()).toEqual([]);
    expect(events[5]).toEqual([{ kind: 'cannot_evaluate', reason: 'e', since: at(3).toISOString() }]);
  });

  it.each([
    [1, 0],
    [2, 1],
    [5, 4],
  ])('with failuresBeforeNotice %i notices at check %i', (count, noticeAt) => {
    const { events } = run(
      Array.from({ length: 6 }, () => fail('down')),
      count,
    );
    const noticed = events.flatMap((list, n) => (list.length > 0 ? [n] : []));
    expect(noticed).toEqual([noticeAt]);
  });

  it('keeps a JSON-serialisable state while failing', () => {
    const { health } = run([fail('a'), fail('b')]);
    expect(JSON.parse(JSON.stringify(health))).toEqual({
      failures: 2,
      since: at(0).toISOString(),
      noticed: false,
    });
  });
});
