// The language to answer a Slack user in: their Slack locale (users.info with include_locale) when it
// is Chinese or English, the bot's default (SOBOT_LANGUAGE) otherwise. Looked up once per user and
// kept for a while, shared by concurrent asks. Slack failing costs the user nothing but the default:
// the lookup is logged, never shown, and waits at most a moment so the answer is not held up.

import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import { type Lang, langOf } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';

/** A user's locale changes rarely: look again after this. */
export const LOCALE_TTL_MS = 60 * 60_000;
/** After a failed lookup, the default serves this long before Slack is asked again. */
export const LOCALE_RETRY_MS = 5 * 60_000;
/** Longest the answer waits for Slack's reply about the locale. */
export const LOCALE_WAIT_MS = 2_000;

export interface UserLanguageOptions {
  client: Pick<WebClient, 'users'>;
  clock: Clock;
  logger: Logger;
  /** `SOBOT_LANGUAGE`: for users whose locale is neither Chinese nor English, or unknown. */
  fallback: Lang;
}

export function createUserLanguage(opts: UserLanguageOptions): (userId: string) => Promise<Lang> {
  const { client, clock, fallback } = opts;
  const log = opts.logger.child({ module: 'user-language' });
  const known = new Map<string, { lang: Lang; until: number }>();
  const asking = new Map<string, Promise<Lang>>();

  async function lookUp(userId: string): Promise<Lang> {
    try {
      const reply = await client.users.info({ user: userId, include_locale: true });
      const lang = langOf(reply.user?.locale) ?? fallback;
      known.set(userId, { lang, until: clock.now() + LOCALE_TTL_MS });
      return lang;
    } catch (error) {
      log.warn({ err: error, userId }, 'could not read the user’s locale; answering in the default language');
      known.set(userId, { lang: fallback, until: clock.now() + LOCALE_RETRY_MS });
      return fallback;
    }
  }

  return async (userId) => {
    const hit = known.get(userId);
    if (hit && hit.until > clock.now()) return hit.lang;
    let pending = asking.get(userId);
    if (!pending) {
      pending = lookUp(userId).finally(() => asking.delete(userId));
      asking.set(userId, pending);
    }
    const timer = new AbortController();
    const late = clock.sleep(LOCALE_WAIT_MS, timer.signal).then(
      () => fallback,
      () => fallback,
    );
    try {
      return await Promise.race([pending, late]);
    } finally {
      timer.abort();
    }
  };
}
