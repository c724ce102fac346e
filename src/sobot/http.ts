// One HTTP exchange with Sobot, whichever API: a timeout per call, JSON in and out, and the failures
// sorted into "worth retrying" (5xx, timeouts, dropped connections, unreadable JSON), "wait and retry"
// (HTTP 429) and "give up" (other 4xx). Nothing here logs, so no token or signature can leak from it.

import { type Dispatcher, request } from 'undici';
import { SobotApiError } from './errors.ts';

/** A failure worth retrying with back-off. */
export class TransientFailure extends Error {}

/** HTTP 429: Sobot (or a gateway before it) asks us to come back in `retryAfterSec`. */
export class TooManyRequests extends Error {
  constructor(readonly retryAfterSec: number) {
    super(`HTTP 429, retry in ${retryAfterSec}s`);
  }
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  /** Told when the exchange ended without a Sobot reply: `http_<status>`, `timeout`, `connection`, `invalid_json`. */
  onNoReply?: (code: string) => void;
}

/** Without a usable Retry-After, a minute: Sobot's window. */
const DEFAULT_RETRY_AFTER_SEC = 60;

function retryAfter(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(1, Math.ceil(seconds)) : DEFAULT_RETRY_AFTER_SEC;
}

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
}

/** The parsed JSON reply, or one of the failures above. The caller's abort wins over everything. */
export async function sendJson(req: JsonRequest): Promise<unknown> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const combined = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: combined,
      dispatcher: req.dispatcher,
    });
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason;
    req.onNoReply?.(timeout.aborted ? 'timeout' : 'connection');
    throw new TransientFailure(
      timeout.aborted ? `no answer within ${req.timeoutMs} ms` : describeNetworkError(error),
    );
  }
  const text = await response.body.text().catch(() => '');
  const status = response.statusCode;
  if (status >= 400) req.onNoReply?.(`http_${status}`);
  if (status === 429) throw new TooManyRequests(retryAfter(response.headers['retry-after']));
  if (status >= 500) throw new TransientFailure(`HTTP ${status}`);
  if (status >= 400) throw new SobotApiError(String(status), `HTTP ${status}`, new URL(req.url).pathname);
  try {
    return JSON.parse(text);
  } catch {
    req.onNoReply?.('invalid_json');
    throw new TransientFailure('the reply was not valid JSON');
  }
}
