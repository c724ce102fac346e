// Category labels broken into lines that fit the room they get, so nothing is drawn over a
// neighbour or cut at the edge ("Bot self…"). The config must stay plain JSON for QuickChart, so
// widths are estimated here, generously, from character classes; test/charts/labels-fit.test.ts
// draws every chart kind and checks the real text metrics against the room.

/** Width of one character in ems: wide enough for DejaVu Sans (the widest fallback) and Noto Sans CJK. */
function charEms(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80) return 1.05; // CJK, kana, hangul, full-width forms
  if (/[mwMW@%]/.test(char)) return 1.0;
  if (/[A-Z]/.test(char)) return 0.78;
  if (/[ijlI|.,:;'!()[\]]/.test(char)) return 0.42;
  if (char === ' ') return 0.36;
  return 0.66;
}

/** Estimated drawn width of `text` in pixels at `fontPx`. */
export function estimatedWidth(text: string, fontPx: number): number {
  let ems = 0;
  for (const char of text) ems += charEms(char);
  return ems * fontPx;
}

const isCjk = (char: string) => (char.codePointAt(0) ?? 0) >= 0x2e80;

/** Characters a line may break before: an opening bracket, a dash between dates. */
const BREAK_BEFORE = new Set(['(', '（', '–']);
/** Characters a line may break after. */
const BREAK_AFTER = new Set([' ', '-', '/', ')', '）']);

/**
 * Pieces a line may break between: after spaces and hyphens, around brackets and dashes, and
 * between two CJK characters of a label without spaces (never inside "12月2日": a number stays
 * with its 月 or 日).
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let previous = '';
  // Words separated by spaces ("12月2日 周三") break at the spaces; a run of CJK alone anywhere.
  const spaced = text.includes(' ');
  for (const char of text) {
    const betweenCjk = !spaced && isCjk(char) && isCjk(previous);
    if (current && (BREAK_BEFORE.has(char) || betweenCjk)) {
      out.push(current);
      current = '';
    }
    current += char;
    if (BREAK_AFTER.has(char)) {
      out.push(current);
      current = '';
    }
    previous = char;
  }
  if (current) out.push(current);
  return out;
}

/** Cuts `text` to `maxWidth`, ending in "…". */
function cut(text: string, maxWidth: number, fontPx: number): string {
  const chars = Array.from(text);
  while (chars.length > 1 && estimatedWidth(`${chars.join('')}…`, fontPx) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * `label` as at most `maxLines` lines, each estimated no wider than `maxWidth`. A label that needs
 * more lines keeps its first ones and ends in "…" (names longer than any real one).
 */
export function fitLabel(label: string, maxWidth: number, fontPx: number, maxLines: number): string[] {
  if (estimatedWidth(label, fontPx) <= maxWidth) return [label];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(label)) {
    const candidate = line + piece;
    if (line && estimatedWidth(candidate.trimEnd(), fontPx) > maxWidth) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  const fitted = lines.map((text) =>
    estimatedWidth(text, fontPx) > maxWidth ? cut(text, maxWidth, fontPx) : text,
  );
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = last.endsWith('…') ? last : cut(`${last} ${fitted[maxLines]}`, maxWidth, fontPx);
  return kept;
}
