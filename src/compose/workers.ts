// The workers on top of the engine, for one way of posting: the alert checker, the commands and the
// digest runner they share with the scheduler, and the Home tab's board. Here the layouts of reports/ are
// injected into src/: with compose/bot.ts and the demo, the only place in src/ that imports commands/
// and reports/.

import { buildDigest } from '../../commands/digest-build.ts';
import { type CommandDeps, type CommandRouter, createCommands } from '../../commands/index.ts';
import { alertMessage } from '../../reports/alert.ts';
import {
  cannotEvaluateMessage,
  recoveredMessage,
  reminderReply,
  worseningReply,
} from '../../reports/alert-notices.ts';
import { digestFailureMessage } from '../../reports/digest.ts';
import { homeView } from '../../reports/home.ts';
import { type AlertChecker, createAlertChecker } from '../alerts/checker.ts';
import { createAudit } from '../audit.ts';
import { createHomeBoard, type HomeBoard } from '../home/board.ts';
import { createHomeFigures, type HomeFiguresSource } from '../home/figures.ts';
import type { ChannelPoster } from '../message/poster.ts';
import { createDigestRunner, type DigestRunner } from '../scheduler/digests.ts';
import type { AccessPolicy } from '../slack/access.ts';
import { explainError } from '../slack/error-reply.ts';
import type { Engine, Overrides } from './engine.ts';

/** The commands, and the digest runner they share with the scheduler, for one way of posting. */
export function createWorkers(
  engine: Engine,
  poster: ChannelPoster,
  access: AccessPolicy,
  overrides: Overrides = {},
): { commands: CommandRouter; digests: DigestRunner; alerts: AlertChecker } {
  const { config, owner } = engine;
  const metrics = engine.metrics.events;
  const alerts = createAlertChecker({
    stats: engine.stats,
    store: engine.store,
    clock: engine.clock,
    logger: engine.logger,
    poster,
    messages: {
      episode: alertMessage,
      reminder: reminderReply,
      worsening: worseningReply,
      cannotEvaluate: cannotEvaluateMessage,
      recovered: recoveredMessage,
    },
    lang: config.sobot.language,
    consoleUrl: config.sobot.consoleUrl,
    owner,
    metrics,
  });
  // What a digest is built with; the commands get the digest runner and the alerts on top.
  const base: CommandDeps = {
    stats: engine.stats,
    clock: engine.clock,
    timeZone: config.sobot.timeZone,
    consoleUrl: config.sobot.consoleUrl,
    lang: config.sobot.language,
    access,
    audit: createAudit({ logger: engine.logger, store: engine.store, clock: engine.clock }),
  };
  const digests = createDigestRunner({
    registry: engine.digests,
    store: engine.store,
    clock: engine.clock,
    logger: engine.logger,
    poster,
    build: (digest, options) => buildDigest(digest, base, options),
    failureNotice: (digest, error) => {
      const { what, next } = explainError(
        error,
        { timeZone: config.sobot.timeZone, now: engine.clock.now() },
        config.sobot.language,
      );
      return digestFailureMessage(digest.name, what, next, config.sobot.language);
    },
    retryDelaysMs: overrides.digestRetryDelaysMs,
    owner,
    metrics,
  });
  const deps: CommandDeps = {
    ...base,
    digests: { registry: engine.digests, postNow: (digest) => digests.postNow(digest) },
    alerts: { rules: () => engine.rules.list(), checker: alerts },
  };
  return { commands: createCommands(deps), digests, alerts };
}

/** The Home tab's figures snapshot and board (shared by the bot and the demo's `--home`). */
export function createHome(
  engine: Engine,
  alerts: AlertChecker,
  access: AccessPolicy,
): { figures: HomeFiguresSource; board: HomeBoard; render: typeof homeView } {
  const { config, clock } = engine;
  const figures = createHomeFigures({
    stats: engine.stats,
    clock,
    timeZone: config.sobot.timeZone,
    explain: (error) =>
      explainError(error, { timeZone: config.sobot.timeZone, now: clock.now() }, config.sobot.language).what,
  });
  const board = createHomeBoard({
    figures,
    rules: () => engine.rules.list(),
    checker: alerts,
    registry: engine.digests,
    store: engine.store,
    access,
    budget: engine.budget,
    budgetLimit: config.sobot.rateLimitPerMinute,
    api: config.sobot.api,
    companyTimeZone: config.sobot.timeZone,
    now: clock.now,
  });
  return { figures, board, render: homeView };
}
