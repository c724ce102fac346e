// Bench rows "1 replica" and "3 replicas": 60 commands (20 distinct `bot <day>`, each asked three
// times) sent at once, round-robin over the replicas, on one Redis, against the simulator with Sobot's
// budget of 20 calls a minute and 100 ms latency each way (real clock). Sobot calls in all and in the
// busiest minute, ack p50/p99 (request sent → Bolt's HTTP answer) and the time until the last answer.

import { performance } from 'node:perf_hooks';
import { openRedisStore } from '../src/store/redis.ts';
import { type Harness, startHarness } from '../test/support/bot-harness.ts';
import { startRedisServer } from '../test/support/redis-server.ts';

const COMMANDS = 60;
const DISTINCT = 20;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;

async function run(replicaCount: number): Promise<string> {
  const redis = await startRedisServer();
  const stores = await Promise.all(
    Array.from({ length: replicaCount }, () => openRedisStore({ url: redis.url, keyPrefix: 'bench:' })),
  );
  const replicas: Harness[] = [];
  try {
    for (const store of stores) {
      const first = replicas[0];
      replicas.push(
        await startHarness({
          env: { LOG_LEVEL: 'warn', CHART_RENDERER: 'none', SOBOT_REPLICAS: String(replicaCount) },
          simulator: { company: { agents: 40 } },
          store,
          ...(first ? { reuse: { sim: first.sim, slack: first.slack } } : {}),
        }),
      );
    }
    const [h] = replicas as [Harness];
    h.sim.faults.latencyMs = 100;
    h.sim.log.clear();
    const arrivals: number[] = [];
    const push = h.sim.log.push.bind(h.sim.log);
    h.sim.log.push = (...entries) => {
      for (const entry of entries)
        if (entry.path.startsWith('/chat-static-api/')) arrivals.push(performance.now());
      return push(...entries);
    };
    const day = (i: number) => new Date(Date.UTC(2026, 10, 1 + (i % DISTINCT))).toISOString().slice(0, 10);
    const started = performance.now();
    const acks = await Promise.all(
      Array.from({ length: COMMANDS }, async (_, i) => {
        const sent = performance.now();
        await (replicas[i % replicaCount] as Harness).command(`bot ${day(i)}`, `r${i}`, {
          user_id: `U0B${i}`,
        });
        return performance.now() - sent;
      }),
    );
    const answered = (i: number) =>
      (h.slack.responses.get(`r${i}`) ?? []).some((post) => String(post.payload.text).startsWith('Chatbot'));
    while (!Array.from({ length: COMMANDS }, (_, i) => answered(i)).every(Boolean))
      await new Promise((resolve) => setTimeout(resolve, 20));
    const lastAnswer = performance.now() - started;
    const busiest = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 60_000).length));
    acks.sort((a, b) => a - b);
    return (
      `${arrivals.length} Sobot calls (busiest minute ${busiest}, ${h.sim.overBudgetCalls} over budget), ` +
      `ack p50 ${quantile(acks, 0.5).toFixed(1)} ms / p99 ${quantile(acks, 0.99).toFixed(1)} ms, ` +
      `last answer after ${(lastAnswer / 1000).toFixed(1)} s`
    );
  } finally {
    for (const h of replicas.reverse()) await h.close();
    for (const store of stores) await store.close();
    await redis.stop();
  }
}

/** The two rows, measured one after the other in the same run. */
export async function replicaRows(): Promise<[string, string][]> {
  const one = await run(1);
  const three = await run(3);
  return [
    ['1 replica', one],
    ['3 replicas', three],
  ];
}
