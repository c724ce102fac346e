// StatsFilters → the v5 request parameters that carry them. Most endpoints take comma-separated
// `*_ids_param` strings; staffWorkStatis takes JSON arrays (handled in backend.ts).

import type { StatsFilters } from '../../stats/model.ts';

const joined = (ids: string[] | undefined) => (ids?.length ? ids.join(',') : undefined);

/** Filter parameters for the session, customer and satisfaction endpoints. */
export function filterParams(filters: StatsFilters): Record<string, string> {
  const params: Record<string, string | undefined> = {
    group_ids_param: joined(filters.groupIds),
    depart_ids_param: joined(filters.departmentIds),
    staff_ids_param: joined(filters.agentIds),
    channel_flag: joined(filters.subChannelKeys),
    source: joined(filters.channelTypes),
    robot_ids_param: joined(filters.robotIds),
  };
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * The parameters for the satisfaction endpoints: neither takes robot_ids_param (doc request tables),
 * so under a bot filter their figures are the wider scope's, and replies mark them so.
 */
export function surveyFilterParams(filters: StatsFilters): Record<string, string> {
  const { robot_ids_param: _robots, ...params } = filterParams(filters);
  return params;
}
