// The v5 API as a StatsBackend: which endpoints answer which question, with which parameters.
// Field mapping lives beside it (agents.ts, sessions.ts, directory.ts); nothing above src/sobot/
// sees a v5 field name.

import { UnsupportedError } from '../../errors.ts';
import type { StatsBackend } from '../../stats/backend.ts';
import { ratingUseOf, V5_SESSION_KPIS } from '../../stats/kpis.ts';
import type { DateRange, HeadlineFigures, Priority, StatsFilters } from '../../stats/model.ts';
import { fetchAgentDetail } from './agent-detail.ts';
import { agentCounts, mergeByAgent, toAgentRow } from './agents.ts';
import { fetchBot } from './bot.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import { fetchCustomers } from './customers.ts';
import { createV5Directory } from './directory.ts';
import { filterParams, surveyFilterParams } from './filters.ts';
import { messageKpis } from './messages.ts';
import { fetchSatisfaction } from './satisfaction.ts';
import { sessionExtras } from './session-extras.ts';
import { satisfactionNowAndBefore, sessionKpis } from './sessions.ts';
import { fetchTopics } from './topics.ts';

/** getStat/staffWorkStatis `search_way`: how rows are broken down. */
const SEARCH_WAY = { department: '1', group: '2', channel: '3' } as const;

export function createV5Backend(client: SobotV5Client): StatsBackend {
  const directory = createV5Directory(client);

  /** staffWorkStatis filters by agent and group only; a department means its agents. */
  async function workloadAudience(
    filters: StatsFilters,
    priority: Priority,
  ): Promise<Record<string, unknown>> {
    if (filters.subChannelKeys?.length || filters.channelTypes?.length || filters.robotIds?.length) {
      throw new UnsupportedError(
        'Sobot reports agent workload by agent, group and department only; drop the channel: or robot: filter.',
      );
    }
    const audience: Record<string, unknown> = {};
    let agentIds = filters.agentIds;
    if (filters.departmentIds?.length) {
      const inDepartments = await directory.agentsOf(filters.departmentIds, priority);
      agentIds = agentIds ? agentIds.filter((id) => inDepartments.includes(id)) : inDepartments;
      if (agentIds.length === 0) return { staff_id_list: ['none'] };
    }
    if (agentIds?.length) audience.staff_id_list = agentIds;
    if (filters.groupIds?.length) audience.group_id_list = filters.groupIds;
    return audience;
  }

  const chatStats = (range: DateRange, filters: StatsFilters, searchWay: string, priority: Priority) =>
    client.fetchAll(
      'chatStats',
      {
        search_way: searchWay,
        summary_way: 0,
        ...v5DateParams('chatStats', range),
        ...filterParams(filters),
      },
      callFor(range, priority),
    );

  /**
   * The overview's KPIs of one range besides getStat and getMsgStat: three calls (getGeneral,
   * getRobotReception, getSatisfactionSurvey), two for a range that ends at a time of day.
   */
  async function headline(
    range: DateRange,
    filters: StatsFilters,
    priority: Priority,
  ): Promise<HeadlineFigures> {
    const params = filterParams(filters);
    const [general, bot, survey] = await Promise.all([
      client.call(
        'customerOverview',
        { search_way: 2, ...v5DateParams('customerOverview', range), ...params },
        callFor(range, priority),
      ),
      client.call(
        'botReception',
        { search_way: 2, ...v5DateParams('botReception', range), ...params },
        callFor(range, priority),
      ),
      // Not narrowed by a bot filter (Sobot takes none there): the overview marks it (src/stats/scope.ts).
      // It takes whole days only: for a range cut at a time of day (a comparison "so far") its value
      // is unknown rather than a whole day's.
      range.until === undefined
        ? client.call(
            'sessionSatisfaction',
            { search_way: 1, ...v5DateParams('sessionSatisfaction', range), ...surveyFilterParams(filters) },
            callFor(range, priority),
          )
        : null,
    ]);
    const satisfaction = survey ? satisfactionNowAndBefore(survey.item) : null;
    return {
      kpis: {
        fcr_24h: general.item?.one_time_solution_rate ?? null,
        bot_self_service_rate: bot.item?.robot_self_reception_num_proportion ?? null,
        satisfaction: satisfaction?.current ?? null,
      },
      ...(satisfaction ? { ratings: satisfaction.ratings } : {}),
    };
  }

  return {
    api: 'v5',
    async agentWorkload(range, filters, priority) {
      const body = {
        search_way: SEARCH_WAY.department,
        ...v5DateParams('agentWorkload', range),
        ...(await workloadAudience(filters, priority)),
      };
      const items = await client.fetchAll('agentWorkload', body, callFor(range, priority));
      // Every agent's satisfaction on the company's scale, the one the team line uses.
      const { scale } = ratingUseOf(items.map(agentCounts));
      const rows = mergeByAgent(
        items.map((item) => toAgentRow(item, scale)),
        scale,
      );
      // "Agents who handled chats": an idle agent listed with zeros is not one of them; one whose
      // count Sobot left out may be.
      return rows.filter((row) => row.counts.chats !== 0);
    },

    partialDays: true,
    headline,

    async sessions(range, filters, priority) {
      // Channel rows partition the chats, so summing them gives the company (or filtered) total.
      const rows = await chatStats(range, filters, SEARCH_WAY.channel, priority);
      return { ...sessionKpis(rows), ...sessionExtras(rows) };
    },
    sessionKpis: V5_SESSION_KPIS,

    async messages(range, filters, priority) {
      const body = {
        search_way: SEARCH_WAY.channel,
        summary_way: 0,
        ...v5DateParams('messageStats', range),
        ...filterParams(filters),
      };
      return messageKpis(await client.fetchAll('messageStats', body, callFor(range, priority)));
    },

    async breakdown(by, range, filters, priority) {
      const rows = await chatStats(range, filters, SEARCH_WAY[by], priority);
      return rows.map((row) => ({
        scopeId:
          (by === 'department' ? row.depart_id : by === 'group' ? row.group_id : row.channel_flag) || '?',
        name:
          (by === 'department' ? row.depart_name : by === 'group' ? row.group_name : row.channel_flag_name) ||
          (by === 'channel' ? row.source_name : '') ||
          '?',
        kpis: sessionKpis([row]),
      }));
    },

    directory: (dimension, priority) => directory.list(dimension, priority),
    satisfaction: (range, filters, priority) => fetchSatisfaction(client, range, filters, priority),
    bot: (range, filters, priority) => fetchBot(client, range, filters, priority),
    customers: (range, filters, priority) => fetchCustomers(client, range, filters, priority),
    topics: (range, filters, priority) => fetchTopics(client, range, filters, priority),
    agentDetail: (range, agentId, priority) => fetchAgentDetail(client, range, agentId, priority),
  };
}
