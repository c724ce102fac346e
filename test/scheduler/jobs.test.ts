// Scheduled runs while the state store (a real Redis) cannot be reached: they are skipped with one
// warning, not one error a minute, and run again once it is back; a run that fails for any other reason
// still fails (cron logs it).

import { afterEach, describe, expect, it } from 'vitest';
import type { AlertChecker } from '../../src/alerts/checker.ts';
import type { AlertRule } from '../../src/config-file.ts';
import type { CronJob, CronJobs } from '../../src/scheduler/cron.ts';
import type { DigestRegistry } from '../../src/scheduler/digest-registry.ts';
import type { DigestRunner } from '../../src/scheduler/digests.ts';
import { scheduleJobs } from '../../src/scheduler/jobs.ts';
import { createWorkInFlight } from '../../src/work.ts';
import { capturedLogger } from '../support/captured-logger.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { openReplicaStores, type ReplicaStore } from '../support/replica-stores.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const RULE = { name: 'queue', check: '* * * * *', timeZone: 'UTC' } as AlertRule;

/**
 * The jobs scheduleJobs sets, run by hand: an alert check that claims its minute in the store as the
 * checker does, and a digest tick that lists the store's delivery records.
 */
async function scheduled(opts: { check?: (store: ReplicaStore) => Promise<void> } = {}) {
  const stores = await openReplicaStores('redis', createFakeClock());
  cleanups.push(() => stores.close());
  const store = await stores.replica('a');
  const { logger, logs } = capturedLogger();
  const jobs = new Map<string, CronJob>();
  const cron: CronJobs = {
    set: (group, set) => {
      for (const job of set) jobs.set(`${group}/${job.name}`, job);
    },
    stop: async () => undefined,
  };
  const ran: string[] = [];
  const check =
    opts.check ??
    (async (view: ReplicaStore) => {
      await view.claim(`alert:check:${RULE.name}@${ran.length}`, 'host-a:1');
    });
  await scheduleJobs({
    cron,
    registry: { list: async () => [], onChange: () => undefined } as unknown as DigestRegistry,
    digests: {
      tick: async () => {
        await store.list('digest:');
        ran.push('tick');
        return [];
      },
    } as unknown as DigestRunner,
    alerts: {
      check: async () => {
        await check(store);
        ran.push('check');
      },
    } as unknown as AlertChecker,
    rules: { list: async () => [RULE], onChange: () => undefined },
    work: createWorkInFlight(),
    store,
    logger,
  });
  const run = (name: string) => (jobs.get(name) as CronJob).run();
  return { store, logs, ran, run };
}

const warnings = (logs: Record<string, unknown>[]) =>
  logs.filter((line) => String(line.msg).startsWith('shared state store unreachable'));

describe('scheduled runs while the store cannot be reached', () => {
  it('skips them with one warning, and runs them again once the store is back', async () => {
    const { store, logs, ran, run } = await scheduled();
    await expect.poll(() => ran).toEqual(['tick']);
    store.cutOff(true);
    for (let minute = 0; minute < 3; minute += 1) {
      await expect(run('alerts/queue')).resolves.toBeUndefined();
      await expect(run('digests/sweep')).resolves.toBeUndefined();
    }
    expect(ran).toEqual(['tick']);
    expect(warnings(logs)).toHaveLength(1);
    expect(logs.filter((line) => (line.level as number) >= 50)).toEqual([]);

    store.cutOff(false);
    await run('alerts/queue');
    await run('digests/sweep');
    expect(ran).toEqual(['tick', 'check', 'tick']);
    expect(logs.filter((line) => line.msg === 'shared state store reachable again')).toHaveLength(1);
  });

  it('skips a run that lost the store on the way, with the same one warning', async () => {
    const { logs, run } = await scheduled({
      check: async (view) => {
        view.cutOff(true);
        await view.claim(`alert:check:${RULE.name}@0`, 'host-a:1');
      },
    });
    await expect(run('alerts/queue')).resolves.toBeUndefined();
    expect(warnings(logs)).toHaveLength(1);
  });

  it('still fails a run that failed while the store answers', async () => {
    const { logs, run } = await scheduled({
      check: async () => {
        throw new Error('a bug in the check');
      },
    });
    await expect(run('alerts/queue')).rejects.toThrow('a bug in the check');
    expect(warnings(logs)).toEqual([]);
  });
});
