// The names filters can use, from the v5 condition endpoints: skill groups, departments (a tree,
// flattened), channel types and sub-channels, agents, robots.

import type { Dimension, DirectoryEntry, Priority } from '../../stats/model.ts';
import type { SobotV5Client } from './client.ts';
import type { Department } from './endpoints.ts';

export interface V5Directory {
  list(dimension: Dimension, priority: Priority): Promise<DirectoryEntry[]>;
  /** Agent ids of the given departments (getServiceList, search_way 1). */
  agentsOf(departmentIds: string[], priority: Priority): Promise<string[]>;
}

function flatten(departments: readonly Department[]): Department[] {
  return departments.flatMap((d) => [d, ...flatten(d.child_list)]);
}

export function createV5Directory(client: SobotV5Client): V5Directory {
  return {
    async list(dimension, priority) {
      const opts = { priority };
      switch (dimension) {
        case 'group':
          return (await client.fetchAll('groups', {}, opts)).map((g) => ({
            dimension,
            id: g.group_id,
            name: g.group_name,
            aliases: [],
          }));
        case 'department':
          // Sobot's figures for a department include its sub-departments (it has no "this one only"
          // parameter): the reply names them so a manager knows what the number covers.
          return flatten((await client.call('departments', {}, opts)).items).map((d) => ({
            dimension,
            id: d.depart_id,
            name: d.depart_name,
            aliases: [],
            ...(d.child_list.length ? { includes: flatten(d.child_list).map((c) => c.depart_name) } : {}),
          }));
        case 'channel': {
          const [types, subChannels] = await Promise.all([
            client.call('channels', { query_content: '' }, opts),
            client.fetchAll('subChannels', {}, opts),
          ]);
          return [
            ...types.items.map((t) => ({
              dimension,
              id: t.code,
              name: t.msg,
              aliases: [],
              kind: 'channel_type' as const,
            })),
            ...subChannels.map((c) => ({
              dimension,
              id: c.channel_flag_key,
              name: c.sub_channel_name,
              aliases: [c.channel_flag_key],
              kind: 'sub_channel' as const,
            })),
          ];
        }
        case 'agent':
          return (await client.fetchAll('agents', { search_way: 1 }, opts)).map((a) => ({
            dimension,
            id: a.service_id,
            name: a.service_name || a.service_nick,
            aliases: [a.service_name, a.service_nick].filter(Boolean),
          }));
        case 'robot':
          return (await client.call('robots', {}, opts)).items.map((r) => ({
            dimension,
            id: r.robot_flag,
            name: r.robot_name,
            aliases: [],
          }));
      }
    },
    async agentsOf(departmentIds, priority) {
      const agents = await client.fetchAll(
        'agents',
        { search_way: 1, depart_ids_param: departmentIds.join(',') },
        { priority },
      );
      return agents.map((a) => a.service_id);
    },
  };
}
