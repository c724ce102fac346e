// Delivers scheduled digests on time and once. Each delivery (digest + local wall time) is built under
// a lease and recorded in the store before anything is posted, so a retry, a restart or a second
// replica never posts it twice, and a build that outlives its lease (taken over meanwhile) posts
// nothing; one missed while the bot was down goes out late within the catch-up window; a digest
// that cannot be built after its retries becomes a short notice instead of silence.

import type { Clock } from '../clock.ts';
import type { DigestDefinition } from '../config-file.ts';
import type { Logger } from '../logger.ts';
import type { BotMessage } from '../message/message.ts';
import type { ChannelPoster, PostedMessage } from '../message/poster.ts';
import { type BotMetrics, noMetrics } from '../metrics/metrics.ts';
import { isPermanentSlackError } from '../slack/errors.ts';
import { SobotRateLimitedError } from '../sobot/errors.ts';
import { createLeases, type Lease } from '../store/lease.ts';
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
  /** Unique per process start: hostname + random. */
  owner: string;
  /** How long a delivery's lease lasts without a heartbeat (default: the lease module's). */
  leaseMs?: number;
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
/** Delivery records are kept this long (the catch-up window is hours, not weeks). */
const RECORD_TTL_MS = 35 * 24 * 3_600_000;

export const deliveryKey = (digest: string, wall: string) => `digest:delivery:${digest}@${wall}`;
/** Held by the process building that delivery. */
export const deliveryLeaseKey = (digest: string, wall: string) => `digest:lease:${digest}@${wall}`;

/** `09:00 on 2026-11-23` */
const wallText = (wall: string) => `${wall.slice(11)} on ${wall.slice(0, 10)}`;

export function createDigestRunner(opts: DigestRunnerOptions): DigestRunner {
  const { store, clock, poster } = opts;
  const metrics = opts.metrics ?? noMetrics;
  const log = opts.logger.child({ module: 'digests' });
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const leases = createLeases({
    store,
    clock,
    logger: opts.logger,
    owner: opts.owner,
    leaseMs: opts.leaseMs,
  });

  /** The wait before the next attempt; Sobot rate-limiting the company for longer waits until it clears. */
  const retryDelay = (attempt: number, error: unknown): number => {
    const clearsIn = error instanceof SobotRateLimitedError ? error.clearsAt - clock.now() : 0;
    return Math.max(delays[attempt - 1] as number, clearsIn);
  };

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

  async function deliver(digest: DigestDefinition, occurrence: Occurrence): Promise<DeliveryOutcome> {
    const late = clock.now() - occurrence.at > LATE_AFTER_MS;
    const context = { digest: digest.name, wall: occurrence.wall };
    const outcome = (status: DeliveryOutcome['status']): DeliveryOutcome => ({ ...context, status, late });
    const lease = await leases.take(deliveryLeaseKey(digest.name, occurrence.wall));
    if (!lease) return outcome('skipped');
    try {
      const key = deliveryKey(digest.name, occurrence.wall);
      // "building" under a lease we now hold: its builder stopped (or failed to record the end): go on.
      const existing = await store.get<DeliveryRecord>(key);
      if (existing !== null && existing.status !== 'building') return outcome('skipped');
      const record: DeliveryRecord = {
        status: 'building',
        owner: opts.owner,
        updatedAt: clock.now(),
        attempts: 0,
        late,
      };
      const save = (change: Partial<DeliveryRecord>) =>
        store.set(key, Object.assign(record, change, { updatedAt: clock.now() }), { ttlMs: RECORD_TTL_MS });
      return outcome(await attempt(digest, { late, lease, save, wall: occurrence.wall }));
    } finally {
      await lease.release();
    }
  }

  /** Builds and posts with retries; the record goes to "sending" only after proof the lease is still ours. */
  async function attempt(
    digest: DigestDefinition,
    run: {
      late: boolean;
      wall: string;
      lease: Lease;
      save: (change: Partial<DeliveryRecord>) => Promise<void>;
    },
  ): Promise<DeliveryOutcome['status']> {
    const context = { digest: digest.name, wall: run.wall };
    const takenOver = () => {
      log.warn(context, 'digest delivery taken over by another process while building: not posted here');
      return 'skipped' as const;
    };
    let lastError: unknown;
    for (let attempt = 1; attempt <= delays.length + 1; attempt += 1) {
      let post: DigestPost;
      try {
        await run.save({ status: 'building', attempts: attempt });
        post = await opts.build(digest, { lateFor: run.late ? wallText(run.wall) : null });
        if (!(await run.lease.holds())) return takenOver();
        // From here a crash could leave the message posted: the record says so, and nobody retries.
        await run.save({ status: 'sending' });
      } catch (error) {
        lastError = error;
        log.warn({ err: error, ...context, attempt }, 'digest attempt failed');
        if (attempt > delays.length) break;
        await clock.sleep(retryDelay(attempt, error));
        continue;
      }
      try {
        const posted = await postAll(digest, post);
        log.info({ ...context, late: run.late, attempt, ts: posted.ts }, 'digest posted');
        metrics.digest(run.late ? 'late' : 'posted');
        await run.save({ status: 'posted', posted }).catch((error: unknown) => {
          // Still "sending", which nobody retries: the digest is out, only its ts is not on record.
          log.error({ err: error, ...context }, 'digest posted but its record could not be written');
        });
        return 'posted';
      } catch (error) {
        lastError = error;
        log.warn({ err: error, ...context, attempt }, 'digest attempt failed');
        if (isPermanentSlackError(error) || attempt > delays.length) break;
        await clock.sleep(retryDelay(attempt, error));
        if (!(await run.lease.holds())) return takenOver();
      }
    }
    return fail(digest, run, lastError);
  }

  /** Records the failure, then posts the notice; if the record cannot be written, the next tick tries again. */
  async function fail(
    digest: DigestDefinition,
    run: { wall: string; lease: Lease; save: (change: Partial<DeliveryRecord>) => Promise<void> },
    lastError: unknown,
  ): Promise<DeliveryOutcome['status']> {
    const context = { digest: digest.name, wall: run.wall };
    try {
      if (!(await run.lease.holds())) return 'skipped';
      await run.save({ status: 'failed', reason: String((lastError as Error)?.message ?? lastError) });
    } catch (error) {
      // Still "building" and free once the lease is released: the next tick resumes it, so no notice yet.
      log.error(
        { err: error, ...context },
        'could not record that the digest failed: it is retried at the next tick',
      );
      return 'failed';
    }
    try {
      await poster.post(digest.channel, opts.failureNotice(digest, lastError));
    } catch (error) {
      log.error(
        { err: error, digest: digest.name },
        'could not post the notice that the digest failed either',
      );
    }
    log.error({ err: lastError, ...context }, 'digest could not be delivered');
    metrics.digest('failed');
    return 'failed';
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
