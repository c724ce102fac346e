// Two bot replicas sharing one store (file or Redis), one simulator and one fake Slack, checking the
// same alert rule: one message per episode whichever replica checks, and a mute made on one replica
// while the other's check is running survives that check's save.

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { openReplicaStores, type ReplicaStores, STORE_KINDS } from '../support/replica-stores.ts';
import { setWarningRate } from '../support/warning-rate.ts';

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
    repeat: 2h
`;
const MINUTE = 60_000;
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(STORE_KINDS)('alert rule checked by two replicas (%s store)', (kind) => {
  async function replicas(): Promise<{ clock: FakeClock; stores: ReplicaStores; a: Harness; b: Harness }> {
    const clock = createFakeClock(MONDAY_1000);
    const stores = await openReplicaStores(kind, clock);
    cleanups.push(() => stores.close());
    const start = async (name: string, reuse?: Harness) => {
      const h = await startHarness({
        clock,
        configYaml: CONFIG,
        env: { SOBOT_RATE_LIMIT: '1000' },
        simulator: { company: { agents: 40 }, rateLimit: 1000 },
        store: await stores.replica(name),
        ...(reuse ? { reuse: { sim: reuse.sim, slack: reuse.slack } } : {}),
      });
      cleanups.push(() => h.close());
      return h;
    };
    const a = await start('a');
    const b = await start('b', a);
    a.slack.channelMembers.set(CHANNEL, ['U0LEAD']);
    return { clock, stores, a, b };
  }

  const rule = (h: Harness) => h.config.file.alerts[0] as NonNullable<Harness['config']['file']['alerts'][0]>;
  /** Ten minutes on, then the replicas' checks of the rule (as their cron jobs would all run it). */
  async function checkAfter(clock: FakeClock, replicas: Harness[], minutes = 10): Promise<void> {
    await clock.advance(minutes * MINUTE);
    await whileAdvancing(clock, Promise.all(replicas.map((h) => h.bot.alerts.check(rule(h)))), 1_000);
  }

  it('posts one alert message and no duplicate replies when both replicas check at every tick', async () => {
    const { clock, a, b } = await replicas();
    setWarningRate(a.sim, 0.3);
    await checkAfter(clock, [a, b], 0);
    await checkAfter(clock, [a, b]);
    expect(a.slack.posted(CHANNEL)).toHaveLength(1);
    const [alert] = a.slack.posted(CHANNEL);

    setWarningRate(a.sim, 0.45);
    await checkAfter(clock, [a, b]);
    expect(a.slack.posted(CHANNEL)).toHaveLength(1);
    expect(a.slack.thread(alert?.ts as string)).toHaveLength(1);
  });

  it('keeps a mute made on one replica while the other replica’s check is running', async () => {
    const { clock, stores, a, b } = await replicas();
    setWarningRate(a.sim, 0.3);
    await checkAfter(clock, [a], 0);
    await checkAfter(clock, [a]);
    const [alert] = a.slack.posted(CHANNEL);
    expect(a.slack.posted(CHANNEL)).toHaveLength(1);

    // Replica a has read the rule and is about to save it when someone mutes the rule on replica b.
    const storeA = await stores.replica('a');
    let muted = '';
    storeA.beforeWrite(
      (w) => w.method === 'set' && w.key.endsWith('alert:rule:warnings-high'),
      async () => {
        await b.command('alerts mute warnings-high 1h', 'mute');
        const [reply] = await b.slack.waitForResponses('mute');
        muted = String(reply?.payload.text);
      },
    );
    setWarningRate(a.sim, 0.3);
    await checkAfter(clock, [a]);
    expect(muted).toBe('Alert warnings-high muted for 1 h.');
    expect((await a.bot.alerts.status(rule(a))).mute).toMatchObject({ by: 'U0LEAD' });

    // Much worse within the hour, checked by either replica: muted, so no thread reply.
    setWarningRate(a.sim, 0.6);
    await checkAfter(clock, [a]);
    await checkAfter(clock, [b]);
    expect(a.slack.thread(alert?.ts as string)).toHaveLength(0);
    expect(a.slack.posted(CHANNEL)).toHaveLength(1);
    expect(JSON.stringify(alert?.blocks)).toMatch(/[Mm]uted by <@U0LEAD>/);
  });
});
