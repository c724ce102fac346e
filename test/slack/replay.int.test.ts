// Replays, mistimed requests and duplicate deliveries, through the real app: a signed request sent
// twice runs once (the second gets 401), even when the copy goes to another replica sharing Redis;
// timestamps more than 5 minutes off either way are refused; Slack's retries and redelivered Socket
// Mode envelopes are acknowledged and not run again.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/bot-harness.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { signedRequest, slashCommandBody, slashCommandPayload } from '../support/slack-request.ts';

const nowSec = () => Math.floor(Date.now() / 1000);

/** A signed `/sobot help` whose answer goes to response_url `id`. */
function helpRequest(h: Harness, id: string, timestampSec = nowSec()) {
  const body = slashCommandBody({ text: 'help', response_url: h.slack.responseUrl(id) });
  return signedRequest(SIGNING_SECRET, body, timestampSec);
}

/**
 * Every answer that reached response_url `id`, once a later command has been answered: the bot
 * handles requests in order of arrival, so an answer to the earlier one would be there by then.
 */
async function answersTo(h: Harness, id: string): Promise<number> {
  const sentinel = `after-${id}`;
  expect(await h.send(helpRequest(h, sentinel))).toBe(200);
  await h.slack.waitForResponses(sentinel);
  return h.slack.responses.get(id)?.length ?? 0;
}

describe('replayed and mistimed requests over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers a signed request once: the same request again gets 401 and no second answer', async () => {
    const request = helpRequest(h, 'once');
    expect(await h.send(request)).toBe(200);
    await h.slack.waitForResponses('once');
    expect(await h.send(request)).toBe(401);
    expect(await answersTo(h, 'once')).toBe(1);
    expect(h.logs.join('')).toContain('refused a replayed Slack request');
  });

  it.each([
    { when: 'an hour in the future', offsetSec: 3600, status: 401 },
    { when: '6 minutes in the future', offsetSec: 360, status: 401 },
    { when: '6 minutes old', offsetSec: -360, status: 401 },
    { when: '4 minutes in the future', offsetSec: 240, status: 200 },
    { when: '4 minutes old', offsetSec: -240, status: 200 },
  ])('with a timestamp $when answers $status', async ({ offsetSec, status }) => {
    const id = `skew${offsetSec}`;
    expect(await h.send(helpRequest(h, id, nowSec() + offsetSec))).toBe(status);
    expect(await answersTo(h, id)).toBe(status === 200 ? 1 : 0);
  });

  it('runs a retry of a command already received (X-Slack-Retry-Num) only once, and acks it', async () => {
    const body = slashCommandBody({ text: 'help', response_url: h.slack.responseUrl('retried') });
    expect(await h.send(signedRequest(SIGNING_SECRET, body))).toBe(200);
    await h.slack.waitForResponses('retried');
    // Slack signs each retry afresh: a new timestamp and signature, the same trigger_id.
    const retry = signedRequest(SIGNING_SECRET, body, nowSec() + 1);
    expect(await h.send(retry, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(
      200,
    );
    expect(await answersTo(h, 'retried')).toBe(1);
  });

  it('still runs a new command that happens to share nothing but the text', async () => {
    expect(await h.send(helpRequest(h, 'first'))).toBe(200);
    expect(await h.send(helpRequest(h, 'second'))).toBe(200);
    await h.slack.waitForResponses('first');
    await h.slack.waitForResponses('second');
  });
});

describe('replays across replicas sharing Redis', () => {
  let redis: RedisServer;
  const harnesses: Harness[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close();
  });
  afterAll(() => redis.stop());

  it('refuses on one replica a request another replica already answered', async () => {
    const first = await startHarness({ env: { REDIS_URL: redis.url } });
    harnesses.push(first);
    const second = await startHarness({
      env: { REDIS_URL: redis.url },
      reuse: { sim: first.sim, slack: first.slack },
    });
    harnesses.push(second);
    const request = helpRequest(first, 'replica');
    expect(await first.send(request)).toBe(200);
    await first.slack.waitForResponses('replica');
    expect(await second.send(request)).toBe(401);
    expect(await answersTo(second, 'replica')).toBe(1);
  });
});

describe('Socket Mode envelopes delivered again', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socketMode: true });
  });
  afterAll(() => h.close());

  it('acks both deliveries of an envelope and answers once', async () => {
    const payload = slashCommandPayload({ text: 'help', response_url: h.slack.responseUrl('envelope') });
    const first = await h.slack.sendSocketEvent(payload, 'slash_commands', 'env-twice');
    const again = await h.slack.sendSocketEvent(payload, 'slash_commands', 'env-twice');
    expect([first.envelope_id, again.envelope_id]).toEqual(['env-twice', 'env-twice']);
    await h.slack.waitForResponses('envelope');
    // A later envelope answered means the copy had its chance to answer too.
    const later = slashCommandPayload({ text: 'help', response_url: h.slack.responseUrl('later') });
    await h.slack.sendSocketEvent({ ...later, trigger_id: '789.012.def' });
    await h.slack.waitForResponses('later');
    expect(h.slack.responses.get('envelope')).toHaveLength(1);
  });

  it('acks a retry of a command already received in a new envelope, and answers once', async () => {
    const payload = {
      ...slashCommandPayload({ text: 'help', response_url: h.slack.responseUrl('socket-retry') }),
      trigger_id: '555.666.retry',
    };
    await h.slack.sendSocketEvent(payload, 'slash_commands', 'env-first');
    await h.slack.waitForResponses('socket-retry');
    const retry = await h.slack.sendSocketEvent(payload, 'slash_commands', 'env-retry', 1);
    expect(retry.envelope_id).toBe('env-retry');
    const later = slashCommandPayload({ text: 'help', response_url: h.slack.responseUrl('later2') });
    await h.slack.sendSocketEvent({ ...later, trigger_id: '777.888.ghi' });
    await h.slack.waitForResponses('later2');
    expect(h.slack.responses.get('socket-retry')).toHaveLength(1);
  });
});
