// One check of one alert rule, as a pure step: the rule's stored record, what the check read (or why it
// could not), the time and the id a new episode would take go in; the next record and the effects that
// Slack, the store and the metrics should see come out, in the order they must happen. Built on the
// scope state machine (state.ts) and the rule's health (health.ts); checker.ts claims the check, reads,
// carries out the effects and saves.

import type { AlertRule } from '../config-file.ts';
import type { PostedMessage } from '../message/poster.ts';
import type { RatingScale } from '../stats/kpi-ids.ts';
import type { DateRange } from '../stats/model.ts';
import { periodWords } from '../stats/period.ts';
import { type RuleHealth, stepHealth } from './health.ts';
import { type Observation, type ScopeState, step, type Trigger } from './state.ts';

export interface ScopeRecord {
  name: string;
  state?: ScopeState;
  history: { at: string; value: number | null }[];
  volume: number | null;
  /** How the scope's part of the episode ended, for the resolved message. */
  resolved?: { at: string; since: string; firedAt: string; peak: number | null; value: number | null };
}

export interface Episode {
  id: string;
  posted: PostedMessage | null;
  scopeIds: string[];
}

export interface Mute {
  by: string;
  until: string;
}

export interface RuleRecord {
  /** The period the scopes' histories belong to (`2026-11-23`). */
  period: string;
  scopes: Record<string, ScopeRecord>;
  health?: RuleHealth;
  /** Read from the mute's own key; in a stored record always null (older versions kept it here). */
  mute: Mute | null;
  episode: Episode | null;
  /** The company's rating scale at the last check (absent in records of older versions). */
  ratingScale?: RatingScale | null;
}

/** One scope's reading at a check. */
export interface ScopeReading {
  id: string;
  name: string;
  value: number | null;
  volume: number | null;
}

/** A check's readings: the period they are of, each scope's value, and the rating scale they are on. */
export interface RuleReadings {
  range: DateRange;
  readings: ScopeReading[];
  /** The company's rating scale (the one satisfaction is read on); null when nothing was rated. */
  ratingScale: RatingScale | null;
}

/** What a check read: the readings, or why Sobot could not give them. */
export type CheckOutcome = { ok: true; readings: RuleReadings } | { ok: false; reason: string };

export type ReminderItem = { scope: string; value: number | null; firingMs: number };
export type WorseningItem = { scope: string; from: number; to: number };

export type RuleEffect =
  /** Post "cannot evaluate" in the rule's channel. */
  | { kind: 'cannot_evaluate'; reason: string; since: string }
  /** Post "recovered" in the rule's channel. */
  | { kind: 'recovered'; downMs: number }
  /** Remove this expired mute from the store (only this one: a mute set meanwhile stays). */
  | { kind: 'mute_ended'; mute: Mute }
  /** A scope changed status (`resolved` when it resolved): counted in the metrics. */
  | { kind: 'transition'; status: 'pending' | 'firing' | 'ok' | 'resolved' }
  /** Post the episode's message; once posted, the record takes it with episodePosted(). */
  | { kind: 'post_episode' }
  /** Edit the posted episode message to show `record` (the record before the episode closed). */
  | { kind: 'edit_episode'; record: RuleRecord }
  /** Thread replies under the episode message (or in the channel while it is not posted). */
  | { kind: 'worsened'; items: WorseningItem[] }
  | { kind: 'reminder'; items: ReminderItem[] }
  /** The episode ended: every scope resolved. */
  | { kind: 'episode_closed'; posted: PostedMessage };

/** How many checks of a scope the record keeps for the chart. */
export const HISTORY_POINTS = 150;

const iso = (ms: number) => new Date(ms).toISOString();

export function triggerOf(rule: AlertRule): Trigger {
  return {
    op: rule.op,
    threshold: rule.threshold,
    clear: rule.clear,
    for: rule.for,
    minVolume: rule.minVolume,
    repeatMs: rule.repeatMs,
    noData: rule.noData,
  };
}

const watchesEach = (rule: AlertRule) => rule.scope.kind === 'each-agent' || rule.scope.kind === 'each-group';

/** Whether any scope of the episode is still firing. */
const episodeFiring = (record: RuleRecord, episode: Episode) =>
  episode.scopeIds.some((id) => record.scopes[id]?.state?.status === 'firing');

/** The record once its episode ended: each-* scopes back to OK leave it, the others drop their ending. */
function closeEpisode(rule: AlertRule, record: RuleRecord, episode: Episode): void {
  for (const id of episode.scopeIds) {
    const scope = record.scopes[id];
    if (scope && !scope.state && watchesEach(rule)) delete record.scopes[id];
    else if (scope) delete scope.resolved;
  }
  record.episode = null;
}

/**
 * The record once the episode message is posted: it keeps where the message is, and the episode ends
 * there and then when it no longer fires (it resolved before its message could be posted).
 */
export function episodePosted(
  rule: AlertRule,
  record: RuleRecord,
  posted: PostedMessage,
): { record: RuleRecord; closed: boolean } {
  const next = structuredClone(record);
  const episode = next.episode;
  if (!episode) return { record: next, closed: false };
  episode.posted = posted;
  if (episodeFiring(next, episode)) return { record: next, closed: false };
  closeEpisode(rule, next, episode);
  return { record: next, closed: true };
}

interface ScopeChanges {
  fired: string[];
  resolved: string[];
  updated: boolean;
  reminders: ReminderItem[];
  worse: WorseningItem[];
}

/** Steps every scope (read now, or kept in the record) and collects what changed; mutates `record`. */
function stepScopes(
  rule: AlertRule,
  record: RuleRecord,
  readings: readonly ScopeReading[],
  now: number,
  effects: RuleEffect[],
): ScopeChanges {
  const mutedUntil = record.mute ? new Date(record.mute.until) : null;
  const trigger = triggerOf(rule);
  const each = watchesEach(rule);
  const seen = new Map(readings.map((r) => [r.id, r]));
  const changes: ScopeChanges = { fired: [], resolved: [], updated: false, reminders: [], worse: [] };
  for (const id of new Set([...seen.keys(), ...Object.keys(record.scopes)])) {
    const read = seen.get(id);
    const scope: ScopeRecord = record.scopes[id] ?? { name: read?.name ?? id, history: [], volume: null };
    const observation: Observation =
      read && read.value !== null
        ? { kind: 'value', value: read.value, volume: read.volume ?? 0 }
        : { kind: 'no_data' };
    const before = scope.state;
    const { next, events } = step(trigger, before, observation, new Date(now), mutedUntil);
    if (events.some((event) => event.kind === 'resolved'))
      effects.push({ kind: 'transition', status: 'resolved' });
    else if (next?.status !== before?.status)
      effects.push({ kind: 'transition', status: next?.status ?? 'ok' });
    const inEpisode = record.episode?.scopeIds.includes(id) ?? false;
    // Every scope of a single-scope rule keeps its history; of an each-* rule, only those in play.
    if (!each || next || inEpisode || events.length > 0) {
      if (read) {
        scope.name = read.name;
        scope.volume = read.volume;
        scope.history = [...scope.history, { at: iso(now), value: read.value }].slice(-HISTORY_POINTS);
      }
      if (next) scope.state = next;
      else delete scope.state;
      record.scopes[id] = scope;
    } else {
      delete record.scopes[id];
    }
    for (const event of events) {
      if (event.kind === 'fired') {
        changes.fired.push(id);
        delete scope.resolved;
      } else if (event.kind === 'resolved') {
        changes.resolved.push(id);
        scope.resolved = {
          at: iso(now),
          since: before?.since ?? iso(now),
          firedAt: before?.firedAt ?? iso(now - event.durationMs),
          peak: event.peak,
          value: event.value,
        };
      } else if (event.kind === 'updated') changes.updated = true;
      else if (event.kind === 'reminder')
        changes.reminders.push({ scope: scope.name, value: event.value, firingMs: event.firingMs });
      else if (event.kind === 'worsened')
        changes.worse.push({ scope: scope.name, from: event.from, to: event.to });
    }
  }
  return changes;
}

/** One check of `rule` at `now`. `newEpisodeId` names the episode should one start. */
export function advanceRule(
  rule: AlertRule,
  stored: RuleRecord,
  outcome: CheckOutcome,
  now: number,
  newEpisodeId: string,
): { record: RuleRecord; effects: RuleEffect[] } {
  const record = structuredClone(stored);
  const effects: RuleEffect[] = [];
  const health = stepHealth(record.health, outcome.ok ? { ok: true } : outcome, new Date(now));
  record.health = health.next;
  effects.push(...health.events);
  if (!outcome.ok) return { record, effects };
  const { readings } = outcome;
  record.ratingScale = readings.ratingScale;
  // A new period starts every scope's history afresh (today's chart shows today).
  const period = periodWords(readings.range);
  if (record.period !== period) {
    record.period = period;
    for (const scope of Object.values(record.scopes)) scope.history = [];
  }
  const muteEnded = record.mute !== null && Date.parse(record.mute.until) <= now;
  if (record.mute && muteEnded) {
    effects.push({ kind: 'mute_ended', mute: record.mute });
    record.mute = null;
  }
  const changes = stepScopes(rule, record, readings.readings, now, effects);
  if (changes.fired.length > 0) {
    record.episode ??= { id: newEpisodeId, posted: null, scopeIds: [] };
    for (const id of changes.fired)
      if (!record.episode.scopeIds.includes(id)) record.episode.scopeIds.push(id);
  }
  const episode = record.episode;
  if (!episode) return { record, effects };
  const changed = changes.fired.length > 0 || changes.resolved.length > 0 || changes.updated || muteEnded;
  if (!episode.posted) effects.push({ kind: 'post_episode' });
  else if (changed) effects.push({ kind: 'edit_episode', record: structuredClone(record) });
  if (changes.worse.length > 0) effects.push({ kind: 'worsened', items: changes.worse });
  if (changes.reminders.length > 0) effects.push({ kind: 'reminder', items: changes.reminders });
  if (episode.posted && !episodeFiring(record, episode)) {
    effects.push({ kind: 'episode_closed', posted: episode.posted });
    closeEpisode(rule, record, episode);
  }
  return { record, effects };
}
