// How the bot reads a failed Slack Web API call: through @slack/web-api's own error codes
// (ErrorCode.PlatformError carries Slack's `error`, e.g. `channel_not_found`), not by the shape of the
// error object. Used by delivery, posting, the start-up checks and the metrics.

import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/** Whether Slack answered the call with `ok: false` (rather than failing to answer). */
export const isSlackPlatformError = (error: unknown): error is WebAPIPlatformError =>
  codeOf(error) === ErrorCode.PlatformError;

/** Slack's error code of a refused Web API call (`channel_not_found`), or null for other failures. */
export function slackErrorCode(error: unknown): string | null {
  return isSlackPlatformError(error) ? error.data.error : null;
}

/** Slack errors that no retry can fix: the setting or the installation must change first. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'message_not_found',
]);

export function isPermanentSlackError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== null && PERMANENT_ERRORS.has(code);
}

/** Slack's error code (`channel_not_found`), or what kind of failure it was when Slack sent none. */
export function slackFailureLabel(error: unknown): string {
  const code = slackErrorCode(error);
  if (code !== null) return code;
  const kind = codeOf(error);
  if (kind === ErrorCode.RateLimitedError) return 'ratelimited';
  const { statusCode } = error as { statusCode?: unknown };
  if (typeof statusCode === 'number') return `http_${statusCode}`;
  return kind === ErrorCode.RequestError ? 'request_error' : 'unknown';
}
