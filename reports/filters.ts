// The line that states which filters an answer was computed with, and the mark of a figure that
// Sobot cannot narrow that way.

import { type Lang, type MessageKey, t } from '../src/i18n/catalogue.ts';
import { listText } from '../src/i18n/units.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import type { DirectoryEntry, StatsFilters } from '../src/stats/model.ts';
import { widerScope } from '../src/stats/scope.ts';

const LABELS = {
  group: 'filters.label.group',
  department: 'filters.label.department',
  channel: 'filters.label.channel',
  agent: 'filters.label.agent',
  robot: 'filters.label.robot',
} as const satisfies Record<DirectoryEntry['dimension'], MessageKey>;

/** Sub-departments named after a parent department; the rest are counted. */
const NAMED_SUB_DEPARTMENTS = 5;

/** "Sales (incl. sub-departments East China, South China)": what a parent department's figures include. */
function withIncluded(name: string, names: readonly string[], lang: Lang): string {
  const named = listText(lang, names.slice(0, NAMED_SUB_DEPARTMENTS));
  const more = names.length - NAMED_SUB_DEPARTMENTS;
  return t(lang, 'filters.included', {
    text: name,
    names: more > 0 ? t(lang, 'filters.includedMore', { names: named, more }) : named,
  });
}

/** "Skill group: Sales · Channel: APP", or null when nothing was filtered. */
export function filtersText(applied: readonly DirectoryEntry[], lang: Lang): string | null {
  if (applied.length === 0) return null;
  return applied
    .map((entry) =>
      t(lang, 'text.labelled', {
        label: t(lang, LABELS[entry.dimension]),
        value: entry.includes?.length ? withIncluded(entry.name, entry.includes, lang) : entry.name,
      }),
    )
    .join(' · ');
}

const WIDER = {
  group: 'dimension.groups',
  department: 'dimension.departments',
  channel: 'dimension.channels',
  agent: 'dimension.agents',
  robot: 'dimension.robots',
} as const satisfies Record<DirectoryEntry['dimension'], MessageKey>;

/**
 * The mark of a figure Sobot cannot narrow the way the reply's filters say: "company-wide" when
 * none of them applies to it, "all skill groups" when some do. Null when the figure is as filtered.
 */
export function scopeMark(kpi: KpiId, filters: StatsFilters, lang: Lang): string | null {
  const wider = widerScope(kpi, filters);
  if (!wider) return null;
  if (wider.companyWide) return t(lang, 'filters.companyWide');
  const names = wider.ignored.map((dimension) => t(lang, WIDER[dimension]));
  return t(lang, 'filters.allOf', { names: names.join(t(lang, 'list.and')) });
}

/** A KPI's label with its scope mark, if any: "Bot chats (company-wide)", "机器人会话量（全公司）". */
export function markedLabel(label: string, kpi: KpiId, filters: StatsFilters, lang: Lang): string {
  const mark = scopeMark(kpi, filters, lang);
  if (!mark) return label;
  return t(lang, 'text.note', { text: label, note: mark });
}
