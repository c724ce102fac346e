// `/sobot agents [period] [sort:<kpi>[:asc|:desc]] [top:<n>] [filters]`: one row per agent who
// handled chats. Sorting puts the best first (the KPI's own sense) unless asked otherwise.

import { agentsMessage, DEFAULT_TOP, MAX_TOP } from '../reports/agents.ts';
import { filtersText } from '../reports/filters.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { phrase } from '../src/i18n/catalogue.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { AGENT_EXTRA_KPIS, AGENT_KPIS, findKpi, kpiWords } from '../src/stats/kpis.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import { commandWith, nearest, withWorkingPeriod } from './router.ts';
import type { CommandDefinition, CommandDeps, CommandInput } from './types.ts';

/** What `sort:` takes: the table's columns, then the other per-agent figures (the table adds that column). */
const SORT_KPIS: readonly KpiId[] = [...AGENT_KPIS, ...AGENT_EXTRA_KPIS];

function parseSort(input: CommandInput): { sortBy: KpiId; order: 'asc' | 'desc' } {
  const value = input.options.sort;
  if (value === undefined) return { sortBy: 'chats', order: 'desc' };
  const [name = '', direction] = value.toLowerCase().split(':');
  const kpi = findKpi(name);
  if (!kpi || !SORT_KPIS.includes(kpi.id)) {
    const guess = nearest(name, kpiWords(SORT_KPIS));
    const valid = SORT_KPIS.join(', ');
    throw new UserInputError(
      guess
        ? phrase('command.sortByGuess', { typed: echo(name), guess: findKpi(guess)?.id ?? guess, valid })
        : phrase('command.sortBy', { typed: echo(name), valid }),
      commandWith('agents', input, { sort: guess ? findKpi(guess)?.id : 'valid_reception_rate' }),
    );
  }
  if (direction === undefined) {
    return { sortBy: kpi.id, order: kpi.better === 'higher' ? 'desc' : 'asc' };
  }
  if (direction !== 'asc' && direction !== 'desc') {
    throw new UserInputError(
      phrase('command.sortOrder', { typed: echo(direction) }),
      commandWith('agents', input, { sort: `${kpi.id}:asc` }),
    );
  }
  return { sortBy: kpi.id, order: direction };
}

function parseTop(input: CommandInput, deps: CommandDeps): number {
  const value = input.options.top;
  if (value === undefined) return DEFAULT_TOP;
  // Digits only: `1e1`, `0x10` or ` 5` are not what people mean by a number of agents.
  const top = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    // The nearest number that works: the most there can be for a large one, else the default.
    const tooMany = /^\d+$/.test(value) && Number(value) > MAX_TOP;
    throw new UserInputError(
      phrase('command.top', { max: MAX_TOP, typed: echo(value) }),
      commandWith('agents', withWorkingPeriod(input, deps), { top: String(tooMany ? MAX_TOP : DEFAULT_TOP) }),
    );
  }
  return top;
}

export const agentsCommand: CommandDefinition = {
  name: 'agents',
  summary: 'help.agents.summary',
  notes: 'help.agents.notes',
  usage: '/sobot agents [period] [sort:<kpi>[:asc|:desc]] [top:<n>] [group:|dept:|agent:<name>] [public]',
  examples: [
    '/sobot agents yesterday',
    '/sobot agents last 7 days sort:valid_reception_rate',
    '/sobot agents this month top:30 public',
    '/sobot agents last week group:Sales',
  ],
  options: ['sort', 'top', ...FILTER_OPTIONS],
  sortKpis: SORT_KPIS,
  agentFigures: true,
  legacy: false,
  async run(input, _ctx, deps) {
    const { sortBy, order } = parseSort(input);
    const top = parseTop(input, deps);
    const range = periodFrom(input, 'agents', deps);
    const { filters, applied } = await filtersFrom('agents', input, deps);
    const report = await deps.stats.agents(range, filters, 'interactive');
    const message = agentsMessage(report, {
      sortBy,
      order,
      top,
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: 'agents',
      input,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
