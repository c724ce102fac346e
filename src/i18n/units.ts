// Units in the reply's language: durations ("1m 05s" / "1分05秒"), spans people read ("1 h 20 min" /
// "1 小时 20 分钟"), rate changes in points, lists. Words come from the catalogue; only the arithmetic is here.

import { type Lang, t } from './catalogue.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** A figure's duration: 950 ms → "1s"; 65 s → "1m 05s"; 3725 s → "1h 02m" (zh 1秒, 1分05秒, 1小时02分). */
export function durationText(lang: Lang, ms: number): string {
  const totalSec = Math.round(ms / 1000);
  if (totalSec < 60) return t(lang, 'unit.seconds', { s: totalSec });
  const hours = Math.floor(totalSec / 3600);
  const minutes = Math.floor((totalSec % 3600) / 60);
  return hours > 0
    ? t(lang, 'unit.hoursMinutes', { h: hours, m: pad(minutes) })
    : t(lang, 'unit.minutesSeconds', { m: minutes, s: pad(totalSec % 60) });
}

/** A span for people to read (minute precision, seconds under a minute): "1 d 2 h 5 min". */
export function spanText(lang: Lang, ms: number): string {
  if (ms < 60_000) return t(lang, 'unit.spanSeconds', { n: Math.max(0, Math.round(ms / 1000)) });
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? t(lang, 'unit.spanDays', { n: days }) : '',
    hours ? t(lang, 'unit.spanHours', { n: hours }) : '',
    rest ? t(lang, 'unit.spanMinutes', { n: rest }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** A change of a rate, in percentage points with one decimal: "1.2 pts" / "1.2 个百分点". */
export function pointsText(lang: Lang, points: number): string {
  return t(lang, 'unit.points', { points: points.toFixed(1) });
}

/** Items joined as the language lists them: "a, b, c" / "a、b、c". */
export function listText(lang: Lang, items: readonly string[]): string {
  return items.join(t(lang, 'list.separator'));
}

/** Sentences one after the other: a space between them in English, none after a Chinese "。". */
export function sentences(lang: Lang, items: readonly string[]): string {
  return items.reduce((first, second) => (first ? t(lang, 'sentence.then', { first, second }) : second), '');
}
