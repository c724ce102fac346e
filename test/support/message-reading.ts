// Reading a BotMessage the way a person reads it in Slack: its header, context lines, table
// cells and every mrkdwn text, for assertions in report and command tests.

import type { BotMessage } from '../../src/message/message.ts';

type Text = { type: string; text: string };
export type Block = {
  type: string;
  text?: Text;
  elements?: Text[];
  fields?: Text[];
  rows?: Text[][];
};

export const blocksOf = (m: BotMessage) => m.blocks as unknown as Block[];

export const headerOf = (m: BotMessage) => blocksOf(m).find((b) => b.type === 'header')?.text?.text ?? '';

export const tableOf = (m: BotMessage) =>
  (blocksOf(m).find((b) => b.type === 'table')?.rows ?? []).map((row) => row.map((c) => c.text));

export const contextTexts = (m: BotMessage) =>
  blocksOf(m)
    .filter((b) => b.type === 'context')
    .flatMap((b) => (b.elements ?? []).map((e) => e.text));

/** Every mrkdwn text object in the message. */
export function mrkdwnTexts(m: BotMessage): string[] {
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(visit);
    }
  };
  visit(m.blocks);
  return out;
}
