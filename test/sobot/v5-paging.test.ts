// Paging when a reply carries no page count (getGroupList's documented example has only page_no
// and page_size): the client reads on while pages come back full.

import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createRateBudget } from '../../src/sobot/rate-budget.ts';
import { rapidRetryPolicy } from '../../src/sobot/retry.ts';
import { createSobotV5Client } from '../../src/sobot/v5/client.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const GROUPS = 230;

describe('fetchAll without page counts', () => {
  const pagesAsked: number[] = [];
  const server = createServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/api/get_token')) {
      res.end(
        JSON.stringify({ ret_code: '000000', ret_msg: 'ok', item: { token: 't', expires_in: '86400' } }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { page: string; size: string };
    const page = Number(body.page);
    pagesAsked.push(page);
    const start = (page - 1) * 100;
    const items = Array.from({ length: Math.max(0, Math.min(100, GROUPS - start)) }, (_, i) => ({
      group_id: `g${start + i}`,
      group_name: `Group ${start + i}`,
    }));
    res.end(JSON.stringify({ ret_code: '000000', ret_msg: 'Succeed', page_no: page, page_size: 100, items }));
  });
  let baseUrl = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads every page until one comes back short', async () => {
    const clock = createFakeClock();
    const client = createSobotV5Client({
      baseUrl,
      appId: 'a',
      appKey: 'k',
      timeZone: 'Asia/Shanghai',
      language: 'en',
      budget: createRateBudget({ limit: 1000, clock }),
      clock,
      logger: createLogger({ level: 'silent', destination: { write: () => {} } }),
      retryPolicy: rapidRetryPolicy,
    });
    const groups = await client.fetchAll('groups', {});
    expect(groups).toHaveLength(GROUPS);
    expect(new Set(groups.map((g) => g.group_id)).size).toBe(GROUPS);
    expect(pagesAsked).toEqual([1, 2, 3]);
  });
});
