// Test doubles start from these: every method fails loudly, so a test states exactly which
// parts of the stats backend or service it stands in for. They describe the v5 API.

import type { StatsBackend } from '../../src/stats/backend.ts';
import { SCOPE_KPIS } from '../../src/stats/kpis.ts';
import type { StatsService } from '../../src/stats/service.ts';

const notAsked = (name: string) => () => Promise.reject(new Error(`${name} was not expected in this test`));

export function unusedBackend(): StatsBackend {
  return {
    api: 'v5',
    agentWorkload: notAsked('agentWorkload'),
    partialDays: true,
    headline: notAsked('headline'),
    sessions: notAsked('sessions'),
    sessionKpis: SCOPE_KPIS,
    messages: notAsked('messages'),
    breakdown: notAsked('breakdown'),
    directory: notAsked('directory'),
    satisfaction: notAsked('satisfaction'),
    bot: notAsked('bot'),
    customers: notAsked('customers'),
    topics: notAsked('topics'),
    agentDetail: notAsked('agentDetail'),
  };
}

export function unusedStats(): StatsService {
  return {
    api: 'v5',
    trendKpis: SCOPE_KPIS,
    agents: notAsked('agents'),
    overview: notAsked('overview'),
    breakdown: notAsked('breakdown'),
    resolveFilters: notAsked('resolveFilters'),
    names: notAsked('names'),
    trend: notAsked('trend'),
    satisfaction: notAsked('satisfaction'),
    bot: notAsked('bot'),
    customers: notAsked('customers'),
    topics: notAsked('topics'),
    agentDetail: notAsked('agentDetail'),
  };
}
