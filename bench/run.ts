// `npm run bench`: figures for the README, measured against the simulator and a fake Slack on
// loopback through the real bot (HTTP mode, signed requests, local chart rendering).
//   - a busy team (bench/ack-under-load.ts): the built bot as its own process and a bare signed-ack
//     server under the same load, acks and their ratio, resident memory, start to healthy
//   - no input blocks the loop (bench/parse-fuzz.ts): the slowest single read of fuzzed command texts
//   - answer latency (command sent → answer posted to response_url), cold and warm cache
//   - Sobot calls made for 100 identical concurrent `/sobot agents yesterday`
//   - every command's Sobot calls and latency, cold and warm
//   - digests due at the same minute: Sobot calls and time to post them all (they share the cache)
//   - replicas (bench/replicas.ts): 60 commands (20 distinct) round-robin over 1 and over 3 replicas
//     sharing one Redis: Sobot calls, calls in the busiest minute, ack p50/p99, last answer
//   - overload: 40 distinct commands at once against Sobot's real budget (20 a minute) with 200 ms
//     latency each way: over-budget calls, calls in the first minute, time to the last answer, and the
//     longest wait a user was told against what happened (real time: about 70 s)

import { performance } from 'node:perf_hooks';
import { type Harness, startHarness } from '../test/support/bot-harness.ts';
import { createFakeClock } from '../test/support/fake-clock.ts';
import { ackUnderLoad, ackUnderLoadRows } from './ack-under-load.ts';
import { parseFuzz } from './parse-fuzz.ts';
import { replicaRows } from './replicas.ts';

const AGENTS = 300;

const ms = (value: number) => `${value.toFixed(1)} ms`;
const workloadCalls = (h: Harness) => h.sim.log.filter((e) => e.path.endsWith('/staffWorkStatis')).length;

async function timedAnswer(h: Harness, text: string, id: string): Promise<number> {
  const started = performance.now();
  await h.command(text, id);
  await h.slack.waitForResponses(id);
  return performance.now() - started;
}

/** Each command once cold and once warm; the budget is lifted so the figures are the work itself. */
const COMMANDS = [
  'overview last week',
  'agents last week',
  'agent José Álvarez last week',
  'groups last week',
  'departments last week',
  'channels last week',
  'satisfaction last week',
  'bot last week',
  'customers last week',
  'topics last week',
  'trend chats last 14 days',
];

async function perCommand(): Promise<string[]> {
  const h = await startHarness({
    env: { LOG_LEVEL: 'warn', SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: AGENTS }, rateLimit: 1000 },
  });
  try {
    const lines: string[] = [];
    for (const [i, text] of COMMANDS.entries()) {
      h.sim.log.clear();
      const cold = await timedAnswer(h, text, `cold-${i}`);
      const coldCalls = h.sim.log.filter((e) => !e.path.includes('get_token')).length;
      h.sim.log.clear();
      const warm = await timedAnswer(h, text, `warm-${i}`);
      const warmCalls = h.sim.log.length;
      lines.push(
        `/sobot ${text}`.padEnd(40) +
          `cold ${ms(cold).padStart(10)} (${coldCalls} calls)   warm ${ms(warm).padStart(9)} (${warmCalls} calls)`,
      );
    }
    return lines;
  } finally {
    await h.close();
  }
}

/** `count` digests of yesterday due at 09:00 Monday in Shanghai, one tick. */
async function digestsAtOnce(count: number): Promise<string> {
  const digests = Array.from(
    { length: count },
    (_, i) => `  - { name: d${i}, channel: C0DIGEST${i}, schedule: "0 9 * * 1-5", timezone: Asia/Shanghai }`,
  );
  const h = await startHarness({
    clock: createFakeClock(Date.parse('2026-11-23T01:00:00Z')),
    configYaml: `digests:\n${digests.join('\n')}\n`,
    env: { LOG_LEVEL: 'warn', SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: AGENTS }, rateLimit: 1000 },
  });
  try {
    const started = performance.now();
    const outcomes = await h.bot.digests.tick();
    const elapsed = performance.now() - started;
    const posted = outcomes.filter((o) => o.status === 'posted').length;
    return `${posted} posted in ${ms(elapsed)}, ${h.sim.log.filter((e) => !e.path.endsWith('get_token')).length} Sobot calls`;
  } finally {
    await h.close();
  }
}

function printRows(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

/** 40 distinct one-call commands (`bot <day>`) at once, on the real clock and Sobot's budget of 20. */
async function overload(): Promise<[string, string][]> {
  const h = await startHarness({
    env: { LOG_LEVEL: 'warn', CHART_RENDERER: 'none' },
    simulator: { company: { agents: 40 } },
    progressNoticeMs: 3_000,
  });
  h.sim.faults.latencyMs = 200;
  h.sim.faults.jitterMs = 50;
  try {
    const arrivals: number[] = [];
    const push = h.sim.log.push.bind(h.sim.log);
    h.sim.log.push = (...entries) => {
      for (const entry of entries) if (!entry.path.endsWith('get_token')) arrivals.push(performance.now());
      return push(...entries);
    };
    const day = (i: number) => new Date(Date.now() - (i + 2) * 86_400_000).toISOString().slice(0, 10);
    const ids = Array.from({ length: 40 }, (_, i) => `overload-${i}`);
    const started = performance.now();
    const answeredAt = new Map<string, number>();
    await Promise.all(
      ids.map(async (id, i) => {
        await h.command(`bot ${day(i)}`, id, { user_id: `U0USER${i % 8}` });
        for (let count = 1; ; count += 1) {
          const posts = await h.slack.waitForResponses(id, count);
          if (!String(posts.at(-1)?.payload.text).startsWith(':hourglass')) break;
        }
        answeredAt.set(id, performance.now() - started);
      }),
    );
    const told = ids.map((id) => {
      const notice = h.slack.responses.get(id)?.find((p) => /about (\d+) min/.test(String(p.payload.text)));
      return { id, minutes: Number(/about (\d+) min/.exec(String(notice?.payload.text))?.[1] ?? 0) };
    });
    // The asker who waited longest: what they were told against when the answer came.
    const longest = told.reduce((a, b) =>
      (answeredAt.get(b.id) ?? 0) > (answeredAt.get(a.id) ?? 0) ? b : a,
    );
    const firstMinute = arrivals.filter((t) => t - (arrivals[0] ?? 0) < 60_000).length;
    const last = Math.max(...answeredAt.values());
    return [
      [
        'overload (40 distinct commands at once, 200 ms latency): over-budget calls',
        String(h.sim.overBudgetCalls),
      ],
      ['overload: Sobot calls in the first 60 s', `${firstMinute} of ${arrivals.length}`],
      ['overload: time until the last answer', `${(last / 1000).toFixed(1)} s`],
      [
        'overload: longest wait told vs actual',
        `"about ${longest.minutes} min" → ${((answeredAt.get(longest.id) ?? 0) / 1000).toFixed(1)} s`,
      ],
    ];
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const h = await startHarness({ env: { LOG_LEVEL: 'warn' }, simulator: { company: { agents: AGENTS } } });
  try {
    const cold = await timedAnswer(h, 'agents last 30 days', 'cold');
    const coldCalls = workloadCalls(h);
    const warm = await timedAnswer(h, 'agents last 30 days', 'warm');
    const warmCalls = workloadCalls(h) - coldCalls;

    h.sim.log.clear();
    const ids = Array.from({ length: 100 }, (_, i) => `same-${i}`);
    const burstStart = performance.now();
    await Promise.all(ids.map((id) => h.command('agents yesterday', id)));
    await Promise.all(ids.map((id) => h.slack.waitForResponses(id)));
    const burstMs = performance.now() - burstStart;
    const burstCalls = workloadCalls(h);
    const pages = Math.ceil(
      ((h.sim.log[0]?.reply as { total_count?: number } | undefined)?.total_count ?? 0) / 100,
    );

    const rows: [string, string][] = [
      ['company size (simulator)', `${AGENTS} agents`],
      ['answer latency, cold cache (agents last 30 days)', `${ms(cold)} (${coldCalls} Sobot calls)`],
      ['answer latency, warm cache', `${ms(warm)} (${warmCalls} Sobot calls)`],
      ['100 identical concurrent "agents yesterday": Sobot calls', `${burstCalls} (pages: ${pages})`],
      ['100 identical concurrent: all answered in', ms(burstMs)],
    ];
    console.log('sobot-slack bench (loopback, real Bolt app, simulator, fake Slack)\n');
    printRows(rows);
    console.log(
      '\nA busy team: the bot as the image starts it and a bare signed-ack server, each its own process, same load:\n',
    );
    printRows(ackUnderLoadRows(await ackUnderLoad()));
    const fuzz = await parseFuzz();
    console.log(
      `\nFuzzed command texts (${fuzz.inputs}, fast-check), slowest single call, each text's fastest of ${fuzz.passes} (goal ≤ 50 ms):\n`,
    );
    printRows([
      ['read (up to 500 characters)', ms(fuzz.worstReadMs)],
      ['refused unread (501 to 20,000 characters)', ms(fuzz.worstRefusedMs)],
    ]);
    console.log(
      '\nPer command (budget lifted; calls include directory look-ups the first time a name is used):\n',
    );
    for (const line of await perCommand()) console.log(line);
    console.log('\nDigests due at the same minute (yesterday, 7-day chart; budget lifted):\n');
    for (const count of [1, 5])
      console.log(`${String(count).padStart(2)} digest(s) at 09:00          ${await digestsAtOnce(count)}`);
    console.log(
      '\nReplicas on one Redis: 60 commands (20 distinct), round-robin, budget 20 a minute, 100 ms latency:\n',
    );
    printRows(await replicaRows());
    console.log("\nOverload against Sobot's budget of 20 calls a minute (real time, about 70 s):\n");
    printRows(await overload());
  } finally {
    await h.close();
  }
}

void main();
