// How user input is quoted back in a reply: at most ECHO_MAX_CHARS characters with "…", control
// characters shown as spaces. Whatever was typed, the answer about it fits Slack's limits.

export const ECHO_MAX_CHARS = 200;

export function echo(text: string, max = ECHO_MAX_CHARS): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  if (clean.length <= max) return clean;
  // By code points, so an emoji or a CJK extension character is never cut in half.
  const points = Array.from(clean);
  return points.length <= max ? clean : `${points.slice(0, max - 1).join('')}…`;
}
