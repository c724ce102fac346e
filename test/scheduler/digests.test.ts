// The digest runner on a fake clock and a real file store: each delivery claimed before it is posted
// and posted at most once (across retries, restarts and replicas), the catch-up rules, the retries
// and the failure notice, and `postNow`. Slack and the digest's content are recording fakes.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebAPIPlatformError } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { DigestDefinition } from '../../src/config-file.ts';
import { createLogger } from '../../src/logger.ts';
import type { BotMessage } from '../../src/message/message.ts';
import type { ChannelPoster, PostedMessage } from '../../src/message/poster.ts';
import { createDigestRegistry, type DigestRegistry } from '../../src/scheduler/digest-registry.ts';
import {
  createDigestRunner,
  type DeliveryOutcome,
  type DeliveryRecord,
  type DigestPost,
  type DigestRunner,
  deliveryKey,
  deliveryLeaseKey,
} from '../../src/scheduler/digests.ts';
import { openFileStore } from '../../src/store/file.ts';
import type { Store } from '../../src/store/store.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { openReplicaStores, STORE_KINDS } from '../support/replica-stores.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Local wall time in Shanghai (UTC+8, no DST) on Mon 23 Nov 2026, as epoch ms. */
const shanghai = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+08:00`);
const NINE = shanghai('09:00');
const NINE_KEY = deliveryKey('morning', '2026-11-23T09:00');
const RETRY_DELAYS = [30 * SECOND, 120 * SECOND] as const;

const message = (text: string): BotMessage => ({
  visibility: 'in_channel',
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});

function digestDefinition(overrides: Partial<DigestDefinition> = {}): DigestDefinition {
  return {
    name: 'morning',
    channel: 'C0DIGEST',
    schedule: '0 9 * * 1-5',
    timeZone: 'Asia/Shanghai',
    period: 'yesterday',
    filters: {},
    sections: ['overview', 'agents'],
    mention: null,
    attention: { belowTeam: 0.1, minChats: 10, validReception: null, satisfaction: null },
    graceMs: 2 * HOUR,
    catchUpMs: 6 * HOUR,
    source: 'file',
    ...overrides,
  };
}

/** What @slack/web-api throws for an `ok: false` reply. */
const slackError = (code: string) => new WebAPIPlatformError({ ok: false, error: code });

interface PostAttempt {
  channel: string;
  text: string;
  threadTs: string | null;
  /** Whether Slack accepted it. */
  ok: boolean;
}

interface FakePoster extends ChannelPoster {
  attempts: PostAttempt[];
  /** Messages Slack accepted, in order. */
  accepted(): PostAttempt[];
  /** The next `times` posts that match fail with `error`. */
  fail(which: 'main' | 'thread', error: Error, times?: number): void;
  /** Runs before each post attempt (to look at the store at that moment). */
  beforePost?: (attempt: PostAttempt) => Promise<void>;
}

function createFakePoster(resolve: Record<string, string> = {}): FakePoster {
  const failures: { which: 'main' | 'thread'; error: Error; times: number }[] = [];
  let sequence = 0;
  const poster: FakePoster = {
    attempts: [],
    accepted: () => poster.attempts.filter((a) => a.ok),
    fail(which, error, times = Number.POSITIVE_INFINITY) {
      failures.push({ which, error, times });
    },
    async post(channel, posted, options = {}) {
      const attempt: PostAttempt = {
        channel,
        text: posted.text,
        threadTs: options.threadTs ?? null,
        ok: false,
      };
      poster.attempts.push(attempt);
      await poster.beforePost?.(attempt);
      const failure = failures.find(
        (f) => f.times > 0 && (f.which === 'thread') === (attempt.threadTs !== null),
      );
      if (failure) {
        failure.times -= 1;
        throw failure.error;
      }
      attempt.ok = true;
      sequence += 1;
      return { channel: resolve[channel] ?? channel, ts: `1763859600.${String(sequence).padStart(6, '0')}` };
    },
    async update() {
      throw new Error('a digest never edits a posted message');
    },
  };
  return poster;
}

interface FakeBuild {
  build(digest: DigestDefinition, options: { lateFor: string | null }): Promise<DigestPost>;
  calls: { digest: string; lateFor: string | null }[];
  /** The next `times` builds fail (Sobot down). */
  fail(times?: number): void;
  /** Runs at the start of each build (to look at the store at that moment). */
  beforeBuild?: () => Promise<void>;
}

function createFakeBuild(): FakeBuild {
  let failuresLeft = 0;
  const fake: FakeBuild = {
    calls: [],
    fail(times = Number.POSITIVE_INFINITY) {
      failuresLeft = times;
    },
    async build(digest, { lateFor }) {
      fake.calls.push({ digest: digest.name, lateFor });
      await fake.beforeBuild?.();
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error(`Sobot answered HTTP 500 (build ${fake.calls.length})`);
      }
      return {
        main: message(`Digest ${digest.name}`),
        thread: [message(`Details of ${digest.name}`)],
      };
    },
  };
  return fake;
}

const silent = createLogger({ level: 'silent', destination: { write: () => undefined } });

interface Setup {
  clock: FakeClock;
  store: Store;
  registry: DigestRegistry;
  poster: FakePoster;
  build: FakeBuild;
  notices: { digest: string; error: unknown }[];
  /** A runner as one process (one owner) would start it. */
  runner(owner?: string): DigestRunner;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The bot first sees `digests` at `knownAt` (its first start), with the clock standing there. */
async function setup(
  opts: { knownAt?: number; digests?: DigestDefinition[]; resolve?: Record<string, string> } = {},
): Promise<Setup> {
  const clock = createFakeClock(opts.knownAt ?? shanghai('08:00'));
  const dir = await mkdtemp(join(tmpdir(), 'sobot-digests-'));
  const store = await openFileStore({ dir, clock, onProblem: (problem) => expect.fail(problem) });
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const registry = await createDigestRegistry({
    store,
    fileDigests: opts.digests ?? [digestDefinition()],
    now: clock.now,
  });
  const poster = createFakePoster(opts.resolve);
  const build = createFakeBuild();
  const notices: Setup['notices'] = [];
  const runner = (owner = 'replica-a') =>
    createDigestRunner({
      registry,
      store,
      clock,
      logger: silent,
      poster,
      build: (digest, options) => build.build(digest, options),
      failureNotice: (digest, error) => {
        notices.push({ digest: digest.name, error });
        return message(`Digest ${digest.name} could not be built`);
      },
      retryDelaysMs: RETRY_DELAYS,
      owner,
    });
  return { clock, store, registry, poster, build, notices, runner };
}

/** Moves the clock to `at` (nothing sleeps in between). */
const moveTo = (clock: FakeClock, at: number) => clock.advance(at - clock.now());

/** Runs `work`, moving time on in one-second steps while it sleeps; its result and the fake time it took. */
async function timed<T>(clock: FakeClock, work: Promise<T>): Promise<{ result: T; elapsed: number }> {
  const start = clock.now();
  const result = await whileAdvancing(clock, work, SECOND);
  return { result, elapsed: clock.now() - start };
}

/** Resolves once something sleeps on the clock (the file store writes through the thread pool meanwhile). */
async function untilSleeping(clock: FakeClock): Promise<void> {
  while (clock.pending() === 0) await new Promise((resolve) => setImmediate(resolve));
}

const posted = (wall: string, late = false): DeliveryOutcome => ({
  digest: 'morning',
  wall,
  status: 'posted',
  late,
});
const skipped = (wall: string, late = false): DeliveryOutcome => ({
  digest: 'morning',
  wall,
  status: 'skipped',
  late,
});

describe('createDigestRunner: delivery records', () => {
  it('claims the delivery before building, marks it sending before posting, and records where it went', async () => {
    const h = await setup({
      digests: [digestDefinition({ channel: '#cs-leads' })],
      resolve: { '#cs-leads': 'C0LEADS' },
    });
    await moveTo(h.clock, NINE);
    const statusAtBuild: (string | undefined)[] = [];
    const statusAtPost: (string | undefined)[] = [];
    h.build.beforeBuild = async () => {
      statusAtBuild.push((await h.store.get<DeliveryRecord>(NINE_KEY))?.status);
    };
    h.poster.beforePost = async () => {
      statusAtPost.push((await h.store.get<DeliveryRecord>(NINE_KEY))?.status);
    };

    expect(await h.runner().tick()).toEqual([posted('2026-11-23T09:00')]);

    expect(statusAtBuild).toEqual(['building']);
    // The main message and its thread reply both go out with the record saying "sending".
    expect(statusAtPost).toEqual(['sending', 'sending']);
    const main = { channel: 'C0LEADS', ts: '1763859600.000001' } satisfies PostedMessage;
    expect(await h.store.get<DeliveryRecord>(NINE_KEY)).toEqual({
      status: 'posted',
      owner: 'replica-a',
      updatedAt: NINE,
      attempts: 1,
      late: false,
      posted: main,
    });
    // The digest goes to the channel as configured; its reply to the id Slack answered with.
    expect(h.poster.accepted()).toEqual([
      { channel: '#cs-leads', text: 'Digest morning', threadTs: null, ok: true },
      { channel: 'C0LEADS', text: 'Details of morning', threadTs: main.ts, ok: true },
    ]);
  });

  it.each(['posted', 'sending', 'failed'] as const)(
    'never re-posts a delivery whose record says %s, however old the record',
    async (status) => {
      const h = await setup();
      await moveTo(h.clock, NINE + 20 * MINUTE);
      // Another process got this far and stopped: a crash while sending is not retried (at most once).
      const record: DeliveryRecord = { status, owner: 'gone', updatedAt: NINE, attempts: 1, late: false };
      await h.store.set(NINE_KEY, record);

      expect(await h.runner().tick()).toEqual([skipped('2026-11-23T09:00', true)]);
      expect(h.build.calls).toEqual([]);
      expect(h.poster.attempts).toEqual([]);
      expect(await h.store.get(NINE_KEY)).toEqual(record);
    },
  );

  it.each([
    { leaseLeft: MINUTE, outcome: 'skipped', builds: 0 },
    { leaseLeft: 0, outcome: 'posted', builds: 1 },
    { leaseLeft: -MINUTE, outcome: 'posted', builds: 1 },
  ])(
    'takes over a "building" delivery of another owner only once its lease has lapsed (lease left $leaseLeft ms → $outcome)',
    async ({ leaseLeft, outcome, builds }) => {
      const h = await setup();
      await moveTo(h.clock, NINE + 20 * MINUTE);
      await h.store.set(NINE_KEY, {
        status: 'building',
        owner: 'stopped-replica',
        updatedAt: NINE,
        attempts: 1,
        late: false,
      } satisfies DeliveryRecord);
      await h.store.set(deliveryLeaseKey('morning', '2026-11-23T09:00'), {
        owner: 'stopped-replica',
        until: h.clock.now() + leaseLeft,
      });

      const [result] = await h.runner().tick();
      expect(result?.status).toBe(outcome);
      expect(h.build.calls).toHaveLength(builds);
      expect(h.poster.accepted().filter((a) => a.threadTs === null)).toHaveLength(builds);
      expect((await h.store.get<DeliveryRecord>(NINE_KEY))?.owner).toBe(
        outcome === 'posted' ? 'replica-a' : 'stopped-replica',
      );
    },
  );

  it('lets exactly one of two replicas take over an abandoned claim when both tick at once', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE + 30 * MINUTE);
    await h.store.set(NINE_KEY, {
      status: 'building',
      owner: 'stopped-replica',
      updatedAt: NINE,
      attempts: 1,
      late: false,
    } satisfies DeliveryRecord);

    const [a, b] = await Promise.all([h.runner('replica-a').tick(), h.runner('replica-b').tick()]);
    const statuses = [...(a ?? []), ...(b ?? [])].map((o) => o.status).sort();
    expect(statuses).toEqual(['posted', 'skipped']);
    expect(h.build.calls).toHaveLength(1);
    expect(h.poster.accepted().filter((x) => x.threadTs === null)).toHaveLength(1);
    const winner = a?.[0]?.status === 'posted' ? 'replica-a' : 'replica-b';
    expect(await h.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({ status: 'posted', owner: winner });

    // Later ticks of either find it done.
    await h.clock.advance(20 * MINUTE);
    await h.runner('replica-a').tick();
    await h.runner('replica-b').tick();
    expect(h.build.calls).toHaveLength(1);
  });

  it('posts once when two replicas tick at the same moment', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    const replicas = ['replica-a', 'replica-b', 'replica-c'].map((owner) => h.runner(owner));

    const outcomes = (await Promise.all(replicas.map((r) => r.tick()))).flat();
    expect(outcomes.filter((o) => o.status === 'posted')).toEqual([posted('2026-11-23T09:00')]);
    expect(outcomes.filter((o) => o.status === 'skipped')).toHaveLength(2);
    expect(h.build.calls).toHaveLength(1);
    expect(h.poster.accepted().map((a) => a.text)).toEqual(['Digest morning', 'Details of morning']);
  });

  it('leaves its own delivery alone while it waits to retry it (a second tick meanwhile)', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    h.build.fail(1);
    const runner = h.runner();
    const first = runner.tick();
    await untilSleeping(h.clock);

    expect(await runner.tick()).toEqual([skipped('2026-11-23T09:00')]);
    expect(h.build.calls).toHaveLength(1);
    expect((await h.store.get<DeliveryRecord>(NINE_KEY))?.status).toBe('building');
    expect((await timed(h.clock, first)).result).toEqual([posted('2026-11-23T09:00')]);
    expect(h.build.calls).toHaveLength(2);
  });
});

describe('createDigestRunner: catch-up', () => {
  it('posts only the latest missed occurrence of an hourly digest, once, marked late', async () => {
    const hourly = digestDefinition({ schedule: '0 * * * *' });
    const h = await setup({ knownAt: shanghai('05:58'), digests: [hourly] });
    await moveTo(h.clock, shanghai('06:00'));
    expect(await h.runner().tick()).toEqual([posted('2026-11-23T06:00')]);

    // Down from just after 06:00 until 09:10: 07:00, 08:00 and 09:00 were missed.
    await moveTo(h.clock, shanghai('09:10'));
    const restarted = h.runner('after-restart');
    expect(await restarted.tick()).toEqual([posted('2026-11-23T09:00', true)]);
    expect(await restarted.tick()).toEqual([skipped('2026-11-23T09:00', true)]);

    expect(h.build.calls).toEqual([
      { digest: 'morning', lateFor: null },
      { digest: 'morning', lateFor: '09:00 on 2026-11-23' },
    ]);
    expect(h.poster.accepted().filter((a) => a.threadTs === null)).toHaveLength(2);
    expect(await h.store.get(deliveryKey('morning', '2026-11-23T07:00'))).toBeNull();
    expect(await h.store.get(deliveryKey('morning', '2026-11-23T08:00'))).toBeNull();
  });

  it.each([
    { down: 5 * HOUR + 59 * MINUTE, outcomes: [posted('2026-11-23T09:00', true)] },
    { down: 6 * HOUR + MINUTE, outcomes: [] },
  ])('catches up only within catchUpMs (6 h): $down ms after 09:00', async ({ down, outcomes }) => {
    const h = await setup();
    await moveTo(h.clock, NINE + down);
    expect(await h.runner().tick()).toEqual(outcomes);
    expect(h.build.calls).toHaveLength(outcomes.length);
  });

  it('uses the digest’s own catch-up window', async () => {
    const h = await setup({ digests: [digestDefinition({ catchUpMs: 30 * MINUTE })] });
    await moveTo(h.clock, NINE + 31 * MINUTE);
    expect(await h.runner().tick()).toEqual([]);
  });

  it.each([
    { known: '08:59', outcomes: [posted('2026-11-23T09:00')] },
    { known: '09:00', outcomes: [posted('2026-11-23T09:00')] },
    { known: '09:01', outcomes: [] },
  ])('skips occurrences before the bot knew the digest (known since $known)', async ({ known, outcomes }) => {
    const h = await setup({ knownAt: shanghai(known) });
    await moveTo(h.clock, shanghai('09:02'));
    expect(await h.runner().tick()).toEqual(outcomes);
  });

  it('counts a digest subscribed from Slack from when it was added', async () => {
    const h = await setup({ digests: [] });
    await moveTo(h.clock, shanghai('08:30'));
    await h.registry.add(digestDefinition({ name: 'leads', source: 'slack' }), 'U0LEAD');
    await moveTo(h.clock, shanghai('09:30'));
    const runner = h.runner();
    expect(await runner.tick()).toEqual([
      { digest: 'leads', wall: '2026-11-23T09:00', status: 'posted', late: true },
    ]);

    await h.registry.add(digestDefinition({ name: 'late-comer', source: 'slack' }), 'U0LEAD');
    await h.clock.advance(MINUTE);
    expect((await runner.tick()).map((o) => o.digest)).toEqual(['leads']);
  });

  it.each([
    { after: 0, late: false, lateFor: null },
    { after: 5 * MINUTE, late: false, lateFor: null },
    { after: 6 * MINUTE, late: true, lateFor: '09:00 on 2026-11-23' },
  ])(
    'says it is late only more than 5 min after its time ($after ms → late $late)',
    async ({ after, late, lateFor }) => {
      const h = await setup();
      await moveTo(h.clock, NINE + after);
      expect(await h.runner().tick()).toEqual([posted('2026-11-23T09:00', late)]);
      expect(h.build.calls).toEqual([{ digest: 'morning', lateFor }]);
      expect((await h.store.get<DeliveryRecord>(NINE_KEY))?.late).toBe(late);
    },
  );

  it('posts nothing on a day the schedule skips (Saturday, weekdays only)', async () => {
    const h = await setup({ knownAt: Date.parse('2026-11-28T08:00:00+08:00') });
    await moveTo(h.clock, Date.parse('2026-11-28T09:00:00+08:00'));
    expect(await h.runner().tick()).toEqual([]);
  });
});

describe('createDigestRunner: retries and failures', () => {
  it('retries a failed build after the configured delays and posts once', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    h.build.fail(2);

    const { result, elapsed } = await timed(h.clock, h.runner().tick());
    expect(result).toEqual([posted('2026-11-23T09:00')]);
    expect(elapsed).toBe(RETRY_DELAYS[0] + RETRY_DELAYS[1]);
    expect(h.build.calls).toHaveLength(3);
    expect(h.poster.accepted().map((a) => a.text)).toEqual(['Digest morning', 'Details of morning']);
    expect(h.notices).toEqual([]);
    expect(await h.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({ status: 'posted', attempts: 3 });
  });

  it('does not retry before the delay has passed', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    h.build.fail(1);
    const tick = h.runner().tick();
    await untilSleeping(h.clock);

    await h.clock.advance(RETRY_DELAYS[0] - 1);
    expect(h.build.calls).toHaveLength(1);
    await h.clock.advance(1);
    expect((await tick)[0]?.status).toBe('posted');
    expect(h.build.calls).toHaveLength(2);
  });

  it('posts one failure notice when every attempt fails, and nothing at later ticks', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    h.build.fail();

    const { result, elapsed } = await timed(h.clock, h.runner().tick());
    expect(result).toEqual([{ digest: 'morning', wall: '2026-11-23T09:00', status: 'failed', late: false }]);
    expect(elapsed).toBe(RETRY_DELAYS[0] + RETRY_DELAYS[1]);
    // One attempt more than there are delays.
    expect(h.build.calls).toHaveLength(RETRY_DELAYS.length + 1);
    expect(h.notices).toHaveLength(1);
    expect(String(h.notices[0]?.error)).toContain('(build 3)');
    expect(h.poster.accepted()).toEqual([
      { channel: 'C0DIGEST', text: 'Digest morning could not be built', threadTs: null, ok: true },
    ]);
    expect(await h.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({
      status: 'failed',
      attempts: 3,
      reason: 'Sobot answered HTTP 500 (build 3)',
    });

    for (const later of [MINUTE, 20 * MINUTE, 2 * HOUR]) {
      await moveTo(h.clock, NINE + later);
      await h.runner('another-replica').tick();
    }
    expect(h.build.calls).toHaveLength(3);
    expect(h.poster.attempts).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])(
    'does not retry a permanent Slack error (%s) but still tries the notice',
    async (code) => {
      const h = await setup();
      await moveTo(h.clock, NINE);
      h.poster.fail('main', slackError(code));

      const { result, elapsed } = await timed(h.clock, h.runner().tick());
      expect(result[0]?.status).toBe('failed');
      expect(elapsed).toBe(0);
      expect(h.build.calls).toHaveLength(1);
      // The digest once, then the notice (which fails the same way: logged, not thrown).
      expect(h.poster.attempts.map((a) => a.text)).toEqual([
        'Digest morning',
        'Digest morning could not be built',
      ]);
      expect(h.notices.map((n) => n.error)).toEqual([
        expect.objectContaining({ data: { ok: false, error: code } }),
      ]);
      expect(await h.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({ status: 'failed', attempts: 1 });
    },
  );

  it('retries a transient Slack error and posts once', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    h.poster.fail('main', slackError('internal_error'), 1);

    const { result, elapsed } = await timed(h.clock, h.runner().tick());
    expect(result).toEqual([posted('2026-11-23T09:00')]);
    expect(elapsed).toBe(RETRY_DELAYS[0]);
    expect(h.poster.accepted().map((a) => a.text)).toEqual(['Digest morning', 'Details of morning']);
    expect(h.notices).toEqual([]);
  });

  it('counts the digest as posted when only a thread reply fails', async () => {
    const h = await setup();
    await moveTo(h.clock, NINE);
    h.poster.fail('thread', slackError('internal_error'));

    const { result, elapsed } = await timed(h.clock, h.runner().tick());
    expect(result).toEqual([posted('2026-11-23T09:00')]);
    expect(elapsed).toBe(0);
    expect(h.build.calls).toHaveLength(1);
    expect(h.poster.accepted().map((a) => a.text)).toEqual(['Digest morning']);
    expect(h.poster.attempts.filter((a) => a.threadTs !== null)).toHaveLength(1);
    expect(h.notices).toEqual([]);
    expect((await h.store.get<DeliveryRecord>(NINE_KEY))?.status).toBe('posted');
  });
});

describe('createDigestRunner: postNow', () => {
  it('builds and posts the digest and its thread at once, without a delivery record', async () => {
    const h = await setup();
    await moveTo(h.clock, shanghai('15:47'));
    const digest = digestDefinition();

    const result = await h.runner().postNow(digest);
    expect(result).toEqual({ channel: 'C0DIGEST', ts: '1763859600.000001' });
    expect(h.build.calls).toEqual([{ digest: 'morning', lateFor: null }]);
    expect(h.poster.accepted()).toEqual([
      { channel: 'C0DIGEST', text: 'Digest morning', threadTs: null, ok: true },
      { channel: 'C0DIGEST', text: 'Details of morning', threadTs: result.ts, ok: true },
    ]);
    expect(await h.store.list('digest:delivery:')).toEqual([]);
  });

  it('lets a build failure reach the caller (the command answers with it)', async () => {
    const h = await setup();
    h.build.fail(1);
    await expect(h.runner().postNow(digestDefinition())).rejects.toThrow('Sobot answered HTTP 500');
    expect(h.poster.attempts).toEqual([]);
  });
});

describe.each(STORE_KINDS)('createDigestRunner: leases across replicas (%s store)', (kind) => {
  const LEASE = 3 * MINUTE;

  /** Replicas a and b, each with its own view of one shared store, both due to post the 09:00 digest. */
  async function replicas() {
    const clock = createFakeClock(shanghai('08:00'));
    const stores = await openReplicaStores(kind, clock);
    cleanups.push(() => stores.close());
    const poster = createFakePoster();
    const build = createFakeBuild();
    const notices: string[] = [];
    const replica = async (owner: string) => {
      const store = await stores.replica(owner);
      const registry = await createDigestRegistry({
        store,
        fileDigests: [digestDefinition()],
        now: clock.now,
      });
      const runner = createDigestRunner({
        registry,
        store,
        clock,
        logger: silent,
        poster,
        build: (digest, options) => build.build(digest, options),
        failureNotice: (digest) => {
          notices.push(digest.name);
          return message(`Digest ${digest.name} could not be built`);
        },
        retryDelaysMs: RETRY_DELAYS,
        owner,
        leaseMs: LEASE,
      });
      return { store, runner };
    };
    const a = await replica('host-a:5e1f');
    const b = await replica('host-b:77c2');
    await moveTo(clock, NINE);
    return { clock, poster, build, notices, a, b };
  }

  /** Makes the next build wait until the returned function is called. */
  function holdBuild(build: FakeBuild): { started: Promise<void>; finish: () => void } {
    let finish = () => {};
    let started = () => {};
    const startedPromise = new Promise<void>((resolve) => {
      started = resolve;
    });
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    build.beforeBuild = async () => {
      build.beforeBuild = undefined;
      started();
      await held;
    };
    return { started: startedPromise, finish };
  }

  /**
   * Resolves once the heartbeat due now is in the store. Fake time runs far ahead of the real time the
   * store's writes take (fsync), so the test waits for each beat as a real clock would have.
   */
  async function heartbeatWritten(store: Store, clock: FakeClock): Promise<void> {
    const key = deliveryLeaseKey('morning', '2026-11-23T09:00');
    while ((await store.get<{ until: number }>(key))?.until !== clock.now() + LEASE) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const mainPosts = (poster: FakePoster) => poster.accepted().filter((p) => p.threadTs === null);

  it('keeps the lease by heartbeat through a 16-minute build: the other replica never takes over; one post', async () => {
    const h = await replicas();
    const hold = holdBuild(h.build);
    const first = h.a.runner.tick();
    await hold.started;
    for (let minute = 1; minute <= 16; minute += 1) {
      await h.clock.advance(MINUTE);
      await heartbeatWritten(h.a.store, h.clock);
      expect(await h.b.runner.tick()).toMatchObject([{ status: 'skipped' }]);
    }
    hold.finish();

    expect(await first).toEqual([posted('2026-11-23T09:00')]);
    expect(h.build.calls).toHaveLength(1);
    expect(mainPosts(h.poster).map((p) => p.text)).toEqual(['Digest morning']);
    expect(await h.a.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({
      status: 'posted',
      owner: 'host-a:5e1f',
    });
  });

  it('lets a replica take over a build held past its lease (heartbeats cut off); the late builder posts nothing', async () => {
    const h = await replicas();
    const hold = holdBuild(h.build);
    const first = h.a.runner.tick();
    await hold.started;
    // Replica a is cut off from the store: its heartbeats fail, so its lease lapses after 3 minutes.
    h.a.store.failWrites(() => true);
    await h.clock.advance(LEASE - SECOND);
    expect(await h.b.runner.tick()).toEqual([skipped('2026-11-23T09:00')]);
    await h.clock.advance(SECOND);

    expect(await h.b.runner.tick()).toEqual([posted('2026-11-23T09:00', false)]);
    // Replica a comes back and finishes its build: its ownership check fails, so it does not post.
    h.a.store.heal();
    hold.finish();

    expect(await first).toEqual([skipped('2026-11-23T09:00')]);
    expect(h.build.calls).toHaveLength(2);
    expect(mainPosts(h.poster).map((p) => p.text)).toEqual(['Digest morning']);
    expect(await h.b.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({
      status: 'posted',
      owner: 'host-b:77c2',
    });
    // Later ticks of both find it done.
    await h.clock.advance(10 * MINUTE);
    await h.a.runner.tick();
    await h.b.runner.tick();
    expect(mainPosts(h.poster)).toHaveLength(1);
  });

  it('resumes a delivery whose failure could not be recorded (a store write failing mid-record): one post, nothing stuck', async () => {
    const h = await replicas();
    h.build.fail(RETRY_DELAYS.length + 1);
    h.a.store.failWrites((w) => w.key === NINE_KEY && (w.value as DeliveryRecord)?.status === 'failed', 1);

    const { result } = await timed(h.clock, h.a.runner.tick());
    expect(result).toEqual([{ digest: 'morning', wall: '2026-11-23T09:00', status: 'failed', late: false }]);
    expect(h.a.store.failed).toHaveLength(1);
    // No notice yet: the record still says "building", and the delivery is not lost.
    expect(h.notices).toEqual([]);
    expect(h.poster.attempts).toEqual([]);
    expect((await h.a.store.get<DeliveryRecord>(NINE_KEY))?.status).toBe('building');

    // The same process resumes its own stale claim at the next tick, and Sobot answers now.
    await h.clock.advance(MINUTE);
    expect(await h.a.runner.tick()).toEqual([posted('2026-11-23T09:00')]);
    expect(mainPosts(h.poster).map((p) => p.text)).toEqual(['Digest morning']);
    expect(await h.b.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({
      status: 'posted',
      owner: 'host-a:5e1f',
    });
    await h.clock.advance(MINUTE);
    expect(await h.b.runner.tick()).toEqual([skipped('2026-11-23T09:00')]);
    expect(mainPosts(h.poster)).toHaveLength(1);
  });

  it('posts the failure notice once when the resumed delivery fails again', async () => {
    const h = await replicas();
    h.build.fail();
    h.a.store.failWrites((w) => w.key === NINE_KEY && (w.value as DeliveryRecord)?.status === 'failed', 1);
    await timed(h.clock, h.a.runner.tick());
    await h.clock.advance(MINUTE);

    const { result } = await timed(h.clock, h.b.runner.tick());
    expect(result[0]?.status).toBe('failed');
    expect(h.notices).toEqual(['morning']);
    expect(h.poster.accepted().map((p) => p.text)).toEqual(['Digest morning could not be built']);
    expect(await h.a.store.get<DeliveryRecord>(NINE_KEY)).toMatchObject({
      status: 'failed',
      owner: 'host-b:77c2',
    });
  });
});
