// `/sobot trend <kpi> [period] [filters]`: one KPI over time, a point a day (a week beyond two weeks).

import { filtersText } from '../reports/filters.ts';
import { trendMessage } from '../reports/trend.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { phrase } from '../src/i18n/catalogue.ts';
import { findKpi, kpiWords } from '../src/stats/kpis.ts';
import { TREND_KPIS } from '../src/stats/trend.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import { commandText, nearest } from './router.ts';
import type { CommandDefinition } from './types.ts';

/** Without a period, a trend shows the last two weeks. */
const DEFAULT_TREND_PERIOD = 'last 14 days';

export const trendCommand: CommandDefinition = {
  name: 'trend',
  summary: 'help.trend.summary',
  usage: '/sobot trend <kpi> [period] [group:|dept:|channel:|agent:|robot:<name>] [public]',
  examples: [
    '/sobot trend chats',
    '/sobot trend valid_reception_rate last 30 days',
    '/sobot trend warnings this month group:Sales',
  ],
  options: [...FILTER_OPTIONS],
  sortKpis: (deps) => deps.stats.trendKpis,
  legacy: 'help.trend.legacy',
  async run(input, _ctx, deps) {
    const [word = '', ...periodWords] = input.words;
    const kpi = findKpi(word);
    // What this bot's Sobot API can follow; a KPI only the other API can is refused by the service.
    const available = deps.stats.trendKpis;
    if (kpi && !TREND_KPIS.includes(kpi.id)) {
      throw new UserInputError(
        phrase('trend.noSeries', { kpi: kpi.label[deps.lang], available: available.join(', ') }),
        commandText('overview', {
          ...input,
          words: periodWords.length ? periodWords : [DEFAULT_TREND_PERIOD],
        }),
      );
    }
    if (!kpi) {
      const guess = word ? nearest(word, kpiWords(available)) : null;
      throw new UserInputError(
        phrase('trend.unknown', {
          what: word ? phrase('trend.cannotDraw', { typed: echo(word) }) : phrase('trend.whichKpi'),
          guess: guess ? phrase('trend.didYouMean', { guess: findKpi(guess)?.id ?? guess }) : '',
          available: available.join(', '),
        }),
        commandText(`trend ${guess ? findKpi(guess)?.id : 'chats'}`, {
          ...input,
          words: periodWords.length ? periodWords : [DEFAULT_TREND_PERIOD],
        }),
      );
    }
    const rest = { ...input, words: periodWords.length ? periodWords : [DEFAULT_TREND_PERIOD] };
    const range = periodFrom(rest, `trend ${kpi.id}`, deps);
    const { filters, applied } = await filtersFrom(`trend ${kpi.id}`, rest, deps);
    const report = await deps.stats.trend(kpi.id, range, filters, 'interactive');
    const message = trendMessage(report, {
      lang: deps.lang,
      visibility: input.visibility,
      filters: filtersText(applied, deps.lang),
    });
    return withFollowUps(message, {
      name: `trend ${kpi.id}`,
      input: rest,
      range,
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
