// The pieces the bot's modals and Home tab are made of: plain text, an option, an input block whose
// action_id is its block_id (so a submission is read back by one word per field).

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
