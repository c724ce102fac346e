// Durations as people write them in the config file and in commands: `90s`, `30m`, `2h`, `1d`,
// `1h30m` (in Chinese `1小时30分钟`, `2天`), or `0` (never). Kept tiny and strict so a typo is an
// error, not a surprise.

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+[smhd])+$/;
/** Chinese units, longest first (分钟 before 分). */
const ZH_UNITS: readonly [RegExp, string][] = [
  [/小时|小時/g, 'h'],
  [/分钟|分鐘|分/g, 'm'],
  [/秒钟|秒/g, 's'],
  [/天/g, 'd'],
];

/** Milliseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  let clean = text.trim().toLowerCase().replace(/\s+/g, '');
  for (const [unit, letter] of ZH_UNITS) clean = clean.replace(unit, letter);
  if (clean === '0') return 0;
  if (!DURATION.test(clean)) return null;
  let total = 0;
  for (const [, amount, unit] of clean.matchAll(/(\d+)([smhd])/g)) {
    total += Number(amount) * (UNIT_MS[unit as string] as number);
  }
  return total;
}
