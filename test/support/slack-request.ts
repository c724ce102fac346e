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
