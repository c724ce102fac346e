// Slack Web API failures read through @slack/web-api's own error classes and codes.

import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { isPermanentSlackError, slackErrorCode, slackFailureLabel } from '../../src/slack/errors.ts';

const refused = (error: string) => new WebAPIPlatformError({ ok: false, error });

describe('Slack errors', () => {
  it("read Slack's code from an ok: false reply, and nothing from other failures", () => {
    expect(slackErrorCode(refused('channel_not_found'))).toBe('channel_not_found');
    expect(slackErrorCode(new WebAPIRateLimitedError(30))).toBeNull();
    // Something merely shaped like a refusal is not one.
    expect(slackErrorCode({ data: { error: 'channel_not_found' } })).toBeNull();
    expect(slackErrorCode(undefined)).toBeNull();
  });

  it('call a refusal permanent only when no retry can fix it', () => {
    expect(isPermanentSlackError(refused('not_in_channel'))).toBe(true);
    expect(isPermanentSlackError(refused('internal_error'))).toBe(false);
    expect(isPermanentSlackError(new WebAPIRequestError(new Error('socket hang up')))).toBe(false);
  });

  it('label each kind of failure for the metrics', () => {
    expect(slackFailureLabel(refused('is_archived'))).toBe('is_archived');
    expect(slackFailureLabel(new WebAPIRateLimitedError(30))).toBe('ratelimited');
    expect(slackFailureLabel(new WebAPIHTTPError(503, 'Service Unavailable', {}))).toBe('http_503');
    expect(slackFailureLabel(new WebAPIRequestError(new Error('socket hang up')))).toBe('request_error');
    expect(slackFailureLabel(new Error('something else'))).toBe('unknown');
  });
});
