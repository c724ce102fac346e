// The scheduler's alert jobs follow the rules: a rule made in Slack gets its check job beside the
// config file's, on its own schedule and zone; an edited one is rescheduled, a deleted one stops, and
// one saved on another replica is picked up within a minute.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AlertChecker } from '../../src/alerts/checker.ts';
import { createAlertRuleRegistry } from '../../src/alerts/rule-registry.ts';
import type { AlertRule } from '../../src/config-file.ts';
import { createLogger } from '../../src/logger.ts';
import type { CronJob, CronJobs } from '../../src/scheduler/cron.ts';
import type { DigestRegistry } from '../../src/scheduler/digest-registry.ts';
import type { DigestRunner } from '../../src/scheduler/digests.ts';
import { scheduleJobs } from '../../src/scheduler/jobs.ts';
import { openFileStore } from '../../src/store/file.ts';
import type { Store } from '../../src/store/store.ts';
import { createWorkInFlight } from '../../src/work.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const silent = createLogger({ level: 'silent', destination: { write: () => undefined } });

const rule = (name: string, source: AlertRule['source'], check = '*/10 9-18 * * 1-5'): AlertRule => ({
  name,
  kpi: 'response_warn_rate',
  scope: { kind: 'overall' },
  op: '>',
  threshold: 0.2,
  clear: 0.2,
  period: 'today',
  check,
  timeZone: 'Asia/Shanghai',
  for: 1,
  minVolume: 0,
  channel: 'C0ALERTS',
  mention: null,
  repeatMs: 0,
  noData: 'keep',
  source,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(): Promise<Store> {
  const clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
  const dir = await mkdtemp(join(tmpdir(), 'sobot-jobs-'));
  const store = await openFileStore({ dir, clock, onProblem: (problem) => expect.fail(problem) });
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
}

it('gives a rule made in Slack its check job, reschedules it when edited, and stops it when deleted', async () => {
  const store = await openStore();
  const rules = createAlertRuleRegistry({ store, fileRules: [rule('from-file', 'file')], now: () => 0 });
  // The alert group as the scheduler last set it; each change is awaited through `changed`.
  let alertJobs: readonly CronJob[] = [];
  let sync: CronJob | undefined;
  let changed: () => void = () => {};
  const cron: CronJobs = {
    set(group, jobs) {
      if (group === 'alert-rules') sync = jobs[0];
      if (group !== 'alerts') return;
      alertJobs = jobs;
      changed();
    },
    stop: async () => {},
  };
  const rescheduled = () => new Promise<void>((resolve) => (changed = resolve));
  const checked: AlertRule[] = [];
  const checker = { check: async (r: AlertRule) => void checked.push(r) } as unknown as AlertChecker;
  const noDigests = { list: async () => [], onChange: () => {} } as unknown as DigestRegistry;
  const runner = { tick: async () => [] } as unknown as DigestRunner;
  await scheduleJobs({
    cron,
    registry: noDigests,
    digests: runner,
    alerts: checker,
    rules,
    work: createWorkInFlight(),
    store,
    logger: silent,
  });
  expect(alertJobs.map((j) => j.name)).toEqual(['from-file']);

  let next = rescheduled();
  await rules.save(rule('from-slack', 'slack', '*/5 9-18 * * 1-5'), 'U0ADMIN', false);
  await next;
  expect(alertJobs.map((j) => [j.name, j.schedule, j.timeZone])).toEqual([
    ['from-file', '*/10 9-18 * * 1-5', 'Asia/Shanghai'],
    ['from-slack', '*/5 9-18 * * 1-5', 'Asia/Shanghai'],
  ]);
  await alertJobs.find((j) => j.name === 'from-slack')?.run();
  expect(checked.map((r) => [r.name, r.source])).toEqual([['from-slack', 'slack']]);

  next = rescheduled();
  await rules.save(rule('from-slack', 'slack', '0 * * * *'), 'U0ADMIN', true);
  await next;
  expect(alertJobs.find((j) => j.name === 'from-slack')?.schedule).toBe('0 * * * *');

  next = rescheduled();
  await rules.remove('from-slack');
  await next;
  expect(alertJobs.map((j) => j.name)).toEqual(['from-file']);

  // A rule saved by another replica (its own registry on the same store) is picked up by the sync job.
  const otherReplica = createAlertRuleRegistry({
    store,
    fileRules: [rule('from-file', 'file')],
    now: () => 0,
  });
  await otherReplica.save(rule('elsewhere', 'slack'), 'U0ADMIN', false);
  expect(alertJobs.map((j) => j.name)).toEqual(['from-file']);
  await sync?.run();
  expect(alertJobs.map((j) => j.name)).toEqual(['from-file', 'elsewhere']);
  // The file's rule cannot be changed or removed from Slack.
  await expect(rules.remove('from-file')).rejects.toThrow(/comes from the config file/);
  await expect(rules.save(rule('from-file', 'slack'), 'U0ADMIN', true)).rejects.toThrow(/config file/);
});
