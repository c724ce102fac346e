// State the replicas share (the Sobot token, budget and cache in Redis), with this process's own as the
// stand-in while the store cannot be reached: the bot never stops answering because Redis went away.
// The switch is logged once each way, so an outage is one warning and one "back", not one per call.

import type { Logger } from '../logger.ts';
import type { Store } from './store.ts';

/** A store operation failed (connection lost, command timed out): use the local stand-in. */
export class StoreUnreachableError extends Error {
  override name = 'StoreUnreachableError';
}

export interface Failover {
  /**
   * `shared()` while the store is reachable; `local()` when it is not, or when `shared` failed with
   * StoreUnreachableError (a `reach`-wrapped store operation). Any other error is the caller's.
   */
  run<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T>;
  /** A store operation whose failure means "unreachable". */
  reach<T>(operation: Promise<T>): Promise<T>;
  /** True while working on the local stand-in. */
  degraded(): boolean;
}

export function createFailover(opts: {
  store: Store;
  logger: Logger;
  /** What is shared, for the log: "Sobot budget". */
  what: string;
  /** What the replica does meanwhile, for the log. */
  meanwhile: string;
}): Failover {
  const { store, logger, what } = opts;
  let down = false;

  const goDown = (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error, shared: what }, `shared ${what} unreachable: ${opts.meanwhile}`);
  };
  const comeBack = () => {
    if (!down) return;
    down = false;
    logger.info({ shared: what }, `shared ${what} reachable again`);
  };

  return {
    async run(shared, local) {
      if (!store.reachable()) {
        goDown(new StoreUnreachableError('store not connected'));
        return local();
      }
      try {
        const value = await shared();
        comeBack();
        return value;
      } catch (error) {
        if (!(error instanceof StoreUnreachableError)) throw error;
        goDown(error.cause ?? error);
        return local();
      }
    },
    reach(operation) {
      return operation.catch((error: unknown) => {
        throw new StoreUnreachableError(error instanceof Error ? error.message : String(error), {
          cause: error,
        });
      });
    },
    degraded: () => down,
  };
}
