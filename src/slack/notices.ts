// What the asker is told while an answer waits for Sobot's budget, and the mark on an answer that
// comes from the cache because Sobot could not be asked. Shared by Slack and the demo console.

import type { QueueWait, StaleAnswer } from '../command-context.ts';
import { SobotBusyError, SobotCircuitOpenError, SobotRateLimitedError } from '../sobot/errors.ts';
import { clockTime } from '../time-zone.ts';
import { type BotMessage, SLACK_LIMITS } from './message.ts';

/** Whole minutes, at least one: "about 1 min" rather than "about 0 min". */
export const minutesUntil = (at: number, now: number): number => Math.max(1, Math.round((at - now) / 60_000));

/** "Sobot allows 20 calls a minute and 37 are queued ahead of yours; your answer in about 3 min." */
export function queuedText(wait: QueueWait, now: number): string {
  return `:hourglass_flowing_sand: Queued, about ${minutesUntil(wait.startsAt, now)} min: Sobot allows ${wait.perMinute} calls a minute and ${wait.ahead} are queued ahead of yours; your answer follows.`;
}

/** The notice for an answer that is taking a while: with its place in the queue when it has one. */
export function progressText(wait: QueueWait | null, now: number): string {
  if (wait && wait.startsAt > now) return queuedText(wait, now);
  return ':hourglass_flowing_sand: Still fetching from Sobot (it is slow or rate-limiting right now); the answer follows.';
}

/** Why Sobot was not asked, for the mark on a cached answer. */
function outage(cause: unknown, zone: string, now: number): string {
  if (cause instanceof SobotCircuitOpenError)
    return `Sobot is not answering since ${clockTime(cause.since, zone, now)}`;
  if (cause instanceof SobotRateLimitedError)
    return `Sobot is rate-limiting this company until ${clockTime(cause.clearsAt, zone, now)}`;
  if (cause instanceof SobotBusyError)
    return `Sobot's budget is booked until ${clockTime(cause.retryAt, zone, now)}`;
  return 'Sobot is not answering right now';
}

/** "Sobot is not answering since 09:12; cached figures from 08:40 (32 min old) shown." */
export function staleText(answers: readonly StaleAnswer[], zone: string, now: number): string | null {
  const oldest = [...answers].sort((a, b) => a.storedAt - b.storedAt)[0];
  if (!oldest) return null;
  const age = Math.max(1, Math.round((now - oldest.storedAt) / 60_000));
  const ageText = age < 120 ? `${age} min old` : `${Math.round(age / 60)} h old`;
  return `:warning: ${outage(oldest.cause, zone, now)}; cached figures from ${clockTime(oldest.storedAt, zone, now)} (${ageText}) shown.`;
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
