// The filter options every command accepts where Sobot allows them (`group:Sales`,
// `dept:"East China"`, `channel:APP`, `agent:jose`, `robot:1`), resolved to ids by the stats service.

import { UserInputError } from '../src/errors.ts';
import { phrase } from '../src/i18n/catalogue.ts';
import type { ResolvedFilters } from '../src/stats/service.ts';
import { commandText } from './router.ts';
import type { CommandDeps, CommandInput } from './types.ts';

export const FILTER_OPTIONS = ['group', 'dept', 'channel', 'agent', 'robot'] as const;

export async function filtersFrom(
  command: string,
  input: CommandInput,
  deps: CommandDeps,
): Promise<ResolvedFilters> {
  const { group, dept, channel, agent, robot } = input.options;
  const empty = FILTER_OPTIONS.find(
    (option) => input.options[option] !== undefined && !input.options[option]?.trim(),
  );
  if (empty) {
    throw new UserInputError(
      phrase('filter.needsName', { option: empty }),
      `${commandText(command, { ...input, options: {} })} ${empty}:${empty === 'dept' ? '"Head Office"' : 'Sales'}`,
    );
  }
  try {
    return await deps.stats.resolveFilters({ group, department: dept, channel, agent, robot }, 'interactive');
  } catch (error) {
    // The service suggests a corrected option (`group:Sales`); show it in the whole command.
    const fix = error instanceof UserInputError ? /^([a-z]+):/.exec(error.example ?? '') : null;
    if (!fix || !(error instanceof UserInputError)) throw error;
    const kept = Object.fromEntries(Object.entries(input.options).filter(([key]) => key !== fix[1]));
    throw new UserInputError(
      error.phrase ?? error.message,
      `${commandText(command, { ...input, options: kept })} ${error.example}`,
    );
  }
}
