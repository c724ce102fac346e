// Work in flight (answers, digests, alert checks) and the drain at shutdown: once draining starts no
// new work is taken, and the process waits a bounded time for what is running before it closes the store.

export interface WorkInFlight {
  /** True once shutdown began: new commands get "restarting", scheduled runs are skipped. */
  readonly draining: boolean;
  /** Runs `work`, counted as in flight until it settles. */
  track<T>(kind: string, work: () => Promise<T>): Promise<T>;
  /** What is running now, by kind. */
  running(): Record<string, number>;
  /**
   * Starts draining and resolves once nothing is in flight, or after `timeoutMs` with what was still
   * running (an empty object when all finished).
   */
  drain(timeoutMs: number): Promise<Record<string, number>>;
}

export function createWorkInFlight(): WorkInFlight {
  const inFlight = new Map<Promise<unknown>, string>();
  let draining = false;
  let idle: (() => void) | null = null;

  const running = () => {
    const counts: Record<string, number> = {};
    for (const kind of inFlight.values()) counts[kind] = (counts[kind] ?? 0) + 1;
    return counts;
  };

  return {
    get draining() {
      return draining;
    },
    track(kind, work) {
      const promise = work();
      inFlight.set(promise, kind);
      const settled = () => {
        inFlight.delete(promise);
        if (inFlight.size === 0) idle?.();
      };
      promise.then(settled, settled);
      return promise;
    },
    running,
    async drain(timeoutMs) {
      draining = true;
      if (inFlight.size === 0) return {};
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        new Promise<true>((resolve) => {
          idle = () => resolve(true);
        }),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      idle = null;
      return finished ? {} : running();
    },
  };
}
