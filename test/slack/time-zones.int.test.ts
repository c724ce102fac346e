// A digest or alert rule with its own time zone asks Sobot in that zone: every statistics call
// carries it in the `timezoneid` header and its dates are that zone's days. The real app, the
// simulator (which records the headers it received) and a fake Slack, on a fake clock.

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, whileAdvancing } from '../support/fake-clock.ts';

const CONFIG = `
digests:
  - name: new-york
    channel: C0DIGEST
    schedule: "0 9 * * *"
    timezone: America/New_York
    period: yesterday
alerts:
  - name: london-warnings
    kpi: response_warn_rate
    scope: overall
    op: ">"
    threshold: 0.99
    period: today
    check: "*/10 * * * *"
    timezone: Europe/London
    channel: C0ALERTS
`;

/** Mon 23 Nov 2026 09:00 in New York = 14:00 UTC = 22:00 in Shanghai (the bot's zone). */
const NEW_YORK_0900 = Date.parse('2026-11-23T14:00:00Z');
/** Mon 23 Nov 2026 00:30 UTC: already the 23rd in London, still the 22nd in New York, the 23rd in Shanghai. */
const LONDON_0030 = Date.parse('2026-11-23T00:30:00Z');

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function start(now: number) {
  const clock = createFakeClock(now);
  const h = await startHarness({
    clock,
    configYaml: CONFIG,
    env: { SOBOT_RATE_LIMIT: '1000', SOBOT_TIMEZONE: 'Asia/Shanghai' },
    simulator: { company: { agents: 30 }, rateLimit: 1000 },
  });
  harnesses.push(h);
  return { h, clock };
}

const statisticsCalls = (h: Harness) =>
  h.sim.log.filter((e) => e.path.includes('/chat-static-api/api/') && !e.path.includes('/condition/'));

describe('time zones of digests and alert rules', () => {
  it("a New York digest asks Sobot for New York's yesterday, in New York's zone", async () => {
    const { h } = await start(NEW_YORK_0900);
    h.sim.log.clear();
    const outcomes = await h.bot.digests.tick();
    expect(outcomes).toEqual([expect.objectContaining({ digest: 'new-york', status: 'posted' })]);
    const calls = statisticsCalls(h);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.headers.timezoneid).toBe('America/New_York');
    // Yesterday in New York is Sunday the 22nd (in Shanghai it would be Monday the 23rd).
    const getStat = calls.find((e) => e.path.endsWith('/session/getStat'));
    expect((getStat?.body as Record<string, unknown> | undefined)?.start_date).toBe('2026-11-22 00:00:00');
  });

  it('an alert rule in London asks in London time; a command still asks in the bot zone', async () => {
    const { h, clock } = await start(LONDON_0030);
    const rule = h.config.file.alerts[0];
    if (!rule) throw new Error('no rule');
    h.sim.log.clear();
    await whileAdvancing(clock, h.bot.alerts.check(rule), 1_000);
    const ruleCalls = statisticsCalls(h);
    expect(ruleCalls.length).toBeGreaterThan(0);
    for (const call of ruleCalls) expect(call.headers.timezoneid).toBe('Europe/London');
    expect((ruleCalls[0]?.body as Record<string, unknown> | undefined)?.start_date).toBe(
      '2026-11-23 00:00:00',
    );

    h.sim.log.clear();
    await h.command('overview today', 'cmd');
    await h.slack.waitForResponses('cmd');
    const commandCalls = statisticsCalls(h);
    expect(commandCalls.length).toBeGreaterThan(0);
    for (const call of commandCalls) expect(call.headers.timezoneid).toBe('Asia/Shanghai');
  });

  it('the same day in two zones is two cache entries, two sets of calls', async () => {
    const { h } = await start(NEW_YORK_0900);
    const range = { from: '2026-11-22', to: '2026-11-22' };
    h.sim.log.clear();
    const shanghai = await h.bot.engine.stats.overview({ ...range, timeZone: 'Asia/Shanghai' });
    const firstCalls = statisticsCalls(h).length;
    const newYork = await h.bot.engine.stats.overview({ ...range, timeZone: 'America/New_York' });
    const zones = statisticsCalls(h).map((e) => e.headers.timezoneid);
    expect(zones.slice(firstCalls).every((zone) => zone === 'America/New_York')).toBe(true);
    expect(zones.length).toBe(2 * firstCalls);
    expect(shanghai.range.timeZone).toBe('Asia/Shanghai');
    expect(newYork.range.timeZone).toBe('America/New_York');
  });
});
