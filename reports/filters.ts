// The line that states which filters an answer was computed with.

import type { DirectoryEntry } from '../src/stats/model.ts';

const LABELS: Record<DirectoryEntry['dimension'], { en: string; zh: string }> = {
  group: { en: 'Skill group', zh: '技能组' },
  department: { en: 'Department', zh: '部门' },
  channel: { en: 'Channel', zh: '渠道' },
  agent: { en: 'Agent', zh: '客服' },
  robot: { en: 'Bot', zh: '机器人' },
};

/** "Skill group: Sales · Channel: APP", or null when nothing was filtered. */
export function filtersText(applied: readonly DirectoryEntry[], lang: 'en' | 'zh'): string | null {
  if (applied.length === 0) return null;
  return applied.map((entry) => `${LABELS[entry.dimension][lang]}: ${entry.name}`).join(' · ');
}
