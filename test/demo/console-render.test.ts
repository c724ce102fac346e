// The demo console shows a reply as Slack shows it: buttons as a row of `[ label ]`, a notice as
// its own ephemeral line, tables aligned with CJK counted as two columns.

import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../src/demo/console-render.ts';
import type { BotMessage } from '../../src/message/message.ts';

const button = (text: string) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  action_id: text,
});

describe('renderForConsole', () => {
  it('draws a row of buttons as one line of bracketed labels', () => {
    const message: BotMessage = {
      visibility: 'ephemeral',
      text: 'Agents',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*Agents* yesterday' } },
        { type: 'actions', elements: [button('◀ Previous day'), button('Share to channel')] },
      ],
    };
    const lines = renderForConsole(message, null, 'en').split('\n');
    expect(lines).toContain('[ ◀ Previous day ]  [ Share to channel ]');
    expect(lines[0]).toBe('Agents yesterday');
  });

  it('aligns table columns by display width, CJK names taking two columns a character', () => {
    const cell = (text: string) => ({ type: 'raw_text' as const, text });
    const message: BotMessage = {
      visibility: 'ephemeral',
      text: 't',
      blocks: [
        {
          type: 'table',
          column_settings: [{ align: 'left' }, { align: 'right' }],
          rows: [
            [cell('客服'), cell('Chats')],
            [cell('黄小明'), cell('90')],
            [cell('Sam'), cell('5')],
          ],
        },
      ],
    };
    const [head, rule, first, second] = renderForConsole(message, null, 'en').split('\n');
    expect(rule).toBe('──────  ─────');
    expect(head).toBe('客服    Chats');
    expect(first).toBe('黄小明     90');
    expect(second).toBe(`Sam${' '.repeat(9)}5`);
  });
});

describe('renderForConsole in Chinese', () => {
  it("notes who sees the reply as Slack does in the reader's language", () => {
    const message: BotMessage = { visibility: 'ephemeral', text: 't', blocks: [] };
    expect(renderForConsole(message, null, 'zh')).toBe('（仅你可见）');
    expect(renderForConsole({ ...message, visibility: 'in_channel' }, null, 'en')).toBe(
      '(posted in the channel)',
    );
  });
});
