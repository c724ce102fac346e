// The process: `npm start` runs main(): settings read once (config.ts), the bot built (compose/bot.ts)
// and started with its checks, a graceful stop on SIGTERM/SIGINT, last-resort handlers. Anything that
// keeps the bot from starting ends in fail(): one message an operator reads, and exit code 1.

import { pathToFileURL } from 'node:url';
import { type Bot, createBot } from './compose/bot.ts';
import { type BotConfig, loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';
import type { Logger } from './logger.ts';
import { StartupError } from './startup.ts';

/** The one way out when the bot cannot start: what went wrong on stderr, and exit code 1. */
function fail(reason: string | ConfigError): never {
  process.stderr.write(
    reason instanceof ConfigError
      ? `sobot-slack cannot start.\n${reason.message}\nSee README.md, "Configuration".\n`
      : `sobot-slack cannot start: ${reason}\n`,
  );
  process.exit(1);
}

/** Why starting failed, in an operator's words: the refused check, a taken port, or the error itself. */
function startFailure(error: unknown, config: BotConfig): string {
  if (error instanceof StartupError) return error.message;
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return `PORT ${config.slack.port} is already in use`;
  return (error as Error).message;
}

function readConfig(env: NodeJS.ProcessEnv): BotConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error);
    throw error;
  }
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = readConfig(env);
  const bot = await createBot(config).catch((error: unknown) => fail((error as Error).message));
  const log = bot.engine.logger;
  installProcessHandlers(log, bot);
  const starting = new AbortController();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    starting.abort();
    bot.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const { port } = await bot.start(starting.signal);
    log.info({ mode: bot.slack.mode, port, sobot: config.sobot.baseUrl }, 'sobot-slack is running');
  } catch (error) {
    if (stopping) return;
    await bot.engine.store.close().catch(() => {});
    fail(startFailure(error, config));
  }
}

/**
 * Last-resort handlers. A rejected promise nobody awaited is a bug but leaves the process sound:
 * log it and keep serving. An uncaught exception may have left state half-changed: log it, drain
 * what is in flight, and exit 1 so the supervisor starts a fresh process.
 */
function installProcessHandlers(log: Logger, bot: Bot): void {
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection (the bot keeps running)');
  });
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception: stopping');
    bot.shutdown().finally(() => process.exit(1));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
