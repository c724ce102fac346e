// Builds slash-command requests the way Slack sends them: form-encoded and signed with the
// app's signing secret (https://docs.slack.dev/authentication/verifying-requests-from-slack).

import { createHmac } from 'node:crypto';

export interface SlashCommandFields {
  text: string;
  response_url: string;
  user_id?: string;
  channel_id?: string;
}

export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: fields.channel_id ?? 'C0TEAM',
    channel_name: 'cs-leads',
    user_id: fields.user_id ?? 'U0LEAD',
    user_name: 'lead',
    command: '/sobot',
    text: fields.text,
    api_app_id: 'A0FAKE',
    response_url: fields.response_url,
    trigger_id: '123.456.abc',
  };
}

export function signedRequest(
  secret: string,
  body: string,
  timestampSec = Math.floor(Date.now() / 1000),
): { headers: Record<string, string>; body: string } {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': signature,
    },
  };
}

export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams(slashCommandPayload(fields)).toString();
}

let triggerCounter = 0;
/** What every interactivity payload from `userId` carries. */
const interaction = (type: string, userId: string) => ({
  type,
  team: { id: 'T0FAKE', domain: 'fake' },
  user: { id: userId, username: userId.toLowerCase(), team_id: 'T0FAKE' },
  api_app_id: 'A0FAKE',
  token: 'deprecated-verification-token',
});

/** The app_home_opened event Slack sends when `userId` opens the app's Home tab. */
export function homeOpenedEvent(userId: string): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: userId,
    channel: `D${userId.slice(1)}`,
    tab: 'home',
    event_ts: '1.1',
  };
}

/** A block_actions payload for an element of `userId`'s Home tab (a button's value or a menu's option). */
export function homeActionPayload(
  userId: string,
  action: { action_id: string; type: 'button' | 'overflow'; value: string },
): Record<string, unknown> {
  triggerCounter += 1;
  const element =
    action.type === 'button'
      ? { type: 'button', value: action.value }
      : {
          type: 'overflow',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: action.value },
        };
  return {
    ...interaction('block_actions', userId),
    container: { type: 'view', view_id: `VHOME${userId}` },
    trigger_id: `${triggerCounter}.456.home`,
    view: {
      id: `VHOME${userId}`,
      type: 'home',
      callback_id: '',
      private_metadata: '',
      state: { values: {} },
    },
    actions: [{ action_id: action.action_id, block_id: 'b1', action_ts: '1.3', ...element }],
  };
}

/** A view_submission payload: `userId` submits a modal with `callback_id`, its metadata and input values. */
export function viewSubmissionPayload(
  userId: string,
  view: { callback_id: string; private_metadata?: string; values?: Record<string, Record<string, unknown>> },
): Record<string, unknown> {
  triggerCounter += 1;
  return {
    ...interaction('view_submission', userId),
    trigger_id: `${triggerCounter}.789.submit`,
    view: {
      id: 'VMODAL0001',
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values: view.values ?? {} },
      hash: '1.abc',
    },
  };
}

/** The block_suggestion Slack sends while `userId` types `value` into an external select of a modal. */
export function blockSuggestionPayload(
  userId: string,
  actionId: string,
  value: string,
): Record<string, unknown> {
  return {
    ...interaction('block_suggestion', userId),
    action_id: actionId,
    block_id: actionId,
    value,
    container: { type: 'view', view_id: 'VMODAL0001' },
    view: { id: 'VMODAL0001', type: 'modal', callback_id: 'digest_form', state: { values: {} } },
  };
}
