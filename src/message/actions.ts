// Every control the bot writes into Slack and reads back, in one place: the action_ids of buttons and
// menus, the callback_ids of modals and of the "Sobot: ask" shortcut, and the codecs of the values they
// carry. reports/ and commands/ write them, src/slack/ reads them back, so each contract has one home.

import { z } from 'zod';
import { NAME } from '../config-file.ts';

/** The buttons under a data answer, whose value is the /sobot command they run (as typed). */
export const RERUN_ACTION = 'sobot_rerun';
export const SHARE_ACTION = 'sobot_share';
/** "Open in Sobot": a link, whose click Slack still sends and expects acknowledged. */
export const OPEN_ACTION = 'sobot_open';

/** The action_ids whose button value is a /sobot command to run. */
export const FOLLOW_UP_ACTIONS = new RegExp(`^(${RERUN_ACTION}|${SHARE_ACTION})$`);

/** The command a follow-up button runs: its value, the command as typed, without `/sobot`. */
export const followUpCommand = (value: string | undefined): string => value?.replace(/^\/sobot\s*/, '') ?? '';

/** action_ids of an alert message's buttons; "Open in Sobot" shares the link action of every answer. */
export const ALERT_ACTIONS = {
  mute1h: 'alert_mute_1h',
  muteTomorrow: 'alert_mute_tomorrow',
  open: OPEN_ACTION,
} as const;

export const ALERT_MUTE_ACTIONS = new RegExp(`^(${ALERT_ACTIONS.mute1h}|${ALERT_ACTIONS.muteTomorrow})$`);

/** The mute buttons' value: JSON `{"rule": …, "episode": …}`, read back by alertActionOf(). */
export function alertActionValue(rule: string, episodeId: string): string {
  return JSON.stringify({ rule, episode: episodeId });
}

// What the mute buttons carry: a rule name and an episode id, nothing else.
const muteButtonValue = z.object({
  rule: z.string().regex(NAME),
  episode: z.string().regex(/^[\w-]{1,64}$/),
});

/** The rule and episode of a mute button's value; null for anything that is not one. */
export function alertActionOf(value: string | undefined): { rule: string; episode: string } | null {
  let json: unknown;
  try {
    json = JSON.parse(value ?? '');
  } catch {
    return null;
  }
  const parsed = muteButtonValue.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export const HOME_ACTIONS = {
  refresh: 'home_refresh',
  /** An alert rule's menu: mute1h, mutetomorrow, unmute; edit and delete (admins, rules made in Slack). */
  alert: 'home_alert',
  /** Opens the New alert rule form (admins). */
  newRule: 'home_new_rule',
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
  /** The New / Edit alert rule form. */
  alertForm: 'alert_form',
  deleteRule: 'home_rule_delete',
} as const;

export const ALERT_VERBS = ['mute1h', 'mutetomorrow', 'unmute', 'edit', 'delete'] as const;
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

/** The global shortcut "Sobot: ask": its callback_id (also in manifest.yml), its form and fields. */
export const ASK = {
  shortcut: 'sobot_ask',
  view: 'sobot_ask_form',
  command: 'ask_command',
  period: 'ask_period',
  filters: 'ask_filters',
} as const;

/** The questions the ask form offers: /sobot commands that take a period and nothing else required. */
export const ASK_COMMANDS = [
  'overview',
  'agents',
  'groups',
  'departments',
  'channels',
  'satisfaction',
  'bot',
  'customers',
  'topics',
  'trend',
] as const;
export const ASK_PERIODS = [
  'today',
  'yesterday',
  'this week',
  'last week',
  'last 7 days',
  'this month',
  'last month',
] as const;
