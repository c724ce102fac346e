// The bench's "no input blocks the loop" row (issue 12): fast-check texts up to 20,000 characters,
// words that look like names, periods, options and quotes, run through the real command router
// with a stats service that refuses every call, so what is timed is reading the text, not answering.

import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { createCommands } from '../commands/index.ts';
import { MAX_COMMAND_CHARS } from '../commands/router.ts';
import { accessFor, memoryAudit } from '../test/support/access.ts';
import { createFakeClock } from '../test/support/fake-clock.ts';
import { unusedStats } from '../test/support/unused-stats.ts';

const word = fc.oneof(
  fc.string({ maxLength: 12, unit: 'grapheme' }),
  fc.constantFrom('last', '7', 'days', 'week', 'yesterday', '2026-11-01', '..', 'to', '最近', '天'),
  fc.constantFrom('group:"Head', 'Office"', 'sort:fcr:asc', 'top:5', '"', '“', 'public'),
);
const command = fc.constantFrom(
  'agent',
  'agents',
  'overview',
  'trend chats',
  'digest subscribe',
  'agnet',
  '',
);

/** Texts the way people (or a paste gone wrong) might send them: a command, then many words. */
const texts = (maxWords: number) =>
  fc
    .tuple(command, fc.array(word, { maxLength: maxWords, size: 'max' }))
    .map(([name, words]) => `${name} ${words.join(' ')}`);

export interface ParseFuzz {
  inputs: number;
  /** Times each text was timed (its fastest counts). */
  passes: number;
  /** Worst single call (its fastest of TIMED_PASSES) over texts the router reads (up to MAX_COMMAND_CHARS). */
  worstReadMs: number;
  /** Worst single call over longer texts (up to 20,000 characters), which it refuses unread. */
  worstRefusedMs: number;
}

/**
 * Each text is timed this many times and its fastest time counts: what a text costs the loop, not a
 * pause of the shared machine (another process on the core, a collection) that fell on one call.
 */
const TIMED_PASSES = 3;

export async function parseFuzz(runs = 400): Promise<ParseFuzz> {
  const router = createCommands({
    stats: unusedStats(),
    clock: createFakeClock(),
    timeZone: 'Asia/Shanghai',
    lang: 'en',
    consoleUrl: 'https://sg.sobot.io',
    access: accessFor(),
    audit: memoryAudit(),
  });
  const ctx = { userId: 'U0LEAD', channelId: 'C0TEAM' };
  const inputs = [
    ...fc.sample(texts(120), runs).map((text) => text.slice(0, MAX_COMMAND_CHARS)),
    ...fc.sample(texts(3_000), runs).map((text) => text.slice(0, 20_000)),
  ];
  // One pass to load and compile the code paths (the first command after a start pays that once),
  // then the timed passes.
  for (const text of inputs) await router.run(text, ctx).catch(() => null);
  const fastest = new Map<string, number>();
  for (let pass = 0; pass < TIMED_PASSES; pass += 1) {
    for (const text of inputs) {
      const started = performance.now();
      await router.run(text, ctx).catch(() => null);
      const elapsed = performance.now() - started;
      fastest.set(text, Math.min(fastest.get(text) ?? Number.POSITIVE_INFINITY, elapsed));
    }
  }
  let worstReadMs = 0;
  let worstRefusedMs = 0;
  for (const [text, ms] of fastest) {
    if (text.length <= MAX_COMMAND_CHARS) worstReadMs = Math.max(worstReadMs, ms);
    else worstRefusedMs = Math.max(worstRefusedMs, ms);
  }
  return { inputs: inputs.length, passes: TIMED_PASSES, worstReadMs, worstRefusedMs };
}
