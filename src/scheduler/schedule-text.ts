// Daily schedules as people pick them (a time and days of the week) and as cron writes them
// (`0 9 * * 1-5`), both ways, and how a schedule reads in a list ("09:00 weekdays", "工作日 09:00").

import { type Lang, t } from '../i18n/catalogue.ts';

/** Day sets with a name, as the subscribe command and the digest form offer them. */
export const DAY_SETS = {
  weekdays: { cron: '1-5', days: [1, 2, 3, 4, 5], text: 'schedule.weekdays' },
  daily: { cron: '*', days: [0, 1, 2, 3, 4, 5, 6], text: 'schedule.daily' },
  weekends: { cron: '0,6', days: [0, 6], text: 'schedule.weekends' },
} as const;

export interface DailySchedule {
  hour: number;
  minute: number;
  /** Days of the week, 0 = Sunday, ascending, at least one. */
  days: number[];
}

/** The cron expression of a daily schedule; named day sets keep their usual form (`1-5`, `*`). */
export function dailyCron({ hour, minute, days }: DailySchedule): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const named = Object.values(DAY_SETS).find((set) => set.days.join() === sorted.join());
  return `${minute} ${hour} * * ${named ? named.cron : sorted.join(',')}`;
}

/** A cron expression read back as a daily schedule, or null when it is not one (every ten minutes, say). */
export function parseDailyCron(schedule: string): DailySchedule | null {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\S+)$/.exec(schedule.trim());
  if (!match) return null;
  const [minute, hour] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return null;
  const field = match[3] as string;
  const named = Object.values(DAY_SETS).find((set) => set.cron === field);
  if (named) return { hour, minute, days: [...named.days] };
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^([0-7])(?:-([0-7]))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (to < from) return null;
    // Cron's 7 is Sunday too.
    for (let day = from; day <= to; day += 1) days.add(day % 7);
  }
  return { hour, minute, days: [...days].sort((a, b) => a - b) };
}

/** `09:00 weekdays`, `07:30 Mon, Thu` (zh `工作日 09:00`), or the cron expression in code quotes when it is not daily. */
export function scheduleText(schedule: string, lang: Lang): string {
  const daily = parseDailyCron(schedule);
  if (!daily) return `\`${schedule}\``;
  const time = `${String(daily.hour).padStart(2, '0')}:${String(daily.minute).padStart(2, '0')}`;
  const named = Object.values(DAY_SETS).find((set) => set.days.join() === daily.days.join());
  const dayName = (day: number) => t(lang, `digestForm.day.${day as 0 | 1 | 2 | 3 | 4 | 5 | 6}`);
  const days = named ? t(lang, named.text) : daily.days.map(dayName).join(t(lang, 'list.separator'));
  return t(lang, 'schedule.at', { time, days });
}
