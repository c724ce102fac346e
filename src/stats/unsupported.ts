// The answer a user gets when the configured Sobot API cannot give what they asked for: what is
// missing and how to get it. The legacy API gives company-wide daily totals only.

import { UnsupportedError } from '../errors.ts';
import type { StatsBackend } from './backend.ts';

/** `what` is plural ("Per-agent figures"), so the sentence reads "… need Sobot's v5 API". */
export function unsupportedOn(api: StatsBackend['api'], what: string): UnsupportedError {
  if (api === 'legacy') {
    return new UnsupportedError(
      `${what} need Sobot's v5 API; this bot is set to the legacy API (SOBOT_API=legacy), which gives company-wide totals only. Ask your Sobot account manager for v5 credentials and set SOBOT_API=v5.`,
    );
  }
  return new UnsupportedError(`${what} are not available from Sobot's v5 API.`);
}
