// Builds one digest: resolves its period and audience, asks the stats service for each section
// (as background work, behind anyone waiting in Slack, through the shared cache), and lays it out
// with reports/digest.ts plus the buttons to drill down.

import { type DigestData, digestMessage } from '../reports/digest.ts';
import { filtersText } from '../reports/filters.ts';
import type { DigestDefinition } from '../src/config-file.ts';
import { UnsupportedError, UserInputError } from '../src/errors.ts';
import { phrase, t } from '../src/i18n/catalogue.ts';
import { OPEN_ACTION, RERUN_ACTION } from '../src/message/actions.ts';
import type { DigestPost } from '../src/scheduler/digests.ts';
import { completenessWarnings } from '../src/stats/completeness.ts';
import type { DateRange } from '../src/stats/model.ts';
import { parsePeriod, periodWords, shiftDays } from '../src/stats/period.ts';
import type { StatsService } from '../src/stats/service.ts';
import { actionButton } from './follow-ups.ts';
import { commandText } from './router.ts';
import type { CommandDeps } from './types.ts';

/** Days in the digest's chart, ending with the period's last day. */
const CHART_DAYS = 7;

export interface DigestBuildOptions {
  /** When the digest goes out after its time: the local wall time it was due (`2026-11-23T09:00`). */
  lateFor?: string | null;
}

/** Runs a section's query; a section the API cannot answer is named instead of failing the digest. */
async function optional<T>(
  wanted: boolean,
  load: () => Promise<T>,
  unavailable: string[],
): Promise<T | null> {
  if (!wanted) return null;
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof UnsupportedError)) throw error;
    unavailable.push(error.message);
    return null;
  }
}

async function weekOf(stats: StatsService, range: DateRange, filters: Parameters<StatsService['trend']>[2]) {
  const week: DateRange = {
    from: shiftDays(range.to, 1 - CHART_DAYS),
    to: range.to,
    timeZone: range.timeZone,
  };
  // Both series come from the same per-day session queries, so the second costs no Sobot call.
  const chats = await stats.trend('chats', week, filters, 'background');
  const reception = await stats.trend('valid_reception_rate', week, filters, 'background');
  return {
    days: chats.points.map((p) => p.range.from),
    chats: chats.points.map((p) => p.value),
    validReception: reception.points.map((p) => p.value),
  };
}

export async function buildDigest(
  digest: DigestDefinition,
  deps: CommandDeps,
  options: DigestBuildOptions = {},
): Promise<DigestPost> {
  const { stats, lang } = deps;
  const now = deps.clock.now();
  const period = parsePeriod(digest.period, { now, timeZone: digest.timeZone });
  if (!period.ok)
    throw new UserInputError(phrase('digest.badPeriod', { period: digest.period, problem: period.problem }));
  const range = period.range;
  const { group, dept, channel, agent, robot } = digest.filters;
  const resolved = await stats.resolveFilters(
    { group, department: dept, channel, agent, robot },
    'background',
  );
  const filters = resolved.filters;
  const sections = new Set(digest.sections);
  const unavailable: string[] = [];

  const [overview, agents, satisfaction, bot, week] = await Promise.all([
    stats.overview(range, filters, 'background'),
    optional(sections.has('agents'), () => stats.agents(range, filters, 'background'), unavailable),
    optional(
      sections.has('satisfaction'),
      () => stats.satisfaction(range, filters, 'background'),
      unavailable,
    ),
    optional(sections.has('bot'), () => stats.bot(range, filters, 'background'), unavailable),
    weekOf(stats, range, filters),
  ]);

  const data: DigestData = {
    name: digest.name,
    range,
    previousRange: overview.previousRange,
    filters: filtersText(resolved.applied, lang),
    scope: filters,
    overview: sections.has('overview')
      ? { current: overview.current, previous: overview.previous, ratings: overview.ratings }
      : null,
    agents: agents?.rows ?? null,
    agentTotals: agents?.totals ?? null,
    agentRatings: agents?.ratings,
    satisfaction: satisfaction?.figures ?? null,
    bot: bot?.figures ?? null,
    week,
    attention: digest.attention,
    warnings: completenessWarnings(
      {
        range,
        now,
        graceMs: digest.graceMs,
        chats: overview.current.chats ?? null,
        previousChats: overview.previous.chats ?? null,
      },
      lang,
    ),
    unavailable: [...new Set(unavailable)],
    lateFor: options.lateFor ?? null,
    mention: digest.mention,
  };
  const post = digestMessage(data, lang);
  return { ...post, main: { ...post.main, blocks: [...post.main.blocks, drillDown(digest, range, deps)] } };
}

/** Buttons: each runs a command for whoever clicks (ephemeral), or opens Sobot's console. */
function drillDown(digest: DigestDefinition, range: DateRange, deps: CommandDeps) {
  const { lang } = deps;
  const options = Object.fromEntries(
    Object.entries(digest.filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const run = (command: string, period: DateRange) =>
    commandText(command, { words: [periodWords(period)], options, visibility: 'ephemeral' });
  const dayBefore: DateRange = {
    from: shiftDays(range.from, -1),
    to: shiftDays(range.from, -1),
    timeZone: range.timeZone,
  };
  return {
    type: 'actions' as const,
    elements: [
      actionButton(t(lang, 'button.fullAgentTable'), {
        action_id: RERUN_ACTION,
        value: run('agents', range),
      }),
      actionButton(t(lang, 'button.previousDay'), {
        action_id: RERUN_ACTION,
        value: run('overview', dayBefore),
      }),
      actionButton(t(lang, 'button.openSobot'), { action_id: OPEN_ACTION, url: deps.consoleUrl }),
    ],
  };
}
