// A KPI's change against the previous period, in the unit a reader expects: points for rates,
// percent for counts and durations; ▲/▼ for the direction, "better"/"worse" by the KPI's sense.

import { type Lang, t } from '../src/i18n/catalogue.ts';
import { pointsText } from '../src/i18n/units.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';

export interface Change {
  arrow: '▲' | '▼' | '=';
  /** "1.2 pts" (zh "1.2 个百分点"), "12.3%". */
  amount: string;
  verdict: 'better' | 'worse' | 'same';
}

/** Null when either value is missing (or a count/duration was 0 before: no meaningful %). */
export function changeOf(
  kpi: KpiId,
  current: number | null | undefined,
  previous: number | null | undefined,
  lang: Lang,
): Change | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const { unit, better } = KPIS[kpi];
  const delta = current - previous;
  let amount: string;
  if (unit === 'ratio') {
    const points = delta * 100;
    if (Math.abs(points) < 0.05) return { arrow: '=', amount: pointsText(lang, 0), verdict: 'same' };
    amount = pointsText(lang, Math.abs(points));
  } else {
    if (previous === 0) return null;
    const percent = (delta / previous) * 100;
    if (Math.abs(percent) < 0.05) return { arrow: '=', amount: '0.0%', verdict: 'same' };
    amount = `${Math.abs(percent).toFixed(1)}%`;
  }
  const up = delta > 0;
  return { arrow: up ? '▲' : '▼', amount, verdict: up === (better === 'higher') ? 'better' : 'worse' };
}

export function changeText(change: Change | null, lang: Lang): string {
  if (!change) return t(lang, 'change.none');
  if (change.verdict === 'same') return t(lang, 'change.same');
  const verdict = t(lang, change.verdict === 'better' ? 'change.better' : 'change.worse');
  return t(lang, 'change.text', { arrow: change.arrow, amount: change.amount, verdict });
}
