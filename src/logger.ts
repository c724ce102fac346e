// The one pino root logger: JSON in production, pretty on a TTY (when the dev dependency pino-pretty is
// installed), secrets redacted from every line.
// Also adapts it to Bolt's Logger interface so Bolt's own logs go through the same redaction.

import { createRequire } from 'node:module';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import pino, { type Logger } from 'pino';
import { redact, redactText } from './redact.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Literal secret values (app key, signing secret…) to scrub wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; defaults to stdout (pretty when it is a TTY). */
  destination?: pino.DestinationStream;
  pretty?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length > 0);
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    base: undefined,
    // Errors are already scrubbed into plain objects by the log formatter; keep them as they are.
    serializers: { err: (value: unknown) => (value instanceof Error ? redact(value, secrets) : value) },
    formatters: {
      log: (object) => redact(object, secrets) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        // Strings are scrubbed; objects after the message (`log.info('%o', value)`) are interpolated
        // into it by pino without passing the formatters, so they are walked here.
        const scrubbed: unknown[] = args.map((a, i) =>
          typeof a === 'string'
            ? redactText(a, secrets)
            : i > 0 && typeof args[0] === 'string'
              ? redact(a, secrets)
              : a,
        );
        // `log.error(err)` makes err.message the line's msg, which never passes through the formatters.
        const [first, second] = scrubbed;
        if (first instanceof Error && typeof second !== 'string') {
          scrubbed.splice(1, 0, redactText(first.message, secrets));
        }
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (opts.destination) return pino(options, opts.destination);
  const pretty = opts.pretty ?? (process.stdout.isTTY === true && prettyPrinterInstalled());
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options);
}

/** pino-pretty is a development dependency: a production install (npm ci --omit=dev) has none. */
function prettyPrinterInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

const BOLT_LEVELS: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt and the Slack SDKs log through this, at or above our level. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ module: 'bolt' });
  const join = (msgs: unknown[]) =>
    msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(redact(m)))).join(' ');
  return {
    debug: (...msgs) => child.debug(join(msgs)),
    info: (...msgs) => child.info(join(msgs)),
    warn: (...msgs) => child.warn(join(msgs)),
    error: (...msgs) => child.error(join(msgs)),
    setLevel: () => {},
    getLevel: () =>
      (Object.entries(BOLT_LEVELS).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: () => {},
  };
}
