// The period words of any command → a DateRange in the company time zone, or a UserInputError
// that says what was wrong and shows a command that works.

import { UserInputError } from '../src/errors.ts';
import type { DateRange } from '../src/stats/model.ts';
import { parsePeriod } from '../src/stats/period.ts';
import type { CommandDeps } from './types.ts';

export function periodFrom(words: readonly string[], command: string, deps: CommandDeps): DateRange {
  const result = parsePeriod(words.join(' '), { now: deps.clock.now(), timeZone: deps.timeZone });
  if (result.ok) return result.range;
  const example = `/sobot ${command} ${result.suggestion ?? 'yesterday'}`;
  throw new UserInputError(
    result.suggestion ? `${result.problem} Did you mean "${result.suggestion}"?` : result.problem,
    example,
  );
}
