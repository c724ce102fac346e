// `/sobot overview`: the headline card. Each KPI the backend gives, with its change against the previous
// period of the same length, marked better or worse by the KPI's direction, and a small comparison chart.

import type { ChartSpec } from '../src/charts/spec.ts';
import { t } from '../src/i18n/catalogue.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { describeRange } from '../src/stats/period.ts';
import type { OverviewReport } from '../src/stats/service.ts';
import { cardHeader } from './blocks.ts';
import { changeOf, changeText } from './change.ts';
import { markedLabel } from './filters.ts';
import { formatValue } from './format.ts';
import { kpiLabel, scalesNote } from './labels.ts';

/**
 * The card's KPIs, in reading order, a section each (at most ten fields, Slack's limit): the headline,
 * then how chats were handled (the rest of getStat, or the legacy API's own), then the messages
 * (getMsgStat / wb_session_message). It shows those the backend gives (a key present, even as null,
 * which shows as "–"); a KPI the API never gives is absent and left out.
 */
export const OVERVIEW_SECTIONS: readonly (readonly KpiId[])[] = [
  [
    'chats',
    'bot_chats',
    'valid_reception_rate',
    'fcr_24h',
    'satisfaction',
    'avg_first_response',
    'response_warn_rate',
    'queue_leave_rate',
    'bot_self_service_rate',
    'unanswered_rate',
  ],
  [
    'transfers',
    'avg_reception_duration',
    'bot_transfer_rate',
    'no_reply_rate',
    'avg_response_time',
    'avg_queue_wait',
    'avg_queue_leave_time',
    'resolved_chats',
    'unresolved_chats',
    'untagged_chats',
  ],
  ['messages', 'customer_messages', 'agent_messages', 'answer_ratio'],
];

export const OVERVIEW_KPIS: readonly KpiId[] = OVERVIEW_SECTIONS.flat();

/** The KPIs of OVERVIEW_KPIS this report has. */
function overviewKpisOf(report: OverviewReport): KpiId[] {
  return OVERVIEW_KPIS.filter((id) => id in report.current || id in report.previous);
}

export interface OverviewView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  filters: string | null;
}

function comparisonChart(
  report: OverviewReport,
  shown: readonly KpiId[],
  compared: string,
  lang: 'en' | 'zh',
): ChartSpec {
  const rates = shown.filter((id) => KPIS[id].unit === 'ratio');
  const labels = { source: 'company', scale: report.ratings?.scale } as const;
  return {
    title: t(lang, 'chart.overview.title'),
    subtitle: `${describeRange(report.range, lang)} · ${compared}`,
    lang,
    // The rates' full names, beside their bars: no "Bot self…".
    horizontal: true,
    axisTitles: { left: '%' },
    labels: rates.map((id) => kpiLabel(id, lang, labels)),
    series: [
      {
        label: describeRange(report.previousRange, lang),
        values: rates.map((id) => report.previous[id] ?? null),
        unit: 'ratio',
        type: 'bar',
      },
      {
        label: describeRange(report.range, lang),
        values: rates.map((id) => report.current[id] ?? null),
        unit: 'ratio',
        type: 'bar',
      },
    ],
  };
}

export function overviewMessage(report: OverviewReport, view: OverviewView): BotMessage {
  const { lang } = view;
  const opening = cardHeader(t(lang, 'overview.title'), report.range, view);
  // A period that includes now is compared "so far": with the period before up to the same time.
  const compared = t(
    lang,
    report.previousRange.until === undefined ? 'overview.compared' : 'overview.comparedSoFar',
    {
      range: describeRange(report.previousRange, lang),
    },
  );
  // Only chats Sobot counted as none: an unknown count (null) is not "no chats".
  const noBotChats = report.current.bot_chats === 0 || !('bot_chats' in report.current);
  if (report.current.chats === 0 && noBotChats) {
    return opening.empty(t(lang, 'report.noChats'));
  }
  const labels = { source: 'company', scale: report.ratings?.scale } as const;
  const line = (id: KpiId) => {
    const value = formatValue(KPIS[id].unit, report.current[id] ?? null, lang);
    const change = changeText(changeOf(id, report.current[id], report.previous[id], lang), lang);
    // A figure Sobot cannot narrow to the filters says so on its own line ("Bot chats (company-wide)").
    const label = markedLabel(kpiLabel(id, lang, labels), id, report.filters, lang);
    return { id, label, value, change };
  };
  const shown = overviewKpisOf(report);
  const lines = shown.map(line);
  const sections = OVERVIEW_SECTIONS.map((ids) => lines.filter((l) => ids.includes(l.id)))
    .filter((group) => group.length > 0)
    .map((group) => ({
      type: 'section' as const,
      fields: group.map((l) => ({
        type: 'mrkdwn' as const,
        text: `*${l.label}*\n${l.value}  _${l.change}_`,
      })),
    }));
  return {
    visibility: view.visibility,
    text: opening.text(
      t(lang, 'fallback.figures', {
        figures: lines.map((l) => `${l.label} ${l.value}`).join(t(lang, 'list.figures')),
      }),
    ),
    blocks: [opening.header, opening.context(compared, scalesNote(report.ratings, lang)), ...sections],
    chart: {
      spec: comparisonChart(report, shown, compared, lang),
      altText: t(lang, 'alt.overview', { when: opening.when }),
      position: 2 + sections.length,
    },
  };
}
