// One Sobot budget per company for every replica: the window log of window-log.ts kept in Redis, each
// step one Lua script, so replicas taking slots at the same moment never together exceed the cap.
// Calls on the wire sit in one sorted set (scored by a ceiling, so a replica that dies mid-call frees
// its slot eventually), settled calls in another (scored by when they free: reply + window + margin);
// a 229000 pause is one key every replica reads before granting. While Redis cannot be reached each
// replica counts on its own log with its share of the budget (SOBOT_RATE_LIMIT ÷ SOBOT_REPLICAS), and
// when Redis is back the calls it made meanwhile are written into the shared log before it takes more.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { createFailover } from '../store/failover.ts';
import type { ScriptingStore } from '../store/store.ts';
import { createLocalWindowLog, type WindowLog, type WindowTiming } from './window-log.ts';

/** A call longer than this is assumed to have died with its replica (attempts time out at 8 s). */
const WIRE_CEILING_MS = 60_000;
/** How soon a replica whose window is full looks again (other replicas' replies wake nobody here). */
const RECHECK_MS = 500;
/** Local slots' ids start with this, so settle() knows which log a slot came from. */
const LOCAL = 'local:';

/** KEYS: wire, held. ARGV: now, cap, member, wire ceiling (epoch ms), key lifetime (ms). 1 = taken. */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** KEYS: wire, held. ARGV: member, frees at (epoch ms), key lifetime (ms). */
const SETTLE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

/** KEYS: wire, held. ARGV: now. The live members of both, with their scores. */
const HOLDS = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
return { redis.call('ZRANGE', KEYS[1], 0, -1), redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES') }`;

/** KEYS: pause. ARGV: until (epoch ms), lifetime (ms). Keeps the later of the two pauses. */
const PAUSE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

/** KEYS: held. ARGV: lifetime (ms), then pairs of frees-at and member. */
const ADOPT = `
for i = 2, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/** The company's log in Redis under `key` (e.g. `sobot:budget:v5:<appid>`). Store failures reject. */
export function createRedisWindowLog(
  store: ScriptingStore,
  key: string,
  timing: WindowTiming,
  clock: Clock,
): WindowLog & { adopt(freesAt: number[]): Promise<void> } {
  const hold = timing.windowMs + timing.marginMs;
  const keys = [`${key}:wire`, `${key}:held`];
  const lifetime = WIRE_CEILING_MS + hold;
  const replica = randomUUID().slice(0, 8);
  let next = 0;
  // A member names when it was sent, for holds(): "<sentAt>:<replica>:<n>".
  const member = (sentAt: number) => {
    next += 1;
    return `${sentAt}:${replica}:${next}`;
  };

  return {
    async tryTake(now, cap) {
      const slot = member(now);
      const taken = await store.runScript(TAKE, keys, [now, cap, slot, now + lifetime, lifetime]);
      return taken === 1 ? slot : null;
    },
    async settle(slot, at) {
      await store.runScript(SETTLE, keys, [slot, at + hold, lifetime]);
    },
    async holds(now, inFlightMs) {
      const [wire, held] = (await store.runScript(HOLDS, keys, [now])) as [string[], string[]];
      const freesAt: number[] = wire.map(
        (slot) => Math.max(now, Number(slot.split(':')[0]) + inFlightMs) + hold,
      );
      for (let i = 1; i < held.length; i += 2) freesAt.push(Number(held[i]));
      return freesAt.sort((a, b) => a - b);
    },
    async pause(until) {
      const lifetimeMs = Math.max(0, Math.ceil(until - clock.now())) + hold;
      await store.runScript(PAUSE, [`${key}:pause`], [until, lifetimeMs]);
    },
    async pausedUntil() {
      return Number((await store.get<number>(`${key}:pause`)) ?? 0);
    },
    async adopt(freesAt) {
      if (freesAt.length === 0) return;
      const pairs = freesAt.flatMap((at) => [at, member(at)]);
      await store.runScript(ADOPT, [keys[1] as string], [lifetime, ...pairs]);
    },
  };
}

/**
 * The shared log while Redis answers; this replica's own log, with its share of the cap
 * (`cap ÷ replicas`, at least one call), while it does not.
 */
export function createSharedWindowLog(opts: {
  store: ScriptingStore;
  key: string;
  timing: WindowTiming;
  /** SOBOT_REPLICAS: how many replicas share the company's budget when each counts alone. */
  replicas: number;
  clock: Clock;
  logger: Logger;
}): WindowLog {
  const shared = createRedisWindowLog(opts.store, opts.key, opts.timing, opts.clock);
  const local = createLocalWindowLog(opts.timing);
  const failover = createFailover({
    store: opts.store,
    logger: opts.logger.child({ module: 'sobot' }),
    what: 'Sobot budget',
    meanwhile: `this replica allows itself 1/${opts.replicas} of SOBOT_RATE_LIMIT until it is back`,
  });
  const { reach } = failover;
  const share = (cap: number) => Math.max(1, Math.floor(cap / opts.replicas));
  // Calls counted on the local log that the shared one has not been told about yet.
  let owed = false;

  return {
    recheckMs: RECHECK_MS,
    tryTake(now, cap) {
      return failover.run(
        async () => {
          // Back from an outage: the calls made alone still count against the company's window.
          if (owed) {
            await reach(shared.adopt(await local.holds(now, 0)));
            owed = false;
          }
          return reach(shared.tryTake(now, cap));
        },
        async () => {
          owed = true;
          const slot = await local.tryTake(now, share(cap));
          return slot === null ? null : `${LOCAL}${slot}`;
        },
      );
    },
    async settle(slot, at) {
      if (slot.startsWith(LOCAL)) return local.settle(slot.slice(LOCAL.length), at);
      // Unreachable now: the slot frees on its own at the wire ceiling.
      await failover.run(
        () => reach(shared.settle(slot, at)),
        async () => undefined,
      );
    },
    holds(now, inFlightMs) {
      return failover.run(
        async () => [...(await reach(shared.holds(now, inFlightMs)))],
        () => local.holds(now, inFlightMs),
      );
    },
    async pause(until) {
      await local.pause(until);
      await failover.run(
        () => reach(shared.pause(until)),
        async () => undefined,
      );
    },
    async pausedUntil() {
      const own = await local.pausedUntil();
      const all = await failover.run(
        () => reach(shared.pausedUntil()),
        async () => own,
      );
      return Math.max(own, all);
    },
  };
}
