// `/sobot agents`: the per-agent table, the team line, a bar chart of the top agents and, when
// the team does not fit in one message, the full table as CSV. Pure: stats in, message out.

import { t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { AgentKpiId, KpiId } from '../src/stats/kpi-ids.ts';
import { AGENT_EXTRA_KPIS, AGENT_KPIS, KPIS } from '../src/stats/kpis.ts';
import type { AgentRow } from '../src/stats/model.ts';
import { withDistinctNames } from '../src/stats/names.ts';
import type { AgentsReport } from '../src/stats/service.ts';
import { cardHeader, showingText } from './blocks.ts';
import { formatCount, formatValue, type Lang } from './format.ts';
import { inSentence, kpiLabel, type LabelContext, scalesNote } from './labels.ts';
import {
  CHART_BARS,
  chatsAndReceptionChart,
  csvColumn,
  csvFilename,
  csvValue,
  kpiTable,
  MAX_TABLE_ROWS,
  sortByKpi,
  toCsv,
} from './table.ts';

export interface AgentsView {
  sortBy: KpiId;
  order: 'desc' | 'asc';
  /** How many agents to show in the message. */
  top: number;
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  /** The filters applied, as `filtersText()` states them. */
  filters?: string | null;
}

export const DEFAULT_TOP = 15;
export const MAX_TOP = MAX_TABLE_ROWS;

/** Agents sorted by one KPI; agents without a value go last, ties by chats then name. */
export const sortAgents = (rows: readonly AgentRow[], sortBy: KpiId, order: 'desc' | 'asc') =>
  sortByKpi(rows, sortBy, order);

/** What the agents' figures are labelled: chats handled, FCR of chats, satisfaction on the team's scale. */
const labelsOf = (report: AgentsReport): LabelContext => ({ source: 'agents', scale: report.ratings.scale });

function teamLine(report: AgentsReport, lang: 'en' | 'zh'): string {
  const totals = report.totals;
  const labels = labelsOf(report);
  const part = (id: AgentKpiId) =>
    `${kpiLabel(id, lang, labels)} ${formatValue(KPIS[id].unit, totals[id], lang)}`;
  return [
    t(lang, 'agents.count', { count: report.rows.length }),
    part('chats'),
    part('valid_reception_rate'),
    part('fcr_24h'),
    part('satisfaction'),
    part('response_warn_rate'),
    part('avg_first_response'),
  ].join(' · ');
}

/** The CSV's KPI columns: the table's and every other per-agent figure. */
const CSV_KPIS: readonly KpiId[] = [...AGENT_KPIS, ...AGENT_EXTRA_KPIS];

export function agentsCsv(rows: readonly AgentRow[], lang: Lang): string {
  return toCsv(
    [
      t(lang, 'csv.agent'),
      t(lang, 'csv.email'),
      t(lang, 'csv.groups'),
      ...CSV_KPIS.map((id) => csvColumn(id, lang)),
    ],
    rows.map((row) => [
      row.name,
      row.email ?? '',
      row.groups.join('; '),
      ...CSV_KPIS.map((id) => csvValue(id, row.kpis[id])),
    ]),
  );
}

export function agentsMessage(report: AgentsReport, view: AgentsView): BotMessage {
  const { lang } = view;
  const opening = cardHeader(t(lang, 'agents.title'), report.range, view);
  const { when } = opening;
  const zone = report.range.timeZone;
  if (report.rows.length === 0) return opening.empty(t(lang, 'agents.none'));

  const sorted = sortAgents(withDistinctNames(report.rows), view.sortBy, view.order);
  const labels = labelsOf(report);
  // Sorted by a figure that is not a column: it becomes the last one, so the order can be read.
  const columns = AGENT_KPIS.includes(view.sortBy as AgentKpiId) ? AGENT_KPIS : [...AGENT_KPIS, view.sortBy];
  const { block: table, shown } = kpiTable(sorted, columns, t(lang, 'agents.column'), lang, view.top, labels);
  const team = teamLine(report, lang);
  const sortLabel = kpiLabel(view.sortBy, lang, labels);
  const bestFirst = (view.order === 'desc') === (KPIS[view.sortBy].better === 'higher');
  const blocks: BotMessage['blocks'] = [
    opening.header,
    opening.context(team, scalesNote(report.ratings, lang)),
    table,
  ];
  const complete = shown === sorted.length;
  const filename = csvFilename('agents', report.range);
  const footer = [
    showingText(shown, sorted.length, 'agents', lang),
    t(lang, bestFirst ? 'agents.sortedBest' : 'agents.sortedWorst', { kpi: sortLabel }),
  ];
  if (!complete) footer.push(t(lang, 'agents.fullTable', { file: filename }));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(footer.join(' · ')) }] });

  const chartRows = sorted.slice(0, Math.min(shown, CHART_BARS));
  const top = sorted
    .slice(0, 3)
    // `text` is read as mrkdwn too: a name like <!channel> must not ping anyone.
    .map((row) => `${escapeMrkdwn(row.name)} ${formatCount(row.kpis.chats)}`)
    .join(t(lang, 'list.separator'));
  return {
    visibility: view.visibility,
    text: t(lang, 'fallback.text', {
      title: opening.title,
      scope: escapeMrkdwn([zone, view.filters].filter(Boolean).join(t(lang, 'list.figures'))),
      summary: t(lang, 'sentence.then', {
        first: t(lang, 'fallback.figures', { figures: team }),
        second: t(lang, 'fallback.top', { top }),
      }),
    }).slice(0, SLACK_LIMITS.fallbackText),
    blocks,
    chart: {
      spec: chatsAndReceptionChart(
        t(lang, bestFirst ? 'chart.agents.top' : 'chart.agents.bottom', { sort: inSentence(sortLabel) }),
        [when, view.filters].filter(Boolean).join(' · '),
        chartRows,
        lang,
        labels,
      ),
      altText: t(lang, 'alt.agents', { count: chartRows.length }),
      position: 3,
    },
    ...(complete
      ? {}
      : { files: [{ filename, title: t(lang, 'file.agents', { when }), content: agentsCsv(sorted, lang) }] }),
  };
}
