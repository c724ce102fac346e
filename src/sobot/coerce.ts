// Zod building blocks that turn Sobot's loosely typed reply values into plain numbers, fractions,
// milliseconds and strings, once, at the edge (see sobot-api/README.md "Quirks").

import { z } from 'zod';

/** What Sobot puts in a numeric field: a number, a string, null, or nothing at all. */
const rawScalar = z.union([z.number(), z.string(), z.null()]).optional();

/**
 * Strings that mean "no value". The v5 satisfaction replies send "NA" for a period-over-period
 * change whose previous period is empty; "" and "-" are placeholders seen in the same fields.
 */
const ABSENT_MARKERS = new Set(['', 'NA', 'N/A', '-', '--']);

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "HH:mm:ss", where hours are not capped at 24 (a month of reception time is "123:04:05"). */
const CLOCK_DURATION = /^(\d+):([0-5]\d):([0-5]\d)$/;

function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** Six decimals keeps 4-digit percentages exact ("71.43%" is 0.7143, not 0.7143000000000001). */
function roundFraction(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function fractionFromText(text: string): number | undefined {
  if (!text.endsWith('%')) return decimal(text);
  const percent = decimal(text.slice(0, -1).trim());
  return percent === undefined ? undefined : roundFraction(percent / 100);
}

function millisecondsFromText(text: string): number | undefined {
  const clock = CLOCK_DURATION.exec(text);
  if (!clock) return decimal(text);
  const [, hours, minutes, seconds] = clock.map(Number);
  return ((hours! * 60 + minutes!) * 60 + seconds!) * 1000;
}

/**
 * The mark on the issue of a value that may be read as unknown rather than fail the reply: a
 * duration in a format the document does not show ("05:23": minutes or hours?). See `parseLeniently`.
 */
const UNREADABLE_MARK = 'sobot_unreadable_value';

/**
 * A schema that accepts a number or a string, maps Sobot's "no value" markers and a missing key to
 * null, and rejects anything it cannot read with an issue naming the value (marked as one that may be
 * left unknown, when `lenient`).
 */
function numeric(
  expected: string,
  fromText: (text: string) => number | undefined,
  opts: { lenient?: boolean; numbers?: boolean } = {},
) {
  return rawScalar.transform((value, ctx): number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') {
      if (Number.isFinite(value) && opts.numbers !== false) return value;
    } else {
      const trimmed = value.trim();
      if (ABSENT_MARKERS.has(trimmed.toUpperCase())) return null;
      const parsed = fromText(trimmed);
      if (parsed !== undefined) return parsed;
    }
    ctx.issues.push({
      code: 'custom',
      message: `expected ${expected}, got ${JSON.stringify(value)}`,
      input: value,
      ...(opts.lenient ? { params: { [UNREADABLE_MARK]: true } } : {}),
    });
    return z.NEVER;
  });
}

/** A count or an average: `21`, `"21"`, `"3.00"` → number; `"NA"`, `""`, `"-"`, null, missing → null. */
export const count = numeric('a number or numeric string', decimal);

/** A fraction: `0.714` stays, `"71.43%"` → 0.7143, `"0.75"` → 0.75; "NA", "", null, missing → null. */
export const ratio = numeric('a fraction or a percent string', fractionFromText);

/**
 * A period-over-period change (`*_cycle`, `*_ratio`, `*_change`): `"-32.26%"` → -0.3226, `"NA"` → null.
 * Same reading as `ratio`; the separate name keeps MoM fields distinguishable in the schemas.
 */
export const change = ratio;

/**
 * Milliseconds: `628769.25`, `"2059"` or `"HH:mm:ss"` (`"00:03:02"` → 182000); "NA", missing → null.
 * Any other form ("05:23") is unknown, not a failed reply (`parseLeniently`).
 */
export const durationMs = numeric('milliseconds or an "HH:mm:ss" string', millisecondsFromText, {
  lenient: true,
});

/**
 * A duration the document types as a string without a unit (the legacy API's): only `"HH:mm:ss"` is
 * unambiguous. A bare number (seconds? milliseconds?) is unknown, not guessed (`parseLeniently`).
 */
export const clockDurationMs = numeric(
  'an "HH:mm:ss" string',
  (text) => {
    const clock = CLOCK_DURATION.exec(text);
    return clock ? millisecondsFromText(text) : undefined;
  },
  { lenient: true, numbers: false },
);

/** Epoch milliseconds as a number or a string (`"1747893918830"`); missing → null. */
export const timestampMs = numeric('epoch milliseconds', decimal);

/** Ids and names: strings stay, numbers become strings (`robot_flag: 1` → "1"); null, missing → "". */
export const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? '' : String(value)));

/** A nested list; a missing or null list reads as empty. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

const coercers = { text, count, ratio, change, durationMs, clockDurationMs, timestampMs } as const;

export type FieldKind = keyof typeof coercers;

/** Field names grouped by how their values are read. */
export type FieldSpec = { readonly [K in FieldKind]?: readonly string[] };

type NamesOf<S extends FieldSpec, K extends FieldKind> = S[K] extends readonly (infer F extends string)[]
  ? F
  : never;

export type FieldShape<S extends FieldSpec> = { [F in NamesOf<S, 'text'>]: typeof text } & {
  [F in NamesOf<S, 'count'>]: typeof count;
} & { [F in NamesOf<S, 'ratio'>]: typeof ratio } & { [F in NamesOf<S, 'change'>]: typeof change } & {
  [F in NamesOf<S, 'durationMs'>]: typeof durationMs;
} & { [F in NamesOf<S, 'clockDurationMs'>]: typeof clockDurationMs } & {
  [F in NamesOf<S, 'timestampMs'>]: typeof timestampMs;
};

/**
 * Builds a `z.object` from lists of field names per kind, so a 120-field Sobot row stays readable.
 * Every field may be missing (Sobot omits documented fields), and unknown keys are stripped.
 * Throws at load time if a name is listed under two kinds.
 */
export function fields<const S extends FieldSpec>(spec: S): z.ZodObject<FieldShape<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [kind, names] of Object.entries(spec) as [FieldKind, readonly string[]][]) {
    for (const name of names) {
      if (name in shape) throw new Error(`field "${name}" is listed under two kinds`);
      shape[name] = coercers[kind];
    }
  }
  return z.object(shape as FieldShape<S>);
}

/** A value read as unknown instead of failing the reply: where it was and what it was. */
export interface UnreadableValue {
  path: string;
  value: unknown;
  expected: string;
}

/**
 * Parses `raw` with `schema`, reading a value whose issue is marked as one that may be unknown (an
 * unreadable duration) as null instead of failing the whole reply: the rest of the reply is still
 * read, the figure shows "–", and `onUnreadable` hears of each one (to log a warning). Any other
 * problem still throws the ZodError.
 */
export function parseLeniently<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  onUnreadable: (found: UnreadableValue) => void,
): T {
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  const unreadable = first.error.issues.filter(
    (issue) =>
      issue.code === 'custom' && (issue.params as Record<string, unknown> | undefined)?.[UNREADABLE_MARK],
  );
  if (unreadable.length === 0 || unreadable.length < first.error.issues.length) throw first.error;
  const patched = structuredClone(raw) as Record<PropertyKey, unknown>;
  for (const issue of unreadable) {
    const parent = issue.path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)[key], patched) as Record<
      PropertyKey,
      unknown
    >;
    const key = issue.path.at(-1) as PropertyKey;
    onUnreadable({ path: issue.path.join('.'), value: parent[key], expected: issue.message });
    parent[key] = null;
  }
  return schema.parse(patched);
}
