// `/sobot trend <kpi>`: one KPI per day (or week) as a line chart, with its lowest, highest and
// average point in words and a small table of the points.

import { t } from '../src/i18n/catalogue.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import { KPIS } from '../src/stats/kpis.ts';
import type { DateRange } from '../src/stats/model.ts';
import { chartDate, describeRange, rangeDays } from '../src/stats/period.ts';
import type { TrendReport } from '../src/stats/service.ts';
import { cardHeader } from './blocks.ts';
import { scopeMark } from './filters.ts';
import { formatValue } from './format.ts';
import { textTable } from './table.ts';

export interface TrendView {
  lang: 'en' | 'zh';
  visibility: BotMessage['visibility'];
  filters: string | null;
}

/** Room for the longest date cell: "Mon 30 Nov – Wed 2 Dec 2026 (partial)", never cut. */
const DATE_WIDTH = 48;

/**
 * Points that are not a whole day or week: a week cut short by the period, or the last point
 * while the period is still running. Their value is not comparable with the others'.
 */
function partialPoints(report: TrendReport): boolean[] {
  const running = report.range.until !== undefined;
  return report.points.map(
    (point, i) =>
      (running && i === report.points.length - 1) ||
      (report.granularity === 'week' && rangeDays(point.range) < 7),
  );
}

export function trendMessage(report: TrendReport, view: TrendView): BotMessage {
  const { lang } = view;
  const kpi = KPIS[report.kpi];
  const each = t(lang, report.granularity === 'day' ? 'trend.each.day' : 'trend.each.week');
  const mark = scopeMark(report.kpi, report.filters, lang);
  const wider = mark ? t(lang, 'text.labelled', { label: kpi.label[lang], value: mark }) : null;
  const opening = cardHeader(kpi.label[lang], report.range, view, [wider, each]);
  const { when } = opening;
  const known = report.points.filter((p): p is { range: DateRange; value: number } => p.value !== null);
  if (known.length === 0) {
    return opening.empty(t(lang, 'trend.none'));
  }
  const format = (value: number | null) => formatValue(kpi.unit, value, lang);
  const lowest = known.reduce((a, b) => (b.value < a.value ? b : a));
  const highest = known.reduce((a, b) => (b.value > a.value ? b : a));
  const average = known.reduce((sum, p) => sum + p.value, 0) / known.length;
  const summary = t(lang, 'trend.summary', {
    lowest: format(lowest.value),
    lowestWhen: describeRange(lowest.range, lang),
    highest: format(highest.value),
    highestWhen: describeRange(highest.range, lang),
    each,
    average: format(average),
  });
  const partial = partialPoints(report);
  // The same date format as the summary and the header (describeRange), the partial ones marked.
  const { block } = textTable(
    [t(lang, report.granularity === 'day' ? 'trend.column.day' : 'trend.column.week'), kpi.short[lang]],
    report.points.map((p, i) => {
      const when = describeRange(p.range, lang);
      return [partial[i] ? t(lang, 'trend.partial', { when }) : when, format(p.value)];
    }),
    report.points.length,
    DATE_WIDTH,
  );
  const partialNote = partial.some(Boolean)
    ? t(lang, report.granularity === 'week' ? 'chart.partialWeeks' : 'chart.partialDays')
    : null;
  return {
    visibility: view.visibility,
    text: opening.text(t(lang, 'fallback.figures', { figures: summary })),
    blocks: [
      opening.header,
      opening.context(),
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(summary) } },
      block,
    ],
    chart: {
      spec: {
        title: t(lang, 'chart.trend.title', { kpi: kpi.label[lang], each }),
        lang,
        subtitle: [when, view.filters, partialNote].filter(Boolean).join(' · '),
        labels: report.points.map((p) => chartDate(p.range, lang)),
        partial,
        series: [
          {
            label: kpi.label[lang],
            values: report.points.map((p) => p.value),
            unit: kpi.unit === 'score' ? 'count' : kpi.unit,
            type: 'line',
          },
        ],
      },
      altText: t(lang, 'alt.trend', { kpi: kpi.label[lang], each, when }),
      position: 3,
    },
  };
}
