// The DATA_DIR lock: `<dir>/.lock` names its holder (hostname + random id, and the pid for people) and
// carries a heartbeat the holder rewrites every few seconds. A pid alone cannot tell two containers apart
// (each main process is pid 1), so a lock is free only when its heartbeat has stopped: at once when it is
// old, or after watching it for two beats when it is recent (a restart right after a crash).

import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import { processOwner } from './lease.ts';

export interface DirLock {
  /** Stops the heartbeat and removes the lock file (if it is still ours). */
  release(): Promise<void>;
}

interface LockContent {
  id: string;
  host: string;
  pid: number;
  /** Epoch ms of the holder's last heartbeat. */
  beatAt: number;
}

export interface DirLockOptions {
  clock: Clock;
  /** How often the holder rewrites its heartbeat (default 5 s). */
  beatMs?: number;
  /** Told when the lock could not be renewed or another process took it. */
  onLost: (problem: string) => void;
}

const LOCK_FILE = '.lock';
const DEFAULT_BEAT_MS = 5_000;
/** A heartbeat this many beats old means the holder stopped. */
const STALE_AFTER_BEATS = 3;

export async function takeDirLock(dir: string, opts: DirLockOptions): Promise<DirLock> {
  const { clock, onLost } = opts;
  const beatMs = opts.beatMs ?? DEFAULT_BEAT_MS;
  const lockPath = join(dir, LOCK_FILE);
  const id = processOwner();
  const content = (): string =>
    `${JSON.stringify({ id, host: hostname(), pid: process.pid, beatAt: clock.now() } satisfies LockContent)}\n`;

  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await createExclusive(lockPath, content()))
      return heartbeat({ lockPath, id, clock, content, onLost, beatMs });
    const seen = await readFile(lockPath, 'utf8').catch(() => null);
    const holder = parse(seen);
    if (!(await isAbandoned({ holder, seen, lockPath, clock, beatMs }))) {
      throw new Error(
        `DATA_DIR ${dir} is in use by another sobot-slack process (${holder ? `${holder.host}, pid ${holder.pid}` : 'unknown'}); ` +
          'run one process per DATA_DIR or set REDIS_URL to share state between replicas',
      );
    }
    await rm(lockPath, { force: true });
  }
  throw new Error(`could not take the lock ${lockPath}: other processes keep replacing it`);
}

/** Whether the holder has stopped: a dead process on this host, an old heartbeat, or one that does not move. */
async function isAbandoned(look: {
  holder: LockContent | null;
  seen: string | null;
  lockPath: string;
  clock: Clock;
  beatMs: number;
}): Promise<boolean> {
  const { holder, seen, lockPath, clock, beatMs } = look;
  if (holder && holder.host === hostname() && holder.pid !== process.pid && !isProcessAlive(holder.pid)) {
    return true;
  }
  if (holder && clock.now() - holder.beatAt > STALE_AFTER_BEATS * beatMs) return true;
  // Recent (or being written): a live holder rewrites it within a beat.
  await clock.sleep(2 * beatMs);
  const now = await readFile(lockPath, 'utf8').catch(() => null);
  return now === seen;
}

async function createExclusive(lockPath: string, text: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

function heartbeat(held: {
  lockPath: string;
  id: string;
  clock: Clock;
  beatMs: number;
  content: () => string;
  onLost: (problem: string) => void;
}): DirLock {
  const { lockPath, id, clock, content, onLost } = held;
  const stop = new AbortController();
  let beating: Promise<void> = Promise.resolve();
  const ours = async () => parse(await readFile(lockPath, 'utf8').catch(() => null))?.id === id;
  void (async () => {
    for (;;) {
      try {
        await clock.sleep(held.beatMs, stop.signal, { background: true });
      } catch {
        return;
      }
      beating = (async () => {
        if (!(await ours())) {
          onLost(`the lock ${lockPath} was taken by another process (this one stalled too long)`);
          stop.abort();
          return;
        }
        await writeFile(lockPath, content()).catch((error: unknown) => {
          onLost(`could not renew the lock ${lockPath} (${errorCode(error) ?? String(error)})`);
        });
      })();
      await beating;
    }
  })();
  return {
    async release() {
      stop.abort();
      await beating;
      if (await ours()) await rm(lockPath, { force: true });
    },
  };
}

function parse(text: string | null): LockContent | null {
  try {
    const value = JSON.parse(text ?? '') as Partial<LockContent>;
    return typeof value.id === 'string' &&
      typeof value.host === 'string' &&
      typeof value.pid === 'number' &&
      typeof value.beatAt === 'number'
      ? (value as LockContent)
      : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
