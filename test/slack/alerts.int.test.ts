// Threshold alerts end to end on a fake clock: the real app, the simulator scripted to move the
// reply-warning rate across the threshold and back, and a fake Slack that records posts, edits and
// thread replies. One message per episode, edited to resolved; a restart mid-episode; a mute from
// a signed button click; Sobot down for a while.

import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/server.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { sampleValue, scrapeMetrics } from '../support/prometheus-text.ts';
import { servedWarningRate, setWarningRate } from '../support/warning-rate.ts';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
};

const CHANNEL = 'C0ALERTS';
const CONFIG = `
alerts:
  - name: warnings-high
    kpi: response_warn_rate
    scope: overall
    op: ">"
    threshold: 0.20
    clear: 0.15
    period: today
    check: "*/10 9-21 * * 1-5"
    for: 2
    min_volume: 20
    channel: ${CHANNEL}
    mention: "<!subteam^S0CSLEADS>"
    repeat: 2h
`;
const MINUTE = 60_000;
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

async function start(
  clock: FakeClock,
  extra: { reuse?: { sim: Simulator; slack: FakeSlack }; dataDir?: string } = {},
): Promise<Harness> {
  const h = await startHarness({
    clock,
    configYaml: CONFIG,
    env: { SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: 40 }, rateLimit: 1000 },
    ...extra,
  });
  harnesses.push(h);
  return h;
}

const rule = (h: Harness) => h.config.file.alerts[0] as NonNullable<Harness['config']['file']['alerts'][0]>;

/** Ten minutes on, then a check (as the cron job would run it). */
async function checkAfter(h: Harness, clock: FakeClock, minutes = 10): Promise<void> {
  await clock.advance(minutes * MINUTE);
  h.sim.log.clear();
  await whileAdvancing(clock, h.bot.alerts.check(rule(h)), 1_000);
}

/** The reply-warning rate Sobot served at the latest check, as the message shows it. */
const servedRate = (h: Harness) => servedWarningRate(h.sim, '2026-11-23');

describe('threshold alerts', () => {
  it('fires after two breaching checks, edits the one message while firing, and edits it to resolved', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    setWarningRate(h.sim, 0.1);
    await checkAfter(h, clock, 0);
    expect(h.slack.posted(CHANNEL)).toHaveLength(0);

    setWarningRate(h.sim, 0.3);
    await checkAfter(h, clock); // pending: 1 of 2
    expect(h.slack.posted(CHANNEL)).toHaveLength(0);
    await checkAfter(h, clock); // fires
    const [alert] = h.slack.posted(CHANNEL);
    const peak = servedRate(h);
    expect(h.slack.posted(CHANNEL)).toHaveLength(1);
    expect(alert?.text).toContain('<!subteam^S0CSLEADS>');
    expect(JSON.stringify(alert?.blocks)).toContain(`peak ${peak}`);

    setWarningRate(h.sim, 0.25);
    await checkAfter(h, clock); // still firing, lower: edited in place, no new message
    expect(h.slack.posted(CHANNEL)).toHaveLength(1);
    expect(alert?.edits.length).toBeGreaterThanOrEqual(1);
    expect(alert?.text).toContain(servedRate(h));

    setWarningRate(h.sim, 0.17);
    await checkAfter(h, clock); // between clear and threshold: still firing (hysteresis)
    expect(alert?.text).not.toMatch(/Resolved/);

    setWarningRate(h.sim, 0.12);
    await checkAfter(h, clock); // below clear: resolved
    expect(h.slack.posted(CHANNEL)).toHaveLength(1);
    expect(alert?.text).toMatch(/Resolved/);
    expect(JSON.stringify(alert?.blocks)).toContain(`peak ${peak}`);
    const buttons = ((alert?.blocks ?? []) as Block[])
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id);
    expect(buttons).not.toContain('alert_mute_1h');

    // A new breach later is a new episode: a second message.
    setWarningRate(h.sim, 0.4);
    await checkAfter(h, clock);
    await checkAfter(h, clock);
    expect(h.slack.posted(CHANNEL)).toHaveLength(2);

    // Two episodes: each went pending, then firing; the first resolved.
    const metrics = await scrapeMetrics(h.port);
    const entered = (state: string) =>
      sampleValue(metrics, 'sobot_slack_alert_transitions_total', { rule: 'warnings-high', state });
    expect([entered('pending'), entered('firing'), entered('resolved')]).toEqual([2, 2, 1]);
  });

  it('reminds in the thread while firing, and reports worsening there', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    setWarningRate(h.sim, 0.3);
    await checkAfter(h, clock, 0);
    await checkAfter(h, clock);
    const [alert] = h.slack.posted(CHANNEL);
    const before = servedRate(h);
    setWarningRate(h.sim, 0.45);
    await checkAfter(h, clock);
    expect(h.slack.thread(alert?.ts as string).map((m) => m.text)).toEqual([
      expect.stringContaining(`${before} → ${servedRate(h)}`),
    ]);
    for (let i = 0; i < 12; i += 1) await checkAfter(h, clock); // two hours on
    const replies = h.slack.thread(alert?.ts as string);
    expect(replies).toHaveLength(2);
    expect(replies[1]?.text).toMatch(/[Ss]till firing/);
    expect(h.slack.posted(CHANNEL)).toHaveLength(1);
  });

  it('neither re-alerts nor forgets a firing episode across a restart', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const first = await start(clock);
    setWarningRate(first.sim, 0.3);
    await checkAfter(first, clock, 0);
    await checkAfter(first, clock);
    expect(first.slack.posted(CHANNEL)).toHaveLength(1);
    await first.bot.stop();

    const second = await start(clock, {
      reuse: { sim: first.sim, slack: first.slack },
      dataDir: first.dataDir,
    });
    await checkAfter(second, clock);
    expect(second.slack.posted(CHANNEL)).toHaveLength(1);
    setWarningRate(second.sim, 0.1);
    await checkAfter(second, clock);
    const [alert] = second.slack.posted(CHANNEL);
    expect(alert?.text).toMatch(/Resolved/);
    expect(second.slack.posted(CHANNEL)).toHaveLength(1);
  });

  it('mutes from a signed button click: recorded on the message, no messages until it ends', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    setWarningRate(h.sim, 0.3);
    await checkAfter(h, clock, 0);
    await checkAfter(h, clock);
    const [alert] = h.slack.posted(CHANNEL);
    const mute = ((alert?.blocks ?? []) as Block[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'alert_mute_1h');
    expect(mute).toBeDefined();
    // Members of the alert's channel may mute it (access.mute.by: channel-members, the default).
    h.slack.channelMembers.set(CHANNEL, ['U0LEAD']);
    const { status } = await h.click({ action_id: 'alert_mute_1h', value: mute?.value as string }, 'mute');
    expect(status).toBe(200);
    const [confirmation] = await h.slack.waitForResponses('mute');
    expect(confirmation?.payload.text).toBe('Alert warnings-high muted for 1 h.');
    expect(JSON.stringify(alert?.blocks)).toMatch(/[Mm]uted by <@U0LEAD>/);

    // Worse while muted: no thread reply; the checks go on.
    setWarningRate(h.sim, 0.5);
    await checkAfter(h, clock);
    expect(h.slack.thread(alert?.ts as string)).toHaveLength(0);
    const status1 = await h.bot.alerts.status(rule(h));
    expect(status1.scopes.overall?.state?.value).toBeCloseTo(0.5, 2);

    // After the hour, the held-back worsening is told.
    for (let i = 0; i < 6; i += 1) await checkAfter(h, clock);
    expect(h.slack.thread(alert?.ts as string).map((m) => m.text)).toContainEqual(
      expect.stringContaining(servedRate(h)),
    );
  });

  it('says once that it cannot evaluate while Sobot is down, and once that it recovered', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    setWarningRate(h.sim, 0.1);
    h.sim.faults.failNext('http_500', { count: 10_000 });
    for (let i = 0; i < 5; i += 1) await checkAfter(h, clock, i === 0 ? 0 : 10);
    const notices = h.slack.posted(CHANNEL);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toMatch(/Cannot evaluate alert `warnings-high`/);
    expect(notices[0]?.text).not.toContain(h.sim.appKey);

    h.sim.faults.reset();
    await checkAfter(h, clock);
    await checkAfter(h, clock);
    const after = h.slack.posted(CHANNEL);
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toMatch(/can be evaluated again/);
  });

  it('answers /sobot alerts list and run without posting anything', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    setWarningRate(h.sim, 0.3);
    await h.command('alerts run', 'run');
    const [ran] = await h.slack.waitForResponses('run');
    const text = (((ran?.payload.blocks ?? []) as Block[])[0]?.text?.text as string) ?? '';
    expect(text).toContain('*warnings-high*');
    expect(text).toContain('1 of 1 breach now. It fires after 2 breaching checks in a row.');
    expect(text).toContain(`overall: ${servedRate(h)}`);
    await h.command('alerts list', 'list');
    const [listed] = await h.slack.waitForResponses('list');
    expect(listed?.payload.text).toBe('1 alert rules: warnings-high');
    expect(h.slack.posted(CHANNEL)).toHaveLength(0);
  });

  it('keeps mutes between 1 minute and 7 days, says the end with its date, and who muted last', async () => {
    const h = await start(createFakeClock(MONDAY_1000));
    h.slack.channelMembers.set(CHANNEL, ['U0LEAD']);
    const say = async (text: string, id: string) => {
      await h.command(text, id);
      const [post] = await h.slack.waitForResponses(id);
      return { text: String(post?.payload.text), blocks: JSON.stringify(post?.payload.blocks) };
    };
    for (const [length, verdict] of [
      ['99999d', 'too long'],
      ['9999999999999999999d', 'too long'],
      ['8d', 'too long'],
      ['30s', 'too short'],
    ] as const) {
      const { text } = await say(`alerts mute warnings-high ${length}`, `bad-${length}`);
      expect(text).toBe(
        `"${length}" is ${verdict}: a mute lasts from 1 min to 7 d. Try \`/sobot alerts mute warnings-high 1h\``,
      );
    }
    expect((await h.bot.alerts.status(rule(h))).mute).toBeNull();

    const twoDays = await say('alerts mute warnings-high 2d', 'ok');
    expect(twoDays.text).toBe('Alert warnings-high muted for 2 d.');
    expect(twoDays.blocks).toContain('until Wed 25 Nov 2026 10:00 (Asia/Shanghai)');
    const today = await say('alerts mute warnings-high 90m', 'today');
    expect(today.blocks).toContain('until 11:30 (Asia/Shanghai)');
    const listed = await say('alerts list', 'who');
    expect(listed.blocks).toContain('🔕 muted by <@U0LEAD> until 11:30');
    await say('alerts unmute warnings-high', 'unmute');
    expect((await say('alerts list', 'who2')).blocks).toContain('last unmuted by <@U0LEAD> 10:00');
  });
});
