// When Sobot cannot be asked, a command gets the same question's expired answer, and is told its age;
// scheduled work (no command) and errors that are not outages still fail.

import { describe, expect, it } from 'vitest';
import { type StaleAnswer, startCommand } from '../../src/command-context.ts';
import { isSobotOutage, SobotCircuitOpenError, SobotInputError } from '../../src/sobot/errors.ts';
import type { StatsBackend } from '../../src/stats/backend.ts';
import { createQueryCache } from '../../src/stats/cache.ts';
import type { BotFigures } from '../../src/stats/cards.ts';
import { createStatsService } from '../../src/stats/service.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { unusedBackend } from '../support/unused-stats.ts';

const RANGE = { from: '2026-11-20', to: '2026-11-20', timeZone: 'Asia/Shanghai' };
const FIGURES = { received: 120 } as unknown as BotFigures;

function setup() {
  const clock = createFakeClock();
  let failWith: unknown = null;
  const backend: StatsBackend = {
    ...unusedBackend(),
    async bot() {
      if (failWith) throw failWith;
      return FIGURES;
    },
  };
  const stats = createStatsService({
    backend,
    cache: createQueryCache({ clock }),
    clock,
    isOutage: isSobotOutage,
  });
  const fail = (error: unknown) => {
    failWith = error;
  };
  return { clock, stats, fail };
}

function asCommand<T>(clock: ReturnType<typeof createFakeClock>, work: () => Promise<T>) {
  const command = startCommand({
    owner: 'U1',
    clock,
    deadlineMs: 60_000,
    longWaitMs: 1,
    onLongWait: () => {},
  });
  return command.run(work).then(
    (value) => ({ value, stale: command.staleAnswers() as StaleAnswer[] }),
    (error: unknown) => ({ error, stale: command.staleAnswers() }),
  );
}

describe('stale-but-useful answers', () => {
  it('answers a command from the expired entry while Sobot is down, saying when it was fetched', async () => {
    const { clock, stats, fail } = setup();
    const fetchedAt = clock.now();
    await stats.bot(RANGE);
    await clock.advance(7 * 3_600_000);
    const outage = new SobotCircuitOpenError(clock.now() - 60_000, '/x');
    fail(outage);
    const result = await asCommand(clock, () => stats.bot(RANGE));
    expect(result).toMatchObject({ value: { figures: FIGURES } });
    expect(result.stale).toEqual([{ storedAt: fetchedAt, cause: outage }]);
  });

  it('does not stand in for scheduled work, for other questions, or for errors that are not outages', async () => {
    const { clock, stats, fail } = setup();
    await stats.bot(RANGE);
    await clock.advance(7 * 3_600_000);
    fail(new SobotCircuitOpenError(clock.now(), '/x'));
    await expect(stats.bot(RANGE, {}, 'background')).rejects.toBeInstanceOf(SobotCircuitOpenError);
    const other = await asCommand(clock, () => stats.bot({ ...RANGE, from: '2026-11-19' }));
    expect(other).toMatchObject({ error: expect.any(SobotCircuitOpenError), stale: [] });
    fail(new SobotInputError('range too long', '/x'));
    const input = await asCommand(clock, () => stats.bot(RANGE));
    expect(input).toMatchObject({ error: expect.any(SobotInputError), stale: [] });
  });
});
