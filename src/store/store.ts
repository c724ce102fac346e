// The small persistent state the bot keeps (subscriptions, digest deliveries, alert episodes, mutes):
// one interface with a file implementation for one process and a Redis one for replicas.

export interface StoreWriteOptions {
  /** The document expires this many milliseconds after the write. */
  ttlMs?: number;
  /**
   * false: resolve as soon as the change is made (a claim: decided), not once it is on disk. For
   * records whose loss in a crash costs little and whose wait would (the Slack replay memory, checked
   * before every ack): the file store writes them within a second, with whatever it writes next.
   * Redis makes every change in one round trip and ignores this.
   */
  durable?: boolean;
}

export interface Store {
  readonly kind: 'file' | 'redis';
  /** A JSON document, or null when absent (or expired). */
  get<T>(key: string): Promise<T | null>;
  /** Writes a JSON document; with ttlMs it expires after that long. */
  set(key: string, value: unknown, options?: StoreWriteOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** All live documents whose key starts with prefix, sorted by key. */
  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>>;
  /** Atomically writes key only if it is absent (or expired): true when this caller won. The basis of "post once". */
  claim(key: string, value: unknown, options?: StoreWriteOptions): Promise<boolean>;
  /**
   * Atomically replaces the document only if it still equals `expected` (as JSON; `undefined`: only if
   * absent) with `next` (`undefined`: deletes it): true when it did. The basis of leases: renewing or
   * releasing one that nobody else took meanwhile.
   */
  compareAndSet(key: string, expected: unknown, next: unknown, options?: StoreWriteOptions): Promise<boolean>;
  /** False while the state cannot be reached (Redis disconnected) or after close(): the bot is not ready. */
  reachable(): boolean;
  /** Waits for pending writes, then releases the store (its lock file or its connection). */
  close(): Promise<void>;
}

/** A store on a Redis server: it also runs Lua scripts, for state that is more than JSON documents. */
export interface ScriptingStore extends Store {
  readonly kind: 'redis';
  /**
   * Runs `script` atomically on the server; `keys` are this bot's key names (prefixed as every key is).
   * The shared Sobot budget and cache are built on it.
   */
  runScript(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
}

export const canRunScripts = (store: Store): store is ScriptingStore =>
  store.kind === 'redis' && typeof (store as Partial<ScriptingStore>).runScript === 'function';

/** The JSON text of a document; throws when `value` has no JSON form (undefined, a function, a symbol). */
export function encodeDocument(key: string, value: unknown): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`store: the value for "${key}" cannot be written as JSON`);
  return json;
}

/** The validated time to live in whole milliseconds, or null when the document does not expire. */
export function ttlOf(key: string, options?: StoreWriteOptions): number | null {
  const ttlMs = options?.ttlMs;
  if (ttlMs === undefined) return null;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`store: ttlMs for "${key}" must be a positive number of milliseconds, got ${ttlMs}`);
  }
  // Redis counts PX in whole milliseconds; rounding up never expires a document early.
  return Math.ceil(ttlMs);
}

/** Keys in one order for both stores (UTF-16 code units, like Array#sort). */
export function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
