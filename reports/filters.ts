// The line that states which filters an answer was computed with, and the mark of a figure that
// Sobot cannot narrow that way.

import type { KpiId } from '../src/stats/kpi-ids.ts';
import type { DirectoryEntry, StatsFilters } from '../src/stats/model.ts';
import { widerScope } from '../src/stats/scope.ts';

const LABELS: Record<DirectoryEntry['dimension'], { en: string; zh: string }> = {
  group: { en: 'Skill group', zh: '技能组' },
  department: { en: 'Department', zh: '部门' },
  channel: { en: 'Channel', zh: '渠道' },
  agent: { en: 'Agent', zh: '客服' },
  robot: { en: 'Bot', zh: '机器人' },
};

/** Sub-departments named after a parent department; the rest are counted. */
const NAMED_SUB_DEPARTMENTS = 5;

/** "(incl. East China, South China)": what a parent department's figures include. */
function includedText(names: readonly string[], lang: 'en' | 'zh'): string {
  const named = names.slice(0, NAMED_SUB_DEPARTMENTS);
  const more = names.length - named.length;
  if (lang === 'zh') return `（含下级部门 ${named.join('、')}${more ? ` 等 ${names.length} 个` : ''}）`;
  return ` (incl. sub-departments ${named.join(', ')}${more ? ` and ${more} more` : ''})`;
}

/** "Skill group: Sales · Channel: APP", or null when nothing was filtered. */
export function filtersText(applied: readonly DirectoryEntry[], lang: 'en' | 'zh'): string | null {
  if (applied.length === 0) return null;
  return applied
    .map((entry) => {
      const included = entry.includes?.length ? includedText(entry.includes, lang) : '';
      return `${LABELS[entry.dimension][lang]}: ${entry.name}${included}`;
    })
    .join(' · ');
}

const WIDER: Record<DirectoryEntry['dimension'], { en: string; zh: string }> = {
  group: { en: 'skill groups', zh: '技能组' },
  department: { en: 'departments', zh: '部门' },
  channel: { en: 'channels', zh: '渠道' },
  agent: { en: 'agents', zh: '客服' },
  robot: { en: 'bots', zh: '机器人' },
};

/**
 * The mark of a figure Sobot cannot narrow the way the reply's filters say: "company-wide" when
 * none of them applies to it, "all skill groups" when some do. Null when the figure is as filtered.
 */
export function scopeMark(kpi: KpiId, filters: StatsFilters, lang: 'en' | 'zh'): string | null {
  const wider = widerScope(kpi, filters);
  if (!wider) return null;
  if (wider.companyWide) return lang === 'zh' ? '全公司' : 'company-wide';
  const names = wider.ignored.map((dimension) => WIDER[dimension][lang]);
  return lang === 'zh' ? `不分${names.join('、')}` : `all ${names.join(' and ')}`;
}

/** A KPI's label with its scope mark, if any: "Bot chats (company-wide)", "机器人会话量（全公司）". */
export function markedLabel(label: string, kpi: KpiId, filters: StatsFilters, lang: 'en' | 'zh'): string {
  const mark = scopeMark(kpi, filters, lang);
  if (!mark) return label;
  return lang === 'zh' ? `${label}（${mark}）` : `${label} (${mark})`;
}
