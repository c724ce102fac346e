// What a KPI is called where it is shown. The registry's label, except where Sobot's figure means
// something different by source: satisfaction is labelled as Sobot labels it on the company's
// rating scale, 24h FCR is a share of customers company-wide (getGeneral) but of chats per agent,
// and an agent's chats count a transferred chat once per agent who handled it.

import type { KpiId, RatingScale } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import type { RatingUse } from '../src/stats/model.ts';
import type { Lang } from './format.ts';

/** Where the figures come from: the company's session statistics, or the agents' workload rows. */
export interface LabelContext {
  source: 'company' | 'agents';
  /** The rating scale satisfaction is read on; absent: the API does not say (legacy). */
  scale?: RatingScale | null;
}

type Words = { en: string; zh: string };

export const SCALE_NAMES: Record<RatingScale, Words> = {
  five_star: { en: '5 stars', zh: '五星评价' },
  nps: { en: '0–10 score', zh: '十分制' },
  two_level: { en: 'Satisfied / dissatisfied', zh: '满意 / 不满意' },
};

/** Sobot's own names for the positive share (doc: good_rate_str, good_nps_rate_str, level2_score5_rate_str). */
const SATISFACTION: Record<RatingScale, { label: Words; short: Words }> = {
  five_star: {
    label: { en: 'Positive feedback (5★)', zh: '好评率（五星）' },
    short: { en: 'Positive', zh: '好评' },
  },
  nps: {
    label: { en: 'Positive feedback (0–10)', zh: '好评率（十分制）' },
    short: { en: 'Positive', zh: '好评' },
  },
  two_level: {
    label: { en: 'Satisfaction rate', zh: '满意率' },
    short: { en: 'Satisfied', zh: '满意' },
  },
};

const BY_SOURCE: Record<LabelContext['source'], Partial<Record<KpiId, { label: Words; short: Words }>>> = {
  company: {
    fcr_24h: {
      label: { en: '24h FCR (of customers)', zh: '24小时一次性解决率（按客户）' },
      short: { en: 'FCR (cust.)', zh: '一次解决（客户）' },
    },
  },
  agents: {
    chats: { label: { en: 'Chats handled', zh: '接待会话量' }, short: { en: 'Handled', zh: '接待' } },
    fcr_24h: {
      label: { en: '24h FCR (of chats)', zh: '24小时一次性解决率（按会话）' },
      short: { en: 'FCR (chats)', zh: '一次解决（会话）' },
    },
  },
};

/** The label (or the short column title) of a KPI in this context. */
export function kpiLabel(
  id: KpiId,
  lang: Lang,
  context: LabelContext,
  form: 'label' | 'short' = 'label',
): string {
  if (id === 'satisfaction' && context.scale) return SATISFACTION[context.scale][form][lang];
  return (BY_SOURCE[context.source][id] ?? KPIS[id])[form][lang];
}

/**
 * A sentence for the context line when chats were rated on more than one scale: the figure is the
 * company's scale only (Sobot's own share), never a pool of several scales. Null with one scale.
 */
export function scalesNote(ratings: RatingUse | undefined, lang: Lang): string | null {
  if (!ratings?.scale || ratings.inUse.length < 2) return null;
  const others = ratings.inUse.filter((s) => s !== ratings.scale).map((s) => SCALE_NAMES[s][lang]);
  const main = SCALE_NAMES[ratings.scale][lang];
  return lang === 'zh'
    ? `评价使用了多种方式：满意度按${main}（评价最多）计算，未合并${others.join('、')}`
    : `Ratings on several scales: satisfaction is on ${main} (most ratings), not pooled with ${others.join(', ')}`;
}

/** A label inside an English sentence: "chats handled", while "24h FCR" and "CSAT" stay as they are. */
export function inSentence(label: string): string {
  const [first = '', second = ''] = label;
  return /\p{Ll}/u.test(second) ? first.toLowerCase() + label.slice(first.length) : label;
}
