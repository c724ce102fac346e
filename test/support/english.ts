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
