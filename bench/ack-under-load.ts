// The bench's "busy team" rows (issue 12): the bot as its own process, started as the image starts it
// (bench/bot-process.ts: HTTP mode, local charts, 300 agents), and a bare signed-ack server, driven
// with the same load (200 commands, 20 in flight, 9 distinct questions). Reports both servers' acks
// and their ratio, the same 200 once more (warm: code compiled, caches filled, as a bot that has been
// running), the bot's resident memory idle, at its peak and after the load, its start to healthy, and
// how fast `/sobot help` is acked while twenty different charts are being drawn.

import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AckSummary,
  BENCH_SIGNING_SECRET,
  type SlashCommand,
  sendCommands,
  startBareServer,
  startWorld,
  summarize,
  type World,
} from './ack-load.ts';
import { type BotProcess, startBotProcess } from './bot-process.ts';

const AGENTS = 300;
const COMMANDS = 200;
const IN_FLIGHT = 20;
/** Nine questions a team asks over and over in a busy hour, each with a chart. */
const DISTINCT = [
  'overview yesterday',
  'agents yesterday',
  'groups yesterday',
  'departments yesterday',
  'channels yesterday',
  'satisfaction yesterday',
  'bot yesterday',
  'customers yesterday',
  'trend chats last 14 days',
];
/** How often the bot's resident memory is read during the load. */
const SAMPLE_MS = 20;

export interface AckUnderLoad {
  /** How the bot was started: the Dockerfile's runtime CMD and ENV. */
  command: string;
  /** The machine's 1-minute load average before and after: other work competes for its cores. */
  load: [number, number];
  bare: AckSummary;
  /** The first 200 commands after start. */
  bot: AckSummary;
  /** The same 200 again right after: code compiled and caches filled, as a bot that has run a while. */
  botWarm: AckSummary;
  /** CPU the bot used for the first 200 (sent to last answer) and for the warm 200. */
  cpu: { first: CpuUse; warm: CpuUse };
  /** `/sobot help`, sent while twenty distinct chart-heavy answers are in the works. */
  helpWhileCharting: AckSummary;
  startToHealthyMs: number;
  /** 1 s after healthy, before any command. */
  idleMb: number;
  /** Highest VmRSS sampled during the load and the help round, and VmHWM (the peak since start, start-up included). */
  peakMb: number;
  highWaterMb: number;
  /** 5 s after the last answer (the help round's included). */
  afterMb: number;
  /** Answers the fake Slack refused (Block Kit limits): should be 0. */
  refused: number;
}

/** CPU time in ms: the bot's main thread (the event loop that acks) and the whole process. */
export interface CpuUse {
  mainMs: number;
  processMs: number;
}

/** CPU the bot uses while `work` runs. */
async function cpuOf(bot: BotProcess, work: () => Promise<void>): Promise<CpuUse> {
  const before = bot.cpu();
  await work();
  const after = bot.cpu();
  return { mainMs: after.mainMs - before.mainMs, processMs: after.processMs - before.processMs };
}

function botEnv(world: World): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-bench-bot-token',
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: world.slack.apiUrl,
    SOBOT_APPID: world.sobot.appId,
    SOBOT_APP_KEY: world.sobot.appKey,
    SOBOT_BASE_URL: world.sobot.url,
    // The budget is lifted so the load measures the bot's own work, not waits for Sobot's minute.
    SOBOT_RATE_LIMIT: '1000',
    CHART_RENDERER: 'local',
    LOG_LEVEL: 'info',
  };
}

const load = (round: string): SlashCommand[] =>
  Array.from({ length: COMMANDS }, (_, i) => ({
    text: DISTINCT[i % DISTINCT.length] as string,
    id: `${round}-${i}`,
  }));

/** Reads the bot's VmRSS every SAMPLE_MS until stopped; resolves with the highest. */
function sampleMemory(bot: BotProcess): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, bot.memory().rssMb);
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, bot.memory().rssMb);
    },
  };
}

/** Twenty chart-heavy answers nobody asked before (new periods: Sobot calls, then new charts), then help. */
async function helpWhileCharting(
  bot: BotProcess,
  world: World,
): Promise<{ acks: number[]; answers: Promise<unknown> }> {
  const charts = Array.from({ length: 20 }, (_, i) => ({
    text: `agents last ${i + 2} days`,
    id: `charts-${i}`,
  }));
  await sendCommands(bot.port, charts, charts.length, world.responseUrl);
  const helps = Array.from({ length: 10 }, (_, i) => ({ text: 'help', id: `help-${i}` }));
  const acks = await sendCommands(bot.port, helps, 1, world.responseUrl);
  return { acks, answers: Promise.all([...charts, ...helps].map((c) => world.answered(c.id))) };
}

export async function ackUnderLoad(nodeArgs: readonly string[] = []): Promise<AckUnderLoad> {
  const loadBefore = loadavg()[0] as number;
  const world = await startWorld(AGENTS);
  const bare = await startBareServer();
  let bot: BotProcess | undefined;
  try {
    bot = await startBotProcess(botEnv(world), nodeArgs);
    await sleep(1_000);
    const idleMb = bot.memory().rssMb;
    // The bare server before and after the bot, so a burst of noise on the shared machine is less
    // likely to fall on one side only.
    const bareBefore = await sendCommands(bare.port, load('bare1'), IN_FLIGHT, world.responseUrl);
    const sampler = sampleMemory(bot);
    const commands = load('bot');
    const answers: boolean[][] = [];
    let botAcks: number[] = [];
    const running = bot;
    const first = await cpuOf(running, async () => {
      botAcks = await sendCommands(running.port, commands, IN_FLIGHT, world.responseUrl);
      answers.push(...(await Promise.all(commands.map((c) => world.answered(c.id)))));
    });
    const again = load('bot-warm');
    let warmAcks: number[] = [];
    const warm = await cpuOf(running, async () => {
      warmAcks = await sendCommands(running.port, again, IN_FLIGHT, world.responseUrl);
      answers.push(...(await Promise.all(again.map((c) => world.answered(c.id)))));
    });
    const helps = await helpWhileCharting(bot, world);
    await helps.answers;
    const peakMb = sampler.stop();
    const bareAfter = await sendCommands(bare.port, load('bare2'), IN_FLIGHT, world.responseUrl);
    await sleep(5_000);
    return {
      command: bot.command,
      load: [loadBefore, loadavg()[0] as number],
      bare: summarize([...bareBefore, ...bareAfter]),
      bot: summarize(botAcks),
      botWarm: summarize(warmAcks),
      cpu: { first, warm },
      helpWhileCharting: summarize(helps.acks),
      startToHealthyMs: bot.startToHealthyMs,
      idleMb,
      peakMb,
      highWaterMb: bot.memory().peakMb,
      afterMb: bot.memory().rssMb,
      refused: answers.filter((accepted) => !accepted.every(Boolean)).length,
    };
  } finally {
    await bot?.stop();
    bare.stop();
    world.close();
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (value: number) => `${value.toFixed(0)} MB`;
const cpu = (c: CpuUse) => `${ms(c.mainMs)} (${ms(c.mainMs / COMMANDS)} a command), ${ms(c.processMs)}`;
const acks = (s: AckSummary) => `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`;

function machine([before, after]: [number, number]): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${before.toFixed(1)} → ${after.toFixed(1)}`;
}

/** The rows `npm run bench` prints, goals beside the figures. */
export function ackUnderLoadRows(r: AckUnderLoad): [string, string][] {
  const ratio = r.bot.p99 / r.bare.p99;
  return [
    ['machine', machine(r.load)],
    ['bot started as (Dockerfile, runtime stage)', r.command],
    ['bare signed-ack server: acks', acks(r.bare)],
    ['bot: acks (200 commands, 20 in flight, 9 distinct)', acks(r.bot)],
    ['bot p99 / bare p99 (goal ≤ 3)', `${ratio.toFixed(2)}${ratio <= 3 ? '' : '  ✗'}`],
    ['bot: slowest ack (goal ≤ 250 ms)', `${ms(r.bot.max)}${r.bot.max <= 250 ? '' : '  ✗'}`],
    ['bot: acks, the same 200 again (warm code and caches)', acks(r.botWarm)],
    [
      'warm: bot p99 / bare p99, slowest ack',
      `${(r.botWarm.p99 / r.bare.p99).toFixed(2)}, ${ms(r.botWarm.max)}`,
    ],
    ['bot CPU, first 200 (sent to last answer): main thread, process', cpu(r.cpu.first)],
    ['bot CPU, the same 200 again', cpu(r.cpu.warm)],
    ['help acked while 20 new charts are drawn', acks(r.helpWhileCharting)],
    ['start to healthy (goal ≤ 1 s)', `${ms(r.startToHealthyMs)}${r.startToHealthyMs <= 1_000 ? '' : '  ✗'}`],
    ['RSS idle, 1 s after healthy (goal ≤ 90 MB)', `${mb(r.idleMb)}${r.idleMb <= 90 ? '' : '  ✗'}`],
    [
      'RSS peak during the load and the 20 new charts (goal ≤ 150 MB)',
      `${mb(r.peakMb)}${r.peakMb <= 150 ? '' : '  ✗'}`,
    ],
    ['RSS high-water mark since start (VmHWM)', mb(r.highWaterMb)],
    ['RSS 5 s after the last answer', mb(r.afterMb)],
    ['answers Slack refused', String(r.refused)],
  ];
}
