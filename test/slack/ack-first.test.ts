// Answers start one per turn of the event loop, so a request that is waiting to be read gets in
// between them (its ack is not held back by the answers queued before it).

import { describe, expect, it } from 'vitest';
import { createAnswerTurns } from '../../src/slack/ack-first.ts';
import { sendWaitingRequest } from '../support/waiting-request.ts';

describe('createAnswerTurns', () => {
  it('starts waiters in the order they came', async () => {
    const turns = createAnswerTurns();
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => turns.next().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('lets a request already sent be read and answered before the twenty answers queued after it', async () => {
    let answersStarted = 0;
    let startedWhenServed = -1;
    const waiting = await sendWaitingRequest(() => {
      startedWhenServed = answersStarted;
    });

    const turns = createAnswerTurns();
    const answers = Array.from({ length: 20 }, () =>
      turns.next().then(() => {
        answersStarted += 1;
      }),
    );
    await waiting.answered;
    await Promise.all(answers);
    waiting.close();
    expect(startedWhenServed).toBeGreaterThanOrEqual(0);
    expect(startedWhenServed).toBeLessThan(20);
  });
});
