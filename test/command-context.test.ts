import { describe, expect, it } from 'vitest';
import { CommandDeadlineError, currentCommand, startCommand } from '../src/command-context.ts';
import { createRateBudget } from '../src/sobot/rate-budget.ts';
import { createFakeClock } from './support/fake-clock.ts';

describe('startCommand', () => {
  it('carries the asker and deadline through async work, and aborts at the deadline', async () => {
    const clock = createFakeClock();
    const budget = createRateBudget({ limit: 1, clock });
    await budget.acquire({ priority: 'interactive' });
    const command = startCommand({
      owner: 'U1',
      clock,
      deadlineMs: 5 * 60_000,
      longWaitMs: 1,
      onLongWait() {},
    });
    const waiting = command.run(async () => {
      await Promise.resolve();
      const context = currentCommand();
      expect(context?.owner).toBe('U1');
      expect(context?.deadline).toBe(clock.now() + 5 * 60_000);
      return budget.acquire({ priority: 'interactive', signal: context?.signal });
    });
    const outcome = waiting.catch((e: unknown) => e);
    await clock.advance(5 * 60_000);
    expect(await outcome).toBeInstanceOf(CommandDeadlineError);
    expect(budget.queued()).toBe(0);
    expect(currentCommand()).toBeUndefined();
  });

  it('tells about a long wait once, and keeps the latest wait for the progress notice', () => {
    const clock = createFakeClock();
    const told: number[] = [];
    const command = startCommand({
      owner: 'U1',
      clock,
      deadlineMs: 60_000,
      longWaitMs: 120_000,
      onLongWait: (wait) => told.push(wait.ahead),
    });
    void command.run(async () => {
      const context = currentCommand();
      context?.queued({ ahead: 3, startsAt: clock.now() + 30_000, perMinute: 20 });
      context?.queued({ ahead: 50, startsAt: clock.now() + 150_000, perMinute: 20 });
      context?.queued({ ahead: 60, startsAt: clock.now() + 180_000, perMinute: 20 });
    });
    expect(told).toEqual([50]);
    expect(command.toldAboutWait()).toBe(true);
    expect(command.latestWait()?.ahead).toBe(60);
    command.finish();
  });
});
