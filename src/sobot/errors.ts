// Errors raised by the Sobot clients, one class per way a call can fail, so callers and the
// reply mapper can branch on the class instead of parsing messages.

import { BotError } from '../errors.ts';

export abstract class SobotError extends BotError {
  constructor(
    message: string,
    readonly endpoint: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * 229000 (v5) or HTTP 429 after our waits ran out, or a pause longer than SOBOT_MAX_PAUSE: Sobot's own
 * per-minute budget is exhausted until `clearsAt` (epoch ms).
 */
export class SobotRateLimitedError extends SobotError {
  readonly code = 'sobot_rate_limited';
  constructor(
    endpoint: string,
    readonly retryAfterSec: number,
    readonly clearsAt: number,
  ) {
    super(`Sobot rate limit reached; retry in ${retryAfterSec}s`, endpoint);
  }
}

/** The queue for Sobot's budget is too long to start this call in time: try again at `retryAt` (epoch ms). */
export class SobotBusyError extends SobotError {
  readonly code = 'sobot_busy';
  constructor(
    readonly retryAt: number,
    /** Calls queued ahead of this one. */
    readonly ahead: number,
  ) {
    super(`Sobot's budget is booked until ${new Date(retryAt).toISOString()} (${ahead} calls queued)`, '');
  }
}

/** 900003 / 900004 / 700046 (v5), 1001 (legacy): credentials or the account are wrong. Never retried. */
export class SobotConfigError extends SobotError {
  readonly code = 'sobot_config';
  constructor(
    readonly retCode: string,
    readonly hint: string,
    endpoint: string,
  ) {
    super(`Sobot refused the credentials (${retCode}): ${hint}`, endpoint);
  }
}

/** 900001 / 900002 even after fetching a fresh token once. */
export class SobotAuthError extends SobotError {
  readonly code = 'sobot_auth';
}

/** 222000: Sobot rejected the input (e.g. a range over 90 days). */
export class SobotInputError extends SobotError {
  readonly code = 'sobot_input';
}

/** 999999, 5xx, timeouts and connection errors after the retries ran out. */
export class SobotUnavailableError extends SobotError {
  readonly code: string = 'sobot_unavailable';
}

/** The circuit breaker is open: Sobot has been failing since `since` (epoch ms), so it is not called. */
export class SobotCircuitOpenError extends SobotUnavailableError {
  override readonly code = 'sobot_circuit_open';
  constructor(
    readonly since: number,
    endpoint: string,
  ) {
    super('Sobot is failing; calls are paused until a probe succeeds', endpoint);
  }
}

/**
 * Sobot cannot answer right now (down, rate-limiting, or our queue is full), which a cached answer,
 * even an old one, can stand in for.
 */
export function isSobotOutage(error: unknown): boolean {
  return (
    error instanceof SobotUnavailableError ||
    error instanceof SobotRateLimitedError ||
    error instanceof SobotBusyError
  );
}

/** The reply was not JSON, or did not match the documented shape. */
export class SobotMalformedReplyError extends SobotError {
  readonly code = 'sobot_malformed_reply';
}

/** Any other ret_code. */
export class SobotApiError extends SobotError {
  readonly code = 'sobot_api_error';
  constructor(
    readonly retCode: string,
    retMsg: string,
    endpoint: string,
  ) {
    super(`Sobot answered ${retCode}: ${retMsg}`, endpoint);
  }
}
