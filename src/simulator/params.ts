// Request parameters of the statistics endpoints: paging, audience filters, the search_way breakdown,
// and the helpers several replies share.

import type { DayRange, Today } from './aggregate.ts';
import {
  agentRange,
  botRange,
  change,
  dayNumber,
  partitionBot,
  partitionDay,
  scaleBot,
  scaleDay,
  sumDays,
} from './aggregate.ts';
import type { Agent, BotDayFigures, Company, DayFigures, SubChannel } from './company.ts';
import { botZero } from './company.ts';

/** The three date patterns of the document, by how precise they are. */
export type DatePattern = 'yyyy-MM-dd HH:mm:ss' | 'yyyy-MM-dd HH:mm' | 'yyyy-MM-dd';

export interface EndpointRequest {
  body: Record<string, unknown>;
  /** Calendar days of start_date..end_date, already reset to today where they were later. */
  range: DayRange;
  today: Today;
  timeZone: string;
  /** start_date and end_date as the caller sent them. */
  startInput: string;
  endInput: string;
}

export interface Endpoint {
  datePattern: DatePattern | null;
  handle(company: Company, request: EndpointRequest): Record<string, unknown>;
}

export type Json = Record<string, unknown>;

export const list = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value === 'number') return [String(value)];
  return [];
};

export const intParam = (value: unknown, fallback: number): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Pages like the doc: default 15, anything above 100 reset to 100, counters as numbers. */
export function page<T>(items: T[], body: Json, pageKey: string, sizeKey: string): Json {
  const size = Math.min(100, intParam(body[sizeKey], 15));
  const pageNo = intParam(body[pageKey], 1);
  return {
    page_no: pageNo,
    page_count: Math.ceil(items.length / size),
    page_size: size,
    total_count: items.length,
    items: items.slice((pageNo - 1) * size, pageNo * size),
  };
}

export const matchesQuery = (body: Json, ...texts: string[]): boolean => {
  const query = typeof body.query_content === 'string' ? body.query_content.trim().toLowerCase() : '';
  return query === '' || texts.some((t) => t.toLowerCase().includes(query));
};

export function departmentSubtree(company: Company, ids: readonly string[]): Set<string> {
  const found = new Set(ids);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of company.departments) {
      if (found.has(d.parentId) && !found.has(d.id)) {
        found.add(d.id);
        grew = true;
      }
    }
  }
  return found;
}

export interface AgentFilter {
  staffIds: string[];
  groupIds: string[];
  departIds: string[];
}

export function selectAgents(company: Company, filter: AgentFilter): Agent[] {
  const departments = filter.departIds.length ? departmentSubtree(company, filter.departIds) : null;
  return company.agents.filter(
    (a) =>
      (!filter.staffIds.length || filter.staffIds.includes(a.id)) &&
      (!filter.groupIds.length || a.groupIds.some((g) => filter.groupIds.includes(g))) &&
      (!departments || departments.has(a.departmentId)),
  );
}

export const paramFilter = (body: Json): AgentFilter => ({
  staffIds: list(body.staff_ids_param),
  groupIds: list(body.group_ids_param),
  departIds: list(body.depart_ids_param),
});

export function selectSubChannels(company: Company, body: Json): SubChannel[] {
  const sources = list(body.source);
  const flags = list(body.channel_flag);
  return company.subChannels.filter(
    (s) =>
      (!sources.length || sources.includes(s.channelType)) && (!flags.length || flags.includes(s.flagKey)),
  );
}

export const shareOf = (subChannels: readonly SubChannel[]): number =>
  subChannels.reduce((sum, s) => sum + s.share, 0);

export function selectRobots(company: Company, body: Json): number[] {
  const wanted = list(body.robot_ids_param);
  return company.robots.map((r) => r.flag).filter((f) => !wanted.length || wanted.includes(String(f)));
}

/** Per-agent range totals, computed once per request. */
export function rangeTotals(company: Company, agents: readonly Agent[], range: DayRange, today: Today) {
  return new Map(agents.map((a) => [a.id, agentRange(company, a.id, range, today)]));
}

export const sumOf = (totals: Map<string, DayFigures>, agents: readonly Agent[]): DayFigures =>
  sumDays(agents.map((a) => totals.get(a.id)!));

/** Filtered figures of the request's audience and channels, for the single-item endpoints. */
export function audienceFigures(company: Company, request: EndpointRequest, range: DayRange): DayFigures {
  const agents = selectAgents(company, paramFilter(request.body));
  const figures = sumOf(rangeTotals(company, agents, range, request.today), agents);
  return scaleDay(figures, shareOf(selectSubChannels(company, request.body)));
}

export function audienceBot(company: Company, request: EndpointRequest, range: DayRange): BotDayFigures {
  const bot = botRange(company, selectRobots(company, request.body), range, request.today);
  return scaleBot(bot, shareOf(selectSubChannels(company, request.body)));
}

export interface BreakdownRow {
  labels: Json;
  figures: DayFigures;
  bot: BotDayFigures;
}

/** search_way 1/2/3: one row per department, skill group or sub-channel, like the doc's examples. */
export function breakdown(company: Company, request: EndpointRequest, defaultWay: number): BreakdownRow[] {
  const { body, range, today } = request;
  const way = intParam(body.search_way, defaultWay);
  const filter = paramFilter(body);
  const agents = selectAgents(company, filter);
  const totals = rangeTotals(company, agents, range, today);
  const subChannels = selectSubChannels(company, body);
  const channelShare = shareOf(subChannels);
  const noBot = botZero();
  if (way === 1) {
    const shown = filter.departIds.length ? departmentSubtree(company, filter.departIds) : null;
    return company.departments
      .filter((d) => !shown || shown.has(d.id))
      .map((d) => ({
        labels: { depart_id: d.id, depart_name: d.name },
        figures: scaleDay(
          sumOf(
            totals,
            agents.filter((a) => a.departmentId === d.id),
          ),
          channelShare,
        ),
        bot: noBot,
      }));
  }
  if (way === 2) {
    return company.groups
      .filter((g) => !filter.groupIds.length || filter.groupIds.includes(g.id))
      .map((g) => ({
        labels: { group_id: g.id, group_name: g.name },
        figures: scaleDay(
          sumOf(
            totals,
            agents.filter((a) => a.groupIds.includes(g.id)),
          ),
          channelShare,
        ),
        bot: noBot,
      }));
  }
  const all = sumOf(totals, agents);
  const bot = botRange(company, selectRobots(company, body), range, today);
  const shares = subChannels.map((s) => s.share);
  const parts = partitionDay(all, shares);
  const botParts = partitionBot(bot, shares);
  return subChannels.map((s, i) => ({
    labels: {
      channel_flag: s.flag,
      channel_flag_name: s.name,
      source: s.channelType,
      source_name: company.channels.find((c) => c.code === s.channelType)?.msg ?? '',
    },
    figures: parts[i]!,
    bot: botParts[i]!,
  }));
}

/** Adds `<key><suffix>` MoM fields right after each compared key, as the doc's replies list them. */
export function withChanges(pairs: Array<[string, string | number, number, number]>, suffix: string): Json {
  const item: Json = {};
  for (const [key, shown, current, previous] of pairs) {
    item[key] = shown;
    item[`${key}${suffix}`] = change(current, previous);
  }
  return item;
}

export function isoWeek(date: string): { year: number; week: number; monday: string; sunday: string } {
  const day = dayNumber(date);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const thursday = new Date((day - weekday + 3) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  const monday = new Date((day - weekday) * 86_400_000).toISOString().slice(0, 10);
  const sunday = new Date((day - weekday + 6) * 86_400_000).toISOString().slice(0, 10);
  return { year, week, monday, sunday };
}
