// What `groups`, `departments` and `channels` share: the same KPIs, broken down another way.

import { breakdownMessage } from '../reports/breakdown.ts';
import { filtersText } from '../reports/filters.ts';
import type { MessageKey } from '../src/i18n/catalogue.ts';
import type { BreakdownReport } from '../src/stats/service.ts';
import { FILTER_OPTIONS, filtersFrom } from './filter-input.ts';
import { withFollowUps } from './follow-ups.ts';
import { periodFrom } from './period-input.ts';
import type { CommandDefinition } from './types.ts';

export function breakdownCommand(
  name: string,
  by: BreakdownReport['by'],
  summary: MessageKey,
  examples: readonly string[],
): CommandDefinition {
  return {
    name,
    summary,
    usage: `/sobot ${name} [period] [group:|dept:|channel:|agent:|robot:<name>] [public]`,
    examples,
    options: [...FILTER_OPTIONS],
    legacy: false,
    async run(input, _ctx, deps) {
      const range = periodFrom(input, name, deps);
      const { filters, applied } = await filtersFrom(name, input, deps);
      const report = await deps.stats.breakdown(by, range, filters, 'interactive');
      const message = breakdownMessage(report, {
        lang: deps.lang,
        visibility: input.visibility,
        filters: filtersText(applied, deps.lang),
      });
      return withFollowUps(message, { name, input, range, consoleUrl: deps.consoleUrl, lang: deps.lang });
    },
  };
}
