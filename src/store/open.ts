// Picks the Store for this deployment: Redis when REDIS_URL is set (replicas share state), else the file
// store under DATA_DIR, and says in the log which one and where.

import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { openFileStore } from './file.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  dataDir: string;
  redisUrl: string | null;
  /** REDIS_KEY_PREFIX: every key of this bot in Redis starts with it. */
  redisKeyPrefix?: string;
  clock: Clock;
  logger: Logger;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const log = opts.logger.child({ module: 'store' });
  if (opts.redisUrl) {
    // Loaded only here: ioredis is a tenth of the bot's start-up time and memory, and most bots run without it.
    const { openRedisStore, redactRedisUrl } = await import('./redis.ts');
    const url = redactRedisUrl(opts.redisUrl);
    const store = await openRedisStore({
      url: opts.redisUrl,
      keyPrefix: opts.redisKeyPrefix,
      onConnectionError: (err) => log.warn({ err, url }, 'redis connection error'),
    });
    log.info({ store: 'redis', url, keyPrefix: opts.redisKeyPrefix }, 'state store opened');
    return store;
  }
  const store = await openFileStore({
    dir: opts.dataDir,
    clock: opts.clock,
    onProblem: (problem) =>
      log.warn({ dataDir: opts.dataDir, problem }, 'state file unusable, starting empty'),
    onLockLost: (problem) => log.error({ dataDir: opts.dataDir, problem }, 'DATA_DIR lock lost'),
  });
  log.info({ store: 'file', dataDir: opts.dataDir }, 'state store opened');
  return store;
}
