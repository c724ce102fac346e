// What the digest and alert rule forms share in Slack: a name picker fed from Sobot's condition lists
// (cached an hour) as the admin types, a typed name checked against them, and the form's errors keyed
// by the block ids Slack shows them under.

import { UserInputError } from '../errors.ts';
import type { Dimension } from '../stats/model.ts';
import type { StatsService } from '../stats/service.ts';

/** Options Slack shows in one external select (its limit). */
const MAX_OPTIONS = 100;

/** The names of `dimension` Sobot has that contain what is typed, as external select options. */
export async function nameOptions(stats: StatsService, dimension: Dimension, typed: string | undefined) {
  const wanted = (typed ?? '').toLowerCase();
  const names = await stats.names(dimension);
  return names
    .filter((n) => n.toLowerCase().includes(wanted))
    .slice(0, MAX_OPTIONS)
    .map((n) => ({ text: { type: 'plain_text' as const, text: n.slice(0, 75) }, value: n.slice(0, 150) }));
}

/** Why Sobot has no `name` of `dimension` (its words), or null when it has. */
export async function nameProblem(
  stats: StatsService,
  dimension: Dimension,
  name: string,
  explain: (error: UserInputError) => string,
): Promise<string | null> {
  try {
    await stats.resolveFilters({ [dimension]: name });
    return null;
  } catch (error) {
    if (error instanceof UserInputError) return explain(error);
    throw error;
  }
}

/** The form's errors by field, keyed by the block id of each field. */
export function errorsByBlock<F extends string>(
  errors: Partial<Record<F, string>>,
  blockOf: Record<F, string>,
): { response_action: 'errors'; errors: Record<string, string> } {
  const entries = Object.entries(errors) as [F, string][];
  return {
    response_action: 'errors',
    errors: Object.fromEntries(entries.map(([f, text]) => [blockOf[f], text])),
  };
}
