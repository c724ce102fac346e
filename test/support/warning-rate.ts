// Scripts the simulator for alert tests: every agent's reply warnings become `rate` of their reply rounds;
// and reads back the rate it served, as the bot shows it.

import type { DayFigures } from '../../src/simulator/company.ts';
import type { Simulator } from '../../src/simulator/server.ts';

export function setWarningRate(sim: Simulator, rate: number): void {
  const company = sim.company as { agentDay: (id: string, date: string) => DayFigures; original?: unknown };
  company.original ??= company.agentDay;
  const original = company.original as (id: string, date: string) => DayFigures;
  company.agentDay = (id, date) => {
    const day = original(id, date);
    return { ...day, responseWarnings: Math.round(day.responseRounds * rate) };
  };
}

/**
 * The reply-warning rate the simulator served for `date`'s getStat calls in its log (clear the log
 * before the call to read), as the bot shows it: warnings over reply rounds, one decimal.
 */
export function servedWarningRate(sim: Simulator, date: string): string {
  const served = sim.log.filter(
    (e) =>
      e.path.endsWith('/session/getStat') &&
      e.retCode === '000000' &&
      (e.body as { start_date?: string }).start_date === `${date} 00:00:00`,
  );
  const rows = served.flatMap(
    (e) => (e.reply as { items?: Record<string, number>[] } | undefined)?.items ?? [],
  );
  const sum = (key: string) => rows.reduce((n, row) => n + Number(row[key] ?? 0), 0);
  return `${((100 * sum('response_warn_count')) / sum('staff_res_total_count')).toFixed(1)}%`;
}
