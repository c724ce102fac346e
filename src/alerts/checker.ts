// Evaluates alert rules and turns their state changes into Slack messages: one message per
// episode (posted when it fires, edited while it fires and when it resolves), thread replies for
// reminders and worsening, and one "cannot evaluate" / "recovered" pair when Sobot fails.
// Rule state, mutes and message ids live in the store, so a restart neither repeats nor forgets.
// Replicas: one check per rule and minute (a claim), run under the rule's lease, posting only while it
// still holds it; a mute lives under its own key, so a check that saves the rule never overwrites one.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { AlertRule } from '../config-file.ts';
import { UserInputError } from '../errors.ts';
import { phrase } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import type { BotMessage } from '../message/message.ts';
import type { ChannelPoster, PostedMessage } from '../message/poster.ts';
import { type BotMetrics, noMetrics } from '../metrics/metrics.ts';
import type { KpiValues } from '../stats/model.ts';
import { withDistinctNames } from '../stats/names.ts';
import { parsePeriod } from '../stats/period.ts';
import type { StatsService } from '../stats/service.ts';
import { createLeases, type Lease } from '../store/lease.ts';
import type { Store } from '../store/store.ts';
import {
  advanceRule,
  type CheckOutcome,
  type Episode,
  episodePosted,
  type Mute,
  type RuleReadings,
  type RuleRecord,
  type ScopeReading,
} from './advance.ts';
import { scopeText } from './scope-text.ts';
import { beyond } from './state.ts';
import type { AlertRuleView, AlertView } from './view.ts';

/** The message builders (reports/alert.ts), injected by the composition root. */
export interface AlertMessages {
  episode(view: AlertView): BotMessage;
  reminder(
    rule: AlertRuleView,
    items: { scope: string; value: number | null; firingMs: number }[],
    lang: 'en' | 'zh',
  ): BotMessage;
  worsening(
    rule: AlertRuleView,
    items: { scope: string; from: number; to: number }[],
    lang: 'en' | 'zh',
  ): BotMessage;
  cannotEvaluate(
    ruleName: string,
    reason: string,
    since: string,
    opts: { timeZone: string; lang: 'en' | 'zh'; checkedAt: string },
  ): BotMessage;
  recovered(ruleName: string, downMs: number, lang: 'en' | 'zh'): BotMessage;
}

export interface AlertChecker {
  /** Evaluates a rule now and posts what changed. */
  check(rule: AlertRule): Promise<void>;
  /** Evaluates a rule now without changing anything (`/sobot alerts run`). */
  readings(rule: AlertRule): Promise<RuleReadings>;
  status(rule: AlertRule): Promise<RuleRecord>;
  mute(rule: AlertRule, until: number, by: string): Promise<void>;
  unmute(rule: AlertRule): Promise<void>;
  /** Drops a deleted rule's state and mute, so a new rule of that name starts afresh. */
  forget(rule: AlertRule): Promise<void>;
}

const CHECK_CLAIM_TTL_MS = 10 * 60_000;
const ruleKey = (name: string) => `alert:rule:${name}`;
const muteKey = (name: string) => `alert:mute:${name}`;
const leaseKey = (name: string) => `alert:lease:${name}`;

/** Thrown (and caught in check) when another process took the rule over: this check stops, silently. */
class LeaseLost extends Error {}
const iso = (ms: number) => new Date(ms).toISOString();

export function createAlertChecker(opts: {
  stats: StatsService;
  store: Store;
  clock: Clock;
  logger: Logger;
  poster: ChannelPoster;
  messages: AlertMessages;
  lang: 'en' | 'zh';
  consoleUrl: string;
  /** Unique per process start: hostname + random. */
  owner: string;
  /** How long a check's lease lasts without a heartbeat (default: the lease module's). */
  leaseMs?: number;
  metrics?: BotMetrics;
}): AlertChecker {
  const { stats, store, clock, poster, messages, lang } = opts;
  const metrics = opts.metrics ?? noMetrics;
  const log = opts.logger.child({ module: 'alerts' });
  const leases = createLeases({
    store,
    clock,
    logger: opts.logger,
    owner: opts.owner,
    leaseMs: opts.leaseMs,
  });
  // One check, mute or unmute of a rule at a time in this process.
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(name) ?? Promise.resolve()).then(work, work);
    queues.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };

  /** The rule's record with its current mute. */
  const load = async (rule: AlertRule): Promise<RuleRecord> => {
    const record = (await store.get<RuleRecord>(ruleKey(rule.name))) ?? {
      period: '',
      scopes: {},
      mute: null,
      episode: null,
    };
    const mute = await store.get<Mute>(muteKey(rule.name));
    // A mute an older version kept in the record moves to its own key (unless a newer one is there).
    if (mute === null && record.mute) await store.claim(muteKey(rule.name), record.mute);
    return { ...record, mute: mute ?? record.mute };
  };
  /** Saves the rule's state; never its mute, which only mute and unmute write. */
  const save = (rule: AlertRule, record: RuleRecord) =>
    store.set(ruleKey(rule.name), { ...record, mute: null });

  async function readings(rule: AlertRule): Promise<RuleReadings> {
    const period = parsePeriod(rule.period, { now: clock.now(), timeZone: rule.timeZone });
    if (!period.ok)
      throw new UserInputError(phrase('alerts.badPeriod', { period: rule.period, problem: period.problem }));
    const range = period.range;
    const one = (id: string, name: string, kpis: KpiValues): ScopeReading => ({
      id,
      name,
      value: kpis[rule.kpi] ?? null,
      volume: kpis.chats ?? null,
    });
    const { scope } = rule;
    if (scope.kind === 'each-agent') {
      const report = await stats.agents(range, {}, 'background');
      return {
        range,
        readings: withDistinctNames(report.rows).map((row) => one(row.agentId, row.name, row.kpis)),
        ratingScale: report.ratings.scale,
      };
    }
    if (scope.kind === 'each-group') {
      // getStat rows carry no ratings: a rule per group cannot watch satisfaction (config-file.ts).
      const report = await stats.breakdown('group', range, {}, 'background');
      return {
        range,
        readings: report.rows.map((row) => one(row.scopeId, row.name, row.kpis)),
        ratingScale: null,
      };
    }
    let filters = {};
    if ('name' in scope) {
      const names = { [scope.kind === 'dept' ? 'department' : scope.kind]: scope.name };
      filters = (await stats.resolveFilters(names, 'background')).filters;
    }
    const overview = await stats.overview(range, filters, 'background');
    // Named in the posts' language; the id (the scope's kind) is what the state is kept under.
    return {
      range,
      readings: [one(scope.kind, scopeText(scope, lang), overview.current)],
      ratingScale: overview.ratings?.scale ?? null,
    };
  }

  function ruleView(rule: AlertRule, record: RuleRecord): AlertRuleView {
    return {
      name: rule.name,
      kpi: rule.kpi,
      op: rule.op,
      threshold: rule.threshold,
      clear: rule.clear,
      period: rule.period,
      ...(rule.scope.kind === 'each-agent' ? { each: 'agent' as const } : {}),
      ...(rule.scope.kind === 'each-group' ? { each: 'group' as const } : {}),
      ratingScale: record.ratingScale ?? null,
    };
  }

  function episodeMessage(
    rule: AlertRule,
    record: RuleRecord,
    episode: Episode,
    withMention: boolean,
  ): BotMessage {
    const firing = episode.scopeIds.some((id) => record.scopes[id]?.state?.status === 'firing');
    const now = clock.now();
    return messages.episode({
      rule: ruleView(rule, record),
      status: firing ? 'firing' : 'resolved',
      scopes: episode.scopeIds.flatMap((id) => {
        const scope = record.scopes[id];
        if (!scope) return [];
        const state = scope.state;
        const end = scope.resolved;
        return [
          {
            scope: scope.name,
            value: state?.value ?? end?.value ?? scope.history.at(-1)?.value ?? null,
            peak: state?.peak ?? end?.peak ?? null,
            since: state?.since ?? end?.since ?? iso(now),
            firedAt: state?.firedAt ?? end?.firedAt ?? iso(now),
            volume: scope.volume,
            history: scope.history,
            ...(end ? { resolvedAt: end.at } : {}),
          },
        ];
      }),
      mention: withMention ? rule.mention : null,
      mute: record.mute && Date.parse(record.mute.until) > now && firing ? record.mute : null,
      checkedAt: iso(now),
      timeZone: rule.timeZone,
      lang,
      consoleUrl: opts.consoleUrl,
      episodeId: episode.id,
    });
  }

  /** Before a check writes to Slack: proof that this process still holds the rule. */
  const stillHolds = async (lease: Lease | null) => {
    if (lease && !(await lease.holds())) throw new LeaseLost();
  };

  async function refresh(rule: AlertRule, record: RuleRecord, lease: Lease | null = null): Promise<void> {
    const episode = record.episode;
    if (!episode?.posted) return;
    await stillHolds(lease);
    try {
      await poster.update(episode.posted, episodeMessage(rule, record, episode, false));
    } catch (error) {
      log.warn({ err: error, rule: rule.name }, 'could not edit the alert message');
    }
  }

  /** A reply under `thread` (the episode's message), or in the rule's channel when there is none. */
  async function reply(
    rule: AlertRule,
    thread: PostedMessage | null,
    message: BotMessage,
    lease: Lease,
  ): Promise<void> {
    await stillHolds(lease);
    try {
      await poster.post(thread?.channel ?? rule.channel, message, thread ? { threadTs: thread.ts } : {});
    } catch (error) {
      log.warn({ err: error, rule: rule.name }, 'could not post an alert reply');
    }
  }

  async function check(rule: AlertRule): Promise<void> {
    const now = clock.now();
    // Replicas all wake at the check time: one of them evaluates it.
    const minute = iso(Math.floor(now / 60_000) * 60_000);
    if (!(await store.claim(`alert:check:${rule.name}@${minute}`, opts.owner, { ttlMs: CHECK_CLAIM_TTL_MS })))
      return;
    // A check still running elsewhere (a slow Sobot) holds the rule: this minute's check is skipped.
    const lease = await leases.take(leaseKey(rule.name));
    if (!lease) return;
    try {
      await evaluate(rule, now, lease);
      // For operators following a rule (LOG_LEVEL=debug): which replica checked which minute.
      log.debug({ rule: rule.name, minute }, 'alert rule checked');
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      log.warn({ rule: rule.name }, 'alert check taken over by another process: its result is dropped here');
    } finally {
      await lease.release();
    }
  }

  /** Reads the rule now; a failure is an outcome of the check, not an error of it. */
  async function read(rule: AlertRule): Promise<CheckOutcome> {
    try {
      return { ok: true, readings: await readings(rule) };
    } catch (error) {
      log.warn({ err: error, rule: rule.name }, 'alert rule could not be evaluated');
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async function evaluate(rule: AlertRule, now: number, lease: Lease): Promise<void> {
    const stored = await load(rule);
    const outcome = await read(rule);
    const step = advanceRule(rule, stored, outcome, now, randomUUID().slice(0, 8));
    let record = step.record;
    // Replies go under the episode's message once it is posted; before that, into the channel.
    let thread = stored.episode?.posted ?? null;
    for (const effect of step.effects) {
      switch (effect.kind) {
        case 'cannot_evaluate': {
          const opts = { timeZone: rule.timeZone, lang, checkedAt: iso(now) };
          const message = messages.cannotEvaluate(rule.name, effect.reason, effect.since, opts);
          await reply(rule, null, message, lease);
          break;
        }
        case 'recovered':
          await reply(rule, null, messages.recovered(rule.name, effect.downMs, lang), lease);
          break;
        case 'mute_ended':
          // Only that mute goes: one set meanwhile (on any replica) stays.
          await store.compareAndSet(muteKey(rule.name), effect.mute, undefined);
          break;
        case 'transition':
          metrics.alertTransition(rule.name, effect.status);
          break;
        case 'post_episode': {
          const posted = await postEpisode(rule, record, lease);
          if (!posted) break;
          thread = posted;
          const next = episodePosted(rule, record, posted);
          record = next.record;
          if (next.closed) log.info({ rule: rule.name, ts: posted.ts }, 'alert resolved');
          break;
        }
        case 'edit_episode':
          await refresh(rule, effect.record, lease);
          break;
        case 'worsened':
          await reply(rule, thread, messages.worsening(ruleView(rule, record), effect.items, lang), lease);
          break;
        case 'reminder':
          await reply(rule, thread, messages.reminder(ruleView(rule, record), effect.items, lang), lease);
          break;
        case 'episode_closed':
          log.info({ rule: rule.name, ts: effect.posted.ts }, 'alert resolved');
          break;
      }
    }
    await save(rule, record);
  }

  /** Posts a new episode's message; null when Slack refused it (posted next check instead). */
  async function postEpisode(
    rule: AlertRule,
    record: RuleRecord,
    lease: Lease,
  ): Promise<PostedMessage | null> {
    const episode = record.episode;
    if (!episode) return null;
    await stillHolds(lease);
    try {
      const posted = await poster.post(rule.channel, episodeMessage(rule, record, episode, true));
      log.info({ rule: rule.name, scopes: episode.scopeIds.length, ts: posted.ts }, 'alert fired');
      return posted;
    } catch (error) {
      // The episode stays open and unposted.
      log.error({ err: error, rule: rule.name }, 'could not post the alert');
      return null;
    }
  }

  return {
    check: (rule) => serial(rule.name, () => check(rule)),
    readings,
    status: load,
    mute: (rule, until, by) =>
      serial(rule.name, async () => {
        await store.set(muteKey(rule.name), { by, until: iso(until) } satisfies Mute);
        await refresh(rule, await load(rule));
      }),
    unmute: (rule) =>
      serial(rule.name, async () => {
        await store.delete(muteKey(rule.name));
        await refresh(rule, await load(rule));
      }),
    forget: (rule) =>
      serial(rule.name, async () => {
        await store.delete(ruleKey(rule.name));
        await store.delete(muteKey(rule.name));
      }),
  };
}

/** Whether a reading breaches the rule now (for `/sobot alerts run`). */
export function breaches(rule: AlertRule, reading: ScopeReading): boolean {
  return (
    reading.value !== null &&
    (reading.volume ?? 0) >= rule.minVolume &&
    beyond(rule.op, reading.value, rule.threshold)
  );
}
