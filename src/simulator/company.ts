// A deterministic fake company for the Sobot simulator: org chart, agents and per-agent-per-day figures.
// Same seed, same company, same numbers: every figure is derived from a hash of (seed, id, date).

import { agentNames } from './names.ts';

export type RatingScheme = 'five_star' | 'nps' | 'two_level';

export interface CompanyOptions {
  seed?: number;
  /** Number of agents, 30–300. */
  agents?: number;
  /** Number of regional departments under the head office, 2–4. */
  departments?: number;
  /** Number of skill groups, 1–50. */
  groups?: number;
  robots?: number;
  ratingScheme?: RatingScheme;
  /** A second scale a fifth of the rated chats are rated on (a survey on one channel, say); default none. */
  alsoRatedOn?: RatingScheme;
}

export interface Department {
  id: string;
  name: string;
  /** '0' for the head office, like Sobot's department list. */
  parentId: string;
}

export interface SkillGroup {
  id: string;
  name: string;
  departmentId: string;
}

export interface Channel {
  code: string;
  msg: string;
}

export interface SubChannel {
  id: string;
  channelType: string;
  name: string;
  flag: string;
  /** `${channelType}_${flag}`, what the statistics endpoints take as channel_flag. */
  flagKey: string;
  /** Share of all chats that arrive through this sub-channel; shares add up to 1. */
  share: number;
}

export interface Robot {
  flag: number;
  name: string;
  logo: string;
}

export interface Classification {
  id: string;
  name: string;
  code: string;
  level: 1 | 2;
  parentId: string;
  levelPath: string;
  sort: number;
  /** Level 1: share of all chats; level 2: share of its parent's chats. */
  share: number;
}

export interface Region {
  id: string;
  country: string;
  province: string;
  share: number;
}

export interface Agent {
  id: string;
  name: string;
  nick: string;
  email: string;
  departmentId: string;
  groupIds: string[];
}

/**
 * Raw figures of one agent on one day. Counts only; parts that must add up to a whole
 * (not-marked chats, unresolved votes, invalid chats, ...) are derived where they are served.
 */
export interface DayFigures {
  chats: number;
  validChats: number;
  inquiryChats: number;
  validReceptions: number;
  respondedChats: number;
  firstResponsesIn30s: number;
  firstResponsesIn60s: number;
  selfChats: number;
  proactiveChats: number;
  lastReceptionChats: number;
  fcr24hChats: number;
  lastMessageByAgent: number;
  transfersIn: number;
  transfersOut: number;
  snatchIn: number;
  snatchOut: number;
  queueAccepted: number;
  queueLeft: number;
  solved: number;
  notSolved: number;
  responseRounds: number;
  responseWarnings: number;
  validResponseRounds: number;
  score1: number;
  score2: number;
  score3: number;
  score4: number;
  score5: number;
  nps0: number;
  nps1: number;
  nps2: number;
  nps3: number;
  nps4: number;
  nps5: number;
  nps6: number;
  nps7: number;
  nps8: number;
  nps9: number;
  nps10: number;
  level2Satisfied: number;
  level2Dissatisfied: number;
  initiativeRatings: number;
  invitations: number;
  resolvedVotes: number;
  newVisitors: number;
  returningVisitors: number;
  msgStaff: number;
  msgVisitor: number;
  staffWordCount: number;
  offlineMessages: number;
  consultDurationMs: number;
  onlineMs: number;
  busyMs: number;
  busyCount: number;
  restMs: number;
  eatMs: number;
  activeMs: number;
  trainMs: number;
  meetMs: number;
  /** Weighted by inquiryChats. */
  avgFirstResponseMs: number;
  /** Weighted by responseRounds. */
  avgResponseMs: number;
  /** Weighted by validChats. */
  avgReceptionMs: number;
  /** Weighted by queueAccepted. */
  avgQueueAcceptMs: number;
  /** Weighted by queueLeft. */
  avgQueueLeaveMs: number;
  /** Weighted by transfersIn. */
  avgTransferConfirmMs: number;
  maxResponseMs: number;
  maxConcurrent: number;
  /** Milliseconds after local midnight of the first login; -1 when the agent did not log in. */
  firstLoginMs: number;
  lastLeaveMs: number;
}

export interface BotDayFigures {
  reception: number;
  validReception: number;
  selfReception: number;
  transferToStaff: number;
  activeTransfer: number;
  triggerTransfer: number;
  keywordTransfer: number;
}

export interface Company {
  seed: number;
  id: string;
  ratingScheme: RatingScheme;
  departments: Department[];
  groups: SkillGroup[];
  channels: Channel[];
  subChannels: SubChannel[];
  robots: Robot[];
  classifications: Classification[];
  regions: Region[];
  agents: Agent[];
  /** Full-day figures of one agent; all zero on days off and for unknown agents. */
  agentDay(agentId: string, date: string): DayFigures;
  botDay(robotFlag: number, date: string): BotDayFigures;
}

/** mulberry32: small, fast, good enough for fake data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

type Rng = () => number;

const hex32 = (rng: Rng): string =>
  Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, low: number, high: number): number => low + (high - low) * rng();
const clampInt = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, Math.round(value)));

const REGIONAL_DEPARTMENTS = ['Greater China Region', 'APAC Region', 'EMEA Region', 'Americas Region'];
const GROUP_NAMES = ['Sales', 'Support', 'VIP', 'Billing', 'Tech', 'Returns', 'Onboarding', 'Escalations'];
// The channel list of the v5 document's getChannelList example.
const CHANNELS: readonly Channel[] = [
  { code: '0', msg: 'Desktop site' },
  { code: '4', msg: 'Mobile Site' },
  { code: '2', msg: 'APP' },
];
const SUB_CHANNEL_NAMES: Record<string, string[]> = {
  '0': ['Main website', 'Help Center', 'Partner portal'],
  '4': ['channel01', 'Mobile shop'],
  '2': ['iOS App', 'Android App'],
};
const CLASSIFICATIONS: ReadonlyArray<[string, string[]]> = [
  ['Order issues', ['Delivery delay', 'Wrong item', 'Cancellation']],
  ['Account', ['Login problem', 'Profile change']],
  ['Payment', ['Refund', 'Invoice']],
  ['Technical', ['App crash', 'Bug report', 'How-to']],
];
// A fixed set of visitor regions, in the mix of CJK and Latin names real replies show.
const REGIONS: ReadonlyArray<[string, string, number]> = [
  ['China', 'Beijing', 30],
  ['中国', '广东', 22],
  ['中国', '上海', 14],
  ['United States', 'California', 9],
  ['Singapore', '', 7],
  ['日本', '東京都', 6],
  ['Deutschland', 'Bayern', 5],
  ['Brasil', 'São Paulo', 4],
  ['Netherlands', '', 3],
];

interface AgentTraits {
  load: number;
  quality: number;
  speedMs: number;
}

function agentTraits(seed: number, agentId: string): AgentTraits {
  const rng = mulberry32(hash32(`${seed}|traits|${agentId}`));
  // A few agents are much busier than the rest: the "top" tables must not all look alike.
  const busy = rng() < 0.1;
  return {
    load: busy ? between(rng, 2.2, 3) : between(rng, 0.55, 1.3),
    quality: rng(),
    speedMs: between(rng, 8_000, 90_000),
  };
}

const isWeekend = (date: string): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** Draws `count` items into buckets with the given weights (a small multinomial). */
function distribute(rng: Rng, count: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const buckets = weights.map(() => 0);
  for (let i = 0; i < count; i++) {
    let roll = rng() * total;
    let index = 0;
    while (index < weights.length - 1 && roll >= weights[index]!) {
      roll -= weights[index]!;
      index++;
    }
    buckets[index]!++;
  }
  return buckets;
}

export function emptyDay(): DayFigures {
  const zero: Record<string, number> = {};
  for (const key of DAY_KEYS) zero[key] = 0;
  return { ...(zero as unknown as DayFigures), firstLoginMs: -1, lastLeaveMs: -1 };
}

function generateDay(
  seed: number,
  agentId: string,
  date: string,
  scheme: RatingScheme,
  also: RatingScheme | undefined,
): DayFigures {
  const rng = mulberry32(hash32(`${seed}|${agentId}|${date}`));
  const traits = agentTraits(seed, agentId);
  const weekend = isWeekend(date);
  if (rng() < (weekend ? 0.55 : 0.08)) return emptyDay();
  const q = traits.quality;
  const chats = Math.max(1, Math.round(24 * traits.load * (weekend ? 0.45 : 1) * between(rng, 0.7, 1.3)));
  const validChats = Math.floor(chats * between(rng, 0.82, 0.98));
  const inquiryChats = Math.floor(validChats * between(rng, 0.88, 1));
  const validReceptions = Math.floor(inquiryChats * between(rng, 0.7 + 0.1 * q, 0.9 + 0.1 * q));
  const respondedChats = Math.floor(validReceptions + (inquiryChats - validReceptions) * rng());
  const firstResponsesIn60s = Math.floor(respondedChats * between(rng, 0.5, 0.95));
  const lastReceptionChats = Math.floor(chats * between(rng, 0.75, 0.95));
  const responseRounds = Math.round(validChats * between(rng, 3, 7));
  const ratedChats = Math.floor(validReceptions * between(rng, 0.25, 0.6));
  const ratings = rateChats(rng, ratedChats, q, scheme, also);
  const solved = Math.floor(chats * between(rng, 0.4, 0.7));
  const visitors = Math.floor(validChats * between(rng, 0.85, 1));
  const newVisitors = Math.floor(visitors * between(rng, 0.2, 0.5));
  const msgVisitor = Math.round(validChats * between(rng, 4, 9));
  const msgStaff = Math.round(msgVisitor * between(rng, 0.8, 1.3));
  const avgResponseMs = Math.round(traits.speedMs * between(rng, 0.9, 1.6));
  const onlineMs = Math.round(between(rng, 6, 9) * 3_600_000);
  const firstLoginMs = Math.round(between(rng, 7.5, 10) * 3_600_000);
  const busyMs = Math.round(between(rng, 5, 60) * 60_000);
  const restMs = Math.round(between(rng, 10, 40) * 60_000);
  const eatMs = Math.round(between(rng, 20, 60) * 60_000);
  const meetMs = rng() < 0.3 ? Math.round(between(rng, 15, 60) * 60_000) : 0;
  const trainMs = rng() < 0.15 ? Math.round(between(rng, 30, 90) * 60_000) : 0;
  const transfersIn = Math.floor(chats * between(rng, 0, 0.12));
  const day: DayFigures = {
    chats,
    validChats,
    inquiryChats,
    validReceptions,
    respondedChats,
    firstResponsesIn30s: Math.floor(firstResponsesIn60s * between(rng, 0.4, 0.9)),
    firstResponsesIn60s,
    selfChats: Math.floor(chats * between(rng, 0.6, 0.9)),
    proactiveChats: Math.floor(chats * between(rng, 0, 0.05)),
    lastReceptionChats,
    fcr24hChats: Math.floor(lastReceptionChats * between(rng, 0.45 + 0.2 * q, 0.65 + 0.25 * q)),
    lastMessageByAgent: Math.floor(validChats * between(rng, 0.3, 0.8)),
    transfersIn,
    transfersOut: Math.floor(chats * between(rng, 0, 0.12)),
    snatchIn: rng() < 0.2 ? 1 : 0,
    snatchOut: rng() < 0.2 ? 1 : 0,
    queueAccepted: Math.floor(chats * between(rng, 0.1, 0.5)),
    queueLeft: Math.floor(chats * between(rng, 0, 0.08)),
    solved,
    notSolved: Math.floor((chats - solved) * between(rng, 0.2, 0.6)),
    responseRounds,
    responseWarnings: Math.floor(responseRounds * between(rng, 0.02, 0.1 + 0.15 * (1 - q))),
    validResponseRounds: Math.floor(responseRounds * between(rng, 0.7, 0.95)),
    ...ratings,
    newVisitors,
    returningVisitors: visitors - newVisitors,
    msgStaff,
    msgVisitor,
    staffWordCount: Math.round(msgStaff * between(rng, 12, 40)),
    offlineMessages: Math.floor(between(rng, 0, 3)),
    consultDurationMs: Math.round(chats * between(rng, 4, 12) * 60_000),
    onlineMs,
    busyMs,
    busyCount: Math.max(1, Math.round(busyMs / 900_000)),
    restMs,
    eatMs,
    activeMs: Math.round(between(rng, 0, 20) * 60_000),
    trainMs,
    meetMs,
    avgFirstResponseMs: Math.round(traits.speedMs * between(rng, 0.5, 1.2)),
    avgResponseMs,
    avgReceptionMs: Math.round(between(rng, 3, 10) * 60_000),
    avgQueueAcceptMs: Math.round(between(rng, 10, 120) * 1000),
    avgQueueLeaveMs: Math.round(between(rng, 30, 300) * 1000),
    avgTransferConfirmMs: transfersIn > 0 ? Math.round(between(rng, 3, 20) * 1000) : 0,
    maxResponseMs: Math.round(avgResponseMs * between(rng, 2, 6)),
    maxConcurrent: Math.max(1, Math.round(between(rng, 1, 4) * Math.min(traits.load, 2))),
    firstLoginMs,
    lastLeaveMs: firstLoginMs + onlineMs + busyMs + restMs + eatMs + meetMs + trainMs,
  };
  return day;
}

type Ratings = Pick<
  DayFigures,
  | `score${1 | 2 | 3 | 4 | 5}`
  | `nps${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`
  | 'level2Satisfied'
  | 'level2Dissatisfied'
  | 'initiativeRatings'
  | 'invitations'
  | 'resolvedVotes'
>;

function rateChats(
  rng: Rng,
  rated: number,
  q: number,
  scheme: RatingScheme,
  also: RatingScheme | undefined,
): Ratings {
  // A fifth on the second scale, if any; without one the draws are exactly those of one scale.
  const second = also && also !== scheme ? Math.floor(rated / 5) : 0;
  const on = (s: RatingScheme, weights: number[]) =>
    s === scheme
      ? distribute(rng, rated - second, weights)
      : s === also
        ? distribute(rng, second, weights)
        : [];
  const stars = on('five_star', [1, 1.5, 3, 8 + 6 * q, 14 + 20 * q]);
  const nps = on('nps', [1, 0.5, 0.5, 1, 1, 2, 2, 4, 6 + 4 * q, 8 + 8 * q, 10 + 14 * q]);
  const level2 = on('two_level', [2 + 3 * (1 - q), 20]);
  const initiativeRatings = Math.floor(rated * between(rng, 0.3, 0.7));
  const invited = rated - initiativeRatings;
  const ratings: Record<string, number> = {
    level2Dissatisfied: level2[0] ?? 0,
    level2Satisfied: level2[1] ?? 0,
    initiativeRatings,
    invitations: invited + Math.floor(invited * between(rng, 0, 0.3)),
    resolvedVotes: Math.floor(rated * between(rng, 0.55, 0.9)),
  };
  for (let s = 1; s <= 5; s++) ratings[`score${s}`] = stars[s - 1] ?? 0;
  for (let s = 0; s <= 10; s++) ratings[`nps${s}`] = nps[s] ?? 0;
  return ratings as unknown as Ratings;
}

function generateBotDay(seed: number, robotCount: number, flag: number, date: string): BotDayFigures {
  if (flag < 1 || flag > robotCount) return botZero();
  const rng = mulberry32(hash32(`${seed}|robot${flag}|${date}`));
  const reception = Math.round((600 / robotCount) * (isWeekend(date) ? 0.5 : 1) * between(rng, 0.7, 1.3));
  const validReception = Math.floor(reception * between(rng, 0.5, 0.85));
  const transferToStaff = Math.floor(reception * between(rng, 0.3, 0.6));
  const triggerTransfer = Math.floor(transferToStaff * between(rng, 0, 0.05));
  const keywordTransfer = Math.floor(transferToStaff * between(rng, 0, 0.03));
  return {
    reception,
    validReception,
    selfReception: Math.floor(validReception * between(rng, 0.35, 0.75)),
    transferToStaff,
    triggerTransfer,
    keywordTransfer,
    activeTransfer: transferToStaff - triggerTransfer - keywordTransfer,
  };
}

export const botZero = (): BotDayFigures => ({
  reception: 0,
  validReception: 0,
  selfReception: 0,
  transferToStaff: 0,
  activeTransfer: 0,
  triggerTransfer: 0,
  keywordTransfer: 0,
});

/** Every key of DayFigures, for code that treats a day as a record of numbers. */
export const DAY_KEYS = [
  'chats',
  'validChats',
  'inquiryChats',
  'validReceptions',
  'respondedChats',
  'firstResponsesIn30s',
  'firstResponsesIn60s',
  'selfChats',
  'proactiveChats',
  'lastReceptionChats',
  'fcr24hChats',
  'lastMessageByAgent',
  'transfersIn',
  'transfersOut',
  'snatchIn',
  'snatchOut',
  'queueAccepted',
  'queueLeft',
  'solved',
  'notSolved',
  'responseRounds',
  'responseWarnings',
  'validResponseRounds',
  'score1',
  'score2',
  'score3',
  'score4',
  'score5',
  'nps0',
  'nps1',
  'nps2',
  'nps3',
  'nps4',
  'nps5',
  'nps6',
  'nps7',
  'nps8',
  'nps9',
  'nps10',
  'level2Satisfied',
  'level2Dissatisfied',
  'initiativeRatings',
  'invitations',
  'resolvedVotes',
  'newVisitors',
  'returningVisitors',
  'msgStaff',
  'msgVisitor',
  'staffWordCount',
  'offlineMessages',
  'consultDurationMs',
  'onlineMs',
  'busyMs',
  'busyCount',
  'restMs',
  'eatMs',
  'activeMs',
  'trainMs',
  'meetMs',
  'avgFirstResponseMs',
  'avgResponseMs',
  'avgReceptionMs',
  'avgQueueAcceptMs',
  'avgQueueLeaveMs',
  'avgTransferConfirmMs',
  'maxResponseMs',
  'maxConcurrent',
  'firstLoginMs',
  'lastLeaveMs',
] as const satisfies ReadonlyArray<keyof DayFigures>;

// Fails to compile when a DayFigures key is missing from DAY_KEYS.
export type MissingDayKeys = Exclude<keyof DayFigures, (typeof DAY_KEYS)[number]>;
const allDayKeysListed: MissingDayKeys extends never ? true : never = true;
void allDayKeysListed;

const DAY_CACHE_SIZE = 60_000;

export function createCompany(options: CompanyOptions = {}): Company {
  const seed = options.seed ?? 1;
  const rng = mulberry32(hash32(`company|${seed}`));
  const agentCount = clampInt(options.agents ?? 84, 30, 300);
  const regionCount = clampInt(options.departments ?? 2 + Math.floor(rng() * 3), 2, 4);
  const groupCount = clampInt(options.groups ?? 6, 1, 50);
  const robotCount = clampInt(options.robots ?? 3, 1, 10);
  const ratingScheme = options.ratingScheme ?? 'five_star';
  const headOffice: Department = { id: hex32(rng), name: 'Head Office', parentId: '0' };
  const departments = [
    headOffice,
    ...REGIONAL_DEPARTMENTS.slice(0, regionCount).map((name) => ({
      id: hex32(rng),
      name,
      parentId: headOffice.id,
    })),
  ];
  const groups = Array.from({ length: groupCount }, (_, i) => ({
    id: hex32(rng),
    name: GROUP_NAMES[i] ?? `${pick(rng, GROUP_NAMES)} ${i + 1}`,
    departmentId: departments[i % departments.length]!.id,
  }));
  const subChannels = makeSubChannels(rng);
  const classifications = makeClassifications(rng);
  const regionWeight = REGIONS.reduce((sum, [, , w]) => sum + w, 0);
  const regions = REGIONS.map(([country, province, weight], i) => ({
    id: String(i + 1),
    country,
    province,
    share: weight / regionWeight,
  }));
  const agents = agentNames(rng, agentCount).map(({ name, nick, email }, i) => {
    const primary = groups[i % groups.length]!;
    const second = rng() < 0.35 && groups.length > 1 ? pick(rng, groups) : primary;
    return {
      id: hex32(rng),
      name,
      nick,
      email,
      // Most agents sit in a regional office; a few in the head office itself.
      departmentId: departments[rng() < 0.1 ? 0 : 1 + (i % regionCount)]!.id,
      groupIds: second.id === primary.id ? [primary.id] : [primary.id, second.id],
    };
  });
  const known = new Set(agents.map((a) => a.id));
  // Replies sum thousands of agent-days; remembering them keeps paging and benchmarks fast.
  const days = new Map<string, DayFigures>();
  const agentDay = (agentId: string, date: string): DayFigures => {
    if (!known.has(agentId)) return emptyDay();
    const key = `${agentId}|${date}`;
    let day = days.get(key);
    if (!day) {
      if (days.size >= DAY_CACHE_SIZE) days.clear();
      // Frozen: callers share the cached figures.
      day = Object.freeze(generateDay(seed, agentId, date, ratingScheme, options.alsoRatedOn));
      days.set(key, day);
    }
    return day;
  };
  return {
    seed,
    id: hex32(rng),
    ratingScheme,
    departments,
    groups,
    channels: [...CHANNELS],
    subChannels,
    robots: Array.from({ length: robotCount }, (_, i) => ({
      flag: i + 1,
      name: `Robot-${i + 1}`,
      logo: 'https://img.sobot.com/console/common/face/robot.png',
    })),
    classifications,
    regions,
    agents,
    agentDay,
    botDay: (flag, date) => generateBotDay(seed, robotCount, flag, date),
  };
}

function makeSubChannels(rng: Rng): SubChannel[] {
  const raw: Array<Omit<SubChannel, 'share'> & { weight: number }> = [];
  let flag = 1;
  for (const channel of CHANNELS) {
    for (const name of SUB_CHANNEL_NAMES[channel.code] ?? []) {
      raw.push({
        id: hex32(rng),
        channelType: channel.code,
        name,
        flag: String(flag),
        flagKey: `${channel.code}_${flag}`,
        weight: between(rng, 1, 5),
      });
      flag += 1 + Math.floor(rng() * 3);
    }
  }
  const total = raw.reduce((sum, s) => sum + s.weight, 0);
  return raw.map(({ weight, ...rest }) => ({ ...rest, share: weight / total }));
}

function makeClassifications(rng: Rng): Classification[] {
  const snowflake = (): string => `1${Array.from({ length: 18 }, () => Math.floor(rng() * 10)).join('')}`;
  const weights = CLASSIFICATIONS.map(() => between(rng, 1, 4));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const list: Classification[] = [];
  CLASSIFICATIONS.forEach(([name, children], i) => {
    const id = snowflake();
    list.push({
      id,
      name,
      code: String(1001 + i),
      level: 1,
      parentId: '1',
      levelPath: id,
      sort: i + 1,
      share: weights[i]! / total,
    });
    children.forEach((child, j) => {
      const childId = snowflake();
      list.push({
        id: childId,
        name: child,
        code: `${1001 + i}${String(j + 1).padStart(2, '0')}`,
        level: 2,
        parentId: id,
        levelPath: `${id},${childId}`,
        sort: j + 1,
        // Children cover most of the parent; the rest stays unclassified below level 1.
        share: 0.9 / children.length,
      });
    });
  });
  return list;
}
