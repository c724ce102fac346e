// Every digest the bot knows: those in the config file (read-only from Slack) and those created
// with `/sobot digest subscribe`, kept in the store so they survive restarts.

import type { DigestDefinition } from '../config-file.ts';
import { UserInputError } from '../errors.ts';
import { phrase } from '../i18n/catalogue.ts';
import type { Store } from '../store/store.ts';

interface Subscription {
  digest: DigestDefinition;
  createdBy: string;
  createdAt: number;
}

const SUBSCRIPTION = 'digest:sub:';
const FIRST_SEEN = 'digest:seen:';

export interface DigestRegistry {
  /** File digests first, then Slack ones, each by name. */
  list(): Promise<DigestDefinition[]>;
  find(name: string): Promise<DigestDefinition | null>;
  add(digest: DigestDefinition, createdBy: string): Promise<void>;
  /** Replaces a Slack digest by its new settings (same name); a file one is refused. */
  update(digest: DigestDefinition, changedBy: string): Promise<void>;
  /** Removes a Slack digest; a file one is refused with what to do instead. */
  remove(name: string): Promise<DigestDefinition>;
  /** When the bot first knew this digest: occurrences before it are never caught up. */
  knownSince(name: string): Promise<number>;
  /** Called after add and remove, so schedules follow. */
  onChange(listener: () => void): void;
}

export async function createDigestRegistry(opts: {
  store: Store;
  fileDigests: readonly DigestDefinition[];
  now: () => number;
}): Promise<DigestRegistry> {
  const { store } = opts;
  const listeners: (() => void)[] = [];
  const fileNames = new Set(opts.fileDigests.map((d) => d.name));
  // A file digest counts as known from the first start that saw it.
  for (const digest of opts.fileDigests) {
    await store.claim(`${FIRST_SEEN}${digest.name}`, opts.now());
  }
  const subscriptions = async () =>
    (await store.list<Subscription>(SUBSCRIPTION))
      .map((entry) => entry.value)
      .filter((s) => !fileNames.has(s.digest.name));

  const registry: DigestRegistry = {
    async list() {
      return [...opts.fileDigests, ...(await subscriptions()).map((s) => s.digest)];
    },
    async find(name) {
      return (await registry.list()).find((d) => d.name === name) ?? null;
    },
    async add(digest, createdBy) {
      if (fileNames.has(digest.name)) {
        throw new UserInputError(phrase('digest.inConfigFile', { name: digest.name }));
      }
      const record: Subscription = {
        digest: { ...digest, source: 'slack' },
        createdBy,
        createdAt: opts.now(),
      };
      if (!(await store.claim(`${SUBSCRIPTION}${digest.name}`, record))) {
        throw new UserInputError(
          phrase('digest.exists', { name: digest.name }),
          `/sobot digest unsubscribe ${digest.name}`,
        );
      }
      await store.set(`${FIRST_SEEN}${digest.name}`, record.createdAt);
      for (const listener of listeners) listener();
    },
    async update(digest, changedBy) {
      const found = await store.get<Subscription>(`${SUBSCRIPTION}${digest.name}`);
      if (fileNames.has(digest.name) || !found) {
        throw new UserInputError(phrase('digest.cannotChange', { name: digest.name }));
      }
      const record: Subscription = { ...found, digest: { ...digest, source: 'slack' }, createdBy: changedBy };
      await store.set(`${SUBSCRIPTION}${digest.name}`, record);
      for (const listener of listeners) listener();
    },
    async remove(name) {
      if (fileNames.has(name)) {
        throw new UserInputError(phrase('digest.removeInFile', { name }));
      }
      const found = await store.get<Subscription>(`${SUBSCRIPTION}${name}`);
      if (!found) {
        const names = (await registry.list()).map((d) => d.name);
        throw new UserInputError(
          names.length
            ? phrase('digest.noDigestOf', { typed: name, names: names.join(', ') })
            : phrase('digest.noDigest', { typed: name }),
          '/sobot digest list',
        );
      }
      await store.delete(`${SUBSCRIPTION}${name}`);
      await store.delete(`${FIRST_SEEN}${name}`);
      for (const listener of listeners) listener();
      return found.digest;
    },
    async knownSince(name) {
      return (await store.get<number>(`${FIRST_SEEN}${name}`)) ?? opts.now();
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
  return registry;
}
