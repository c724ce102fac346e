// Sums the simulator's per-agent-per-day figures over date ranges, and the arithmetic and formatting
// every reply shares: counts are summed, rates recomputed from the sums, durations averaged by weight.

import type { BotDayFigures, Company, DayFigures } from './company.ts';
import { botZero, DAY_KEYS, emptyDay } from './company.ts';

/** The current day in the caller's time zone, and how much of it has elapsed (whole hours / 24). */
export interface Today {
  date: string;
  fraction: number;
}

export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

export function todayIn(timeZone: string, nowMs: number): Today {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, fraction: Number(part('hour')) / 24 };
}

export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => dateOfDayNumber(dayNumber(date) + days);

export function datesBetween(range: DayRange): string[] {
  const dates: string[] = [];
  for (let day = dayNumber(range.from); day <= dayNumber(range.to); day++) dates.push(dateOfDayNumber(day));
  return dates;
}

/** The period of the same length just before `range`: what Sobot's MoM (`_cycle`, `_ratio`) fields compare with. */
export function previousPeriod(range: DayRange): DayRange {
  const length = dayNumber(range.to) - dayNumber(range.from) + 1;
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Averages and the count each is weighted by when days are combined. */
const WEIGHTED: Partial<Record<keyof DayFigures, keyof DayFigures>> = {
  avgFirstResponseMs: 'inquiryChats',
  avgResponseMs: 'responseRounds',
  avgReceptionMs: 'validChats',
  avgQueueAcceptMs: 'queueAccepted',
  avgQueueLeaveMs: 'queueLeft',
  avgTransferConfirmMs: 'transfersIn',
};
const MAXIMA = new Set<keyof DayFigures>(['maxResponseMs', 'maxConcurrent']);
const TIMES_OF_DAY = new Set<keyof DayFigures>(['firstLoginMs', 'lastLeaveMs']);
const isCount = (key: keyof DayFigures): boolean =>
  !(key in WEIGHTED) && !MAXIMA.has(key) && !TIMES_OF_DAY.has(key);

/**
 * Keeps a share of a day (a part of today, one sub-channel, one classification). Counts are floored,
 * which keeps every `a ≤ b` between counts; the few wholes made of parts are re-balanced afterwards.
 */
export function scaleDay(day: DayFigures, share: number): DayFigures {
  if (share >= 1) return day;
  const scaled = { ...day };
  for (const key of COUNT_KEYS) scaled[key] = Math.floor(day[key] * share);
  if (scaled.chats === 0) return emptyDay();
  const rated = ratingsTotal(scaled);
  scaled.initiativeRatings = Math.min(scaled.initiativeRatings, rated);
  scaled.resolvedVotes = Math.min(scaled.resolvedVotes, rated);
  scaled.invitations = Math.max(scaled.invitations, rated - scaled.initiativeRatings);
  return scaled;
}

/**
 * Figures split by shares that add up to 1 (the sub-channels), as Sobot's rows partition its chats:
 * every part is `scale` of its share except the largest, which keeps the rest of each count, so the
 * parts add up to the whole exactly (a one-agent getStat by channel sums to that agent's own row).
 */
function partition<T extends object>(
  whole: T,
  shares: readonly number[],
  scale: (whole: T, share: number) => T,
  counts: readonly (keyof T)[],
): T[] {
  const parts = shares.map((share) => scale(whole, share));
  const largest = shares.indexOf(Math.max(...shares));
  if (largest < 0 || Math.abs(shares.reduce((a, b) => a + b, 0) - 1) > 1e-9) return parts;
  const rest = { ...scale(whole, shares[largest] as number) };
  for (const key of counts) {
    const others = parts.reduce((sum, part, i) => (i === largest ? sum : sum + Number(part[key])), 0);
    rest[key] = (Number(whole[key]) - others) as T[keyof T];
  }
  parts[largest] = rest;
  return parts;
}

export const partitionDay = (day: DayFigures, shares: readonly number[]): DayFigures[] =>
  partition(day, shares, scaleDay, COUNT_KEYS);

export const partitionBot = (bot: BotDayFigures, shares: readonly number[]): BotDayFigures[] =>
  partition(bot, shares, scaleBot, Object.keys(botZero()) as (keyof BotDayFigures)[]);

// Key categories worked out once: sumDays runs for every agent-day of every request.
const COUNT_KEYS = DAY_KEYS.filter(isCount);
const WEIGHTED_KEYS = Object.entries(WEIGHTED) as Array<[keyof DayFigures, keyof DayFigures]>;
const MAX_KEYS = [...MAXIMA];

export function sumDays(days: Iterable<DayFigures>): DayFigures {
  const total = emptyDay();
  const weightedSums = WEIGHTED_KEYS.map(() => 0);
  for (const day of days) {
    if (day.chats === 0 && day.firstLoginMs < 0) continue;
    for (const key of COUNT_KEYS) total[key] += day[key];
    for (const key of MAX_KEYS) total[key] = Math.max(total[key], day[key]);
    WEIGHTED_KEYS.forEach(([key, weightKey], i) => {
      weightedSums[i]! += day[key] * day[weightKey];
    });
  }
  WEIGHTED_KEYS.forEach(([key, weightKey], i) => {
    total[key] = total[weightKey] > 0 ? weightedSums[i]! / total[weightKey] : 0;
  });
  return total;
}

/** One agent's figures on one day as the API would report them now: nothing in the future, today so far. */
export function agentDayAsOf(company: Company, agentId: string, date: string, today: Today): DayFigures {
  if (date > today.date) return emptyDay();
  const day = company.agentDay(agentId, date);
  return date === today.date ? scaleDay(day, today.fraction) : day;
}

export function agentRange(company: Company, agentId: string, range: DayRange, today: Today): DayFigures {
  return sumDays(datesBetween(range).map((date) => agentDayAsOf(company, agentId, date, today)));
}

export function botRange(
  company: Company,
  robotFlags: readonly number[],
  range: DayRange,
  today: Today,
): BotDayFigures {
  const total = botZero();
  for (const date of datesBetween(range)) {
    if (date > today.date) continue;
    const share = date === today.date ? today.fraction : 1;
    for (const flag of robotFlags) {
      const day = company.botDay(flag, date);
      for (const key of Object.keys(total) as Array<keyof BotDayFigures>) {
        total[key] += Math.floor(day[key] * share);
      }
    }
  }
  return total;
}

export function scaleBot(bot: BotDayFigures, share: number): BotDayFigures {
  const scaled = botZero();
  for (const key of Object.keys(scaled) as Array<keyof BotDayFigures>)
    scaled[key] = Math.floor(bot[key] * share);
  return scaled;
}

export const starTotal = (f: DayFigures): number => f.score1 + f.score2 + f.score3 + f.score4 + f.score5;
export const npsTotal = (f: DayFigures): number =>
  f.nps0 + f.nps1 + f.nps2 + f.nps3 + f.nps4 + f.nps5 + f.nps6 + f.nps7 + f.nps8 + f.nps9 + f.nps10;
export const level2Total = (f: DayFigures): number => f.level2Satisfied + f.level2Dissatisfied;
export const ratingsTotal = (f: DayFigures): number => starTotal(f) + npsTotal(f) + level2Total(f);

/**
 * The 5-star buckets as the v5 document's examples add them up: good = 5 stars, middle = 3–4, bad = 1–2
 * (getSatisfactionSurvey example: good 156 = score5 156; middle 253 = score4 112 + score3 141).
 */
export const starGood = (f: DayFigures): number => f.score5;
export const starMiddle = (f: DayFigures): number => f.score4 + f.score3;
export const starBad = (f: DayFigures): number => f.score2 + f.score1;
export const npsGood = (f: DayFigures): number => f.nps9 + f.nps10;
export const npsMiddle = (f: DayFigures): number => f.nps7 + f.nps8;
export const npsBad = (f: DayFigures): number => npsTotal(f) - npsGood(f) - npsMiddle(f);
export const avgStars = (f: DayFigures): number =>
  ratio(f.score1 + 2 * f.score2 + 3 * f.score3 + 4 * f.score4 + 5 * f.score5, starTotal(f));
export const avgNps = (f: DayFigures): number => {
  let points = 0;
  for (let s = 0; s <= 10; s++) points += s * f[`nps${s}` as keyof DayFigures];
  return ratio(points, npsTotal(f));
};

export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
/** Sobot's rate strings: "71.43%"; "0.00%" when the base is empty, as in the doc's examples. */
export const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
export const pct = (part: number, whole: number): string => percent(ratio(part, whole));
/** Sobot's `_str` durations: "HH:mm:ss", seconds floored, hours may pass 24. */
export function hms(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
/** Period-over-period change as Sobot writes it: "-32.26%", or "NA" when the previous value is 0. */
export const change = (current: number, previous: number): string =>
  previous === 0 ? 'NA' : percent((current - previous) / previous);
/**
 * A rate's MoM as getGeneral and getRobotReception write it: the difference in points, not a
 * relative change (doc: robot_self_reception_num_proportion 22.00% with _cycle 20.56% = 22.00% − 12/834).
 */
export const pointChange = (current: number, previous: number): string => percent(current - previous);
export const round2 = (value: number): number => Math.round(value * 100) / 100;
