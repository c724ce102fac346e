// Delivers scheduled digests on time and once. Each delivery (digest + local wall time) is claimed
// in the store before anything is posted, so a retry, a restart or a second replica never posts
// it twice; one missed while the bot was down goes out late within the catch-up window; a digest
// that cannot be built after its retries becomes a short notice instead of silence.

import type { Clock } from '../clock.ts';
import type { DigestDefinition } from '../config-file.ts';
import type { Logger } from '../logger.ts';
import { type BotMetrics, noMetrics } from '../metrics/metrics.ts';
import { type ChannelPoster, isPermanentSlackError, type PostedMessage } from '../slack/channel-post.ts';
import type { BotMessage } from '../slack/message.ts';
import { SobotRateLimitedError } from '../sobot/errors.ts';
import type { Store } from '../store/store.ts';
import type { DigestRegistry } from './digest-registry.ts';
import { latestOccurrence, type Occurrence } from './occurrences.ts';

export interface DigestPost {
  main: BotMessage;
  /** Replies posted in the main message's thread, in order. */
  thread: BotMessage[];
}

export interface DeliveryRecord {
  status: 'building' | 'sending' | 'posted' | 'failed';
  /** The process that claimed it (one id per start). */
  owner: string;
  updatedAt: number;
  attempts: number;
  late: boolean;
  posted?: PostedMessage;
  reason?: string;
}

export interface DeliveryOutcome {
  digest: string;
  wall: string;
  status: 'posted' | 'failed' | 'skipped';
  late: boolean;
}

export interface DigestRunnerOptions {
  registry: DigestRegistry;
  store: Store;
  clock: Clock;
  logger: Logger;
  poster: ChannelPoster;
  build(digest: DigestDefinition, options: { lateFor: string | null }): Promise<DigestPost>;
  /** The short message posted when the digest could not be built. */
  failureNotice(digest: DigestDefinition, error: unknown): BotMessage;
  /** Waits between attempts; one attempt more than there are delays. */
  retryDelaysMs?: readonly number[];
  /** Unique per process start. */
  owner: string;
  metrics?: BotMetrics;
}

export interface DigestRunner {
  /** Delivers every digest whose latest scheduled time is due and not yet delivered. */
  tick(): Promise<DeliveryOutcome[]>;
  /** Builds and posts a digest now, outside its schedule (`/sobot digest now`). */
  postNow(digest: DigestDefinition): Promise<PostedMessage>;
}

const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 300_000] as const;
/** A digest posted later than this after its time says it is late. */
const LATE_AFTER_MS = 5 * 60_000;
/** A claim still "building" this long after its last attempt belongs to a process that stopped. */
const ABANDONED_AFTER_MS = 15 * 60_000;
/** Delivery records are kept this long (the catch-up window is hours, not weeks). */
const RECORD_TTL_MS = 35 * 24 * 3_600_000;

export const deliveryKey = (digest: string, wall: string) => `digest:delivery:${digest}@${wall}`;

/** `09:00 on 2026-11-23` */
const wallText = (wall: string) => `${wall.slice(11)} on ${wall.slice(0, 10)}`;

export function createDigestRunner(opts: DigestRunnerOptions): DigestRunner {
  const { store, clock, poster } = opts;
  const metrics = opts.metrics ?? noMetrics;
  const log = opts.logger.child({ module: 'digests' });
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  async function postAll(digest: DigestDefinition, post: DigestPost): Promise<PostedMessage> {
    const posted = await poster.post(digest.channel, post.main);
    for (const reply of post.thread) {
      try {
        await poster.post(posted.channel, reply, { threadTs: posted.ts });
      } catch (error) {
        // The digest itself is out; a missing detail reply is logged, not re-posted.
        log.warn({ err: error, digest: digest.name }, 'could not post a thread reply of the digest');
      }
    }
    return posted;
  }

  /** Takes the delivery for this process; false when someone else has it or it is done. */
  async function claim(key: string, record: DeliveryRecord): Promise<boolean> {
    if (await store.claim(key, record, { ttlMs: RECORD_TTL_MS })) return true;
    const existing = await store.get<DeliveryRecord>(key);
    if (existing === null || existing.status !== 'building' || existing.owner === opts.owner) return false;
    if (clock.now() - existing.updatedAt < ABANDONED_AFTER_MS) return false;
    // Abandoned while building (nothing was posted yet): one process takes it over.
    const takeover = `${key}:takeover:${existing.owner}:${existing.updatedAt}`;
    if (!(await store.claim(takeover, opts.owner, { ttlMs: RECORD_TTL_MS }))) return false;
    await store.set(key, record, { ttlMs: RECORD_TTL_MS });
    return true;
  }

  async function deliver(digest: DigestDefinition, occurrence: Occurrence): Promise<DeliveryOutcome> {
    const late = clock.now() - occurrence.at > LATE_AFTER_MS;
    const outcome = (status: DeliveryOutcome['status']): DeliveryOutcome => ({
      digest: digest.name,
      wall: occurrence.wall,
      status,
      late,
    });
    const key = deliveryKey(digest.name, occurrence.wall);
    const record: DeliveryRecord = {
      status: 'building',
      owner: opts.owner,
      updatedAt: clock.now(),
      attempts: 0,
      late,
    };
    if (!(await claim(key, record))) return outcome('skipped');
    const save = (change: Partial<DeliveryRecord>) =>
      store.set(key, Object.assign(record, change, { updatedAt: clock.now() }), { ttlMs: RECORD_TTL_MS });

    let lastError: unknown;
    for (let attempt = 1; attempt <= delays.length + 1; attempt += 1) {
      try {
        await save({ status: 'building', attempts: attempt });
        const post = await opts.build(digest, { lateFor: late ? wallText(occurrence.wall) : null });
        // From here a crash could leave the message posted: the record says so, and nobody retries.
        await save({ status: 'sending' });
        const posted = await postAll(digest, post);
        await save({ status: 'posted', posted });
        log.info(
          { digest: digest.name, wall: occurrence.wall, late, attempt, ts: posted.ts },
          'digest posted',
        );
        metrics.digest(late ? 'late' : 'posted');
        return outcome('posted');
      } catch (error) {
        lastError = error;
        log.warn(
          { err: error, digest: digest.name, wall: occurrence.wall, attempt },
          'digest attempt failed',
        );
        if (isPermanentSlackError(error) || attempt > delays.length) break;
        await save({ status: 'building' });
        // Sobot rate-limiting the company for longer than a pause: the next try waits until it clears.
        const clearsIn = error instanceof SobotRateLimitedError ? error.clearsAt - clock.now() : 0;
        await clock.sleep(Math.max(delays[attempt - 1] as number, clearsIn));
      }
    }
    await save({ status: 'failed', reason: String((lastError as Error)?.message ?? lastError) });
    try {
      await poster.post(digest.channel, opts.failureNotice(digest, lastError));
    } catch (error) {
      log.error(
        { err: error, digest: digest.name },
        'could not post the notice that the digest failed either',
      );
    }
    log.error(
      { err: lastError, digest: digest.name, wall: occurrence.wall },
      'digest could not be delivered',
    );
    metrics.digest('failed');
    return outcome('failed');
  }

  return {
    async tick() {
      const now = clock.now();
      const digests = await opts.registry.list();
      const due = await Promise.all(
        digests.map(async (digest) => {
          const occurrence = latestOccurrence(digest.schedule, digest.timeZone, now, digest.catchUpMs);
          // A time before the bot knew the digest is not "missed": it was never meant to go out.
          if (!occurrence || occurrence.at < (await opts.registry.knownSince(digest.name))) return null;
          return { digest, occurrence };
        }),
      );
      return Promise.all(
        due.filter((d) => d !== null).map(({ digest, occurrence }) => deliver(digest, occurrence)),
      );
    },
    async postNow(digest) {
      return postAll(digest, await opts.build(digest, { lateFor: null }));
    },
  };
}
