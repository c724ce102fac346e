// Which filters a KPI's Sobot figure honours. Some figures do not narrow the way a reply's header
// says: the chatbot answers before a chat reaches a skill group, a department or an agent, so its
// figures stay the whole company's (or the channel's, or the bot's) under those filters; and the
// satisfaction survey takes no bot filter at all (getSatisfactionSurvey's request table has no
// robot_ids_param). Replies, digests and alert rules read this to leave such a figure out or mark it.

import type { KpiId } from './kpi-ids.ts';
import type { Dimension, StatsFilters } from './model.ts';

/** The filters under which the bot's figures stay wider than the header. */
const NOT_BY_BOT: readonly Dimension[] = ['group', 'department', 'agent'];

/** Filters Sobot does not apply to a KPI. A KPI not listed honours every filter the reply states. */
const NOT_FILTERED_BY: Partial<Record<KpiId, readonly Dimension[]>> = {
  bot_chats: NOT_BY_BOT,
  bot_self_service_rate: NOT_BY_BOT,
  bot_transfer_rate: NOT_BY_BOT,
  satisfaction: ['robot'],
};

/**
 * Filters the agents' workload rows (staffWorkStatis) cannot take: it is asked by agent, skill group
 * and department only, so a table of agents under these would not be the filtered one.
 */
export const AGENT_ROWS_NOT_FILTERED_BY: readonly Dimension[] = ['channel', 'robot'];

/** The dimensions of a query's filters, in a fixed order. */
export function filterDimensions(filters: StatsFilters): Dimension[] {
  const present = (ids: string[] | undefined) => Boolean(ids?.length);
  const dimensions: Dimension[] = [];
  if (present(filters.groupIds)) dimensions.push('group');
  if (present(filters.departmentIds)) dimensions.push('department');
  if (present(filters.subChannelKeys) || present(filters.channelTypes)) dimensions.push('channel');
  if (present(filters.agentIds)) dimensions.push('agent');
  if (present(filters.robotIds)) dimensions.push('robot');
  return dimensions;
}

/** The dimensions a KPI cannot be filtered by. */
export function unfilterableBy(kpi: KpiId): readonly Dimension[] {
  return NOT_FILTERED_BY[kpi] ?? [];
}

/**
 * How much wider than the stated filters a KPI's figure is: null when it honours them all;
 * otherwise the filters it ignores, and whether it honours none (then it is the whole company's).
 */
export function widerScope(
  kpi: KpiId,
  filters: StatsFilters,
): { ignored: Dimension[]; companyWide: boolean } | null {
  const applied = filterDimensions(filters);
  const ignored = applied.filter((dimension) => unfilterableBy(kpi).includes(dimension));
  if (ignored.length === 0) return null;
  return { ignored, companyWide: ignored.length === applied.length };
}
