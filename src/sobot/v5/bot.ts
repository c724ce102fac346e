// Chatbot card from getRobotReception: one call, the period before read from its `_cycle` fields.

import type { BotFigures } from '../../stats/cards.ts';
import { ratioOf } from '../../stats/kpis.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import type { V5Item } from './endpoints.ts';
import { filterParams } from './filters.ts';
import { beforeChange } from './sessions.ts';

type BotReception = V5Item<'botReception'>;

/** The card's figures from the reply's item (null: Sobot sent no item). */
export function botFigures(item: BotReception | null): BotFigures {
  const i = item;
  const selfServedBefore = beforeChange(
    i?.robot_self_reception_num ?? null,
    i?.robot_self_reception_num_cycle ?? null,
  );
  const validBefore = beforeChange(
    i?.robot_reception_valid_num ?? null,
    i?.robot_reception_valid_num_cycle ?? null,
  );
  return {
    received: i?.robot_reception_num ?? null,
    validReceived: i?.robot_reception_valid_num ?? null,
    selfServed: i?.robot_self_reception_num ?? null,
    // Of validly received customers (doc example: 66 / 300 = "22.00%").
    selfServiceRate: i?.robot_self_reception_num_proportion ?? null,
    transfersToAgents: i?.transfer_to_staff_num ?? null,
    activeTransfers: i?.robot_to_staff_active ?? null,
    triggeredTransfers: i?.trigger_to_manual_num ?? null,
    keywordTransfers: i?.robot_to_staff_trigger_key_word ?? null,
    activeTransferRate: i?.robot_to_staff_active_proportion ?? null,
    triggeredTransferRate: i?.trigger_to_manual_num_proportion ?? null,
    keywordTransferRate: i?.robot_to_staff_trigger_key_word_proportion ?? null,
    previous: {
      received: beforeChange(i?.robot_reception_num ?? null, i?.robot_reception_num_cycle ?? null),
      // From the previous counts, not from the `_proportion_cycle`: in the doc's example that field
      // is a difference in points (22.00% − 20.56% = 12 / 834), not a relative change like the
      // count fields, so the counts are the reading that holds either way.
      selfServiceRate: ratioOf(selfServedBefore, validBefore),
      transfersToAgents: beforeChange(
        i?.transfer_to_staff_num ?? null,
        i?.transfer_to_staff_num_cycle ?? null,
      ),
    },
  };
}

export async function fetchBot(
  client: SobotV5Client,
  range: DateRange,
  filters: StatsFilters,
  priority: Priority,
): Promise<BotFigures> {
  // search_way is required; the item is the (filtered) total whatever its value, as in the overview.
  const reply = await client.call(
    'botReception',
    { search_way: 2, ...v5DateParams('botReception', range), ...filterParams(filters) },
    callFor(range, priority),
  );
  return botFigures(reply.item);
}
