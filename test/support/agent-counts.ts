// Builders of the stats vocabulary for unit tests: counts where only the named fields are known.

import type { AgentCounts } from '../../src/stats/model.ts';

export const NO_COUNTS: AgentCounts = {
  chats: null,
  validChats: null,
  inquiryChats: null,
  validReceptions: null,
  lastReceptionChats: null,
  fcr24hChats: null,
  responseRounds: null,
  responseWarnings: null,
  ratedChats: null,
  satisfiedChats: null,
  avgFirstResponseMs: null,
  transfersIn: null,
  transfersOut: null,
};

export const counts = (known: Partial<AgentCounts>): AgentCounts => ({ ...NO_COUNTS, ...known });
