// What the asker is told while an answer waits for Sobot's budget, and the mark on an answer that
// comes from the cache because Sobot could not be asked. Shared by Slack and the demo console.

import type { QueueWait, StaleAnswer } from '../command-context.ts';
import { type Lang, t } from '../i18n/catalogue.ts';
import { SLACK_LIMITS } from '../message/limits.ts';
import type { BotMessage } from '../message/message.ts';
import { SobotBusyError, SobotCircuitOpenError, SobotRateLimitedError } from '../sobot/errors.ts';
import { clockTime } from '../time-zone.ts';

/** Whole minutes, at least one: "about 1 min" rather than "about 0 min". */
export const minutesUntil = (at: number, now: number): number => Math.max(1, Math.round((at - now) / 60_000));

/** "Queued, about 3 min: Sobot allows 20 calls a minute and 37 are queued ahead of yours; your answer follows." */
export function queuedText(wait: QueueWait, now: number, lang: Lang): string {
  return t(lang, 'notice.queued', {
    minutes: minutesUntil(wait.startsAt, now),
    perMinute: wait.perMinute,
    ahead: wait.ahead,
  });
}

/** The notice for an answer that is taking a while: with its place in the queue when it has one. */
export function progressText(wait: QueueWait | null, now: number, lang: Lang): string {
  if (wait && wait.startsAt > now) return queuedText(wait, now, lang);
  return t(lang, 'notice.stillFetching');
}

/** Why Sobot was not asked, for the mark on a cached answer. */
function outage(cause: unknown, zone: string, now: number, lang: Lang): string {
  if (cause instanceof SobotCircuitOpenError)
    return t(lang, 'notice.outage.circuit', { time: clockTime(cause.since, zone, now) });
  if (cause instanceof SobotRateLimitedError)
    return t(lang, 'notice.outage.rateLimited', { time: clockTime(cause.clearsAt, zone, now) });
  if (cause instanceof SobotBusyError)
    return t(lang, 'notice.outage.busy', { time: clockTime(cause.retryAt, zone, now) });
  return t(lang, 'notice.outage.unknown');
}

/** "Sobot is not answering since 09:12; cached figures from 08:40 (32 min old) shown." */
export function staleText(
  answers: readonly StaleAnswer[],
  zone: string,
  now: number,
  lang: Lang,
): string | null {
  const oldest = [...answers].sort((a, b) => a.storedAt - b.storedAt)[0];
  if (!oldest) return null;
  const minutes = Math.max(1, Math.round((now - oldest.storedAt) / 60_000));
  const age =
    minutes < 120
      ? t(lang, 'unit.minutesOld', { minutes })
      : t(lang, 'unit.hoursOld', { hours: Math.round(minutes / 60) });
  return t(lang, 'notice.stale', {
    outage: outage(oldest.cause, zone, now, lang),
    time: clockTime(oldest.storedAt, zone, now),
    age,
  });
}

/** `message` with `note` as a context line under its header, and first in its plain text. */
export function withNote(message: BotMessage, note: string): BotMessage {
  const at = message.blocks[0]?.type === 'header' ? 1 : 0;
  const context = { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: note }] };
  const blocks = [...message.blocks.slice(0, at), context, ...message.blocks.slice(at)];
  const chart =
    message.chart && message.chart.position >= at
      ? { ...message.chart, position: message.chart.position + 1 }
      : message.chart;
  return {
    ...message,
    text: `${note} ${message.text}`.slice(0, SLACK_LIMITS.fallbackText),
    // At Slack's block limit the last block (usually buttons) gives way to the note.
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
    ...(chart ? { chart } : {}),
  };
}
