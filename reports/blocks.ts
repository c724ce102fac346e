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
