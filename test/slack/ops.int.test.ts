// The routes an operator's tooling reads, on the real app: /healthz (liveness, GET and HEAD), /readyz
// (Slack, Sobot and the store reachable) and /metrics, parsed strictly, whose figures are what happened.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { sampleValue, scrapeMetrics } from '../support/prometheus-text.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';

describe('ops routes', () => {
  let redis: RedisServer;
  let h: Harness;
  const url = (path: string) => `http://127.0.0.1:${h.port}${path}`;
  const scrape = () => scrapeMetrics(h.port);

  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'ops-test:' } });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  it('answers /healthz to GET and HEAD', async () => {
    const get = await fetch(url('/healthz'));
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ status: 'ok', mode: 'http' });
    const head = await fetch(url('/healthz'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('is ready once Slack and Sobot were reached and the store answers', async () => {
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { slack: true, sobot: true, store: true, notShuttingDown: true },
    });
    expect(h.slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
    expect(h.sim.log.filter((e) => e.path === '/api/get_token')).toHaveLength(1);
  });

  it('serves every series with # HELP and # TYPE, ours prefixed sobot_slack_, with the process defaults', async () => {
    const families = await scrape();
    const names = [...families.keys()];
    expect(names.filter((n) => !/^(sobot_slack_|process_|nodejs_)/.test(n))).toEqual([]);
    expect(names).toContain('process_cpu_seconds_total');
    expect(names).toContain('nodejs_eventloop_lag_seconds');
    expect(sampleValue(families, 'sobot_slack_sobot_budget_limit')).toBe(20);
  });

  it('counts commands by subcommand and outcome, acks, Sobot replies and the cache as they happened', async () => {
    await h.command('agents yesterday', 'm1');
    await h.slack.waitForResponses('m1');
    const afterFirst = h.sim.log.length;
    await h.command('agents yesterday', 'm2');
    await h.command('agnets yesterday', 'm3');
    await h.slack.waitForResponses('m2');
    await h.slack.waitForResponses('m3');
    // The answer reaches Slack a moment before the bot records it as answered.
    const families = await vi.waitFor(async () => {
      const scraped = await scrape();
      expect(
        sampleValue(scraped, 'sobot_slack_command_duration_seconds_count', {
          command: 'agents',
          outcome: 'ok',
        }),
      ).toBe(2);
      return scraped;
    });
    expect(
      sampleValue(families, 'sobot_slack_command_duration_seconds_count', {
        command: 'unknown',
        outcome: 'refused',
      }),
    ).toBe(1);
    expect(sampleValue(families, 'sobot_slack_ack_duration_seconds_count', { transport: 'http' })).toBe(3);

    // The second question was answered from the cache: no new call to Sobot.
    expect(h.sim.log.length).toBe(afterFirst);
    expect(sampleValue(families, 'sobot_slack_cache_requests_total', { result: 'hit' })).toBeGreaterThan(0);

    // Every reply the simulator sent since the start, by path and ret_code, is counted once (the token's too).
    const served = new Map<string, number>();
    for (const entry of h.sim.log) {
      const key = `${entry.path} ${entry.retCode}`;
      served.set(key, (served.get(key) ?? 0) + 1);
    }
    for (const [key, count] of served) {
      const [endpoint, retCode] = key.split(' ') as [string, string];
      expect(
        sampleValue(families, 'sobot_slack_sobot_calls_total', { endpoint, ret_code: retCode }),
        key,
      ).toBe(count);
    }
  });

  it("counts failed Slack API calls by method and Slack's error", async () => {
    h.slack.failNext('chat.postMessage', 1, 'channel_not_found');
    await expect(h.bot.slack.client.chat.postMessage({ channel: 'C0GONE', text: 'x' })).rejects.toThrow();
    const families = await scrape();
    expect(
      sampleValue(families, 'sobot_slack_slack_api_errors_total', {
        method: 'chat.postMessage',
        error: 'channel_not_found',
      }),
    ).toBe(1);
  });

  it('is not ready while the store cannot be reached, and still alive', async () => {
    await redis.stop();
    await vi.waitFor(async () => expect((await fetch(url('/readyz'))).status).toBe(503));
    const body = await (await fetch(url('/readyz'))).json();
    expect(body).toMatchObject({ status: 'not ready', checks: { store: false, slack: true, sobot: true } });
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });
});
