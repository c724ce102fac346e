// Choosing the store: the file store under DATA_DIR by default, Redis when REDIS_URL is set, and a log
// line saying which one and where, with no password in it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';

const PASSWORD = 'Redis-Pa55-for-open-test';

function captureLog() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line) => lines.push(line) } });
  return {
    logger,
    raw: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('openStore', () => {
  let dataDir: string;
  let server: RedisServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sobot-open-'));
    server = await startRedisServer({ password: PASSWORD });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the file store under dataDir when there is no REDIS_URL, and logs where', async () => {
    const log = captureLog();
    const store = await openStore({ dataDir, redisUrl: null, clock: createFakeClock(), logger: log.logger });
    expect(store.kind).toBe('file');
    await store.set('k', 1);
    await store.close();
    expect(log.entries()).toContainEqual(
      expect.objectContaining({ module: 'store', store: 'file', dataDir, msg: 'state store opened' }),
    );
  });

  it('logs a warning with the problem when the state file had to be moved aside', async () => {
    const dir = join(dataDir, 'corrupt');
    const log = captureLog();
    await openStore({ dataDir: dir, redisUrl: null, clock: createFakeClock(), logger: log.logger }).then(
      (s) => s.close(),
    );
    await writeFile(join(dir, 'state.json'), 'not json');
    const store = await openStore({
      dataDir: dir,
      redisUrl: null,
      clock: createFakeClock(),
      logger: log.logger,
    });
    await store.close();
    const warning = log.entries().find((entry) => entry.level === 40);
    expect(warning).toMatchObject({ module: 'store', dataDir: dir });
    expect(String(warning?.problem)).toContain(join(dir, 'state.json.corrupt-'));
  });

  it('opens Redis when REDIS_URL is set, logging the URL without its password', async () => {
    const log = captureLog();
    const store = await openStore({
      dataDir,
      redisUrl: server.url,
      clock: createFakeClock(),
      logger: log.logger,
    });
    expect(store.kind).toBe('redis');
    expect(await store.claim('store-test:open', 1)).toBe(true);
    await store.delete('store-test:open');
    await store.close();
    expect(log.entries()).toContainEqual(
      expect.objectContaining({
        store: 'redis',
        url: `redis://***@127.0.0.1:${server.port}`,
        msg: 'state store opened',
      }),
    );
    expect(log.raw()).not.toContain(PASSWORD);
  });

  it('keeps every key under REDIS_KEY_PREFIX, so two bots on one Redis do not share state', async () => {
    const open = (redisKeyPrefix: string) =>
      openStore({
        dataDir,
        redisUrl: server.url,
        redisKeyPrefix,
        clock: createFakeClock(),
        logger: captureLog().logger,
      });
    const [eu, us] = await Promise.all([open('sobot-eu:'), open('sobot-us:')]);
    expect(await eu.claim('digest:morning:2026-12-03T09:00', 'eu')).toBe(true);
    expect(await us.claim('digest:morning:2026-12-03T09:00', 'us')).toBe(true);
    const raw = new Redis(server.url);
    expect(await raw.get('sobot-eu:digest:morning:2026-12-03T09:00')).toBe('"eu"');
    expect(await raw.get('sobot-us:digest:morning:2026-12-03T09:00')).toBe('"us"');
    await raw.del('sobot-eu:digest:morning:2026-12-03T09:00', 'sobot-us:digest:morning:2026-12-03T09:00');
    await Promise.all([raw.quit(), eu.close(), us.close()]);
  });
});
