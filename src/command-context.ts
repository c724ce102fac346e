// What the bot knows about the command a piece of work serves, carried implicitly (AsyncLocalStorage)
// from the listener that received it down to the Sobot call loop, through the stats service and the
// cache, so the functions in between need no extra parameter: who asked (the budget serves people in
// turn), by when an answer is useless (a deadline and its AbortSignal: nothing is fetched for an
// answer that can no longer be delivered), and where to report a wait or a cached stand-in answer.

import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';
import type { Clock } from './clock.ts';
import { BotError } from './errors.ts';

/** Where a queued Sobot call stands. */
export interface QueueWait {
  /** Calls that will be sent before it. */
  ahead: number;
  /** When it is expected to be sent (epoch ms). */
  startsAt: number;
  /** The budget: calls per rolling minute. */
  perMinute: number;
}

/** Figures served from the cache, past their freshness, because Sobot could not be asked. */
export interface StaleAnswer {
  /** When the figures were fetched (epoch ms). */
  storedAt: number;
  /** Why Sobot was not asked (a Sobot error). */
  cause: unknown;
}

export interface CommandContext {
  /** Who asked (a Slack user id). */
  owner: string;
  /** The answer is useless after this (epoch ms); `signal` aborts then. */
  deadline: number;
  signal: AbortSignal;
  queued(wait: QueueWait): void;
  servedStale(answer: StaleAnswer): void;
}

/** The command took longer than its deadline: its remaining Sobot calls were dropped. */
export class CommandDeadlineError extends BotError {
  readonly code = 'command_deadline';
}

const storage = new AsyncLocalStorage<CommandContext>();

/** The command the current work serves, if any (scheduled digests and alert checks have none). */
export const currentCommand = (): CommandContext | undefined => storage.getStore();

export interface CommandRun {
  /** Runs `work` as this command. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** The latest wait reported, for a progress notice. */
  latestWait(): QueueWait | null;
  staleAnswers(): StaleAnswer[];
  /** Whether the asker was already told about a long wait. */
  toldAboutWait(): boolean;
  /** The answer is out: stops the deadline timer and drops whatever the command still had queued. */
  finish(): void;
}

export function startCommand(opts: {
  owner: string;
  clock: Clock;
  deadlineMs: number;
  /** A wait longer than this is worth telling the asker about at once. */
  longWaitMs: number;
  onLongWait(wait: QueueWait): void;
}): CommandRun {
  const { clock } = opts;
  const controller = new AbortController();
  // Every Sobot call of the command listens to this one signal while it waits in the budget's queue,
  // and a digest or an overview sends a dozen at once: that is fan-out, not a listener leak.
  setMaxListeners(0, controller.signal);
  const timer = new AbortController();
  clock.sleep(opts.deadlineMs, timer.signal).then(
    () => controller.abort(new CommandDeadlineError(`no answer within ${opts.deadlineMs / 60_000} min`)),
    () => undefined,
  );
  let latest: QueueWait | null = null;
  let told = false;
  const stale: StaleAnswer[] = [];
  const context: CommandContext = {
    owner: opts.owner,
    deadline: clock.now() + opts.deadlineMs,
    signal: controller.signal,
    queued(wait) {
      latest = wait;
      if (told || wait.startsAt - clock.now() <= opts.longWaitMs) return;
      told = true;
      opts.onLongWait(wait);
    },
    servedStale(answer) {
      stale.push(answer);
    },
  };
  return {
    run: (work) => storage.run(context, work),
    latestWait: () => latest,
    staleAnswers: () => stale,
    toldAboutWait: () => told,
    finish: () => {
      timer.abort();
      controller.abort(new CommandDeadlineError('the command has already been answered'));
    },
  };
}
