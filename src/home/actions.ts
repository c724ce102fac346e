// The Home tab's buttons and menus: their action_ids, and the values their options carry (a verb and
// the digest or rule it acts on). reports/home.ts writes them, src/slack/home.ts reads them back.

import { NAME } from '../config-file.ts';

export const HOME_ACTIONS = {
  refresh: 'home_refresh',
  /** An alert rule's menu: mute1h, mutetomorrow or unmute. */
  alert: 'home_alert',
  /** A digest's menu (admins): preview, now, edit (digests made in Slack) or delete. */
  digest: 'home_digest',
  /** Opens the New digest form (admins). */
  newDigest: 'home_new_digest',
  /** A digest's one button for everyone else: preview. */
  digestPreview: 'home_digest_preview',
} as const;

/** callback_ids of the modals Home opens. */
export const HOME_VIEWS = {
  deleteDigest: 'home_digest_delete',
  /** The New / Edit digest form. */
  digestForm: 'digest_form',
} as const;

export const ALERT_VERBS = ['mute1h', 'mutetomorrow', 'unmute'] as const;
export const DIGEST_VERBS = ['preview', 'now', 'edit', 'delete'] as const;

/** `mute1h:warnings-high`: under Slack's 150 characters for an option value (names are ≤ 40). */
export const actionValue = (verb: string, name: string) => `${verb}:${name}`;

/** The verb and name of a value, when the verb is one of `verbs` and the name a valid name; else null. */
export function parseActionValue<V extends string>(
  value: string | undefined,
  verbs: readonly V[],
): { verb: V; name: string } | null {
  const match = /^([a-z0-9]+):(.+)$/.exec(value ?? '');
  const verb = match?.[1] as V | undefined;
  const name = match?.[2];
  if (!verb || !name || !verbs.includes(verb) || !NAME.test(name)) return null;
  return { verb, name };
}
