// Specs for one check of a rule (advanceRule): a table of stored records and what the check read, with
// the effects and the next record worked out by hand from the rule. No store, no Slack, no clock.

import { describe, expect, it } from 'vitest';
import {
  advanceRule,
  type CheckOutcome,
  episodePosted,
  type RuleEffect,
  type RuleRecord,
  type ScopeReading,
} from '../../src/alerts/advance.ts';
import type { ScopeState } from '../../src/alerts/state.ts';
import type { AlertRule } from '../../src/config-file.ts';

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-23T06:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const TODAY = '2026-11-23';

/** Reply warnings above 20% at the first check, clear under 15%, reminders every 2 h, 20 chats at least. */
const RULE: AlertRule = {
  name: 'warnings-high',
  kpi: 'response_warn_rate',
  scope: { kind: 'overall' },
  op: '>',
  threshold: 0.2,
  clear: 0.15,
  period: 'today',
  check: '*/10 * * * *',
  timeZone: 'Asia/Shanghai',
  for: 1,
  minVolume: 20,
  channel: 'C0ALERTS',
  mention: null,
  repeatMs: 120 * MINUTE,
  noData: 'keep',
  source: 'file',
};
const EACH_AGENT: AlertRule = { ...RULE, name: 'agents-warnings', scope: { kind: 'each-agent' } };

const POSTED = { channel: 'C0ALERTS', ts: '1763877000.000100' };

const read = (readings: ScopeReading[], from = TODAY): CheckOutcome => ({
  ok: true,
  readings: { range: { from, to: from, timeZone: 'Asia/Shanghai' }, readings, ratingScale: null },
});
const overall = (value: number | null, volume = 100): ScopeReading => ({
  id: 'overall',
  name: 'overall',
  value,
  volume,
});
const failed: CheckOutcome = { ok: false, reason: 'Sobot did not answer' };

/** Firing since 20 minutes ago at `value`, announced (its message posted) 20 minutes ago. */
const firing = (value: number, extra: Partial<ScopeState> = {}): ScopeState => ({
  status: 'firing',
  since: iso(NOW - 20 * MINUTE),
  breaches: 1,
  firedAt: iso(NOW - 20 * MINUTE),
  value,
  peak: value,
  reported: value,
  lastNotifiedAt: iso(NOW - 20 * MINUTE),
  announced: true,
  ...extra,
});

const EMPTY: RuleRecord = { period: TODAY, scopes: {}, mute: null, episode: null };
const firingRecord = (value: number): RuleRecord => ({
  period: TODAY,
  scopes: {
    overall: {
      name: 'overall',
      state: firing(value),
      history: [{ at: iso(NOW - 20 * MINUTE), value }],
      volume: 100,
    },
  },
  mute: null,
  episode: { id: 'ep-old', posted: POSTED, scopeIds: ['overall'] },
});

const kinds = (effects: RuleEffect[]) => effects.map((effect) => effect.kind);

interface Case {
  name: string;
  rule?: AlertRule;
  stored: RuleRecord;
  outcome: CheckOutcome;
  effects: RuleEffect['kind'][];
  /** What the next record must show. */
  shows: (record: RuleRecord, effects: RuleEffect[]) => void;
}

const CASES: Case[] = [
  {
    name: 'a first failure to read says nothing and counts it',
    stored: EMPTY,
    outcome: failed,
    effects: [],
    shows: (record) => expect(record.health).toEqual({ failures: 1, since: iso(NOW), noticed: false }),
  },
  {
    name: 'the third failure in a row says "cannot evaluate" once, dated from the first',
    stored: { ...EMPTY, health: { failures: 2, since: iso(NOW - 20 * MINUTE), noticed: false } },
    outcome: failed,
    effects: ['cannot_evaluate'],
    shows: (record, effects) => {
      expect(effects[0]).toEqual({
        kind: 'cannot_evaluate',
        reason: 'Sobot did not answer',
        since: iso(NOW - 20 * MINUTE),
      });
      expect(record.health?.noticed).toBe(true);
    },
  },
  {
    name: 'a reading after the notice says "recovered" with the time it was down, and forgets the failures',
    stored: { ...EMPTY, health: { failures: 4, since: iso(NOW - 30 * MINUTE), noticed: true } },
    outcome: read([overall(0.1)]),
    effects: ['recovered'],
    shows: (record, effects) => {
      expect(effects[0]).toEqual({ kind: 'recovered', downMs: 30 * MINUTE });
      expect(record.health).toBeUndefined();
    },
  },
  {
    name: 'a calm reading keeps the history and opens nothing',
    stored: EMPTY,
    outcome: read([overall(0.1)]),
    effects: [],
    shows: (record) => {
      expect(record.scopes.overall?.history).toEqual([{ at: iso(NOW), value: 0.1 }]);
      expect(record.scopes.overall?.state).toBeUndefined();
      expect(record.episode).toBeNull();
    },
  },
  {
    name: 'a breach fires: a new episode under the given id, to be posted',
    stored: EMPTY,
    outcome: read([overall(0.25)]),
    effects: ['transition', 'post_episode'],
    shows: (record, effects) => {
      expect(effects[0]).toEqual({ kind: 'transition', status: 'firing' });
      expect(record.episode).toEqual({ id: 'ep-new', posted: null, scopeIds: ['overall'] });
      expect(record.scopes.overall?.state?.status).toBe('firing');
    },
  },
  {
    name: 'a breach on too few chats is not judged',
    stored: EMPTY,
    outcome: read([overall(0.5, 5)]),
    effects: [],
    shows: (record) => expect(record.episode).toBeNull(),
  },
  {
    name: 'a new value while firing edits the posted message',
    stored: firingRecord(0.25),
    outcome: read([overall(0.26)]),
    effects: ['edit_episode'],
    shows: (record, effects) => {
      expect(record.episode?.id).toBe('ep-old');
      expect(effects[0]).toMatchObject({ kind: 'edit_episode', record: { episode: { id: 'ep-old' } } });
    },
  },
  {
    name: 'two points (10% of the threshold) worse edits the message and says so in its thread',
    stored: firingRecord(0.25),
    outcome: read([overall(0.27)]),
    effects: ['edit_episode', 'worsened'],
    shows: (_record, effects) =>
      expect(effects[1]).toEqual({ kind: 'worsened', items: [{ scope: 'overall', from: 0.25, to: 0.27 }] }),
  },
  {
    name: 'two hours after the last notice, the same value is a reminder',
    stored: {
      ...firingRecord(0.25),
      scopes: {
        overall: {
          name: 'overall',
          state: firing(0.25, { firedAt: iso(NOW - 150 * MINUTE), lastNotifiedAt: iso(NOW - 120 * MINUTE) }),
          history: [],
          volume: 100,
        },
      },
    },
    outcome: read([overall(0.25)]),
    effects: ['reminder'],
    shows: (_record, effects) =>
      expect(effects[0]).toEqual({
        kind: 'reminder',
        items: [{ scope: 'overall', value: 0.25, firingMs: 150 * MINUTE }],
      }),
  },
  {
    name: 'clearing under 15% resolves: the message is edited as it ended, then the episode closes',
    stored: firingRecord(0.25),
    outcome: read([overall(0.1)]),
    effects: ['transition', 'edit_episode', 'episode_closed'],
    shows: (record, effects) => {
      expect(effects[0]).toEqual({ kind: 'transition', status: 'resolved' });
      const edited = (effects[1] as Extract<RuleEffect, { kind: 'edit_episode' }>).record;
      expect(edited.episode?.id).toBe('ep-old');
      expect(edited.scopes.overall?.resolved).toEqual({
        at: iso(NOW),
        since: iso(NOW - 20 * MINUTE),
        firedAt: iso(NOW - 20 * MINUTE),
        peak: 0.25,
        value: 0.1,
      });
      expect(effects[2]).toEqual({ kind: 'episode_closed', posted: POSTED });
      expect(record.episode).toBeNull();
      // A single-scope rule keeps its scope (and its history) once the episode ends.
      expect(record.scopes.overall?.resolved).toBeUndefined();
      expect(record.scopes.overall?.history).toHaveLength(2);
    },
  },
  {
    name: 'between 15% and 20% a firing alert stays firing (hysteresis)',
    stored: firingRecord(0.25),
    outcome: read([overall(0.17)]),
    effects: ['edit_episode'],
    shows: (record) => expect(record.scopes.overall?.state?.status).toBe('firing'),
  },
  {
    name: 'a mute that has run out is removed and the message edited to say so',
    stored: { ...firingRecord(0.25), mute: { by: 'U0LEAD', until: iso(NOW - MINUTE) } },
    outcome: read([overall(0.25)]),
    effects: ['mute_ended', 'edit_episode'],
    shows: (record, effects) => {
      expect(effects[0]).toEqual({ kind: 'mute_ended', mute: { by: 'U0LEAD', until: iso(NOW - MINUTE) } });
      expect(record.mute).toBeNull();
    },
  },
  {
    name: 'a mute still running stays and a breach fires unannounced: no episode to post',
    stored: { ...EMPTY, mute: { by: 'U0LEAD', until: iso(NOW + 30 * MINUTE) } },
    outcome: read([overall(0.3)]),
    effects: ['transition'],
    shows: (record) => {
      expect(record.mute).toEqual({ by: 'U0LEAD', until: iso(NOW + 30 * MINUTE) });
      expect(record.scopes.overall?.state).toMatchObject({ status: 'firing', announced: false });
      expect(record.episode).toBeNull();
    },
  },
  {
    name: 'a new period starts the histories afresh',
    stored: {
      ...EMPTY,
      period: '2026-11-22',
      scopes: {
        overall: { name: 'overall', history: [{ at: iso(NOW - 600 * MINUTE), value: 0.1 }], volume: 90 },
      },
    },
    outcome: read([overall(0.12)]),
    effects: [],
    shows: (record) => {
      expect(record.period).toBe(TODAY);
      expect(record.scopes.overall?.history).toEqual([{ at: iso(NOW), value: 0.12 }]);
    },
  },
  {
    name: 'each agent: calm agents are not kept, a breaching one joins the episode under its id',
    rule: EACH_AGENT,
    stored: EMPTY,
    outcome: read([
      { id: 'a1', name: '王小明', value: 0.1, volume: 50 },
      { id: 'a2', name: 'Seán', value: 0.3, volume: 40 },
    ]),
    effects: ['transition', 'post_episode'],
    shows: (record) => {
      expect(Object.keys(record.scopes)).toEqual(['a2']);
      expect(record.episode?.scopeIds).toEqual(['a2']);
    },
  },
  {
    name: 'each agent: when the episode closes, agents back to OK leave the record',
    rule: EACH_AGENT,
    stored: {
      ...EMPTY,
      scopes: { a2: { name: 'Seán', state: firing(0.3), history: [], volume: 40 } },
      episode: { id: 'ep-old', posted: POSTED, scopeIds: ['a2'] },
    },
    outcome: read([{ id: 'a2', name: 'Seán', value: 0.1, volume: 40 }]),
    effects: ['transition', 'edit_episode', 'episode_closed'],
    shows: (record) => {
      expect(record.scopes).toEqual({});
      expect(record.episode).toBeNull();
    },
  },
];

describe('advanceRule', () => {
  it.each(CASES)('$name', ({ rule = RULE, stored, outcome, effects, shows }) => {
    const before = structuredClone(stored);
    const result = advanceRule(rule, stored, outcome, NOW, 'ep-new');
    expect(kinds(result.effects)).toEqual(effects);
    shows(result.record, result.effects);
    // Pure: the stored record is left as it was.
    expect(stored).toEqual(before);
  });

  it('keeps at most 150 checks of history per scope', () => {
    const history = Array.from({ length: 150 }, (_, i) => ({
      at: iso(NOW - (150 - i) * MINUTE),
      value: 0.1,
    }));
    const stored: RuleRecord = { ...EMPTY, scopes: { overall: { name: 'overall', history, volume: 100 } } };
    const { record } = advanceRule(RULE, stored, read([overall(0.11)]), NOW, 'ep-new');
    expect(record.scopes.overall?.history).toHaveLength(150);
    expect(record.scopes.overall?.history.at(-1)).toEqual({ at: iso(NOW), value: 0.11 });
    expect(record.scopes.overall?.history[0]).toEqual(history[1]);
  });
});

describe('episodePosted', () => {
  it('keeps where a firing episode was posted', () => {
    const { record } = advanceRule(RULE, EMPTY, read([overall(0.25)]), NOW, 'ep-new');
    const next = episodePosted(RULE, record, POSTED);
    expect(next.closed).toBe(false);
    expect(next.record.episode).toEqual({ id: 'ep-new', posted: POSTED, scopeIds: ['overall'] });
  });

  it('closes an episode that resolved before its message could be posted', () => {
    // Fired while Slack refused the post; it resolves at this check, and this post goes through.
    const stored: RuleRecord = {
      ...firingRecord(0.25),
      episode: { id: 'ep-old', posted: null, scopeIds: ['overall'] },
    };
    const { record, effects } = advanceRule(RULE, stored, read([overall(0.1)]), NOW, 'ep-new');
    expect(kinds(effects)).toEqual(['transition', 'post_episode']);
    expect(record.scopes.overall?.resolved?.value).toBe(0.1);
    const next = episodePosted(RULE, record, POSTED);
    expect(next.closed).toBe(true);
    expect(next.record.episode).toBeNull();
    expect(next.record.scopes.overall?.resolved).toBeUndefined();
  });
});
