// Blocks every answer shares: its header, and the answer for a period with nothing to show (the
// title, what is missing, and for which scope), so an empty period never looks like a table of zeros.

import { type Lang, t } from '../src/i18n/catalogue.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';

export function headerBlock(title: string) {
  return { type: 'header' as const, text: { type: 'plain_text' as const, text: title } };
}

export function nothingToShow(
  title: string,
  note: string,
  scope: string,
  visibility: BotMessage['visibility'],
  lang: Lang,
): BotMessage {
  const said = t(lang, 'blocks.nothing', { note: escapeMrkdwn(note), scope: escapeMrkdwn(scope) });
  return {
    visibility,
    text: t(lang, 'text.labelled', { label: escapeMrkdwn(title), value: escapeMrkdwn(note) }),
    blocks: [headerBlock(title), { type: 'section', text: { type: 'mrkdwn', text: said } }],
  };
}

/** What a table lists, for its footer. */
export type Listed = 'agents' | 'groups' | 'departments' | 'channels' | 'topics' | 'regions' | 'scopes';

/**
 * The one footer form of every table: "Showing 15 of 75 agents", and where the rest went
 * ("full table attached as agents-2026-12-02.csv") when it did not fit.
 */
export function showingText(
  shown: number,
  total: number,
  listed: Listed,
  lang: Lang,
  attached: string | null = null,
): string {
  const showing = t(lang, 'showing.of', {
    shown,
    total,
    listed: t(lang, `listed.${listed}`, { count: total }),
  });
  return attached ? t(lang, 'showing.attached', { showing, file: attached }) : showing;
}
