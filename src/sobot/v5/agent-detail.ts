// One agent's card from staffWorkStatis and getWorkLogList (being written).

import { UnsupportedError } from '../../errors.ts';
import type { AgentDetail } from '../../stats/cards.ts';
import type { DateRange, Priority } from '../../stats/model.ts';
import type { SobotV5Client } from './client.ts';

export async function fetchAgentDetail(
  _client: SobotV5Client,
  _range: DateRange,
  _agentId: string,
  _priority: Priority,
): Promise<AgentDetail | null> {
  throw new UnsupportedError('not built yet');
}
