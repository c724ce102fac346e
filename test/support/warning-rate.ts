// Scripts the simulator for alert tests: every agent's reply warnings become `rate` of their reply rounds.

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
