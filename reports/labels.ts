// What a KPI is called where it is shown. The registry's label, except where Sobot's figure means
// something different by source: satisfaction is labelled as Sobot labels it on the company's
// rating scale, 24h FCR is a share of customers company-wide (getGeneral) but of chats per agent,
// and an agent's chats count a transferred chat once per agent who handled it.

import { type MessageKey, t, textOf } from '../src/i18n/catalogue.ts';
import { listText } from '../src/i18n/units.ts';
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

type Names = { label: MessageKey; short: MessageKey };

export const SCALE_NAMES = {
  five_star: 'scale.five_star',
  nps: 'scale.nps',
  two_level: 'scale.two_level',
} as const satisfies Record<RatingScale, MessageKey>;

/** Sobot's own names for the positive share (doc: good_rate_str, good_nps_rate_str, level2_score5_rate_str). */
const SATISFACTION: Record<RatingScale, Names> = {
  five_star: { label: 'kpi.satisfaction.five_star', short: 'kpiShort.satisfaction.five_star' },
  nps: { label: 'kpi.satisfaction.nps', short: 'kpiShort.satisfaction.nps' },
  two_level: { label: 'kpi.satisfaction.two_level', short: 'kpiShort.satisfaction.two_level' },
};

const BY_SOURCE: Record<LabelContext['source'], Partial<Record<KpiId, Names>>> = {
  company: {
    fcr_24h: { label: 'kpi.fcr_24h.customers', short: 'kpiShort.fcr_24h.customers' },
  },
  agents: {
    chats: { label: 'kpi.chats.handled', short: 'kpiShort.chats.handled' },
    fcr_24h: { label: 'kpi.fcr_24h.chats', short: 'kpiShort.fcr_24h.chats' },
  },
};

/** The label (or the short column title) of a KPI in this context. */
export function kpiLabel(
  id: KpiId,
  lang: Lang,
  context: LabelContext,
  form: 'label' | 'short' = 'label',
): string {
  const names =
    id === 'satisfaction' && context.scale ? SATISFACTION[context.scale] : BY_SOURCE[context.source][id];
  return names ? textOf(lang, names[form]) : KPIS[id][form][lang];
}

/** The two-level scale's buckets arrive with English names from src/; the others are digits and stars. */
const BUCKETS: Readonly<Record<string, MessageKey>> = {
  Satisfied: 'rating.satisfied',
  Dissatisfied: 'rating.dissatisfied',
};

/** A rating bucket's label in the reader's language: "满意", "5★", "10". */
export function bucketLabel(label: string, lang: Lang): string {
  const key = BUCKETS[label];
  return key ? textOf(lang, key) : label;
}

/**
 * A sentence for the context line when chats were rated on more than one scale: the figure is the
 * company's scale only (Sobot's own share), never a pool of several scales. Null with one scale.
 */
export function scalesNote(ratings: RatingUse | undefined, lang: Lang): string | null {
  if (!ratings?.scale || ratings.inUse.length < 2) return null;
  const others = ratings.inUse.filter((s) => s !== ratings.scale).map((s) => t(lang, SCALE_NAMES[s]));
  return t(lang, 'scales.note', {
    main: t(lang, SCALE_NAMES[ratings.scale]),
    others: listText(lang, others),
  });
}

/** A label inside an English sentence: "chats handled", while "24h FCR" and "CSAT" stay as they are. */
export function inSentence(label: string): string {
  const [first = '', second = ''] = label;
  return /\p{Ll}/u.test(second) ? first.toLowerCase() + label.slice(first.length) : label;
}
