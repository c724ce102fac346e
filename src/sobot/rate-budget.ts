// The one Sobot call budget every caller shares: a scheduler over the window log (window-log.ts).
// Sobot allows `limit` calls in any rolling 60 s, counted when they arrive, so a call holds its slot
// from send until 60 s + a margin after its reply. Waiting calls form a bounded queue: scheduled work
// (digests, alert checks) first, with a reserved share of the window people cannot take; people in
// turn (round-robin per user, so one person's ten trends do not starve the rest); calls released
// after the window was full go out spaced, not in a burst. Each waiting call knows its place and
// expected start; one that could not start in time is refused ("busy") instead of queued. A 229000
// pauses everyone sharing the log (every replica, with Redis), for at most `maxPauseMs`; a longer one
// refuses calls until it clears.

import type { Clock } from '../clock.ts';
import type { QueueWait } from '../command-context.ts';
import type { Priority } from '../stats/model.ts';
import { SobotBusyError, SobotRateLimitedError } from './errors.ts';
import { createLocalWindowLog, SOBOT_WINDOW, type WindowLog } from './window-log.ts';

export interface BudgetRequest {
  priority: Priority;
  /** Who the call is for: people's calls are served in turn, one each. Default: one shared queue. */
  owner?: string;
  signal?: AbortSignal;
  /** Refuse with SobotBusyError, rather than queue, when the call is not expected to start by then. */
  latestStart?: number;
  /** Told once when the call has to wait: its place and expected start. */
  onQueued?(wait: QueueWait): void;
}

/** A slot held by a call on the wire. */
export interface Grant {
  /** The reply (or failure) arrived: the slot frees a window + margin from now. */
  settle(): void;
}

export interface RateBudget {
  /** Resolves with a slot once the call may be sent; rejects when refused or aborted. */
  acquire(request: BudgetRequest): Promise<Grant>;
  /**
   * Sobot said "try again in N s": nobody calls before `until` (epoch ms). A pause longer than
   * `maxPauseMs` refuses every call with SobotRateLimitedError until then instead of holding it.
   */
  pauseUntil(until: number): void;
  /** Scheduled work exists (digests, alert rules): keep its reserved share free of people's calls. */
  reserveForBackground(on: boolean): void;
  /** Where a call asked for now would stand. */
  estimate(priority: Priority, owner?: string): Promise<QueueWait>;
  /** Slots this process holds (calls sent within the window), for /metrics and the bench. */
  inWindow(): number;
  /** Calls waiting. */
  queued(): number;
}

export interface RateBudgetOptions {
  /** Calls per window (SOBOT_RATE_LIMIT). */
  limit: number;
  clock: Clock;
  windowMs?: number;
  /** Added to each hold for clock drift and jitter (default 1 s). */
  marginMs?: number;
  /** Longest 229000 pause that holds calls (SOBOT_MAX_PAUSE, default 120 s). */
  maxPauseMs?: number;
  /** Share of the window kept for scheduled work when reserved (default 0.25). */
  reservedShare?: number;
  /** Gap between calls released after the window was full (default 250 ms). */
  spacingMs?: number;
  /** Longest queue; beyond it calls are refused as busy (default 1000). */
  maxQueued?: number;
  /** The shared log; default an in-process one. */
  log?: WindowLog;
}

interface Waiter {
  priority: Priority;
  owner: string;
  resolve(grant: Grant): void;
  reject(reason: unknown): void;
  detach(): void;
}

/** Until replies have been timed: a cautious guess of a round trip. */
const INITIAL_ROUND_TRIP_MS = 1_000;

export function createRateBudget(opts: RateBudgetOptions): RateBudget {
  const { limit, clock } = opts;
  const windowMs = opts.windowMs ?? SOBOT_WINDOW.windowMs;
  const marginMs = opts.marginMs ?? SOBOT_WINDOW.marginMs;
  const maxPauseMs = opts.maxPauseMs ?? 120_000;
  const spacingMs = opts.spacingMs ?? 250;
  const maxQueued = opts.maxQueued ?? 1_000;
  const reservedSlots = Math.min(limit - 1, Math.ceil(limit * (opts.reservedShare ?? 0.25)));
  const log = opts.log ?? createLocalWindowLog({ windowMs, marginMs });

  const background: Waiter[] = [];
  // Each person's calls in order; the Map's order is the round-robin ring (head is served next):
  // people not yet served since they started waiting first, in arrival order, then the others.
  const people = new Map<string, Waiter[]>();
  const served = new Set<string>();
  let reserved = 0;
  let pausedUntil = 0;
  let limitedUntil = 0;
  let congested = false;
  let lastGrantAt = Number.NEGATIVE_INFINITY;
  let roundTripMs = INITIAL_ROUND_TRIP_MS;
  let running: Promise<void> | null = null;
  let pumpAgain = false;
  let timerAt = Number.POSITIVE_INFINITY;
  const held = new Map<number, number>();
  let grants = 0;

  const queued = () => background.length + [...people.values()].reduce((n, q) => n + q.length, 0);
  const capOf = (priority: Priority) => (priority === 'background' ? limit : limit - reserved);

  const next = (): Waiter | undefined => {
    if (background[0]) return background[0];
    const [, queue] = people.entries().next().value ?? [];
    return queue?.[0];
  };

  /** Takes `waiter` out of the queue; a person served goes to the back of the ring. */
  const remove = (waiter: Waiter, granted: boolean) => {
    const queue = waiter.priority === 'background' ? background : people.get(waiter.owner);
    const index = queue?.indexOf(waiter) ?? -1;
    if (!queue || index < 0) return;
    queue.splice(index, 1);
    if (waiter.priority === 'background') return;
    if (granted || queue.length === 0) people.delete(waiter.owner);
    if (queue.length === 0) served.delete(waiter.owner);
    else if (granted) {
      served.add(waiter.owner);
      people.set(waiter.owner, queue);
    }
  };

  /** A person who starts waiting goes before everyone already served in this busy spell. */
  const enqueue = (waiter: Waiter) => {
    const queue = people.get(waiter.owner);
    if (queue) {
      queue.push(waiter);
      return;
    }
    const ring = [...people.entries()];
    people.clear();
    const unserved = ring.filter(([owner]) => !served.has(owner));
    for (const [owner, waiting] of unserved) people.set(owner, waiting);
    people.set(waiter.owner, [waiter]);
    for (const [owner, waiting] of ring) if (served.has(owner)) people.set(owner, waiting);
  };

  const rejectAll = (reason: () => unknown) => {
    for (let waiter = next(); waiter; waiter = next()) {
      remove(waiter, false);
      waiter.detach();
      waiter.reject(reason());
    }
  };

  const armTimer = (at: number) => {
    if (at >= timerAt) return;
    timerAt = at;
    void clock.sleep(Math.max(1, at - clock.now())).then(() => {
      if (timerAt === at) timerAt = Number.POSITIVE_INFINITY;
      void pump();
    });
  };

  const rateLimited = () => {
    const now = clock.now();
    return new SobotRateLimitedError('', Math.ceil((limitedUntil - now) / 1000), limitedUntil);
  };

  /** A pause up to `maxPauseMs` holds calls; a longer one refuses them until it clears. */
  const notePause = (until: number) => {
    if (until - clock.now() > maxPauseMs) limitedUntil = Math.max(limitedUntil, until);
    else pausedUntil = Math.max(pausedUntil, until);
  };

  /** Grants what fits now; arms a timer for when the next waiter may go. */
  const grantWhatFits = async () => {
    for (;;) {
      if (next()) notePause(await log.pausedUntil());
      const now = clock.now();
      if (limitedUntil > now) return rejectAll(rateLimited);
      const waiter = next();
      if (!waiter) {
        congested = false;
        return;
      }
      if (pausedUntil > now) return armTimer(pausedUntil);
      if (congested && lastGrantAt + spacingMs > now) return armTimer(lastGrantAt + spacingMs);
      const cap = capOf(waiter.priority);
      const slot = await log.tryTake(now, cap);
      if (slot === null) {
        congested = true;
        // Known free times arm a timer; calls still on the wire wake the pump when they settle.
        const holds = await log.holds(now, Number.POSITIVE_INFINITY);
        const freesAt = holds[holds.length - cap];
        if (freesAt !== undefined && Number.isFinite(freesAt)) armTimer(freesAt);
        if (log.recheckMs !== undefined) armTimer(now + log.recheckMs);
        return;
      }
      if (next() !== waiter) {
        // Aborted while the slot was being taken: give it back unused.
        await log.settle(slot, now - windowMs - marginMs);
        continue;
      }
      remove(waiter, true);
      waiter.detach();
      lastGrantAt = now;
      waiter.resolve(grantFor(slot, now));
    }
  };

  const grantFor = (slot: string, sentAt: number): Grant => {
    const id = grants++;
    held.set(id, Number.POSITIVE_INFINITY);
    let settled = false;
    return {
      settle() {
        if (settled) return;
        settled = true;
        const at = clock.now();
        // A running average of round trips, for estimates.
        roundTripMs = 0.8 * roundTripMs + 0.2 * (at - sentAt);
        held.set(id, at + windowMs + marginMs);
        for (const [other, freesAt] of held) if (freesAt <= at) held.delete(other);
        void log.settle(slot, at).then(pump);
      },
    };
  };

  /** Grants what fits; a caller arriving while it runs waits for the same round to finish. */
  function pump(): Promise<void> {
    if (running) {
      pumpAgain = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          pumpAgain = false;
          await grantWhatFits();
        } while (pumpAgain);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /**
   * How many calls will be served before the one at `index` in `owner`'s queue (its length: a new
   * call): scheduled work first, then the ring, where a newcomer stands behind the people not yet
   * served and ahead of the rest.
   */
  const aheadOf = (priority: Priority, owner: string, index: number): number => {
    if (priority === 'background') return index;
    let ahead = background.length + index;
    let beforeOwner = true;
    for (const [other, queue] of people) {
      if (other === owner || (!people.has(owner) && served.has(other))) beforeOwner = false;
      if (other === owner) continue;
      // Those before us in the ring get one more turn than our place in our own queue.
      ahead += Math.min(queue.length, index + (beforeOwner ? 1 : 0));
    }
    return ahead;
  };

  /** When the call with `ahead` calls before it is expected to be sent. */
  async function startTime(priority: Priority, ahead: number): Promise<QueueWait> {
    const now = clock.now();
    const cap = capOf(priority);
    const holds = await log.holds(now, roundTripMs / 2);
    // When each of the `cap` usable slots is next free; each is reused a round trip + hold later.
    const excess = holds.length - cap;
    const slotAt = (j: number) => (excess + j < 0 ? now : (holds[excess + j] as number));
    const cycle = windowMs + marginMs + roundTripMs;
    // The calls ahead go out in turn, each when a slot frees and a spacing after the one before.
    let startsAt = Math.max(now, pausedUntil) - spacingMs;
    for (let i = 0; i <= ahead; i += 1) {
      const freeAt = slotAt(i % cap) + Math.floor(i / cap) * cycle;
      startsAt = Math.max(freeAt, startsAt + spacingMs, pausedUntil);
    }
    return { ahead, startsAt, perMinute: limit };
  }

  const placeOf = (waiter: Waiter): number => {
    const queue = waiter.priority === 'background' ? background : (people.get(waiter.owner) ?? []);
    return aheadOf(waiter.priority, waiter.owner, Math.max(0, queue.indexOf(waiter)));
  };

  return {
    async acquire(request) {
      const { priority, signal } = request;
      const owner = request.owner ?? priority;
      if (signal?.aborted) throw signal.reason;
      if (limitedUntil > clock.now()) throw rateLimited();
      if (queued() >= maxQueued) {
        const wait = await startTime(priority, queued());
        throw new SobotBusyError(wait.startsAt, wait.ahead);
      }
      let waiting = true;
      let resolveGrant: (grant: Grant) => void = () => undefined;
      let rejectGrant: (reason: unknown) => void = () => undefined;
      const granted = new Promise<Grant>((resolve, reject) => {
        resolveGrant = resolve;
        rejectGrant = reject;
      });
      const onAbort = () => {
        remove(waiter, false);
        waiter.reject(signal?.reason);
        void pump();
      };
      const waiter: Waiter = {
        priority,
        owner,
        resolve: (grant) => {
          waiting = false;
          resolveGrant(grant);
        },
        reject: (reason) => {
          waiting = false;
          rejectGrant(reason);
        },
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Queued at once, so calls asked for together each see the others ahead of them.
      if (priority === 'background') background.push(waiter);
      else enqueue(waiter);
      const wait = await startTime(priority, placeOf(waiter));
      if (waiting && request.latestStart !== undefined && wait.startsAt > request.latestStart) {
        remove(waiter, false);
        waiter.detach();
        void pump();
        throw new SobotBusyError(wait.startsAt, wait.ahead);
      }
      await pump();
      // Told where it stands once the calls that could go now have gone.
      if (waiting) {
        const where = await startTime(priority, placeOf(waiter));
        if (waiting) request.onQueued?.(where);
      }
      return granted;
    },
    pauseUntil(until) {
      notePause(until);
      if (limitedUntil > clock.now()) rejectAll(rateLimited);
      // Every replica sharing the log waits too (a failure to record it is the log's to report).
      void log.pause(until).catch(() => undefined);
    },
    reserveForBackground(on) {
      reserved = on ? reservedSlots : 0;
      void pump();
    },
    async estimate(priority, owner = priority) {
      const queue = priority === 'background' ? background : (people.get(owner) ?? []);
      return startTime(priority, aheadOf(priority, owner, queue.length));
    },
    inWindow() {
      const now = clock.now();
      for (const [id, freesAt] of held) if (freesAt <= now) held.delete(id);
      return held.size;
    },
    queued,
  };
}
