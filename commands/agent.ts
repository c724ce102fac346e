// `/sobot agent <name or email> [period]`: one agent's card. The words before the period are the
// name, matched forgivingly through the directory; an email is looked up in the period's workload.

import { agentMessage } from '../reports/agent.ts';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { type Phrase, phrase } from '../src/i18n/catalogue.ts';
import type { AgentRow, DateRange } from '../src/stats/model.ts';
import { agentsShownAs, foldName } from '../src/stats/names.ts';
import { MAX_PERIOD_WORDS, parsePeriod } from '../src/stats/period.ts';
import { withFollowUps } from './follow-ups.ts';
import { commandText } from './router.ts';
import type { CommandDefinition, CommandDeps } from './types.ts';

export interface NameAndPeriod {
  name: string;
  /** The words that made the period (empty: the default period). */
  periodWords: string[];
  range: DateRange;
}

const DATE_LIKE = /^\d{4}[-/]/;

/** `"José Álvarez"` typed with quotes is the same name. */
const nameOf = (words: readonly string[]) => words.join(' ').replace(/^["“]|["”]$/g, '');

/** Trailing words looked at for a period: its longest form, and one more for a typo that split a word. */
const PERIOD_TAIL_WORDS = MAX_PERIOD_WORDS + 1;

/**
 * The longest run of trailing words that parses as a period is the period; the words before it are
 * the name. At least one word stays a name: `/sobot agent today` asks for nobody. Only the last few
 * words can be a period, so a long name costs a few parses, not one per word.
 */
export function splitNameAndPeriod(words: readonly string[], deps: CommandDeps): NameAndPeriod {
  const opts = { now: deps.clock.now(), timeZone: deps.timeZone };
  const example = '/sobot agent José Álvarez last week';
  const onlyPeriod = words.length > 0 && parsePeriod(words.join(' '), opts).ok;
  if (words.length === 0 || onlyPeriod) {
    throw new UserInputError(
      phrase('agent.which'),
      onlyPeriod ? ['/sobot agent José Álvarez', ...words].join(' ') : example,
    );
  }
  let nearMiss: { problem: Phrase; suggestion: string | null; at: number } | null = null;
  for (let at = Math.max(1, words.length - PERIOD_TAIL_WORDS); at < words.length; at++) {
    const tail = words.slice(at);
    const period = parsePeriod(tail.join(' '), opts);
    if (period.ok) return { name: nameOf(words.slice(0, at)), periodWords: tail, range: period.range };
    // A typo of a period ("yesterdy") or an impossible date is reported as such, not as a name.
    if (!nearMiss && (period.suggestion || DATE_LIKE.test(tail[0] ?? ''))) nearMiss = { ...period, at };
  }
  if (nearMiss) {
    const name = words.slice(0, nearMiss.at);
    const fixed = nearMiss.suggestion ? [nearMiss.suggestion] : [];
    throw new UserInputError(
      nearMiss.suggestion
        ? phrase('period.didYouMean', { problem: nearMiss.problem, suggestion: nearMiss.suggestion })
        : nearMiss.problem,
      ['/sobot agent', ...name, ...fixed].join(' '),
    );
  }
  const period = parsePeriod('', opts);
  if (!period.ok) throw new UserInputError(period.problem, example);
  return { name: nameOf(words), periodWords: [], range: period.range };
}

/** A problem with a further sentence after it. */
const withNote = (problem: Phrase | string, note: Phrase | null): Phrase | string =>
  note ? phrase('sentence.then', { first: problem, second: note }) : problem;

interface FoundAgent {
  id: string;
  name: string;
}

/** Agents of the period whose email is, or contains, what was typed. */
function byEmail(rows: readonly AgentRow[], typed: string): AgentRow[] {
  const target = foldName(typed);
  const withEmail = rows.filter((row) => row.email);
  const exact = withEmail.filter((row) => foldName(row.email ?? '') === target);
  return exact.length ? exact : withEmail.filter((row) => foldName(row.email ?? '').includes(target));
}

/** What the directory resolves a name (or an agent id) to; its errors name the command to retype. */
async function fromDirectory(
  name: string,
  deps: CommandDeps,
  retype: (who: string) => string,
  note: Phrase | null = null,
) {
  try {
    const { applied } = await deps.stats.resolveFilters({ agent: name }, 'interactive');
    const [entry] = applied;
    if (!entry) throw new UserInputError(withNote(phrase('agent.none', { name: echo(name) }), note), null);
    return { id: entry.id, name: entry.name };
  } catch (error) {
    // The service suggests `agent:"José Álvarez"`; this command takes the name itself, so show that.
    if (!(error instanceof UserInputError)) throw error;
    const suggested = /^agent:(.*)$/.exec(error.example ?? '')?.[1]?.replace(/^"|"$/g, '');
    const said = error.phrase ?? error.message;
    const message =
      error.phrase?.key === 'filter.ambiguous'
        ? phrase('agent.retype', { problem: said })
        : withNote(said, note);
    throw new UserInputError(message, suggested ? retype(suggested) : error.example);
  }
}

/**
 * The shapes of the names the bot prints for namesakes: something in parentheses, or one word like an
 * email's local part (`amara.rossi`, `staff1`). Only those cost a workload query when the directory
 * says no, so a misspelt "Jsoe Alvarez" is answered from the directory alone.
 */
const MAY_BE_SHOWN = /[(（].*[)）]\s*$|^[^\s]*[._\d][^\s]*$/u;

/**
 * A name the directory does not know may be one the bot printed to tell namesakes apart
 * (`Amara (amara.rossi)`, `amara.rossi`): those come from the period's workload rows (email, group,
 * id), so they are looked up there. Anything else keeps the directory's answer.
 */
async function asShown(
  name: string,
  range: DateRange,
  deps: CommandDeps,
  retype: (who: string) => string,
  directoryAnswer: UserInputError,
): Promise<FoundAgent> {
  const { rows } = await deps.stats.agents(range, {}, 'interactive');
  const [only, ...others] = agentsShownAs(name, rows);
  if (!only || others.length) throw directoryAnswer;
  return agentOfRow(only, deps, retype);
}

/** A workload row's agent: the row has the nickname only; the directory knows the full name. */
async function agentOfRow(row: AgentRow, deps: CommandDeps, retype: (who: string) => string) {
  const known = await fromDirectory(row.agentId, deps, retype).catch(() => null);
  return known ?? { id: row.agentId, name: row.name };
}

/**
 * The directory (getServiceList) has no emails, but the period's workload rows do: an email is
 * matched there first, then against the directory's names.
 */
async function findAgent(
  name: string,
  range: DateRange,
  deps: CommandDeps,
  retype: (who: string) => string,
): Promise<FoundAgent> {
  if (!name.includes('@')) {
    return fromDirectory(name, deps, retype).catch((error: unknown) =>
      error instanceof UserInputError && MAY_BE_SHOWN.test(name)
        ? asShown(name, range, deps, retype, error)
        : Promise.reject(error),
    );
  }
  const { rows } = await deps.stats.agents(range, {}, 'interactive');
  const found = byEmail(rows, name);
  const [only] = found;
  if (found.length === 1 && only) return agentOfRow(only, deps, retype);
  if (found.length > 1) {
    const emails = found.slice(0, 10).map((row) => row.email ?? row.agentId);
    throw new UserInputError(
      phrase('agent.severalEmails', { typed: echo(name), emails: emails.join(', ') }),
      retype(emails[0] ?? name),
    );
  }
  return fromDirectory(name, deps, retype, phrase('agent.noEmail'));
}

export const agentCommand: CommandDefinition = {
  name: 'agent',
  summary: 'help.agent.summary',
  usage: '/sobot agent <name or email> [period] [public]',
  examples: [
    '/sobot agent José Álvarez last week',
    '/sobot agent jose',
    '/sobot agent zhang.fang@acme-support.example yesterday',
  ],
  options: [],
  agentFigures: true,
  legacy: false,
  async run(input, _ctx, deps) {
    const { name, periodWords, range } = splitNameAndPeriod(input.words, deps);
    const retype = (who: string) => commandText('agent', { ...input, words: [who, ...periodWords] });
    const agent = await findAgent(name, range, deps, retype);
    const card = await deps.stats.agentDetail(range, agent.id, 'interactive');
    const message = agentMessage(card, {
      lang: deps.lang,
      visibility: input.visibility,
      agentName: agent.name,
    });
    return withFollowUps(message, {
      name: 'agent',
      input,
      range,
      leadingWords: [agent.name],
      consoleUrl: deps.consoleUrl,
      lang: deps.lang,
    });
  },
};
