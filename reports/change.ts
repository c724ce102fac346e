// A KPI's change against the previous period, in the unit a reader expects: points for rates,
// percent for counts and durations; ▲/▼ for the direction, "better"/"worse" by the KPI's sense.

import { KPIS, type KpiId } from '../src/stats/kpis.ts';

export interface Change {
  arrow: '▲' | '▼' | '=';
  /** "1.2 pts", "12.3%". */
  amount: string;
  verdict: 'better' | 'worse' | 'same';
}

/** Null when either value is missing (or a count/duration was 0 before: no meaningful %). */
export function changeOf(
  kpi: KpiId,
  current: number | null | undefined,
  previous: number | null | undefined,
): Change | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const { unit, better } = KPIS[kpi];
  const delta = current - previous;
  let amount: string;
  if (unit === 'ratio') {
    const points = delta * 100;
    if (Math.abs(points) < 0.05) return { arrow: '=', amount: '0.0 pts', verdict: 'same' };
    amount = `${Math.abs(points).toFixed(1)} pts`;
  } else {
    if (previous === 0) return null;
    const percent = (delta / previous) * 100;
    if (Math.abs(percent) < 0.05) return { arrow: '=', amount: '0.0%', verdict: 'same' };
    amount = `${Math.abs(percent).toFixed(1)}%`;
  }
  const up = delta > 0;
  return { arrow: up ? '▲' : '▼', amount, verdict: up === (better === 'higher') ? 'better' : 'worse' };
}

export function changeText(change: Change | null, lang: 'en' | 'zh'): string {
  if (!change) return lang === 'zh' ? '无可比数据' : 'no comparison';
  if (change.verdict === 'same') return lang === 'zh' ? '持平' : 'unchanged';
  const verdict = lang === 'zh' ? (change.verdict === 'better' ? '改善' : '变差') : change.verdict;
  return `${change.arrow} ${change.amount} ${verdict}`;
}

/**
 * How a card whose changes come from Sobot's own period-over-period fields (`_cycle`, `_ratio`) says
 * so: the document does not define the window Sobot compares with, so the card names none.
 */
export const SOBOT_COMPARED = {
  en: "changes as Sobot reports them (Sobot's own comparison period)",
  zh: '变化为智齿自带的环比（对比区间由智齿决定）',
} as const;
