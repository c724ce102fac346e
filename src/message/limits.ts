// Slack's Block Kit limits on a message, which the layouts fit their answers to, and the check that a
// message keeps them (the fake Slack in the tests applies it to everything the bot sends). View limits
// (Home, modals) build on it in view-limits.ts.

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  altText: 2000,
  tableRows: 100,
  tableCells: 20,
  /** Slack truncates longer `text` fallbacks. */
  fallbackText: 4000,
  /** Total characters of text across all blocks that a message may carry in practice. */
  totalChars: 12_000,
} as const;

export type AnyBlock = Record<string, unknown> & { type: string };

/** The `text` of a Block Kit text object, or '' for anything else. */
export const textOf = (value: unknown): string =>
  typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
    ? ((value as { text: string }).text ?? '')
    : '';

/**
 * The problems of each block by itself, and the characters of text the blocks carry (Slack caps a
 * message's total). `more` checks the block types a surface allows beyond a message's (a view's
 * inputs); it returns null for a type it does not know either.
 */
export function blocksProblems(
  blocks: readonly unknown[],
  more: (
    block: AnyBlock,
    where: string,
    check: (ok: boolean, problem: string) => void,
  ) => number | null = () => null,
): { problems: string[]; chars: number } {
  const problems: string[] = [];
  const L = SLACK_LIMITS;
  let total = 0;
  let tables = 0;
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  (blocks as AnyBlock[]).forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    switch (block.type) {
      case 'header': {
        const text = textOf(block.text);
        total += text.length;
        check(
          text.length > 0 && text.length <= L.headerText,
          `${where}: header text must be 1–${L.headerText} chars`,
        );
        break;
      }
      case 'section': {
        const text = textOf(block.text);
        total += text.length;
        check(text.length <= L.sectionText, `${where}: text ${text.length} chars (max ${L.sectionText})`);
        const fields = (block.fields as unknown[] | undefined) ?? [];
        check(fields.length <= L.sectionFields, `${where}: ${fields.length} fields (max ${L.sectionFields})`);
        for (const field of fields) {
          total += textOf(field).length;
          check(textOf(field).length <= L.fieldText, `${where}: a field over ${L.fieldText} chars`);
        }
        check(text.length > 0 || fields.length > 0, `${where}: section needs text or fields`);
        break;
      }
      case 'context': {
        const elements = (block.elements as unknown[] | undefined) ?? [];
        check(elements.length >= 1 && elements.length <= L.contextElements, `${where}: 1–10 elements`);
        for (const element of elements) {
          total += textOf(element).length;
          // A text object holds at most 3000 characters, in a context as in a section.
          check(textOf(element).length <= L.sectionText, `${where}: an element over ${L.sectionText} chars`);
        }
        break;
      }
      case 'actions': {
        const elements = (block.elements as Record<string, unknown>[] | undefined) ?? [];
        check(elements.length >= 1 && elements.length <= L.actionsElements, `${where}: 1–25 elements`);
        for (const element of elements) {
          check(
            textOf(element.text).length <= L.buttonText,
            `${where}: button text over ${L.buttonText} chars`,
          );
          check(String(element.value ?? '').length <= L.buttonValue, `${where}: button value too long`);
          check(String(element.url ?? '').length <= L.url, `${where}: button url too long`);
        }
        break;
      }
      case 'image': {
        const url = block.image_url as string | undefined;
        check(url !== undefined || block.slack_file !== undefined, `${where}: needs image_url or slack_file`);
        check((url ?? '').length <= L.url, `${where}: image_url over ${L.url} chars`);
        const alt = String(block.alt_text ?? '');
        check(alt.length > 0 && alt.length <= L.altText, `${where}: alt_text must be 1–${L.altText} chars`);
        break;
      }
      case 'table': {
        tables += 1;
        const rows = (block.rows as unknown[][] | undefined) ?? [];
        check(
          rows.length >= 1 && rows.length <= L.tableRows,
          `${where}: ${rows.length} rows (max ${L.tableRows})`,
        );
        for (const row of rows) {
          check(row.length <= L.tableCells, `${where}: a row with ${row.length} cells (max ${L.tableCells})`);
          for (const cell of row) total += textOf(cell).length;
        }
        break;
      }
      case 'divider':
        break;
      default: {
        const chars = more(block, where, check);
        if (chars === null) problems.push(`${where}: block type not used by this bot`);
        else total += chars;
      }
    }
  });
  check(tables <= 1, `${tables} table blocks (Slack allows one per message)`);
  return { problems, chars: total };
}

/** Every way `blocks` and `text` break Slack's limits; empty when the message is sendable. */
export function blockKitProblems(message: { text?: string; blocks?: unknown[] }): string[] {
  const blocks = message.blocks ?? [];
  const L = SLACK_LIMITS;
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  if (!message.text?.trim()) problems.push('message has no plain-text fallback');
  check((message.text ?? '').length <= L.fallbackText, `fallback text over ${L.fallbackText} chars`);
  check(blocks.length <= L.blocks, `${blocks.length} blocks (max ${L.blocks})`);
  const each = blocksProblems(blocks);
  problems.push(...each.problems);
  check(each.chars <= L.totalChars, `${each.chars} characters of text in blocks (max ${L.totalChars})`);
  return problems;
}
