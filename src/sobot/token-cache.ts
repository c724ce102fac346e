// One shared Sobot token per company (Sobot invalidates tokens when they are requested per call):
// reused until shortly before it expires, refreshed by a single caller when many ask at once.

import type { Clock } from '../clock.ts';
import { rememberSecret } from '../redact.ts';

export interface IssuedToken {
  token: string;
  expiresInSec: number;
}

/** A client's token, as the start-up check asks for it. */
export interface SobotTokenSource {
  /** The shared token, fetched now if there is none: proves SOBOT_APPID and SOBOT_APP_KEY work. */
  token(signal?: AbortSignal): Promise<string>;
}

/** Asks Sobot for a new token (get_token, or the legacy getAccessToken.json). */
export type FetchToken = (signal?: AbortSignal) => Promise<IssuedToken>;

/** Builds the token cache a client uses: this process's own (below), or the replicas' shared one. */
export type TokenCacheFactory = (fetchToken: FetchToken) => TokenCache;

/** How long before expiry a token is refreshed: `marginSec` (default 5 minutes), or a tenth of a short lifetime. */
export const refreshMarginMs = (expiresInSec: number, marginSec = 300): number =>
  Math.min(marginSec, expiresInSec / 10) * 1000;

export interface TokenCache {
  get(signal?: AbortSignal): Promise<string>;
  /** The server rejected `token`: the next get() fetches a new one (unless another caller already did). */
  invalidate(token: string): void;
}

export function createTokenCache(opts: {
  fetchToken: FetchToken;
  clock: Clock;
  /** Refresh this long before expiry (default 5 minutes, or a tenth of a short lifetime). */
  refreshMarginSec?: number;
}): TokenCache {
  let current: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const refresh = (signal?: AbortSignal): Promise<string> => {
    inFlight ??= opts
      .fetchToken(signal)
      .then(({ token, expiresInSec }) => {
        // From now on the token is scrubbed from every log line, like the configured secrets.
        rememberSecret(token);
        const margin = refreshMarginMs(expiresInSec, opts.refreshMarginSec);
        current = { token, refreshAt: opts.clock.now() + expiresInSec * 1000 - margin };
        return token;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return {
    get(signal) {
      if (current && opts.clock.now() < current.refreshAt) return Promise.resolve(current.token);
      return refresh(signal);
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}
