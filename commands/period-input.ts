// The period words of any command → a DateRange in the company time zone, or a UserInputError
// that says what was wrong and shows a command that works.

import { UserInputError } from '../src/errors.ts';
import { phrase } from '../src/i18n/catalogue.ts';
import type { DateRange } from '../src/stats/model.ts';
import { parsePeriod } from '../src/stats/period.ts';
import { commandText } from './router.ts';
import type { CommandDeps, CommandInput } from './types.ts';

export function periodFrom(input: CommandInput, command: string, deps: CommandDeps): DateRange {
  const result = parsePeriod(input.words.join(' '), { now: deps.clock.now(), timeZone: deps.timeZone });
  if (result.ok) return result.range;
  // The user's other options stay in the example, so it runs as they meant it.
  const example = commandText(command, { ...input, words: [result.suggestion ?? 'yesterday'] });
  throw new UserInputError(
    result.suggestion
      ? phrase('period.didYouMean', { problem: result.problem, suggestion: result.suggestion })
      : result.problem,
    example,
  );
}
