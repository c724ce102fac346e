// Topics from the service summary (summary/search): chats and ratings per level-1 service
// classification over the whole period (summary_way 0), summed over the reply's detail rows.

import { UnsupportedError } from '../../errors.ts';
import type { TopicFigures, TopicRow } from '../../stats/cards.ts';
import type { RatingScale } from '../../stats/kpi-ids.ts';
import { ratingUse, ratioOf, sumKnown } from '../../stats/kpis.ts';
import type { DateRange, Priority, StatsFilters } from '../../stats/model.ts';
import { callFor, type SobotV5Client, v5DateParams } from './client.ts';
import type { V5Item } from './endpoints.ts';

type Detail = V5Item<'serviceSummary'>['details'][number];

const STARS = [1, 2, 3, 4, 5] as const;
const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Positive and rated chats of a topic on the two scales the summary gives (5★ = star 5, 0–10 = 9 and 10). */
function topicRatings(item: V5Item<'serviceSummary'>) {
  const total = (pick: (d: Detail) => number | null) => sumKnown(item.details.map(pick));
  const stars = STARS.map((n) => total((d) => d[`star_level_num${n}`]));
  const nps = NPS.map((n) => total((d) => d[`score_num${n}`]));
  return {
    stars,
    five_star: { positive: stars[4] ?? null, rated: sumKnown(stars) },
    nps: { positive: sumKnown([nps[9] ?? null, nps[10] ?? null]), rated: sumKnown(nps) },
  };
}

/** One topic; satisfaction on `scale`, the company's (the scale with most ratings over all topics). */
export function toTopicRow(item: V5Item<'serviceSummary'>, scale: RatingScale | null): TopicRow {
  const total = (pick: (d: Detail) => number | null) => sumKnown(item.details.map(pick));
  const ratings = topicRatings(item);
  const onScale = scale === 'five_star' || scale === 'nps' ? ratings[scale] : null;
  const starPoints = sumKnown(ratings.stars.map((count, i) => (count === null ? null : count * (i + 1))));
  return {
    id: item.classify_id,
    name: item.classify_show_name,
    level: item.level,
    chats: total((d) => d.total_conversation_num),
    ratedChats: total((d) => d.comment_type_total_num),
    satisfaction: onScale ? ratioOf(onScale.positive, onScale.rated) : null,
    averageStars: ratioOf(starPoints, ratings.five_star.rated),
  };
}

export async function fetchTopics(
  client: SobotV5Client,
  range: DateRange,
  filters: StatsFilters,
  priority: Priority,
): Promise<TopicFigures> {
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
  const items = await client.fetchAll('serviceSummary', body, callFor(range, priority));
  // One scale for every topic, never a pool of 5 stars and 0–10.
  const ratings = ratingUse((on) =>
    on === 'two_level' ? 0 : sumKnown(items.map((item) => topicRatings(item)[on].rated)),
  );
  const rows = items.map((item) => toTopicRow(item, ratings.scale));
  return { ratings, topics: rows.filter((row) => row.level === null || row.level === 1) };
}
