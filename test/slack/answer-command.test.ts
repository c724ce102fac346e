// Running a command as Slack and the demo console both do: the notices the asker gets while the
// answer waits for Sobot's budget, and what a failure or a cached stand-in answer looks like.

import { describe, expect, it } from 'vitest';
import { currentCommand } from '../../src/command-context.ts';
import { createLogger } from '../../src/logger.ts';
import type { BotMessage } from '../../src/message/message.ts';
import { answerCommand } from '../../src/slack/answer-command.ts';
import { SobotCircuitOpenError } from '../../src/sobot/errors.ts';
import { createRateBudget, type RateBudget } from '../../src/sobot/rate-budget.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';

const ANSWER: BotMessage = { visibility: 'ephemeral', text: 'the figures', blocks: [] };
const logger = createLogger({ level: 'silent' });

/** A command whose one Sobot call waits for `budget`, as the call loop asks for it. */
const oneCall = (budget: RateBudget) => async () => {
  const command = currentCommand();
  const grant = await budget.acquire({
    priority: 'interactive',
    owner: command?.owner,
    signal: command?.signal,
    latestStart: command?.deadline,
    onQueued: command?.queued,
  });
  grant.settle();
  return ANSWER;
};

function run(clock: FakeClock, work: () => Promise<BotMessage>) {
  const notices: { at: number; text: string }[] = [];
  const answer = answerCommand(
    {
      owner: 'U1',
      clock,
      timeZone: 'Asia/Shanghai',
      lang: 'en',
      progressNoticeMs: 3_000,
      notify: (text) => notices.push({ at: clock.now(), text }),
      logger,
    },
    work,
  );
  return { notices, answer };
}

describe('answerCommand', () => {
  it('tells the asker at once when the wait is over 2 minutes, and only once', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 2, clock, spacingMs: 0 });
    // Two calls out, four queued ahead: the third round of slots, about three minutes away.
    for (let i = 0; i < 6; i += 1)
      void budget.acquire({ priority: 'interactive', owner: `U${i + 2}` }).then((grant) => grant.settle());
    await clock.advance(0);
    const start = clock.now();
    const { notices, answer } = run(clock, oneCall(budget));
    for (let i = 0; i < 3; i += 1) await clock.advance(0);
    expect(notices).toEqual([
      {
        at: start,
        text: expect.stringMatching(
          /^:hourglass_flowing_sand: Queued, about 3 min: Sobot allows 2 calls a minute/,
        ),
      },
    ]);
    for (let t = 0; t < 4 * 60; t += 1) await clock.advance(1_000);
    expect(await answer).toBe(ANSWER);
    expect(notices).toHaveLength(1);
  });

  it('gives a shorter wait its estimate in the 3-s progress notice', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, clock });
    (await budget.acquire({ priority: 'interactive', owner: 'other' })).settle();
    const { notices, answer } = run(clock, oneCall(budget));
    await clock.advance(2_999);
    expect(notices).toEqual([]);
    await clock.advance(1);
    expect(notices.map((n) => n.text)).toEqual([
      expect.stringMatching(/Queued, about 1 min: .* 0 are queued ahead/),
    ]);
    await clock.advance(60_000);
    expect(await answer).toBe(ANSWER);
  });

  it('answers "busy" with the time to try again when the call could not start before the deadline', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T01:00:00Z'));
    const budget = createRateBudget({ limit: 1, clock });
    // Eleven people asked first (a newcomer goes before anyone already served, so not one person).
    for (let i = 0; i < 11; i += 1)
      void budget.acquire({ priority: 'interactive', owner: `U${i + 2}` }).then((grant) => grant.settle());
    await clock.advance(0);
    const { answer } = run(clock, oneCall(budget));
    const message = await answer;
    expect(message.text).toMatch(/^Sobot is busy: .* Try again at 09:1\d\.$/);
  });

  it('marks an answer served from the cache and turns a failure into a reply', async () => {
    const clock = createFakeClock(Date.parse('2026-11-23T01:00:00Z'));
    const cause = new SobotCircuitOpenError(clock.now() - 120_000, '/x');
    const stale = await run(clock, async () => {
      currentCommand()?.servedStale({ storedAt: clock.now() - 3_600_000, cause });
      return ANSWER;
    }).answer;
    expect(stale.text).toBe(
      ':warning: Sobot is not answering since 08:58; cached figures from 08:00 (60 min old) shown. the figures',
    );
    const failed = await run(clock, () => Promise.reject(cause)).answer;
    expect(failed.text).toMatch(/^Sobot is not answering since 08:58/);
  });
});
