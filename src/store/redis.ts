// The Store on Redis, for several replicas: claims are SET NX, so a digest or an alert is posted by one
// replica only. Opening fails fast, naming the server but never the password in REDIS_URL.

import { Redis } from 'ioredis';
import { byKey, encodeDocument, type ScriptingStore, type StoreWriteOptions, ttlOf } from './store.ts';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several bots (or tests) can share one Redis. Default `sobot-slack:`. */
  keyPrefix?: string;
  /** Told about connection errors after a successful open (the client keeps reconnecting). */
  onConnectionError?: (error: Error) => void;
}

const DEFAULT_KEY_PREFIX = 'sobot-slack:';
/** Per attempt: a wrong host must not hang the start. */
const CONNECT_TIMEOUT_MS = 3000;
/** Attempts after the first one, at open. */
const RETRIES_AT_OPEN = 2;
/** A command waits at most this long, so a stalled server cannot stall a digest forever. */
const COMMAND_TIMEOUT_MS = 5000;
const SCAN_BATCH = 200;
/**
 * compareAndSet in one step on the server. ARGV: expected JSON ('' = must be absent), next JSON ('' =
 * delete), time to live in ms ('' = none). No JSON text is empty, so '' is free.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
elseif ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1`;
const MGET_BATCH = 500;

export async function openRedisStore(opts: RedisStoreOptions): Promise<ScriptingStore> {
  const keyPrefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
  let opened = false;
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // During an outage commands fail after a few reconnects instead of queueing for minutes.
    maxRetriesPerRequest: 3,
    // A few quick retries at open, then give up; once open, keep reconnecting with a capped backoff.
    retryStrategy: (times) => (opened || times <= RETRIES_AT_OPEN ? Math.min(times * 200, 2000) : null),
  });
  const server = redis.options.path ?? `${redis.options.host}:${redis.options.port}`;
  try {
    await connect(redis);
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not connect to Redis at ${server} (${redactRedisUrl(opts.url)}): ${reason}`, {
      cause: error,
    });
  }
  opened = true;
  redis.on('error', (error: Error) => opts.onConnectionError?.(error));

  let closed: Promise<void> | null = null;
  const full = (key: string) => `${keyPrefix}${key}`;
  const decode = <T>(json: string): T => JSON.parse(json) as T;
  const write = (
    key: string,
    value: unknown,
    options: StoreWriteOptions | undefined,
    onlyIfAbsent: boolean,
  ) => {
    const json = encodeDocument(key, value);
    const ttlMs = ttlOf(key, options);
    if (onlyIfAbsent) {
      return ttlMs === null
        ? redis.set(full(key), json, 'NX')
        : redis.set(full(key), json, 'PX', ttlMs, 'NX');
    }
    return ttlMs === null ? redis.set(full(key), json) : redis.set(full(key), json, 'PX', ttlMs);
  };

  return {
    kind: 'redis',
    reachable: () => closed === null && redis.status === 'ready',
    async get<T>(key: string): Promise<T | null> {
      const json = await redis.get(full(key));
      return json === null ? null : decode<T>(json);
    },
    async set(key, value, options) {
      await write(key, value, options, false);
    },
    async delete(key) {
      await redis.del(full(key));
    },
    async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
      const keys = await scanKeys(redis, full(prefix));
      const found: Array<{ key: string; value: T }> = [];
      for (let i = 0; i < keys.length; i += MGET_BATCH) {
        const batch = keys.slice(i, i + MGET_BATCH);
        const values = await redis.mget(batch);
        batch.forEach((fullKey, index) => {
          const json = values[index];
          // null: the key expired or was deleted between SCAN and MGET.
          if (json != null) found.push({ key: fullKey.slice(keyPrefix.length), value: decode<T>(json) });
        });
      }
      return found.sort(byKey);
    },
    async claim(key, value, options) {
      return (await write(key, value, options, true)) === 'OK';
    },
    async compareAndSet(key, expected, next, options) {
      const expectedJson = expected === undefined ? '' : encodeDocument(key, expected);
      const nextJson = next === undefined ? '' : encodeDocument(key, next);
      const ttlMs = ttlOf(key, options);
      const done = await redis.eval(COMPARE_AND_SET, 1, full(key), expectedJson, nextJson, ttlMs ?? '');
      return done === 1;
    },
    runScript(script, keys, args) {
      return redis.eval(script, keys.length, ...keys.map(full), ...args);
    },
    close() {
      closed ??= redis.quit().then(() => undefined);
      return closed;
    },
  };
}

/** REDIS_URL fit for a log line or an error: `redis://:secret@host:6379` → `redis://***@host:6379`. */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL we can take apart: hide everything up to the last '@', where credentials would be.
    return url.replace(/^([^:/]*:?\/\/)?.*@/, (_match, scheme: string | undefined) => `${scheme ?? ''}***@`);
  }
  const hadCredentials = parsed.username !== '' || parsed.password !== '';
  parsed.username = '';
  parsed.password = '';
  // ioredis also reads credentials from the query string (`?password=`).
  for (const name of ['password', 'username']) {
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
  }
  const text = parsed.toString();
  return hadCredentials ? text.replace('//', '//***@') : text;
}

/** Resolves when the client is ready; rejects with the last connection error once retries are used up. */
function connect(redis: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: Error = new Error('connection closed');
    const onError = (error: Error) => {
      lastError = error;
    };
    const settle = (outcome: () => void) => () => {
      redis.off('error', onError);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      outcome();
    };
    const onReady = settle(resolve);
    const onEnd = settle(() => reject(lastError));
    redis.on('error', onError);
    redis.once('ready', onReady);
    redis.once('end', onEnd);
    // connect() rejects at the first failed attempt; the retries that follow end in 'ready' or 'end'.
    redis.connect().catch(() => {});
  });
}

/** Every key matching `prefix*`, by SCAN (KEYS would block the server while it walks the whole keyspace). */
async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
    // SCAN may return a key more than once.
    for (const key of batch) keys.add(key);
    cursor = next;
  } while (cursor !== '0');
  return [...keys];
}
