// The pieces the bot's modals and Home tab are made of: plain text, an option, an input block whose
// action_id is its block_id (so a submission is read back by one word per field), and a form: a modal
// with Save and Cancel that carries the name of what it edits.

import { type Lang, t } from '../src/i18n/catalogue.ts';
import { verbatimBlocks } from '../src/message/message.ts';

export const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
export const option = (text: string, value: string) => ({ text: plain(text), value });

export function input(
  id: string,
  label: string,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
) {
  return {
    type: 'input',
    block_id: id,
    label: plain(label),
    optional: extra.optional ?? false,
    ...(extra.hint ? { hint: plain(extra.hint) } : {}),
    ...(extra.dispatch ? { dispatch_action: true } : {}),
    element: { action_id: id, ...element },
  };
}

type FormTitle =
  | 'digestForm.titleNew'
  | 'digestForm.titleEdit'
  | 'alertForm.titleNew'
  | 'alertForm.titleEdit';

/** A form modal: `editing` (the name of what it changes, or null for a new one) comes back on submit. */
export function formModal(
  callbackId: string,
  editing: string | null,
  titles: { fresh: FormTitle; edit: FormTitle },
  lang: Lang,
  blocks: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: editing ?? '',
    title: plain(t(lang, editing ? titles.edit : titles.fresh)),
    submit: plain(t(lang, 'digestForm.save')),
    close: plain(t(lang, 'home.cancel')),
    blocks: verbatimBlocks(blocks),
  };
}
