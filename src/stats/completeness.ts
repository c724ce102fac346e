// Whether a period's figures can be trusted as final yet: a period still running, one that ended
// moments ago (Sobot aggregates with a delay), or a volume collapse against the period before
// are said out loud rather than presented as fact.

import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { type Lang, t } from '../i18n/catalogue.ts';
import { spanText } from '../i18n/units.ts';
import type { DateRange } from './model.ts';
import { isClosed } from './period.ts';

export interface CompletenessInput {
  range: DateRange;
  now: number;
  /** How long after a period ends Sobot's figures may still move. */
  graceMs: number;
  chats: number | null;
  previousChats: number | null;
}

/** Below this share of the previous period's chats, a period looks unfinished rather than quiet. */
const COLLAPSE_SHARE = 0.25;
/** ...provided the previous period had at least this many chats to compare with. */
const COLLAPSE_MIN_PREVIOUS = 40;

/** The instant the range's last day ends in its own zone. */
export function rangeEnd(range: DateRange): number {
  const [y, m, d] = range.to.split('-').map(Number) as [number, number, number];
  return addDays(new TZDate(y, m - 1, d, range.timeZone), 1).getTime();
}

/** Sentences for the reader, in `lang`; empty when nothing looks off. */
export function completenessWarnings(input: CompletenessInput, lang: Lang): string[] {
  const warnings: string[] = [];
  if (!isClosed(input.range, input.now)) {
    warnings.push(t(lang, 'digest.growing'));
  } else {
    const sinceEnd = input.now - rangeEnd(input.range);
    if (sinceEnd < input.graceMs) {
      warnings.push(t(lang, 'digest.counting', { span: spanText(lang, sinceEnd) }));
    }
  }
  const { chats, previousChats } = input;
  if (
    chats !== null &&
    previousChats !== null &&
    previousChats >= COLLAPSE_MIN_PREVIOUS &&
    chats < previousChats * COLLAPSE_SHARE
  ) {
    warnings.push(t(lang, 'digest.collapse', { chats, previous: previousChats }));
  }
  return warnings;
}
