// Finds English left in a text meant to be Chinese: Latin words outside what is meant to stay as it
// is (commands in `code`, <links>, :emoji:, product names, KPI ids, names from the data). Used by the
// catalogue test (every zh entry) and the zh render test (every reply the real app sends).

/** Words that stay as they are in a Chinese reply: product names, units and codes. */
export const KEEP_AS_IS: readonly string[] = [
  'Sobot',
  'Slack',
  'CSV',
  'README',
  'KPI',
  'FCR',
  'NPS',
  'API',
  'v5',
  'legacy',
  'app key',
  'appid',
  'app_key',
  'Asia/Shanghai',
  'UTC',
  'PNG',
  'ID',
];

/** Placeholders, `code`, <links and mentions>, :emoji:, file names, ids: none of them is prose. */
const NOT_PROSE = [
  // Command syntax (usage lines): up to the sentence after it.
  /\/sobot[^\n*]*?(?=[:：]\s|\*|\n|$)/g,
  /&(?:amp|lt|gt);/g,
  /\{\w+\}/g,
  /`[^`]*`/g,
  /<[^>]*>/g,
  /:[a-z0-9_+-]+:/g,
  /\b[\w.-]+\.(?:csv|png)\b/gi,
  /\b[A-Za-z]+_[A-Za-z_0-9]+\b/g,
  /\b\d{4}-\d{2}-\d{2}\b/g,
  // Slack ids.
  /\b[CDUGSFTW][0-9A-Z]{5,}\b/g,
];

/**
 * The Latin words (two letters or more) left once `keep` (and KEEP_AS_IS) is taken out; a unit glued
 * to a number ("41s", "3 pts") counts as a word too. Empty: no English here.
 */
export function englishWords(text: string, keep: readonly string[] = []): string[] {
  let rest = text;
  for (const pattern of NOT_PROSE) rest = rest.replace(pattern, ' ');
  const kept = [...KEEP_AS_IS, ...keep].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const word of kept) rest = rest.split(word).join(' ');
  const words = rest.match(/[A-Za-z]{2,}|\d+(?:\.\d+)?\s?[smh]\b/g) ?? [];
  return words;
}

const HAN = '\\p{Script=Han}';
/** Chinese punctuation that is never followed or preceded by a space. */
const CJK_STOPS = '，。：；！？、';
/** Stands for what is left out (code, links, names) so that it joins nothing on either side. */
const LEFT_OUT = '\uE000';
/** The one space Chinese dates keep: between the date and its weekday ("12月2日 周三"), as describeRange writes it. */
const DATE_AND_WEEKDAY = /日 +(周[一二三四五六日])/gu;

/** Chinese text written with Western punctuation or spacing, each as a pattern with the reason. */
const SLIPS: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern: new RegExp(`${HAN}[:;,()]|[:;,()]${HAN}|${HAN} +[(:;,]|[:;,] +${HAN}`, 'gu'),
    why: 'half-width punctuation beside Chinese',
  },
  { pattern: new RegExp(`${HAN} +${HAN}`, 'gu'), why: 'a space between Chinese characters' },
  {
    // " · " separates the parts of a line in both languages, also after a sentence.
    pattern: new RegExp(` +[${CJK_STOPS}）]|[${CJK_STOPS}（] +(?!·)`, 'gu'),
    why: 'a space beside Chinese punctuation',
  },
];

/**
 * What is written the Western way in Chinese text: `需要关注: 1`, `(你的时间)`, `。 不含`, `客服 昨天`.
 * Commands in `code`, links, emoji and the names in `keep` (as the data spells them) are left out.
 */
export function punctuationSlips(text: string, keep: readonly string[] = []): string[] {
  let rest = text;
  for (const pattern of NOT_PROSE) rest = rest.replace(pattern, LEFT_OUT);
  const kept = keep.filter(Boolean).sort((a, b) => b.length - a.length);
  for (const word of kept) rest = rest.split(word).join(LEFT_OUT);
  rest = rest.replace(DATE_AND_WEEKDAY, '日$1');
  return SLIPS.flatMap(({ pattern, why }) =>
    [...rest.matchAll(pattern)].map((m) => {
      const at = m.index ?? 0;
      return `${why}: "${rest.slice(Math.max(0, at - 8), at + m[0].length + 8)}"`;
    }),
  );
}
