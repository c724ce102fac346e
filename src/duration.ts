// Durations as people write them in the config file and in commands: `90s`, `30m`, `2h`, `1d`,
// `1h30m`, or `0` (never). Kept tiny and strict so a typo is an error, not a surprise.

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+[smhd])+$/;

/** Milliseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  const clean = text.trim().toLowerCase().replace(/\s+/g, '');
  if (clean === '0') return 0;
  if (!DURATION.test(clean)) return null;
  let total = 0;
  for (const [, amount, unit] of clean.matchAll(/(\d+)([smhd])/g)) {
    total += Number(amount) * (UNIT_MS[unit as string] as number);
  }
  return total;
}

/** `1 h 20 min`: a duration for people to read (minute precision, seconds under a minute). */
export function describeDuration(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ');
}
