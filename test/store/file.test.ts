// The file store: the Store contract, plus what only a file under DATA_DIR has to get right: restarts,
// atomic writes, a corrupt or unreadable state file, and the lock that keeps a second process out.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAZY_WRITE_MS, openFileStore } from '../../src/store/file.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { describeStoreContract } from './contract.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'sobot-store-'));

describe('openFileStore', () => {
  describeStoreContract(async () => {
    const dir = await tempDir();
    const clock = createFakeClock();
    const store = await openFileStore({ dir, clock, onProblem: (problem) => expect.fail(problem) });
    return {
      store,
      shortTtlMs: 60_000,
      elapse: (ms) => clock.advance(ms),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  });

  let dir: string;
  let clock: FakeClock;
  let problems: string[];
  const open = (at = dir) =>
    openFileStore({ dir: at, clock, onProblem: (problem) => problems.push(problem) });
  const stateFile = () => join(dir, 'state.json');
  const lockFile = () => join(dir, '.lock');

  beforeEach(async () => {
    dir = await tempDir();
    clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
    problems = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates DATA_DIR, nested directories included, when it is missing', async () => {
    const nested = join(dir, 'var', 'lib', 'sobot');
    const store = await open(nested);
    await store.set('digest:subscription:C1', { channel: 'C1' });
    await store.close();
    const saved = JSON.parse(await readFile(join(nested, 'state.json'), 'utf8'));
    expect(saved.entries['digest:subscription:C1'].value).toEqual({ channel: 'C1' });
  });

  it('keeps documents and claims across close and reopen (a restart)', async () => {
    const first = await open();
    await first.set('digest:subscription:C1', { channel: 'C1', title: '早报' });
    await first.claim('digest:delivery:morning:2026-11-23T01:00:00.000Z', { ts: '1763874000.000100' });
    await first.set('alert:mute:chats', { by: 'U1' });
    await first.delete('alert:mute:chats');
    await first.close();

    const second = await open();
    expect(await second.get('digest:subscription:C1')).toEqual({ channel: 'C1', title: '早报' });
    expect(await second.claim('digest:delivery:morning:2026-11-23T01:00:00.000Z', { ts: 'again' })).toBe(
      false,
    );
    expect(await second.get('alert:mute:chats')).toBeNull();
    await second.close();
  });

  it('writes state.json as readable JSON with each expiry as epoch milliseconds', async () => {
    const store = await open();
    await store.set('alert:episode:chats', { state: 'firing' }, { ttlMs: 3_600_000 });
    await store.set('digest:subscription:C1', { channel: 'C1' });
    const saved = JSON.parse(await readFile(stateFile(), 'utf8'));
    expect(saved).toEqual({
      version: 1,
      entries: {
        'alert:episode:chats': { value: { state: 'firing' }, expiresAt: Date.parse('2026-11-23T03:00:00Z') },
        'digest:subscription:C1': { value: { channel: 'C1' } },
      },
    });
    await store.close();
  });

  it('expires a document exactly when its ttl has passed', async () => {
    const store = await open();
    await store.set('alert:mute:chats', { by: 'U1' }, { ttlMs: 1000 });
    await clock.advance(999);
    expect(await store.get('alert:mute:chats')).toEqual({ by: 'U1' });
    await clock.advance(1);
    expect(await store.get('alert:mute:chats')).toBeNull();
    await store.close();
  });

  it('keeps an expiry across a restart and drops expired documents when it loads', async () => {
    const first = await open();
    await first.set('alert:mute:chats', { by: 'U1' }, { ttlMs: 60_000 });
    await first.close();

    await clock.advance(59_999);
    const second = await open();
    expect(await second.get('alert:mute:chats')).toEqual({ by: 'U1' });
    await second.close();

    await clock.advance(1);
    const third = await open();
    expect(await third.get('alert:mute:chats')).toBeNull();
    await third.set('digest:subscription:C1', { channel: 'C1' });
    const saved = JSON.parse(await readFile(stateFile(), 'utf8'));
    expect(Object.keys(saved.entries)).toEqual(['digest:subscription:C1']);
    await third.close();
  });

  it('ignores a temp file left by an interrupted write', async () => {
    const first = await open();
    await first.set('digest:subscription:C1', { channel: 'C1' });
    await first.close();
    await writeFile(join(dir, 'state.json.tmp'), '{"version":1,"entries":{"ghost":{"value":');

    const second = await open();
    expect(await second.get('digest:subscription:C1')).toEqual({ channel: 'C1' });
    expect(await second.get('ghost')).toBeNull();
    await second.set('digest:subscription:C2', { channel: 'C2' });
    await second.close();

    const third = await open();
    expect((await third.list('digest:')).map((d) => d.key)).toEqual([
      'digest:subscription:C1',
      'digest:subscription:C2',
    ]);
    await third.close();
    expect(problems).toEqual([]);
  });

  it('finishes writes still in flight before close returns', async () => {
    const first = await open();
    const writes = [first.set('a', 1), first.claim('b', 2), first.set('c', 3)];
    await first.close();
    await Promise.all(writes);

    const second = await open();
    expect(await second.list('')).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
      { key: 'c', value: 3 },
    ]);
    await second.close();
  });

  it('rejects a write the disk refused and takes the change back, so the caller can retry', async () => {
    const store = await open();
    await store.set('alert:episode:chats', { state: 'firing' });
    // A directory where the temp file goes makes the next write fail.
    await mkdir(join(dir, 'state.json.tmp'));
    await expect(store.set('alert:episode:chats', { state: 'resolved' })).rejects.toThrow();
    await expect(store.claim('digest:delivery:morning', { ts: '1' })).rejects.toThrow();
    expect(await store.get('alert:episode:chats')).toEqual({ state: 'firing' });
    expect(await store.get('digest:delivery:morning')).toBeNull();

    await rm(join(dir, 'state.json.tmp'), { recursive: true });
    expect(await store.claim('digest:delivery:morning', { ts: '2' })).toBe(true);
    await store.close();
    const reopened = await open();
    expect(await reopened.list('')).toEqual([
      { key: 'alert:episode:chats', value: { state: 'firing' } },
      { key: 'digest:delivery:morning', value: { ts: '2' } },
    ]);
    await reopened.close();
  });

  describe('a change made with durable: false (the Slack replay memory, checked before each ack)', () => {
    const fileKeys = async () =>
      Object.keys((JSON.parse(await readFile(stateFile(), 'utf8')) as { entries: object }).entries).sort();

    it('is decided at once, even while the disk refuses writes, and kept in memory', async () => {
      const store = await open();
      await mkdir(join(dir, 'state.json.tmp'));
      await expect(store.claim('digest:delivery:morning', { ts: '1' })).rejects.toThrow();
      expect(await store.claim('slack:signature:v0=aa', 1, { ttlMs: 60_000, durable: false })).toBe(true);
      expect(await store.claim('slack:signature:v0=aa', 2, { ttlMs: 60_000, durable: false })).toBe(false);
      await rm(join(dir, 'state.json.tmp'), { recursive: true });
      await store.close();
    });

    it('reaches the disk once LAZY_WRITE_MS has passed, not before', async () => {
      const store = await open();
      await store.set('digest:subscription:C1', { channel: 'C1' });
      await store.claim('slack:signature:v0=aa', 1, { ttlMs: 60_000, durable: false });
      await clock.advance(LAZY_WRITE_MS - 1);
      expect(await fileKeys()).toEqual(['digest:subscription:C1']);
      await clock.advance(1);
      await vi.waitFor(async () =>
        expect(await fileKeys()).toEqual(['digest:subscription:C1', 'slack:signature:v0=aa']),
      );
      await store.close();
    });

    it('goes with the next durable write, and with close', async () => {
      const first = await open();
      await first.claim('slack:delivery:trigger:1', 1, { ttlMs: 60_000, durable: false });
      await first.set('digest:subscription:C1', { channel: 'C1' });
      expect(await fileKeys()).toEqual(['digest:subscription:C1', 'slack:delivery:trigger:1']);
      await first.claim('slack:delivery:trigger:2', 2, { ttlMs: 60_000, durable: false });
      await first.close();

      const second = await open();
      expect((await second.list('slack:')).map((d) => d.key)).toEqual([
        'slack:delivery:trigger:1',
        'slack:delivery:trigger:2',
      ]);
      await second.close();
    });
  });

  describe('a state file it cannot use', () => {
    it('is moved aside, not overwritten; the store starts empty and says so', async () => {
      const corrupt = '{"version":1,"entries":{"digest:subscription:C1":{"value":{"chan';
      await writeFile(stateFile(), corrupt);
      const store = await open();

      expect(await store.list('')).toEqual([]);
      const aside = join(dir, 'state.json.corrupt-2026-11-23T02-00-00.000Z');
      expect(await readFile(aside, 'utf8')).toBe(corrupt);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(stateFile());
      expect(problems[0]).toContain(aside);
      expect(problems[0]).toContain('starts with empty state');

      await store.set('digest:subscription:C2', { channel: 'C2' });
      await store.close();
      expect(JSON.parse(await readFile(stateFile(), 'utf8')).entries).toEqual({
        'digest:subscription:C2': { value: { channel: 'C2' } },
      });
    });

    it.each([
      ['an empty file', ''],
      ['JSON of another shape', '{"entries":[]}'],
      ['an entry without a value', '{"version":1,"entries":{"k":{"expiresAt":5}}}'],
      ['a future format version', '{"version":2,"entries":{}}'],
    ])('treats %s as corrupt', async (_name, text) => {
      await writeFile(stateFile(), text);
      const store = await open();
      expect(await store.list('')).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(await readdir(dir)).toContain('state.json.corrupt-2026-11-23T02-00-00.000Z');
      await store.close();
    });

    it('is moved aside when it cannot even be read', async () => {
      await mkdir(stateFile());
      const store = await open();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('could not be read (EISDIR)');
      await store.set('k', 1);
      await store.close();
      expect(await readdir(dir)).toEqual(
        expect.arrayContaining(['state.json', 'state.json.corrupt-2026-11-23T02-00-00.000Z']),
      );
    });
  });

  describe('the DATA_DIR lock', () => {
    const BEAT = 5_000;
    /** A lock as another container's bot writes it: same pid as ours (every container's is small), another host. */
    const containerLock = (beatAt: number, id = 'other-container:3f9a1c2e') =>
      `${JSON.stringify({ id, host: 'other-container', pid: process.pid, beatAt })}\n`;
    /** Resolves once the opener watches the lock (it sleeps on the clock after reading the file). */
    const untilWatching = async () => {
      while (clock.pending() === 0) await new Promise((resolve) => setImmediate(resolve));
    };
    const lockHolder = async () =>
      JSON.parse(await readFile(lockFile(), 'utf8')) as { id: string; pid: number };

    it('refuses a DATA_DIR whose lock another container keeps beating, though the pid in it is ours', async () => {
      await writeFile(lockFile(), containerLock(clock.now()));
      await writeFile(stateFile(), '{"version":1,"entries":{"k":{"value":1}}}');
      const opening = open().then(
        () => expect.fail('opened a locked DATA_DIR'),
        (error: Error) => error.message,
      );
      // The holder is alive: it rewrites its heartbeat while the newcomer watches.
      await untilWatching();
      await clock.advance(BEAT);
      await writeFile(lockFile(), containerLock(clock.now()));
      await clock.advance(BEAT);

      const refusal = await opening;
      expect(refusal).toContain(
        `DATA_DIR ${dir} is in use by another sobot-slack process (other-container, pid ${process.pid})`,
      );
      expect(refusal).toContain('set REDIS_URL to share state between replicas');
      expect(await readFile(lockFile(), 'utf8')).toBe(containerLock(clock.now() - BEAT));
      expect(await readFile(stateFile(), 'utf8')).toBe('{"version":1,"entries":{"k":{"value":1}}}');
    });

    it('takes over a recent lock whose heartbeat stops (a container restarted right after a crash)', async () => {
      await writeFile(lockFile(), containerLock(clock.now()));
      const opening = open();
      await untilWatching();
      await clock.advance(2 * BEAT);
      const store = await opening;
      expect((await lockHolder()).id).not.toBe('other-container:3f9a1c2e');
      await store.close();
    });

    it('takes over at once a lock whose heartbeat is old', async () => {
      await writeFile(lockFile(), containerLock(clock.now() - 4 * BEAT));
      const store = await open();
      expect(await lockHolder()).toMatchObject({ pid: process.pid });
      await store.close();
    });

    it('takes over at once a lock of this host whose process is gone', async () => {
      // Above Linux's largest possible pid_max (2^22), so no process can have it.
      const deadPid = 2 ** 22 + 1;
      expect(() => process.kill(deadPid, 0)).toThrow();
      await writeFile(
        lockFile(),
        JSON.stringify({ id: `${hostname()}:dead`, host: hostname(), pid: deadPid, beatAt: clock.now() }),
      );
      const store = await open();
      expect(await lockHolder()).toMatchObject({ pid: process.pid });
      await store.close();
    });

    it("takes over an unreadable lock (an older version's pid, or a process that died writing it) once it stays so", async () => {
      await writeFile(lockFile(), '');
      const opening = open();
      await untilWatching();
      await clock.advance(2 * BEAT);
      const store = await opening;
      expect(await lockHolder()).toMatchObject({ pid: process.pid });
      await store.close();
    });

    it('keeps two real processes from both owning one DATA_DIR, and lets the second in once the first stops', async () => {
      const holder = (beatMs: number) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/support/data-dir-holder.ts', dir, String(beatMs)],
          { stdio: ['pipe', 'pipe', 'inherit'] },
        );
        const firstLine = new Promise<string>((resolve) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += String(chunk);
            if (out.includes('\n')) resolve(out.trim());
          });
          child.on('exit', () => resolve(out.trim()));
        });
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        return { child, firstLine, exited };
      };
      const first = holder(100);
      expect(await first.firstLine).toBe('open');
      const second = holder(100);
      expect(await second.firstLine).toMatch(
        /^refused: DATA_DIR .* is in use by another sobot-slack process/,
      );
      expect(await second.exited).toBe(3);

      first.child.stdin.end();
      expect(await first.exited).toBe(0);
      const third = holder(100);
      expect(await third.firstLine).toBe('open');
      third.child.stdin.end();
      expect(await third.exited).toBe(0);
    });

    it('refuses a second open of the same DATA_DIR in this process until the first is closed', async () => {
      const first = await open();
      await expect(open()).rejects.toThrow(`DATA_DIR ${dir} is already open in this process`);
      await first.close();
      const second = await open();
      await second.close();
    });

    it('is released on close', async () => {
      const store = await open();
      expect(await readdir(dir)).toContain('.lock');
      await store.close();
      expect(await readdir(dir)).not.toContain('.lock');
    });
  });
});
