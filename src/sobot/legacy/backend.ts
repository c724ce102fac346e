// The legacy API as a StatsBackend: company-wide totals of a range of days from the six wb_*
// actions. What it cannot answer (anything per agent, group, department or channel, filters,
// customers, topics) fails with the sentence that says it needs v5 and how to switch.

import type { StatsBackend } from '../../stats/backend.ts';
import type { Dimension, RatingUse, StatsFilters } from '../../stats/model.ts';
import { previousRange } from '../../stats/period.ts';
import { unsupportedOn } from '../../stats/unsupported.ts';
import type { SobotLegacyClient } from './client.ts';
import {
  botFigures,
  headlineKpis,
  humanKpis,
  LEGACY_SESSION_KPIS,
  messageKpis,
  satisfactionFigures,
} from './figures.ts';

const needsV5 = (what: string) => unsupportedOn('legacy', what);

/** Its one rating scale, whether or not anything was rated: satisfaction is labelled as Sobot does. */
const LEGACY_RATINGS: RatingUse = { scale: 'five_star', inUse: ['five_star'] };

/** What a breakdown by each dimension would show. */
const PER_DIMENSION: Record<Dimension, string> = {
  group: 'Figures per skill group',
  department: 'Figures per department',
  channel: 'Figures per channel',
  agent: 'Per-agent figures',
  robot: 'Figures per bot',
};

/** Filters name things through the directory, which this API does not have. */
const FILTER_BY: Record<Dimension, string> = {
  group: 'Filters by skill group (group:)',
  department: 'Filters by department (dept:)',
  channel: 'Filters by channel (channel:)',
  agent: 'Agent names (agent:, /sobot agent)',
  robot: 'Filters by bot (robot:)',
};

/** Filters arrive as ids resolved through directory(), which already refuses; this is the backstop. */
function companyWide(filters: StatsFilters): void {
  if (Object.values(filters).some((ids) => ids?.length)) {
    throw needsV5('Filters (group:, dept:, channel:, agent:, robot:)');
  }
}

export function createLegacyBackend(client: SobotLegacyClient): StatsBackend {
  return {
    api: 'legacy',
    sessionKpis: LEGACY_SESSION_KPIS,

    // Whole days only: a period that includes now is not compared "so far".
    partialDays: false,

    async headline(range, filters, priority) {
      companyWide(filters);
      const [bot, satisfaction] = await Promise.all([
        client.call('wb_session_robot', range, { priority }),
        client.call('wb_human_satisfaction', range, { priority }),
      ]);
      // The legacy API rates on five stars only: goodLv is its positive feedback (好评率) of them.
      return { kpis: headlineKpis(bot, satisfaction), ratings: LEGACY_RATINGS };
    },

    async sessions(range, filters, priority) {
      companyWide(filters);
      return humanKpis(await client.call('wb_session_human', range, { priority }));
    },

    async messages(range, filters, priority) {
      companyWide(filters);
      return messageKpis(await client.call('wb_session_message', range, { priority }));
    },

    async satisfaction(range, filters, priority) {
      companyWide(filters);
      return satisfactionFigures(await client.call('wb_human_satisfaction', range, { priority }));
    },

    async bot(range, filters, priority) {
      companyWide(filters);
      const [now, before, ratings] = await Promise.all([
        client.call('wb_session_robot', range, { priority }),
        client.call('wb_session_robot', previousRange(range), { priority }),
        client.call('wb_robot_satisfaction', range, { priority }),
      ]);
      return botFigures(now, before, ratings);
    },

    agentWorkload: async () => {
      throw needsV5(PER_DIMENSION.agent);
    },
    breakdown: async (by) => {
      throw needsV5(PER_DIMENSION[by]);
    },
    directory: async (dimension) => {
      throw needsV5(FILTER_BY[dimension]);
    },
    customers: async () => {
      throw needsV5('Customer figures (new and returning customers, 24h FCR, regions)');
    },
    topics: async () => {
      throw needsV5('Figures per topic (service classification)');
    },
    agentDetail: async () => {
      throw needsV5("Agents' cards");
    },
  };
}
