// The node-cron tasks that wake the bot: one per schedule, in its own time zone. Jobs come in
// named groups (digests, alerts) that are replaced whole when their configuration changes.

import { type ScheduledTask, schedule } from 'node-cron';
import type { Logger } from '../logger.ts';

export interface CronJob {
  name: string;
  /** A 5-field cron expression read in `timeZone`. */
  schedule: string;
  timeZone: string;
  run(): Promise<unknown>;
}

export interface CronJobs {
  /** Replaces every job of `group` with `jobs`. */
  set(group: string, jobs: readonly CronJob[]): void;
  stop(): Promise<void>;
}

export function createCronJobs(logger: Logger): CronJobs {
  const log = logger.child({ module: 'cron' });
  const groups = new Map<string, { name: string; task: ScheduledTask }[]>();

  const clear = async (group: string) => {
    const old = groups.get(group) ?? [];
    groups.delete(group);
    await Promise.all(old.map(({ task }) => task.destroy()));
  };

  return {
    set(group, jobs) {
      void clear(group);
      groups.set(
        group,
        jobs.map((job) => ({
          name: job.name,
          task: schedule(
            job.schedule,
            async () => {
              try {
                await job.run();
              } catch (error) {
                log.error({ err: error, job: `${group}/${job.name}` }, 'scheduled job failed');
              }
            },
            // noOverlap: a slow run (Sobot rate-limiting us) is not stacked on by the next one.
            { name: `${group}/${job.name}`, timezone: job.timeZone, noOverlap: true },
          ),
        })),
      );
    },
    async stop() {
      await Promise.all([...groups.keys()].map(clear));
    },
  };
}
