// The pieces every tabular answer shares: sorting by a KPI, a Slack table block that fits the
// limits, the CSV for what does not fit, and the "chats with valid reception %" chart.

import type { TableBlock } from '@slack/types';
import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import type { KpiValues } from '../src/stats/model.ts';
import { csvField, formatValue, type Lang, truncate } from './format.ts';
import { kpiLabel, type LabelContext } from './labels.ts';

export interface NamedKpis {
  name: string;
  kpis: KpiValues;
}

/** One table row is kept for the column titles. */
export const MAX_TABLE_ROWS = SLACK_LIMITS.tableRows - 1;
/** Leave room for the header, summary and footer within Slack's total. */
const TABLE_CHAR_BUDGET = SLACK_LIMITS.totalChars - 2_000;
const NAME_WIDTH = 24;
/** Bars in a chart: more than this are unreadable. */
export const CHART_BARS = 15;

/** Rows sorted by one KPI; rows without a value go last, ties by chats then name. */
export function sortByKpi<T extends NamedKpis>(rows: readonly T[], kpi: KpiId, order: 'desc' | 'asc'): T[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a.kpis[kpi] ?? null;
    const y = b.kpis[kpi] ?? null;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y);
    }
    return (b.kpis.chats ?? 0) - (a.kpis.chats ?? 0) || a.name.localeCompare(b.name);
  });
}

const cell = (text: string) => ({ type: 'raw_text' as const, text });

/**
 * A table with a name column and right-aligned figures: up to `wanted` rows, as many as fit in
 * one message; `shown` says how many did.
 */
export function textTable(
  titles: readonly string[],
  lines: readonly string[][],
  wanted: number,
  nameWidth = NAME_WIDTH,
): { block: TableBlock; shown: number } {
  const body = lines
    .slice(0, Math.min(wanted, MAX_TABLE_ROWS))
    .map(([name = '', ...figures]) => [truncate(name, nameWidth), ...figures]);
  let chars = 0;
  let shown = 0;
  for (const line of body) {
    chars += line.reduce((n, text) => n + text.length, 0);
    if (chars > TABLE_CHAR_BUDGET) break;
    shown += 1;
  }
  return {
    shown,
    block: {
      type: 'table',
      rows: [titles, ...body.slice(0, shown)].map((line) => line.map(cell)),
      column_settings: [{ is_wrapped: true }, ...titles.slice(1).map(() => ({ align: 'right' as const }))],
    },
  };
}

/** textTable() of KPI columns. */
export function kpiTable(
  rows: readonly NamedKpis[],
  columns: readonly KpiId[],
  firstTitle: string,
  lang: 'en' | 'zh',
  wanted: number,
  labels: LabelContext = { source: 'company' },
): { block: TableBlock; shown: number } {
  return textTable(
    [firstTitle, ...columns.map((id) => kpiLabel(id, lang, labels, 'short'))],
    rows.map((row) => [
      row.name,
      ...columns.map((id) => formatValue(KPIS[id].unit, row.kpis[id] ?? null, lang)),
    ]),
    wanted,
  );
}

/**
 * KPI column titles, with the unit of the values (rates in %, durations in seconds, blanks for
 * missing): the KPI id in English (`valid_reception_rate_pct`, machine-readable), its name in Chinese
 * (`有效接待率(%)`), as the reply's other words.
 */
export function csvColumn(id: KpiId, lang: Lang): string {
  const unit = KPIS[id].unit;
  const suffix = unit === 'ratio' ? 'csv.percent' : unit === 'duration' ? 'csv.seconds' : null;
  if (lang === 'en') return `${id}${suffix ? t(lang, suffix) : ''}`;
  return `${KPIS[id].label[lang]}${suffix ? t(lang, suffix) : ''}`;
}

export function csvValue(id: KpiId, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const unit = KPIS[id].unit;
  if (unit === 'ratio') return (value * 100).toFixed(2);
  if (unit === 'duration') return (value / 1000).toFixed(1);
  return String(value);
}

/** RFC 4180 text; the byte-order mark makes Excel read the UTF-8 (CJK names) correctly. */
export function toCsv(header: readonly string[], lines: readonly string[][]): string {
  return `\uFEFF${[header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Bars of chats, each row's valid reception % as a marker on the top axis; names beside their bars. */
export function chatsAndReceptionChart(
  title: string,
  subtitle: string,
  rows: readonly NamedKpis[],
  lang: 'en' | 'zh',
  labels: LabelContext = { source: 'company' },
): ChartSpec {
  return {
    title,
    subtitle,
    lang,
    horizontal: true,
    labels: rows.map((row) => row.name),
    series: [
      {
        label: kpiLabel('chats', lang, labels),
        values: rows.map((r) => r.kpis.chats ?? null),
        unit: 'count',
        type: 'bar',
      },
      {
        label: KPIS.valid_reception_rate.label[lang],
        values: rows.map((r) => r.kpis.valid_reception_rate ?? null),
        unit: 'ratio',
        type: 'line',
        axis: 'right',
      },
    ],
  };
}

/** `agents-2026-11-20.csv`, `groups-2026-11-16_2026-11-22.csv`. */
export function csvFilename(what: string, range: { from: string; to: string }): string {
  return `${what}-${range.from}${range.to === range.from ? '' : `_${range.to}`}.csv`;
}
