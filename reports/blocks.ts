// Blocks every answer shares: its header, and the answer for a period with nothing to show (the
// title, what is missing, and for which scope), so an empty period never looks like a table of zeros.

import { type BotMessage, escapeMrkdwn } from '../src/slack/message.ts';

export function headerBlock(title: string) {
  return { type: 'header' as const, text: { type: 'plain_text' as const, text: title } };
}

export function nothingToShow(
  title: string,
  note: string,
  scope: string,
  visibility: BotMessage['visibility'],
): BotMessage {
  return {
    visibility,
    text: `${escapeMrkdwn(title)}: ${escapeMrkdwn(note)}`,
    blocks: [
      headerBlock(title),
      { type: 'section', text: { type: 'mrkdwn', text: `${escapeMrkdwn(note)} (${escapeMrkdwn(scope)})` } },
    ],
  };
}

/** What a table lists, for its footer. */
export type Listed = 'agents' | 'groups' | 'departments' | 'channels' | 'topics' | 'regions' | 'scopes';

const LISTED: Record<Listed, { en: readonly [string, string]; zh: string }> = {
  agents: { en: ['agent', 'agents'], zh: '位客服' },
  groups: { en: ['skill group', 'skill groups'], zh: '个技能组' },
  departments: { en: ['department', 'departments'], zh: '个部门' },
  channels: { en: ['channel', 'channels'], zh: '个渠道' },
  topics: { en: ['topic', 'topics'], zh: '个分类' },
  regions: { en: ['region', 'regions'], zh: '个地区' },
  scopes: { en: ['scope', 'scopes'], zh: '个范围' },
};

/**
 * The one footer form of every table: "Showing 15 of 75 agents", and where the rest went
 * ("full table attached as agents-2026-12-02.csv") when it did not fit.
 */
export function showingText(
  shown: number,
  total: number,
  listed: Listed,
  lang: 'en' | 'zh',
  attached: string | null = null,
): string {
  const { en, zh } = LISTED[listed];
  const showing =
    lang === 'zh'
      ? `显示 ${shown} / ${total} ${zh}`
      : `Showing ${shown} of ${total} ${total === 1 ? en[0] : en[1]}`;
  if (!attached) return showing;
  return lang === 'zh'
    ? `${showing} · 完整表格见附件 ${attached}`
    : `${showing} · full table attached as ${attached}`;
}
