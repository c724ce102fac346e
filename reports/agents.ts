// `/sobot agents`: the per-agent table, the team line, a bar chart of the top agents and, when
// the team does not fit in one message, the full table as CSV. Pure: stats in, message out.

import type { ChartSpec } from '../src/charts/spec.ts';
import { type BotMessage, escapeMrkdwn, SLACK_LIMITS } from '../src/slack/message.ts';
import { AGENT_KPIS, KPIS } from '../src/stats/kpis.ts';
import type { AgentKpiId, AgentRow } from '../src/stats/model.ts';
import { describeRange } from '../src/stats/period.ts';
import type { AgentsReport } from '../src/stats/service.ts';
import { csvField, formatCount, formatValue, truncate } from './format.ts';

export interface AgentsView {
  sortBy: AgentKpiId;
  order: 'desc' | 'asc';
  /** How many agents to show in the message. */
  top: number;
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
}

export const DEFAULT_TOP = 15;
/** One table row is kept for the column titles. */
export const MAX_TOP = SLACK_LIMITS.tableRows - 1;
/** Agents in the chart: more bars than this are unreadable. */
const CHART_AGENTS = 15;
/** Leave room for the header, team line and footer within Slack's total. */
const TABLE_CHAR_BUDGET = SLACK_LIMITS.totalChars - 2_000;
const NAME_WIDTH = 24;

/** Agents sorted by one KPI; agents without a value go last, ties by chats then name. */
export function sortAgents(rows: readonly AgentRow[], sortBy: AgentKpiId, order: 'desc' | 'asc'): AgentRow[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a.kpis[sortBy];
    const y = b.kpis[sortBy];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y);
    }
    return (b.kpis.chats ?? 0) - (a.kpis.chats ?? 0) || a.name.localeCompare(b.name);
  });
}

/** Agents who share a nickname get their email's local part (or id) added, so rows can be told apart. */
export function withDistinctNames(rows: readonly AgentRow[]): AgentRow[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
  return rows.map((row) =>
    (counts.get(row.name) ?? 0) > 1
      ? { ...row, name: `${row.name} (${row.email?.split('@')[0] ?? row.agentId.slice(0, 6)})` }
      : row,
  );
}

const cell = (text: string) => ({ type: 'raw_text' as const, text });

function tableRows(rows: AgentRow[], lang: 'en' | 'zh') {
  const titles = [lang === 'zh' ? '客服' : 'Agent', ...AGENT_KPIS.map((id) => KPIS[id].short[lang])];
  const body = rows.map((row) => [
    truncate(row.name, NAME_WIDTH),
    ...AGENT_KPIS.map((id) => formatValue(KPIS[id].unit, row.kpis[id])),
  ]);
  return [titles, ...body];
}

/** The number of agents whose rows fit within Slack's table and character limits. */
function rowsThatFit(rows: string[][], wanted: number): number {
  let chars = 0;
  let fit = 0;
  for (const row of rows.slice(1, wanted + 1)) {
    chars += row.reduce((n, text) => n + text.length, 0);
    if (chars > TABLE_CHAR_BUDGET) break;
    fit += 1;
  }
  return fit;
}

function teamLine(report: AgentsReport, lang: 'en' | 'zh'): string {
  const t = report.totals;
  const part = (id: AgentKpiId) => `${KPIS[id].label[lang]} ${formatValue(KPIS[id].unit, t[id])}`;
  const agents = lang === 'zh' ? `${report.rows.length} 位客服` : `${report.rows.length} agents`;
  const chats = lang === 'zh' ? `${formatCount(t.chats)} 个会话` : `${formatCount(t.chats)} chats`;
  return [
    agents,
    chats,
    part('valid_reception_rate'),
    part('fcr_24h'),
    part('satisfaction'),
    part('response_warn_rate'),
    part('avg_first_response'),
  ].join(' · ');
}

export function agentsCsv(rows: readonly AgentRow[]): string {
  const header = ['agent', 'email', 'groups', ...AGENT_KPIS.map((id) => `${id}${unitSuffix(id)}`)];
  const lines = rows.map((row) => [
    row.name,
    row.email ?? '',
    row.groups.join('; '),
    ...AGENT_KPIS.map((id) => csvNumber(id, row.kpis[id])),
  ]);
  // The byte-order mark makes Excel read the UTF-8 (CJK names) correctly.
  return `\uFEFF${[header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function unitSuffix(id: AgentKpiId): string {
  const unit = KPIS[id].unit;
  return unit === 'ratio' ? '_pct' : unit === 'duration' ? '_sec' : '';
}

/** Machine-readable: rates as percentages with two decimals, durations in seconds, blanks for missing. */
function csvNumber(id: AgentKpiId, value: number | null): string {
  if (value === null) return '';
  const unit = KPIS[id].unit;
  if (unit === 'ratio') return (value * 100).toFixed(2);
  if (unit === 'duration') return (value / 1000).toFixed(1);
  return String(value);
}

function chartOf(rows: AgentRow[], lang: 'en' | 'zh', sortLabel: string): ChartSpec {
  return {
    title: lang === 'zh' ? `客服（按${sortLabel}）` : `Top agents by ${sortLabel}`,
    labels: rows.map((row) => row.name),
    series: [
      { label: KPIS.chats.label[lang], values: rows.map((r) => r.kpis.chats), unit: 'count', type: 'bar' },
      {
        label: KPIS.valid_reception_rate.label[lang],
        values: rows.map((r) => r.kpis.valid_reception_rate),
        unit: 'ratio',
        type: 'line',
        axis: 'right',
      },
    ],
  };
}

export function agentsMessage(report: AgentsReport, view: AgentsView): BotMessage {
  const { lang } = view;
  const when = describeRange(report.range, lang);
  const title = truncate(`${lang === 'zh' ? '客服' : 'Agents'} · ${when}`, SLACK_LIMITS.headerText);
  const zone = report.range.timeZone;
  if (report.rows.length === 0) {
    const none = lang === 'zh' ? '这段时间没有人工会话。' : 'No chats in this period.';
    return {
      visibility: view.visibility,
      text: `${title}: ${none}`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: title } },
        { type: 'section', text: { type: 'mrkdwn', text: `${none} (${escapeMrkdwn(zone)})` } },
      ],
    };
  }

  const sorted = sortAgents(withDistinctNames(report.rows), view.sortBy, view.order);
  const table = tableRows(sorted, lang);
  const shown = rowsThatFit(table, Math.min(view.top, MAX_TOP, sorted.length));
  const team = teamLine(report, lang);
  const sortLabel = KPIS[view.sortBy].label[lang];
  const blocks: BotMessage['blocks'] = [
    { type: 'header', text: { type: 'plain_text', text: title } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${escapeMrkdwn(zone)} · ${team}` }] },
    {
      type: 'table',
      rows: table.slice(0, shown + 1).map((row) => row.map(cell)),
      column_settings: [{ is_wrapped: true }, ...AGENT_KPIS.map(() => ({ align: 'right' as const }))],
    },
  ];
  const complete = shown === sorted.length;
  const filename = `agents-${report.range.from}${report.range.to === report.range.from ? '' : `_${report.range.to}`}.csv`;
  const footer = [
    lang === 'zh'
      ? `显示 ${shown} / ${sorted.length} 位客服 · 按${sortLabel}排序`
      : `Showing ${shown} of ${sorted.length} agents · sorted by ${sortLabel}${view.order === 'asc' ? ' (ascending)' : ''}`,
  ];
  if (!complete)
    footer.push(lang === 'zh' ? `完整表格见附件 ${filename}` : `full table attached as ${filename}`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(footer.join(' · ')) }] });

  const chartRows = sorted.slice(0, Math.min(shown, CHART_AGENTS));
  const top = sorted
    .slice(0, 3)
    // `text` is read as mrkdwn too: a name like <!channel> must not ping anyone.
    .map((row) => `${escapeMrkdwn(row.name)} ${formatCount(row.kpis.chats)}`)
    .join(', ');
  return {
    visibility: view.visibility,
    text: `${title} (${zone}): ${team}. Top: ${top}.`.slice(0, SLACK_LIMITS.fallbackText),
    blocks,
    chart: {
      spec: chartOf(chartRows, lang, sortLabel),
      altText: `Bar chart of chats and valid reception for the top ${chartRows.length} agents`,
      position: 3,
    },
    ...(complete ? {} : { files: [{ filename, title: `Agents ${when}`, content: agentsCsv(sorted) }] }),
  };
}
