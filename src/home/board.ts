// What one viewer's Home tab shows, as plain data: today's figures (the shared snapshot), each alert
// rule's state and whether this viewer may mute it, each digest's next run and last post, and the
// bot's health. Built from the store and the snapshot only: no Sobot call happens here.
// reports/home.ts lays it out.

import type { RuleRecord } from '../alerts/advance.ts';
import type { AlertChecker } from '../alerts/checker.ts';
import type { AlertRule, DigestDefinition } from '../config-file.ts';
import { phrase } from '../i18n/catalogue.ts';
import type { DigestRegistry } from '../scheduler/digest-registry.ts';
import type { DeliveryRecord } from '../scheduler/digests.ts';
import { deliveryKey } from '../scheduler/digests.ts';
import { nextOccurrence, previousOccurrence } from '../scheduler/occurrences.ts';
import type { AccessPolicy } from '../slack/access.ts';
import type { RateBudget } from '../sobot/rate-budget.ts';
import type { Store } from '../store/store.ts';
import type { HomeFigures, HomeFiguresSource } from './figures.ts';

export interface HomeViewer {
  userId: string;
  /** The viewer's own zone (Slack profile), for next runs and times. */
  timeZone: string;
  lang: 'en' | 'zh';
  isAdmin: boolean;
}

export interface HomeRuleScope {
  name: string;
  value: number | null;
  /** ISO. */
  since: string;
  firedAt: string | null;
}

export interface HomeRule {
  rule: AlertRule;
  status: 'ok' | 'pending' | 'firing';
  /** Firing scopes first, then pending ones. */
  scopes: HomeRuleScope[];
  mute: { by: string; until: string } | null;
  /** The open episode's message, to link to. */
  message: { channel: string; ts: string } | null;
  /** Failing evaluations in a row (Sobot could not be asked). */
  failures: number;
  canMute: boolean;
}

export type LastPost =
  | { status: 'on_time' | 'late' | 'failed' | 'posting'; at: number }
  | { status: 'missed'; at: number };

export interface HomeDigest {
  digest: DigestDefinition;
  /** The next run (epoch ms), or null when the schedule has none within five weeks. */
  nextAt: number | null;
  /** The latest scheduled run up to now and how it went; null when none was due since the bot knew it. */
  last: LastPost | null;
}

export interface HomeHealth {
  api: 'v5' | 'legacy';
  /** Whether the latest load of figures reached Sobot; null before the first. */
  sobotReachable: boolean | null;
  budget: { inUse: number; limit: number };
  lastError: { at: number; what: string } | null;
}

/** A line at the top of the board: what an action did, or why it was refused. */
export interface HomeNotice {
  kind: 'done' | 'refused';
  text: string;
}

export interface HomeData {
  viewer: HomeViewer;
  now: number;
  /** The company's zone: today's figures are today there. */
  companyTimeZone: string;
  figures: HomeFigures | null;
  /** A load is on its way: the board is published again when it ends. */
  loading: boolean;
  rules: HomeRule[];
  digests: HomeDigest[];
  health: HomeHealth;
  notice: HomeNotice | null;
}

export interface HomeBoard {
  /** The digest called `name`, or null. */
  digest(name: string): Promise<DigestDefinition | null>;
  data(viewer: HomeViewer, extra?: { notice?: HomeNotice | null; loading?: boolean }): Promise<HomeData>;
}

function ruleOf(rule: AlertRule, record: RuleRecord, now: number, canMute: boolean): HomeRule {
  const scopes = Object.values(record.scopes)
    .filter((s) => s.state)
    .map((s) => ({
      name: s.name,
      value: s.state?.value ?? null,
      since: s.state?.since ?? '',
      firedAt: s.state?.firedAt ?? null,
      firing: s.state?.status === 'firing',
    }))
    .sort((a, b) => Number(b.firing) - Number(a.firing));
  const status = scopes.some((s) => s.firing) ? 'firing' : scopes.length > 0 ? 'pending' : 'ok';
  const mute = record.mute && Date.parse(record.mute.until) > now ? record.mute : null;
  return {
    rule,
    status,
    scopes: scopes.map(({ firing: _, ...scope }) => scope),
    mute,
    message: record.episode?.posted ?? null,
    failures: record.health?.failures ?? 0,
    canMute,
  };
}

export function createHomeBoard(opts: {
  figures: HomeFiguresSource;
  /** The config file's rules and those made in Slack. */
  rules: () => Promise<readonly AlertRule[]>;
  checker: AlertChecker;
  registry: DigestRegistry;
  store: Store;
  access: AccessPolicy;
  budget: RateBudget;
  budgetLimit: number;
  api: 'v5' | 'legacy';
  companyTimeZone: string;
  now: () => number;
}): HomeBoard {
  async function lastPost(digest: DigestDefinition, now: number): Promise<LastPost | null> {
    const occurrence = previousOccurrence(digest.schedule, digest.timeZone, now);
    if (!occurrence || occurrence.at < (await opts.registry.knownSince(digest.name))) return null;
    const record = await opts.store.get<DeliveryRecord>(deliveryKey(digest.name, occurrence.wall));
    if (!record) {
      // Not begun: due now (the next tick posts it) or missed beyond its catch-up window.
      return { status: now - occurrence.at > digest.catchUpMs ? 'missed' : 'posting', at: occurrence.at };
    }
    if (record.status === 'posted') return { status: record.late ? 'late' : 'on_time', at: record.updatedAt };
    if (record.status === 'failed') return { status: 'failed', at: record.updatedAt };
    return { status: 'posting', at: occurrence.at };
  }

  return {
    digest: (name) => opts.registry.find(name),
    async data(viewer, extra = {}) {
      const now = opts.now();
      const ctx = { userId: viewer.userId, channelId: viewer.userId };
      const rules = await Promise.all(
        (await opts.rules()).map(async (rule) => {
          const record = await opts.checker.status(rule);
          const channel = record.episode?.posted?.channel ?? rule.channel;
          const canMute = await opts.access.allows(
            { kind: 'mute', channel, doing: phrase('access.doing.mute', { rule: rule.name }) },
            ctx,
          );
          return ruleOf(rule, record, now, canMute);
        }),
      );
      const digests = await Promise.all(
        (await opts.registry.list()).map(async (digest) => ({
          digest,
          nextAt: nextOccurrence(digest.schedule, digest.timeZone, now)?.at ?? null,
          last: await lastPost(digest, now),
        })),
      );
      const state = opts.figures.state();
      return {
        viewer,
        now,
        companyTimeZone: opts.companyTimeZone,
        figures: state.figures,
        loading: extra.loading ?? false,
        rules,
        digests,
        health: {
          api: opts.api,
          sobotReachable: state.loadedAt === null ? null : state.lastError === null,
          budget: { inUse: opts.budget.inWindow(), limit: opts.budgetLimit },
          lastError: state.lastError,
        },
        notice: extra.notice ?? null,
      };
    },
  };
}
