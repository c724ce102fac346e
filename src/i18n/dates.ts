// How each language writes dates: the date-fns patterns of one day, a span of days, chart labels and
// moments, and the locale that names the weekdays (周三). The one place the dates of tables,
// summaries, charts and alerts take their form from, so each language has one date format.

import { tz } from '@date-fns/tz';
import type { Locale } from 'date-fns';
import { format } from 'date-fns/format';
import { zhCN } from 'date-fns/locale/zh-CN';
import type { Lang } from './catalogue.ts';

export interface DatePatterns {
  /** One day: "Wed 2 Dec 2026", "2026年12月2日 周三". */
  day: string;
  /** A span's first day, by what it shares with the last ("Mon 30 Nov – Wed 2 Dec 2026"). */
  spanStartSameMonth: string;
  spanStartSameYear: string;
  spanStartOtherYear: string;
  /** A span's last day. */
  spanEndSameYear: string;
  spanEndOtherYear: string;
  /** A chart's axis label: a day without the year (the chart's subtitle has it), or a span's ends. */
  chartDay: string;
  chartSpanEnd: string;
  chartSpanJoin: string;
  /** A time of day on another day than the one the message is about: "2 Dec 09:00". */
  dayAndTime: string;
  /** A moment in the coming or past days, with its weekday: "Tue 24 Nov 09:00" (App Home). */
  weekdayAndTime: string;
  /** A moment with its whole date: "Tue 24 Nov 2026 09:00". */
  dateTime: string;
}

const LOCALES: Record<Lang, Locale | undefined> = { en: undefined, zh: zhCN };

const ZH_DATE = "yyyy'年'M'月'd'日'";
const ZH_MONTH_DAY = "M'月'd'日'";

export const DATE_PATTERNS: Record<Lang, DatePatterns> = {
  en: {
    day: 'EEE d MMM yyyy',
    spanStartSameMonth: 'EEE d',
    spanStartSameYear: 'EEE d MMM',
    spanStartOtherYear: 'EEE d MMM yyyy',
    spanEndSameYear: 'EEE d MMM yyyy',
    spanEndOtherYear: 'EEE d MMM yyyy',
    chartDay: 'EEE d MMM',
    chartSpanEnd: 'd MMM',
    chartSpanJoin: ' – ',
    dayAndTime: 'd MMM HH:mm',
    weekdayAndTime: 'EEE d MMM HH:mm',
    dateTime: 'EEE d MMM yyyy HH:mm',
  },
  zh: {
    day: `${ZH_DATE} EEE`,
    spanStartSameMonth: ZH_DATE,
    spanStartSameYear: ZH_DATE,
    spanStartOtherYear: ZH_DATE,
    spanEndSameYear: ZH_MONTH_DAY,
    spanEndOtherYear: ZH_DATE,
    chartDay: `${ZH_MONTH_DAY} EEE`,
    chartSpanEnd: ZH_MONTH_DAY,
    chartSpanJoin: '–',
    dayAndTime: `${ZH_MONTH_DAY} HH:mm`,
    weekdayAndTime: `${ZH_MONTH_DAY} EEE HH:mm`,
    dateTime: `${ZH_DATE} HH:mm`,
  },
};

/** `date` written the way `lang` writes `form`; in `timeZone` when given (else the date's own fields). */
export function dateText(
  date: Date | number,
  lang: Lang,
  form: keyof DatePatterns,
  timeZone?: string,
): string {
  return format(date, DATE_PATTERNS[lang][form], {
    locale: LOCALES[lang],
    ...(timeZone ? { in: tz(timeZone) } : {}),
  });
}
