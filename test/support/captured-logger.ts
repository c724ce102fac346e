// A logger whose JSON lines a test reads back (what was logged, and how many times).

import { createLogger, type Logger } from '../../src/logger.ts';

export function capturedLogger(): { logger: Logger; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => logs.push(JSON.parse(line)) },
  });
  return { logger, logs };
}
