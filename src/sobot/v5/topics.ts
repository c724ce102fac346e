// Topics from the service summary (summary/search): chats and ratings per level-1 service
// classification over the whole period (summary_way 0), summed over the reply's detail rows.

import { UnsupportedError } from '../../errors.ts';
import type { TopicRow } from '../../stats/cards.ts';
import { ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import type { V5Item } from './endpoints.ts';

type Detail = V5Item<'serviceSummary'>['details'][number];

const STARS = [1, 2, 3, 4, 5] as const;
const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export function toTopicRow(item: V5Item<'serviceSummary'>): TopicRow {
  const total = (pick: (d: Detail) => number | null) => sumKnown(item.details.map(pick));
  const stars = STARS.map((n) => total((d) => d[`star_level_num${n}`]));
  const nps = NPS.map((n) => total((d) => d[`score_num${n}`]));
  const starRated = sumKnown(stars);
  const npsRated = sumKnown(nps);
  const satisfied = sumKnown([stars[4] ?? null, nps[9] ?? null, nps[10] ?? null]);
  const starPoints = sumKnown(stars.map((count, i) => (count === null ? null : count * (i + 1))));
  return {
    id: item.classify_id,
    name: item.classify_show_name,
    level: item.level,
    chats: total((d) => d.total_conversation_num),
    ratedChats: total((d) => d.comment_type_total_num),
    satisfaction: ratioOf(satisfied, sumKnown([starRated, npsRated])),
    averageStars: ratioOf(starPoints, starRated),
  };
}

export async function fetchTopics(
  client: SobotV5Client,
  range: DateRange,
  filters: StatsFilters,
  priority: Priority,
): Promise<TopicRow[]> {
  const { groupIds, ...others } = filters;
  if (Object.values(others).some((ids) => ids?.length)) {
    throw new UnsupportedError(
      "Sobot's service summary can be filtered by skill group only; use group:<name>.",
    );
  }
  const body = {
    summary_way: 0,
    ...v5DateParams('serviceSummary', range),
    ...(groupIds?.length ? { group_ids_param: groupIds.join(',') } : {}),
  };
  // Without level_classifys Sobot may list sub-topics too; their chats are already in their parent's.
  const rows = (await client.fetchAll('serviceSummary', body, callFor(range, priority))).map(toTopicRow);
  return rows.filter((row) => row.level === null || row.level === 1);
}
