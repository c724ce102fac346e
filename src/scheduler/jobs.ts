// What wakes the bot: a cron job per digest schedule plus a sweep for missed ones, a job per alert rule,
// and a catch-up at start. Digest and alert jobs are set again whenever digests or rules change. Every run counts as
// work in flight, so the drain at shutdown waits for it, and none starts once the drain has begun.
// While the store cannot be reached (Redis away) nothing scheduled runs: without it the replicas cannot
// agree who posts. That is one warning and one "back" in the log, not an error a minute; digests missed
// meanwhile go out at the next sweep once it is back.

import type { AlertChecker } from '../alerts/checker.ts';
import type { AlertRuleRegistry } from '../alerts/rule-registry.ts';
import type { Logger } from '../logger.ts';
import { createFailover, StoreUnreachableError } from '../store/failover.ts';
import type { Store } from '../store/store.ts';
import type { WorkInFlight } from '../work.ts';
import type { CronJobs } from './cron.ts';
import type { DigestRegistry } from './digest-registry.ts';
import type { DigestRunner } from './digests.ts';

/** How often missed, late or retried digests are looked for besides their own schedules. */
const SWEEP_SCHEDULE = '*/5 * * * *';
/** How often the alert rules are read again for changes made on other replicas. */
const RULES_SYNC_SCHEDULE = '* * * * *';

export interface ScheduleOptions {
  cron: CronJobs;
  registry: DigestRegistry;
  digests: DigestRunner;
  alerts: AlertChecker;
  rules: Pick<AlertRuleRegistry, 'list' | 'onChange'>;
  work: WorkInFlight;
  /** Where the claims live: its reachable() decides whether a run starts. */
  store: Store;
  logger: Logger;
}

export async function scheduleJobs(opts: ScheduleOptions): Promise<void> {
  const { cron, work } = opts;
  const log = opts.logger.child({ module: 'scheduler' });
  const failover = createFailover({
    store: opts.store,
    logger: log,
    what: 'state store',
    meanwhile: 'no digest or alert check runs until it is back (missed digests go out at the next sweep)',
  });
  /** Runs `run` while the store answers; a run that failed because the store went away is skipped. */
  const withStore = (run: () => Promise<unknown>) =>
    failover.run(
      () =>
        run().catch((error: unknown) => {
          if (opts.store.reachable()) throw error;
          throw new StoreUnreachableError('store lost during a scheduled run', { cause: error });
        }),
      async () => undefined,
    );
  const tick = () =>
    work.draining ? Promise.resolve() : work.track('digests', () => withStore(() => opts.digests.tick()));
  const setDigestJobs = async () => {
    const digests = await opts.registry.list();
    cron.set('digests', [
      ...digests.map((d) => ({ name: d.name, schedule: d.schedule, timeZone: d.timeZone, run: tick })),
      { name: 'sweep', schedule: SWEEP_SCHEDULE, timeZone: 'UTC', run: tick },
    ]);
  };
  await setDigestJobs();
  // Rules are read again every minute too: one made or changed on another replica reaches this one.
  let scheduledRules = '';
  const setAlertJobs = async () => {
    const rules = await opts.rules.list();
    const seen = JSON.stringify(rules);
    if (seen === scheduledRules) return;
    scheduledRules = seen;
    cron.set(
      'alerts',
      rules.map((rule) => ({
        name: rule.name,
        schedule: rule.check,
        timeZone: rule.timeZone,
        run: () =>
          work.draining
            ? Promise.resolve()
            : work.track('alert check', () => withStore(() => opts.alerts.check(rule))),
      })),
    );
  };
  const resetAlertJobs = () =>
    // As for digests: the old checks keep running until the rules can be read again (while the store
    // is away the failover warns once instead of an error a minute).
    withStore(setAlertJobs).catch((error) =>
      log.error({ err: error }, 'could not reschedule the alert checks'),
    );
  await setAlertJobs();
  opts.rules.onChange(() => void resetAlertJobs());
  cron.set('alert-rules', [
    { name: 'sync', schedule: RULES_SYNC_SCHEDULE, timeZone: 'UTC', run: resetAlertJobs },
  ]);
  opts.registry.onChange(() => {
    // The store can fail here (Redis down): the old jobs keep running until the next change.
    setDigestJobs().catch((error) => log.error({ err: error }, 'could not reschedule the digests'));
  });
  // Catch up on anything missed while the bot was down.
  tick().catch((error) => log.error({ err: error }, 'digest catch-up failed'));
}
