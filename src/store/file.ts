// The embedded Store: one JSON file under DATA_DIR, rewritten atomically after every change, with a lock
// file so that a second process on the same directory fails at start instead of posting everything twice.

import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { errorCode, takeDirLock } from './dir-lock.ts';
import { byKey, encodeDocument, type Store, type StoreWriteOptions, ttlOf } from './store.ts';

export interface FileStoreOptions {
  dir: string;
  clock: Clock;
  /** Told, in one sentence, when the state file could not be used and the store started empty. */
  onProblem: (problem: string) => void;
  /** Told when this process loses the DATA_DIR lock (it could not renew it, or another process took it). */
  onLockLost?: (problem: string) => void;
  /** How often the lock's heartbeat is written (default 5 s). */
  lockBeatMs?: number;
}

interface PendingWrite {
  done: Promise<void>;
  /** Takes back the in-memory changes this write carries. */
  undos: Array<() => void>;
}

interface Entry {
  value: unknown;
  /** Epoch ms; null when the document never expires. */
  expiresAt: number | null;
}

const STATE_FILE = 'state.json';
/** How long a change made with `durable: false` may stay in memory only. */
export const LAZY_WRITE_MS = 1_000;

const StateFileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.object({ value: z.json(), expiresAt: z.number().optional() })),
});

/** Directories open in this process: a second open here fails at once (the lock file is ours). */
const openDirs = new Set<string>();

export async function openFileStore(opts: FileStoreOptions): Promise<Store> {
  const { dir, clock } = opts;
  const dirKey = resolve(dir);
  if (openDirs.has(dirKey)) throw new Error(`DATA_DIR ${dir} is already open in this process`);
  await mkdir(dir, { recursive: true });
  const lock = await takeDirLock(dir, {
    clock,
    beatMs: opts.lockBeatMs,
    onLost: opts.onLockLost ?? (() => {}),
  });
  openDirs.add(dirKey);
  const statePath = join(dir, STATE_FILE);
  let entries: Map<string, Entry>;
  try {
    entries = await loadEntries(statePath, clock, opts.onProblem);
  } catch (error) {
    openDirs.delete(dirKey);
    await lock.release();
    throw error;
  }

  let closed = false;
  // Changes made before a write starts share that write; writes run one after another.
  let nextWrite: PendingWrite | null = null;
  let lastWrite: Promise<void> = Promise.resolve();
  // The timer of the write that carries changes made with `durable: false` (see writeSoon).
  let lazyWrite: AbortController | null = null;

  const isLive = (entry: Entry | undefined, now = clock.now()): entry is Entry =>
    entry !== undefined && (entry.expiresAt === null || entry.expiresAt > now);

  const liveEntry = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (isLive(entry)) return entry;
    entries.delete(key);
    return undefined;
  };

  const serialise = (): string => {
    const now = clock.now();
    const live: Record<string, { value: unknown; expiresAt?: number }> = {};
    for (const [key, entry] of entries) {
      if (!isLive(entry, now)) continue;
      live[key] =
        entry.expiresAt === null
          ? { value: entry.value }
          : { value: entry.value, expiresAt: entry.expiresAt };
    }
    return `${JSON.stringify({ version: 1, entries: live }, null, 2)}\n`;
  };

  const scheduleWrite = (): PendingWrite => {
    const undos: Array<() => void> = [];
    const done = lastWrite.then(async () => {
      nextWrite = null;
      // This write carries every change made so far, the lazy ones included.
      lazyWrite?.abort();
      lazyWrite = null;
      try {
        await writeAtomically(statePath, serialise());
      } catch (error) {
        // The file still holds the old state: take back every change this write carried, newest first.
        for (const undo of undos.reverse()) undo();
        throw error;
      }
    });
    lastWrite = done.catch(() => {});
    return { done, undos };
  };

  // Changes made with `durable: false` go with the next write, which starts within LAZY_WRITE_MS.
  const writeSoon = () => {
    if (nextWrite || lazyWrite) return;
    const timer = new AbortController();
    lazyWrite = timer;
    clock.sleep(LAZY_WRITE_MS, timer.signal, { background: true }).then(
      () => {
        lazyWrite = null;
        // A failed write keeps these changes in memory: the next write carries them again.
        nextWrite ??= scheduleWrite();
        nextWrite.done.catch(() => {});
      },
      () => undefined,
    );
  };

  /**
   * Applies one change in memory now; resolves once it is on disk, and undoes it if that write fails.
   * Not durable: resolves at once, and the change stays whatever becomes of its write.
   */
  const commit = (key: string, next: Entry | undefined, options?: StoreWriteOptions): Promise<void> => {
    const previous = entries.get(key);
    const apply = (entry: Entry | undefined) => (entry ? entries.set(key, entry) : entries.delete(key));
    apply(next);
    if (options?.durable === false) {
      writeSoon();
      return Promise.resolve();
    }
    nextWrite ??= scheduleWrite();
    nextWrite.undos.push(() => {
      if (entries.get(key) === next) apply(previous);
    });
    return nextWrite.done;
  };

  const assertOpen = () => {
    if (closed) throw new Error(`the file store in ${dir} is closed`);
  };

  const toEntry = (key: string, value: unknown, options?: StoreWriteOptions): Entry => {
    const ttlMs = ttlOf(key, options);
    return {
      value: JSON.parse(encodeDocument(key, value)),
      expiresAt: ttlMs === null ? null : clock.now() + ttlMs,
    };
  };

  return {
    kind: 'file',
    reachable: () => !closed,
    async get<T>(key: string): Promise<T | null> {
      assertOpen();
      const entry = liveEntry(key);
      return entry ? (structuredClone(entry.value) as T) : null;
    },
    async set(key, value, options) {
      assertOpen();
      await commit(key, toEntry(key, value, options), options);
    },
    async delete(key) {
      assertOpen();
      if (!entries.has(key)) return;
      await commit(key, undefined);
    },
    async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
      assertOpen();
      const found: Array<{ key: string; value: T }> = [];
      for (const key of [...entries.keys()]) {
        if (!key.startsWith(prefix)) continue;
        const entry = liveEntry(key);
        if (entry) found.push({ key, value: structuredClone(entry.value) as T });
      }
      return found.sort(byKey);
    },
    async claim(key, value, options) {
      assertOpen();
      const entry = toEntry(key, value, options);
      // No await between the check and the change: in one process that is what makes the claim atomic.
      if (liveEntry(key)) return false;
      await commit(key, entry, options);
      return true;
    },
    async compareAndSet(key, expected, next, options) {
      assertOpen();
      const entry = next === undefined ? undefined : toEntry(key, next, options);
      const expectedJson = expected === undefined ? undefined : encodeDocument(key, expected);
      // As in claim: no await between the comparison and the change.
      const current = liveEntry(key);
      if ((current && encodeDocument(key, current.value)) !== expectedJson) return false;
      if (current || entry) await commit(key, entry, options);
      return true;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (lazyWrite) {
        lazyWrite.abort();
        lazyWrite = null;
        nextWrite ??= scheduleWrite();
      }
      await lastWrite;
      openDirs.delete(dirKey);
      await lock.release();
    },
  };
}

/** The live documents in the state file; a file that cannot be used is moved aside, never overwritten. */
async function loadEntries(
  statePath: string,
  clock: Clock,
  onProblem: (problem: string) => void,
): Promise<Map<string, Entry>> {
  let problem: string;
  try {
    const parsed = StateFileSchema.safeParse(parseJson(await readFile(statePath, 'utf8')));
    if (parsed.success) {
      const now = clock.now();
      const entries = new Map<string, Entry>();
      for (const [key, { value, expiresAt }] of Object.entries(parsed.data.entries)) {
        if (expiresAt === undefined || expiresAt > now)
          entries.set(key, { value, expiresAt: expiresAt ?? null });
      }
      return entries;
    }
    problem = 'is not a valid sobot-slack state file';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return new Map();
    problem = `could not be read (${errorCode(error) ?? String(error)})`;
  }
  const aside = `${statePath}.corrupt-${new Date(clock.now()).toISOString().replaceAll(':', '-')}`;
  try {
    await rename(statePath, aside);
  } catch (error) {
    throw new Error(
      `The state file ${statePath} ${problem} and could not be moved aside (${errorCode(error)}); ` +
        'move or repair it, then start again',
      { cause: error },
    );
  }
  onProblem(
    `The state file ${statePath} ${problem}; it was moved to ${aside} and the bot starts with empty state ` +
      '(subscriptions, digest deliveries, alert episodes and mutes are forgotten).',
  );
  return new Map();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Temp file in the same directory, fsync, rename: a crash leaves the old file or the new one, never half. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

/** Makes the rename itself durable where the platform allows it (Windows cannot open a directory). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file's own fsync already happened.
  } finally {
    await handle?.close();
  }
}
