// What a command, digest or alert answers with, independent of how it is delivered (Slack via
// response_url or chat.postMessage, or the demo console): blocks, a plain-text fallback, an
// optional chart to render and place, and files (CSV) too large for the message itself. Plus the mrkdwn
// helpers every layout uses. A leaf: reports/, alerts, charts and slack/ import it; it imports no layer.

import type { KnownBlock } from '@slack/types';
import type { ChartSpec } from '../charts/spec.ts';

export interface ChartAttachment {
  spec: ChartSpec;
  altText: string;
  /** Index in `blocks` where the image block goes. */
  position: number;
}

export interface FileAttachment {
  filename: string;
  title: string;
  content: string;
}

export interface BotMessage {
  visibility: 'ephemeral' | 'in_channel';
  /** Plain-text fallback: notifications and screen readers read this. */
  text: string;
  blocks: KnownBlock[];
  chart?: ChartAttachment;
  files?: FileAttachment[];
}

/** Slack mrkdwn control characters (https://docs.slack.dev/messaging/formatting-message-text). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A channel as mrkdwn: an id becomes Slack's link `<#C0123>`; a `#name` stays text, escaped. */
export const channelMention = (channel: string) =>
  channel.startsWith('#') ? escapeMrkdwn(channel) : `<#${channel}>`;

const isMrkdwn = (value: unknown): value is { type: 'mrkdwn'; text: string; verbatim?: boolean } =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'mrkdwn';

/**
 * `blocks` with `verbatim: true` on every mrkdwn text: Slack then shows a bare URL, `#name` or
 * `@name` inside a Sobot name as typed instead of linking or resolving it. The bot writes the
 * links and mentions it means explicitly (`<@U…>`, `<#C…>`), which verbatim text still renders.
 */
export function verbatimBlocks<T>(blocks: readonly T[]): T[] {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    const copy = Object.fromEntries(Object.entries(value).map(([key, v]) => [key, visit(v)]));
    return isMrkdwn(value) ? { ...copy, verbatim: true } : copy;
  };
  return blocks.map((block) => visit(block) as T);
}

/** Every mrkdwn text object of `blocks` that Slack would parse (verbatim unset), by where it is. */
export function nonVerbatimTexts(blocks: readonly unknown[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${where}[${i}]`);
    } else if (typeof value === 'object' && value !== null) {
      if (isMrkdwn(value) && value.verbatim !== true) found.push(where);
      for (const [key, v] of Object.entries(value)) visit(v, `${where}.${key}`);
    }
  };
  visit(blocks, 'blocks');
  return found;
}
