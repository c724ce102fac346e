// Renders a BotMessage as terminal text for the demo console (in the spirit of Hubot's shell
// adapter): headers, mrkdwn, aligned tables (CJK counts as two columns), and file paths.

import { type Lang, t } from '../i18n/catalogue.ts';
import { textOf } from '../message/limits.ts';
import type { BotMessage } from '../message/message.ts';

/** Terminal columns a character takes: East Asian wide and full-width forms take two. */
function charWidth(codePoint: number): number {
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Slack mrkdwn → plain text: entities decoded, emphasis markers dropped. */
export function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/:warning:/g, '⚠')
    .replace(/:hourglass_flowing_sand:/g, '⏳')
    .replace(/(^|\s)[*_]([^*_\n]+)[*_](?=\s|$|[.,:;])/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

type Block = Record<string, unknown> & { type: string };

function renderTable(block: Block): string[] {
  const rows = ((block.rows as unknown[][]) ?? []).map((row) => row.map(textOf));
  const settings = (block.column_settings as { align?: string }[] | undefined) ?? [];
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => displayWidth(row[col] ?? '')))) ?? [];
  const line = (row: string[]) =>
    row
      .map((text, col) => pad(text, widths[col] ?? 0, settings[col]?.align === 'right' ? 'right' : 'left'))
      .join('  ');
  const [head, ...body] = rows;
  if (!head) return [];
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}

/** The message as lines of text; `imageNote` is what to print where the chart goes. */
export function renderForConsole(message: BotMessage, imageNote: string | null, lang: Lang): string {
  const blocks = [...message.blocks] as Block[];
  if (message.chart && imageNote)
    blocks.splice(message.chart.position, 0, { type: 'image', note: imageNote });
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header': {
        const text = textOf(block.text);
        out.push(text, '═'.repeat(displayWidth(text)));
        break;
      }
      case 'section':
        out.push(plain(textOf(block.text)));
        for (const field of (block.fields as unknown[] | undefined) ?? []) out.push(plain(textOf(field)));
        break;
      case 'context':
        out.push(((block.elements as unknown[]) ?? []).map((e) => plain(textOf(e))).join('  '));
        break;
      case 'table':
        out.push(...renderTable(block));
        break;
      case 'image':
        out.push(`[chart] ${String(block.note)}`);
        break;
      case 'divider':
        out.push('─'.repeat(40));
        break;
      case 'actions':
        // As Slack draws a row of buttons: `[ ◀ Previous day ]  [ Share to channel ]`.
        out.push(buttonRow(block));
        break;
      default:
        break;
    }
  }
  const visibility = t(lang, message.visibility === 'ephemeral' ? 'demo.onlyYou' : 'demo.inChannel');
  return [...out, visibility].join('\n');
}

/** What a button or menu shows: `[ Refresh ]`, `[ ⋯ Preview · Post now · Delete ]`. */
function controlText(element: Record<string, unknown>): string {
  if (element.type === 'overflow') {
    const options = (element.options as { text: unknown }[] | undefined) ?? [];
    return `[ ⋯ ${options.map((o) => textOf(o.text)).join(' · ')} ]`;
  }
  return `[ ${textOf(element.text)} ]`;
}

function buttonRow(block: Block): string {
  return ((block.elements as Record<string, unknown>[] | undefined) ?? []).map(controlText).join('  ');
}

/**
 * A view's blocks (the Home tab) as terminal text: as a message, with each section's button or menu
 * after its text and each row of buttons on its own line.
 */
export function viewForConsole(blocks: readonly Record<string, unknown>[]): string {
  const shown = blocks.map((block) => {
    const accessory = block.accessory as Record<string, unknown> | undefined;
    if (block.type !== 'section' || !accessory) return block;
    return { ...block, text: { type: 'mrkdwn', text: `${textOf(block.text)}   ${controlText(accessory)}` } };
  });
  const rendered = renderForConsole(
    { visibility: 'ephemeral', text: '', blocks: shown as never },
    null,
    'en',
  );
  // The Home tab is each viewer's own; "(only visible to you)" is a message's note.
  return rendered.split('\n').slice(0, -1).join('\n');
}
