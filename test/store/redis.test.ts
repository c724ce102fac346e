// The Redis store against a real redis-server this file starts on 127.0.0.1: the Store contract, plus
// replicas racing for one claim, key prefixes, SCAN paging, and failing fast without leaking the password.

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore, redactRedisUrl } from '../../src/store/redis.ts';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { describeStoreContract } from './contract.ts';

describe('openRedisStore', () => {
  let server: RedisServer;
  let raw: Redis;
  let testNumber = 0;
  /** A key prefix no other test uses, so tests share one server without seeing each other. */
  const freshPrefix = () => {
    testNumber += 1;
    return `test-${process.pid}-${testNumber}:`;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url);
  });

  afterAll(async () => {
    await raw?.quit();
    await server?.stop();
  });

  describeStoreContract(async () => ({
    store: await openRedisStore({ url: server.url, keyPrefix: freshPrefix() }),
    // Redis expires keys on its own clock: this is the one place a test waits in real time.
    shortTtlMs: 100,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 10)),
    cleanup: async () => {},
  }));

  it('lets exactly one of two replicas win 50 interleaved claims of one key', async () => {
    const keyPrefix = freshPrefix();
    const replicaA = await openRedisStore({ url: server.url, keyPrefix });
    const replicaB = await openRedisStore({ url: server.url, keyPrefix });
    const key = 'digest:delivery:morning:2026-11-23T01:00:00.000Z';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).claim(key, { caller: i })),
    );
    const winners = results.flatMap((won, caller) => (won ? [caller] : []));
    expect(winners).toHaveLength(1);
    expect(await replicaA.get(key)).toEqual({ caller: winners[0] });
    expect(await replicaB.get(key)).toEqual({ caller: winners[0] });
    await replicaA.close();
    await replicaB.close();
  });

  it('keeps stores with different key prefixes apart, storing each key under its prefix', async () => {
    const teamA = await openRedisStore({ url: server.url, keyPrefix: 'team-a:' });
    const teamB = await openRedisStore({ url: server.url, keyPrefix: 'team-b:' });
    await teamA.set('alert:mute:chats', { by: 'U1' });
    expect(await teamB.get('alert:mute:chats')).toBeNull();
    expect(await teamB.list('')).toEqual([]);
    expect(await teamB.claim('alert:mute:chats', { by: 'U2' })).toBe(true);
    expect(await raw.get('team-a:alert:mute:chats')).toBe('{"by":"U1"}');
    expect(await raw.get('team-b:alert:mute:chats')).toBe('{"by":"U2"}');
    expect(await teamA.list('alert:')).toEqual([{ key: 'alert:mute:chats', value: { by: 'U1' } }]);
    await raw.del('team-a:alert:mute:chats', 'team-b:alert:mute:chats');
    await teamA.close();
    await teamB.close();
  });

  it('puts keys under sobot-slack: unless told otherwise', async () => {
    const store = await openRedisStore({ url: server.url });
    await store.set('store-test:default-prefix', { ok: true });
    expect(await raw.get('sobot-slack:store-test:default-prefix')).toBe('{"ok":true}');
    await store.delete('store-test:default-prefix');
    await store.close();
  });

  it('writes the ttl as a Redis expiry in milliseconds', async () => {
    const keyPrefix = freshPrefix();
    const store = await openRedisStore({ url: server.url, keyPrefix });
    await store.claim('alert:episode:chats', { state: 'firing' }, { ttlMs: 3_600_000 });
    const ttl = await raw.pttl(`${keyPrefix}alert:episode:chats`);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    await store.close();
  });

  it('lists more documents than one SCAN round returns, sorted by key', async () => {
    const store = await openRedisStore({ url: server.url, keyPrefix: freshPrefix() });
    const keys = Array.from({ length: 450 }, (_, i) => `digest:delivery:${String(i).padStart(3, '0')}`);
    // Written in reverse, with unrelated keys in between, so the order has to come from list itself.
    for (const key of [...keys].reverse()) await store.set(key, { key });
    for (let i = 0; i < 50; i += 1) await store.set(`alert:episode:${i}`, i);
    const listed = await store.list<{ key: string }>('digest:delivery:');
    expect(listed.map((d) => d.key)).toEqual(keys);
    expect(listed.every((d) => d.value.key === d.key)).toBe(true);
    await store.close();
  });

  it('fails fast when nothing listens at the URL, naming host:port but never the password', async () => {
    const port = await freePort();
    const started = Date.now();
    const message = await openRedisStore({ url: `redis://:S3cret-Pa55word@127.0.0.1:${port}/0` }).then(
      () => expect.fail('opened a store on a port nobody listens on'),
      (error: Error) => error.message,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toContain(`redis://***@127.0.0.1:${port}/0`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('S3cret-Pa55word');
  });

  it('fails on a wrong password without repeating it', async () => {
    const guarded = await startRedisServer({ password: 'the-right-one-42' });
    try {
      const url = `redis://:Wr0ng-Passw0rd@127.0.0.1:${guarded.port}`;
      const message = await openRedisStore({ url }).then(
        () => expect.fail('opened a store with a wrong password'),
        (error: Error) => error.message,
      );
      expect(message).toContain(`Could not connect to Redis at 127.0.0.1:${guarded.port}`);
      expect(message).toContain('WRONGPASS');
      expect(message).not.toContain('Wr0ng-Passw0rd');
      expect(message).not.toContain('the-right-one-42');

      const store = await openRedisStore({ url: guarded.url, keyPrefix: freshPrefix() });
      expect(await store.claim('k', 1)).toBe(true);
      await store.close();
    } finally {
      await guarded.stop();
    }
  });
});

describe('redactRedisUrl', () => {
  it.each([
    ['redis://:s3cret@cache.internal:6379/2', 'redis://***@cache.internal:6379/2'],
    ['rediss://bot:s3cret@cache.internal:6380', 'rediss://***@cache.internal:6380'],
    ['redis://cache.internal:6379', 'redis://cache.internal:6379'],
    ['redis://cache.internal:6379/0?password=s3cret', 'redis://cache.internal:6379/0?password=***'],
    ['redis://:s3cret@[bad', 'redis://***@[bad'],
  ])('%s → %s', (url, expected) => {
    expect(redactRedisUrl(url)).toBe(expected);
  });
});
