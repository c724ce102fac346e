// Slack's limits on views (the Home tab and modals: views.publish, views.open, views.update), checked
// before sending as the fake Slack checks them: the blocks as in a message (limits.ts), plus
// the view's own fields, input blocks and the interactive elements wherever they sit.
// Source: https://docs.slack.dev/reference/views and https://docs.slack.dev/reference/block-kit/block-elements

import { type AnyBlock, blocksProblems, textOf } from './limits.ts';

export const VIEW_LIMITS = {
  blocks: 100,
  title: 24,
  submit: 24,
  close: 24,
  callbackId: 255,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  overflowOptions: [2, 5],
  selectOptions: 100,
  checkboxOptions: 10,
} as const;

const ELEMENT_TYPES = new Set([
  'button',
  'overflow',
  'static_select',
  'external_select',
  'conversations_select',
  'channels_select',
  'users_select',
  'timepicker',
  'checkboxes',
  'radio_buttons',
  'plain_text_input',
  'number_input',
]);

type Check = (ok: boolean, problem: string) => void;

function optionsProblems(options: unknown, where: string, check: Check): void {
  for (const option of (options as Record<string, unknown>[] | undefined) ?? []) {
    const text = textOf(option.text);
    check(
      text.length > 0 && text.length <= VIEW_LIMITS.optionText,
      `${where}: option text must be 1–${VIEW_LIMITS.optionText} chars`,
    );
    check(
      String(option.value ?? '').length <= VIEW_LIMITS.optionValue,
      `${where}: option value over ${VIEW_LIMITS.optionValue} chars`,
    );
  }
}

/** One interactive element (a button, select, picker, input): its type and its own limits. */
function elementProblems(element: Record<string, unknown>, where: string, check: Check): void {
  const type = String(element.type);
  check(ELEMENT_TYPES.has(type), `${where}: element type ${type} not used by this bot`);
  const actionId = element.action_id;
  check(
    actionId === undefined || (typeof actionId === 'string' && actionId.length <= VIEW_LIMITS.actionId),
    `${where}: action_id over ${VIEW_LIMITS.actionId} chars`,
  );
  check(
    textOf(element.placeholder).length <= VIEW_LIMITS.placeholder,
    `${where}: placeholder over ${VIEW_LIMITS.placeholder} chars`,
  );
  const options = element.options as unknown[] | undefined;
  if (type === 'overflow') {
    const [min, max] = VIEW_LIMITS.overflowOptions;
    check(
      (options?.length ?? 0) >= min && (options?.length ?? 0) <= max,
      `${where}: overflow needs ${min}–${max} options`,
    );
  }
  if (type === 'static_select' || type === 'radio_buttons')
    check(
      (options?.length ?? 0) >= 1 && (options?.length ?? 0) <= VIEW_LIMITS.selectOptions,
      `${where}: 1–${VIEW_LIMITS.selectOptions} options`,
    );
  if (type === 'checkboxes')
    check(
      (options?.length ?? 0) >= 1 && (options?.length ?? 0) <= VIEW_LIMITS.checkboxOptions,
      `${where}: 1–${VIEW_LIMITS.checkboxOptions} options`,
    );
  optionsProblems(options, where, check);
  if (element.initial_option) optionsProblems([element.initial_option], `${where} initial_option`, check);
  optionsProblems(element.initial_options, `${where} initial_options`, check);
  if (type === 'button') check(textOf(element.text).length > 0, `${where}: button without text`);
}

/** What a view allows beyond a message's blocks: input blocks (label, element, hint). */
function inputBlock(block: AnyBlock, where: string, check: Check): number | null {
  if (block.type !== 'input') return null;
  const label = textOf(block.label);
  check(
    label.length > 0 && label.length <= VIEW_LIMITS.label,
    `${where}: label must be 1–${VIEW_LIMITS.label} chars`,
  );
  check(textOf(block.hint).length <= VIEW_LIMITS.hint, `${where}: hint over ${VIEW_LIMITS.hint} chars`);
  check(typeof block.element === 'object' && block.element !== null, `${where}: input without element`);
  return label.length + textOf(block.hint).length;
}

/** Every way `view` breaks Slack's limits for its surface; empty when Slack would take it. */
export function viewProblems(view: unknown): string[] {
  const problems: string[] = [];
  const check: Check = (ok, problem) => {
    if (!ok) problems.push(problem);
  };
  if (typeof view !== 'object' || view === null) return ['no view'];
  const v = view as Record<string, unknown>;
  check(v.type === 'home' || v.type === 'modal', `view type must be home or modal, got ${String(v.type)}`);
  const blocks = (v.blocks as AnyBlock[] | undefined) ?? [];
  check(Array.isArray(v.blocks), 'view without blocks');
  check(blocks.length <= VIEW_LIMITS.blocks, `${blocks.length} blocks (max ${VIEW_LIMITS.blocks})`);
  if (v.type === 'modal') {
    const title = textOf(v.title);
    check(
      title.length > 0 && title.length <= VIEW_LIMITS.title,
      `modal title must be 1–${VIEW_LIMITS.title} chars`,
    );
    check(textOf(v.submit).length <= VIEW_LIMITS.submit, `submit text over ${VIEW_LIMITS.submit} chars`);
    check(textOf(v.close).length <= VIEW_LIMITS.close, `close text over ${VIEW_LIMITS.close} chars`);
    // Slack refuses a modal with inputs and nowhere to submit them.
    if (blocks.some((b) => b.type === 'input'))
      check(v.submit !== undefined, 'modal with inputs needs submit');
  }
  check(
    String(v.callback_id ?? '').length <= VIEW_LIMITS.callbackId,
    `callback_id over ${VIEW_LIMITS.callbackId} chars`,
  );
  check(
    String(v.private_metadata ?? '').length <= VIEW_LIMITS.privateMetadata,
    `private_metadata over ${VIEW_LIMITS.privateMetadata} chars`,
  );
  problems.push(...blocksProblems(blocks, inputBlock).problems);
  const ids = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    if (typeof block.block_id === 'string') {
      check(
        block.block_id.length <= VIEW_LIMITS.blockId,
        `${where}: block_id over ${VIEW_LIMITS.blockId} chars`,
      );
      check(!ids.has(block.block_id), `${where}: block_id ${block.block_id} is not unique`);
      ids.add(block.block_id);
    }
    const elements = [
      ...((block.elements as Record<string, unknown>[] | undefined) ?? []).filter(
        () => block.type === 'actions',
      ),
      ...(block.accessory ? [block.accessory as Record<string, unknown>] : []),
      ...(block.element ? [block.element as Record<string, unknown>] : []),
    ];
    for (const element of elements) {
      if (element.type === 'image') continue;
      elementProblems(element, where, check);
    }
  });
  return problems;
}
