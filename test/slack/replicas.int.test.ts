// Three bot replicas on one Redis, one simulator and one fake Slack, each the real app answering signed
// slash commands: one Sobot token for all of them (v5 and legacy), and one more only when Sobot
// invalidates it, whichever replicas see the invalidation.

import { afterEach, describe, expect, it } from 'vitest';
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
): Promise<[Harness, Harness, Harness]> {
  const stores = await openReplicaStores('redis', clock);
  cleanups.push(() => stores.close());
  const replicas: Harness[] = [];
  for (const name of ['a', 'b', 'c']) {
    const first = replicas[0];
    const h = await startHarness({
      clock,
      env: { SOBOT_RATE_LIMIT: '1000', ...env },
      simulator: { company: { agents: 30 }, rateLimit: 1000 },
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
