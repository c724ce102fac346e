// `/sobot groups|departments|channels`: the session KPIs per skill group, department or channel,
// busiest first, with a chart of the busiest and the full table as CSV when it does not fit.

import { type MessageKey, t } from '../src/i18n/catalogue.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS, SCOPE_KPIS } from '../src/stats/kpis.ts';
import { unfilterableBy } from '../src/stats/scope.ts';
import type { BreakdownReport } from '../src/stats/service.ts';
import { cardHeader, type Listed, showingText } from './blocks.ts';
import { scopeMark } from './filters.ts';
import { formatCount } from './format.ts';
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

/** The title, the first column and the CSV file's name of each breakdown. */
const NAMES = {
  group: ['breakdown.title.group', 'breakdown.row.group', 'groups'],
  department: ['breakdown.title.department', 'breakdown.row.department', 'departments'],
  channel: ['breakdown.title.channel', 'breakdown.row.channel', 'channels'],
} as const;

const PLURAL = {
  group: 'dimension.groups',
  department: 'dimension.departments',
  channel: 'dimension.channels',
} as const;

const CSV_FIRST = { group: 'csv.group', department: 'csv.department', channel: 'csv.channel' } as const;

const LISTED_AS: Record<BreakdownReport['by'], Listed> = {
  group: 'groups',
  department: 'departments',
  channel: 'channels',
};

/** Why the rows do not add up to the total, where they overlap; channels partition the chats. */
const OVERLAP = {
  group: 'breakdown.overlap.group',
  department: 'breakdown.overlap.department',
  channel: null,
} as const satisfies Record<BreakdownReport['by'], MessageKey | null>;

export interface BreakdownView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  filters: string | null;
}

/** The columns of a breakdown: a KPI Sobot does not split this way (the bot's chats by group) is left out. */
export function breakdownColumns(by: BreakdownReport['by']): KpiId[] {
  return SCOPE_KPIS.filter((id) => !unfilterableBy(id).includes(by));
}

export function breakdownMessage(report: BreakdownReport, view: BreakdownView): BotMessage {
  const { lang } = view;
  const [pluralKey, singularKey, file] = NAMES[report.by];
  const [plural, singular] = [t(lang, pluralKey), t(lang, singularKey)];
  const columns = breakdownColumns(report.by);
  const marks = columns.flatMap((id) => {
    const mark = scopeMark(id, report.filters, lang);
    return mark ? [t(lang, 'text.labelled', { label: KPIS[id].label[lang], value: mark })] : [];
  });
  const opening = cardHeader(plural, report.range, view, marks);
  const { when } = opening;
  // A row Sobot counted no chats for is left out; one whose count it left out is not.
  const active = report.rows.filter(
    (row) => row.kpis.chats !== 0 || (columns.includes('bot_chats') && (row.kpis.bot_chats ?? 0) > 0),
  );
  if (active.length === 0) {
    return opening.empty(t(lang, 'report.noChats'));
  }
  const sorted = sortByKpi(active, 'chats', 'desc');
  // The total first, so it is never the row that does not fit.
  const total = { name: t(lang, 'report.total'), kpis: report.total };
  const { block: table, shown: shownWithTotal } = kpiTable(
    [total, ...sorted],
    columns,
    singular,
    lang,
    MAX_TABLE_ROWS,
  );
  const shown = Math.max(0, shownWithTotal - 1);
  const complete = shown === sorted.length;
  const filename = csvFilename(file, report.range);
  const overlapKey = OVERLAP[report.by];
  const overlap = overlapKey && t(lang, overlapKey);
  const listed = LISTED_AS[report.by];
  const footer = [showingText(shown, sorted.length, listed, lang, complete ? null : filename), overlap]
    .filter(Boolean)
    .join(' · ');
  const busiest = sorted
    .slice(0, 3)
    .map((row) => `${escapeMrkdwn(row.name)} ${formatCount(row.kpis.chats ?? null)}`)
    .join(t(lang, 'list.figures'));
  return {
    visibility: view.visibility,
    text: opening.text(
      t(lang, 'fallback.breakdown', {
        chats: formatCount(report.total.chats ?? null),
        count: sorted.length,
        what: t(lang, PLURAL[report.by]),
        busiest,
      }),
    ),
    blocks: [
      opening.header,
      opening.context(),
      table,
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(footer) }] },
    ],
    chart: {
      spec: chatsAndReceptionChart(
        plural,
        [when, view.filters].filter(Boolean).join(' · '),
        sorted.slice(0, CHART_BARS),
        lang,
      ),
      altText: t(lang, 'alt.breakdown', { what: plural }),
      position: 3,
    },
    ...(complete
      ? {}
      : {
          files: [
            {
              filename,
              title: `${plural} ${when}`,
              content: toCsv(
                [t(lang, CSV_FIRST[report.by]), ...columns.map((id) => csvColumn(id, lang))],
                [total, ...sorted].map((row) => [
                  row.name,
                  ...columns.map((id) => csvValue(id, row.kpis[id])),
                ]),
              ),
            },
          ],
        }),
  };
}
