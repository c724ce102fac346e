// One shared state store seen by several replicas, on either implementation: the file store (replicas
// are components of one process sharing it) or Redis (each replica has its own connection to a real
// redis-server). Each replica's view can be made to fail its writes, as a replica cut off from the store.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Clock } from '../../src/clock.ts';
import { openFileStore } from '../../src/store/file.ts';
import { openRedisStore } from '../../src/store/redis.ts';
import { canRunScripts, type ScriptingStore, type Store } from '../../src/store/store.ts';
import { type RedisServer, startRedisServer } from './redis-server.ts';

export type StoreKind = 'file' | 'redis';
export const STORE_KINDS: readonly StoreKind[] = ['file', 'redis'];

export interface StoreWrite {
  method: 'set' | 'delete' | 'claim' | 'compareAndSet';
  key: string;
  /** The document written (compareAndSet: the new one). */
  value: unknown;
}

/** A replica's view of the store whose writes can be made to fail. */
export interface ReplicaStore extends Store {
  /** The next `times` writes that match fail as if the store were unreachable. */
  failWrites(match: (write: StoreWrite) => boolean, times?: number): void;
  /** Runs `action` (once) right before the first write that matches, then lets that write go on. */
  beforeWrite(match: (write: StoreWrite) => boolean, action: () => Promise<void>): void;
  /** Writes work again. */
  heal(): void;
  /** true: the store cannot be reached at all (not ready, every operation fails), as in a Redis outage. */
  cutOff(on: boolean): void;
  /** Writes that failed so far. */
  readonly failed: StoreWrite[];
}

export interface ReplicaStores {
  kind: StoreKind;
  /** The store as replica `name` sees it (one per name). */
  replica(name: string): Promise<ReplicaStore>;
  close(): Promise<void>;
}

let server: Promise<RedisServer> | null = null;
let prefixes = 0;
afterAll(async () => {
  const started = server;
  server = null;
  await (await started)?.stop();
});

export async function openReplicaStores(kind: StoreKind, clock: Clock): Promise<ReplicaStores> {
  const opened: Store[] = [];
  const views = new Map<string, ReplicaStore>();
  let open: () => Promise<Store>;
  let cleanup = async () => {};
  if (kind === 'file') {
    const dir = await mkdtemp(join(tmpdir(), 'sobot-replicas-'));
    const shared = await openFileStore({
      dir,
      clock,
      onProblem: (problem) => {
        throw new Error(problem);
      },
    });
    opened.push(shared);
    open = async () => shared;
    cleanup = () => rm(dir, { recursive: true, force: true });
  } else {
    server ??= startRedisServer();
    const { url } = await server;
    prefixes += 1;
    const keyPrefix = `replicas-${process.pid}-${prefixes}:`;
    open = async () => {
      const store = await openRedisStore({ url, keyPrefix });
      opened.push(store);
      return store;
    };
  }
  return {
    kind,
    async replica(name) {
      let view = views.get(name);
      if (!view) {
        view = withFaults(await open());
        views.set(name, view);
      }
      return view;
    },
    async close() {
      for (const store of opened) await store.close();
      await cleanup();
    },
  };
}

/** Replicas a, b, c, … of a Redis `stores`, each able to run scripts (the shared budget and cache). */
export async function scriptingReplicas(
  stores: ReplicaStores,
  count = 3,
): Promise<(ReplicaStore & ScriptingStore)[]> {
  const views: (ReplicaStore & ScriptingStore)[] = [];
  for (let i = 0; i < count; i += 1) {
    const view = await stores.replica(String.fromCharCode(97 + i));
    if (!canRunScripts(view)) throw new Error(`the ${stores.kind} store runs no scripts`);
    views.push(view as ReplicaStore & ScriptingStore);
  }
  return views;
}

function withFaults(store: Store): ReplicaStore {
  let cut = false;
  const faults: { match: (write: StoreWrite) => boolean; times: number }[] = [];
  const failed: StoreWrite[] = [];
  const hooks: { match: (write: StoreWrite) => boolean; action: () => Promise<void> }[] = [];
  const reach = () => {
    if (cut) throw new Error('Connection is closed.');
  };
  const guard = async (write: StoreWrite) => {
    reach();
    const hook = hooks.find((h) => h.match(write));
    if (hook) {
      hooks.splice(hooks.indexOf(hook), 1);
      await hook.action();
    }
    const fault = faults.find((f) => f.times > 0 && f.match(write));
    if (!fault) return;
    fault.times -= 1;
    failed.push(write);
    throw new Error(`store unreachable (${write.method} ${write.key})`);
  };
  const view: ReplicaStore = {
    kind: store.kind,
    async get(key) {
      reach();
      return store.get(key);
    },
    async list(prefix) {
      reach();
      return store.list(prefix);
    },
    async set(key, value, options) {
      await guard({ method: 'set', key, value });
      return store.set(key, value, options);
    },
    async delete(key) {
      await guard({ method: 'delete', key, value: undefined });
      return store.delete(key);
    },
    async claim(key, value, options) {
      await guard({ method: 'claim', key, value });
      return store.claim(key, value, options);
    },
    async compareAndSet(key, expected, next, options) {
      await guard({ method: 'compareAndSet', key, value: next });
      return store.compareAndSet(key, expected, next, options);
    },
    reachable: () => !cut && store.reachable(),
    close: () => store.close(),
    failWrites(match, times = Number.POSITIVE_INFINITY) {
      faults.push({ match, times });
    },
    beforeWrite(match, action) {
      hooks.push({ match, action });
    },
    heal() {
      faults.length = 0;
    },
    cutOff(on) {
      cut = on;
    },
    failed,
  };
  if (!canRunScripts(store)) return view;
  return Object.assign(view, {
    kind: 'redis' as const,
    async runScript(script: string, keys: string[], args: (string | number)[]) {
      reach();
      return store.runScript(script, keys, args);
    },
  });
}
