// Socket Mode end to end: the bot opens a connection through a fake apps.connections.open,
// receives a slash command over the WebSocket, acks the envelope, and answers via response_url.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, type Harness, startHarness } from '../support/bot-harness.ts';
import { slashCommandPayload } from '../support/slack-request.ts';

describe('/sobot in Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socketMode: true });
  });
  afterAll(() => h.close());

  it('connects with the app token', () => {
    const open = h.slack.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe(APP_TOKEN);
  });

  it('acks the envelope and answers with the agents the simulator served', async () => {
    const payload = slashCommandPayload({
      text: 'agents yesterday',
      response_url: h.slack.responseUrl('socket'),
    });
    const ack = await h.slack.sendSocketEvent(payload);
    expect(ack.envelope_id).toBeDefined();
    const [post] = await h.slack.waitForResponses('socket');
    expect(post?.accepted).toBe(true);
    const served = h.sim.log
      .filter((e) => e.path.endsWith('/staffWorkStatis'))
      .flatMap((e) => (e.reply as { items: { human_consult: number }[] }).items);
    const total = served.reduce((sum, item) => sum + item.human_consult, 0);
    expect(post?.payload.text).toContain(`Chats handled ${total.toLocaleString('en-US')}`);
  });

  it('still serves /healthz on PORT', async () => {
    const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'socket', socket: 'connected' });
  });
});
