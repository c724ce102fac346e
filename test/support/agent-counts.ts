// Builders of the stats vocabulary for unit tests: counts where only the named fields are known.

import type { AgentCounts, RatePart } from '../../src/stats/model.ts';

/** A rate part with only the named fields known. */
export const part = (known: Partial<RatePart> = {}): RatePart => ({
  count: null,
  rate: null,
  base: null,
  ...known,
});

export const NO_COUNTS: AgentCounts = {
  chats: null,
  validChats: null,
  validReception: part(),
  fcr24h: part(),
  responseWarnings: part(),
  ratings: { five_star: part(), nps: part(), two_level: part() },
  avgFirstResponseMs: null,
  transfersIn: null,
  transfersOut: null,
};

export const counts = (known: Partial<AgentCounts>): AgentCounts => ({ ...NO_COUNTS, ...known });

/** Ratings on the 5-star scale only: `positive` of `rated`, Sobot's share left out unless given. */
export const starRatings = (positive: number | null, rated: number | null, rate: number | null = null) => ({
  five_star: part({ count: positive, base: rated, rate }),
  nps: part({ count: 0, base: 0, rate: 0 }),
  two_level: part({ count: 0, base: 0, rate: 0 }),
});
