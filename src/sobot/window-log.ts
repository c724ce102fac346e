// Sobot's rolling window as the bot must assume Sobot sees it. Sobot counts a call when it
// *receives* it, which is some time after we send it, so a call holds its slot from the moment it is
// sent until `windowMs + marginMs` after its reply (or failure) arrived: only then is it certainly out
// of Sobot's window. This is the storage under the scheduler in rate-budget.ts; a shared
// implementation (one log per company in Redis) can replace the in-process one behind this interface.

export interface WindowLog {
  /** Takes a slot for a call about to be sent, if fewer than `cap` are held; null when none is free. */
  tryTake(now: number, cap: number): Promise<string | null>;
  /** The call's reply or failure arrived at `at`: its slot is held until `at + window + margin`. */
  settle(slot: string, at: number): Promise<void>;
  /**
   * When each held slot frees, ascending; a call still on the wire is assumed to answer after
   * `inFlightMs`. For estimates and /metrics.
   */
  holds(now: number, inFlightMs: number): Promise<number[]>;
  /** Sobot said "try again later" (229000): nobody sharing this log calls before `until` (epoch ms). */
  pause(until: number): Promise<void>;
  /** The latest pause recorded, epoch ms (in the past, or 0, when there is none). */
  pausedUntil(): Promise<number>;
  /**
   * Set when other processes take slots too (replicas): a full window is looked at again after this
   * long, since their calls settling wakes nobody here.
   */
  readonly recheckMs?: number;
}

export interface WindowTiming {
  /** Sobot's window (60 s). */
  windowMs: number;
  /** Clock drift and network jitter between our clock and Sobot's (default 1 s). */
  marginMs: number;
}

/** Sobot's documented window, and the margin the bot adds to it. */
export const SOBOT_WINDOW: WindowTiming = { windowMs: 60_000, marginMs: 1_000 };

/** The log of one process: enough for a single replica. */
export function createLocalWindowLog(timing: WindowTiming): WindowLog {
  const hold = timing.windowMs + timing.marginMs;
  // slot id → when it frees (Infinity while the call is on the wire), with when it was sent.
  const slots = new Map<string, { sentAt: number; freesAt: number }>();
  let next = 0;
  let pausedUntil = 0;

  const prune = (now: number) => {
    for (const [id, slot] of slots) if (slot.freesAt <= now) slots.delete(id);
  };

  return {
    async tryTake(now, cap) {
      prune(now);
      if (slots.size >= cap) return null;
      next += 1;
      const id = String(next);
      slots.set(id, { sentAt: now, freesAt: Number.POSITIVE_INFINITY });
      return id;
    },
    async settle(id, at) {
      const slot = slots.get(id);
      if (slot) slot.freesAt = at + hold;
    },
    async holds(now, inFlightMs) {
      prune(now);
      return [...slots.values()]
        .map((slot) =>
          Number.isFinite(slot.freesAt) ? slot.freesAt : Math.max(now, slot.sentAt + inFlightMs) + hold,
        )
        .sort((a, b) => a - b);
    },
    async pause(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
    async pausedUntil() {
      return pausedUntil;
    },
  };
}
