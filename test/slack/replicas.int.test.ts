// Three bot replicas on one Redis, one simulator and one fake Slack, each the real app answering signed
// slash commands: one Sobot token for all of them (v5 and legacy), and one more only when Sobot
// invalidates it, whichever replicas see the invalidation.

import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/simulator/server.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { openReplicaStores } from '../support/replica-stores.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Three replicas sharing one Redis store, simulator and fake Slack. */
async function threeReplicas(
  clock: FakeClock,
  env: Record<string, string> = {},
  rateLimit = 1000,
): Promise<[Harness, Harness, Harness]> {
  const stores = await openReplicaStores('redis', clock);
  cleanups.push(() => stores.close());
  const replicas: Harness[] = [];
  for (const name of ['a', 'b', 'c']) {
    const first = replicas[0];
    const h = await startHarness({
      clock,
      env: { SOBOT_RATE_LIMIT: String(rateLimit), SOBOT_REPLICAS: '3', CHART_RENDERER: 'none', ...env },
      simulator: { company: { agents: 30 }, rateLimit },
      store: await stores.replica(name),
      ...(first ? { reuse: { sim: first.sim, slack: first.slack } } : {}),
    });
    cleanups.push(() => h.close());
    replicas.push(h);
  }
  return replicas as [Harness, Harness, Harness];
}

/** Sends `text` to every replica at once and returns what Slack received for each. */
async function askEach(clock: FakeClock, replicas: Harness[], text: string, id: string) {
  const acks = await Promise.all(replicas.map((h, i) => h.command(text, `${id}-${i}`)));
  expect(acks.map((ack) => ack.status)).toEqual(replicas.map(() => 200));
  const [first] = replicas;
  if (!first) throw new Error('no replicas');
  return whileAdvancing(
    clock,
    Promise.all(replicas.map(async (_, i) => (await first.slack.waitForResponses(`${id}-${i}`))[0])),
    1_000,
  );
}

describe.each([
  { api: 'v5', command: 'bot', headline: /Received \d+/ },
  { api: 'legacy', command: 'overview', headline: /Chats/ },
])('one Sobot token across three replicas ($api)', ({ api, command, headline }) => {
  it('fetches one token at the three starts, and one more when Sobot invalidates it', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
    const replicas = await threeReplicas(clock, { SOBOT_API: api });
    const [a] = replicas;
    // Each start checks the credentials by reading the token: the first fetched it, the others read it.
    expect(a.sim.tokens).toBe(1);

    const before = await askEach(clock, replicas, `${command} yesterday`, 'before');
    for (const answer of before) expect(answer?.payload.text).toMatch(headline);
    expect(a.sim.tokens).toBe(1);

    // Sobot invalidates it: every replica's next call (a question not cached) is refused (900002 / 1002);
    // one replica refreshes, the others find the new token in the store.
    a.sim.faults.expireTokens();
    const after = await askEach(clock, replicas, `${command} 2026-11-20`, 'after');
    for (const answer of after) expect(answer?.payload.text).toMatch(headline);
    expect(a.sim.tokens).toBe(2);
  });
});

/** The fake time each statistics call reached the simulator, in order. */
function arrivalsOf(h: Harness, clock: FakeClock): number[] {
  const arrivals: number[] = [];
  const push = h.sim.log.push.bind(h.sim.log);
  h.sim.log.push = (...entries: LogEntry[]) => {
    for (const entry of entries)
      if (entry.path.startsWith('/chat-static-api/api/')) arrivals.push(clock.now());
    return push(...entries);
  };
  return arrivals;
}

/** `YYYY-MM-DD`, `i` days before Sun 22 Nov 2026. */
const day = (i: number) => new Date(Date.UTC(2026, 10, 22 - i)).toISOString().slice(0, 10);

describe('one Sobot budget across three replicas', () => {
  it('keeps six trends asked on three replicas at once within Sobot’s 20 calls a minute, with 200 ms latency', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
    const replicas = await threeReplicas(clock, {}, 20);
    const [a] = replicas;
    a.sim.faults.latencyMs = 200;
    a.sim.faults.jitterMs = 50;
    const arrivals = arrivalsOf(a, clock);
    // Two ten-day trends on each replica: a getStat call a day, 60 in all, none cached.
    const ids: string[] = [];
    const acks = await Promise.all(
      replicas.flatMap((h, r) =>
        [0, 1].map((n) => {
          const i = r * 2 + n;
          ids.push(`trend-${i}`);
          return h.command(`trend chats ${day(10 * i + 9)}..${day(10 * i)}`, `trend-${i}`, {
            user_id: `U0PERSON${i}`,
          });
        }),
      ),
    );
    expect(acks.every((ack) => ack.status === 200)).toBe(true);
    // The three replicas share one window: 20 calls go out before any time passes, not 20 each (counted
    // while the clock stands still; Redis and the apps answer in their own time, so this polls).
    await expect.poll(() => arrivals.length, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(20);
    expect(arrivals).toHaveLength(20);
    const answered = (id: string) =>
      (a.slack.responses.get(id) ?? []).some((post) => String(post.payload.text).startsWith('Chats'));
    // Small steps: three apps and Redis share the machine, and a call's real-time trip must stay short
    // in fake time (a slot on the wire is held at most a minute before it is taken for a dead replica's).
    for (let step = 0; step < 20_000 && !ids.every(answered); step += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await clock.advance(25);
    }
    expect(ids.filter(answered)).toEqual(ids);
    // Three windows' worth, from three replicas at once, with one token between them.
    expect(arrivals).toHaveLength(60);
    expect(a.sim.tokens).toBe(1);
    expect(a.sim.overBudgetCalls).toBe(0);
  }, 120_000);
});

describe('one answers cache across three replicas', () => {
  it('answers ten identical commands spread over three replicas with one round of Sobot calls', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
    const replicas = await threeReplicas(clock);
    const [a] = replicas;
    a.sim.faults.latencyMs = 200;
    const statsCalls = () =>
      a.sim.log.filter((entry) => entry.path.startsWith('/chat-static-api/api/')).length;
    // One round: what the command costs asked once, on one replica.
    await askEach(clock, [a], 'agents 2026-11-19', 'alone');
    const round = statsCalls();
    expect(round).toBeGreaterThan(0);

    const ids = Array.from({ length: 10 }, (_, i) => `same-${i}`);
    const acks = await Promise.all(
      ids.map((id, i) =>
        (replicas[i % 3] as Harness).command('agents 2026-11-20', id, { user_id: `U0LEAD${i}` }),
      ),
    );
    expect(acks.map((ack) => ack.status)).toEqual(ids.map(() => 200));
    const answers = await whileAdvancing(
      clock,
      Promise.all(ids.map(async (id) => (await a.slack.waitForResponses(id))[0])),
      100,
    );
    expect(statsCalls() - round).toBe(round);
    // Everyone sees the same figures, the ones Sobot served once.
    expect(new Set(answers.map((answer) => answer?.payload.text)).size).toBe(1);
    expect(answers[0]?.payload.text).toMatch(/^Agents · Fri 20 Nov 2026/);
  }, 120_000);
});
