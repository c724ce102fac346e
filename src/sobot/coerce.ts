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

/** Upper-casing never shortens a string: only short ones can be a marker ("na", "n/a"). */
const isAbsentMarker = (text: string) => text.length <= 3 && ABSENT_MARKERS.has(text.toUpperCase());

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

/** What a reader returns for a value it cannot read: zod's schema then names the problem. */
const UNREAD = Symbol('unread');
type Read<T> = T | typeof UNREAD;

/**
 * Reads a number or a string as `fromText` does, Sobot's "no value" markers and a missing key as null.
 * The one reading of numeric values: the zod schemas below and the rows read without zod share it.
 */
function numericReader(
  fromText: (text: string) => number | undefined,
  numbers: boolean,
): (value: unknown) => Read<number | null> {
  return (value) => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return numbers && Number.isFinite(value) ? value : UNREAD;
    if (typeof value !== 'string') return UNREAD;
    const trimmed = value.trim();
    if (isAbsentMarker(trimmed)) return null;
    return fromText(trimmed) ?? UNREAD;
  };
}

/** A field's zod schema and the same reading as a plain function (see `readRow`). */
interface Coercer<T> {
  schema: z.ZodType<T>;
  read(value: unknown): Read<T>;
}

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
  const read = numericReader(fromText, opts.numbers !== false);
  const schema = rawScalar.transform((value, ctx): number | null => {
    const parsed = read(value);
    if (parsed !== UNREAD) return parsed;
    ctx.issues.push({
      code: 'custom',
      message: `expected ${expected}, got ${JSON.stringify(value)}`,
      input: value,
      ...(opts.lenient ? { params: { [UNREADABLE_MARK]: true } } : {}),
    });
    return z.NEVER;
  });
  return { schema, read } satisfies Coercer<number | null>;
}

/** A count or an average: `21`, `"21"`, `"3.00"` → number; `"NA"`, `""`, `"-"`, null, missing → null. */
const countField = numeric('a number or numeric string', decimal);
export const count = countField.schema;

/** A fraction: `0.714` stays, `"71.43%"` → 0.7143, `"0.75"` → 0.75; "NA", "", null, missing → null. */
const ratioField = numeric('a fraction or a percent string', fractionFromText);
export const ratio = ratioField.schema;

/**
 * A period-over-period change (`*_cycle`, `*_ratio`, `*_change`): `"-32.26%"` → -0.3226, `"NA"` → null.
 * Same reading as `ratio`; the separate name keeps MoM fields distinguishable in the schemas.
 */
export const change = ratio;

/**
 * Milliseconds: `628769.25`, `"2059"` or `"HH:mm:ss"` (`"00:03:02"` → 182000); "NA", missing → null.
 * Any other form ("05:23") is unknown, not a failed reply (`parseLeniently`).
 */
const durationField = numeric('milliseconds or an "HH:mm:ss" string', millisecondsFromText, {
  lenient: true,
});
export const durationMs = durationField.schema;

/**
 * A duration the document types as a string without a unit (the legacy API's): only `"HH:mm:ss"` is
 * unambiguous. A bare number (seconds? milliseconds?) is unknown, not guessed (`parseLeniently`).
 */
const clockDurationField = numeric(
  'an "HH:mm:ss" string',
  (text) => {
    const clock = CLOCK_DURATION.exec(text);
    return clock ? millisecondsFromText(text) : undefined;
  },
  { lenient: true, numbers: false },
);
export const clockDurationMs = clockDurationField.schema;

/** Epoch milliseconds as a number or a string (`"1747893918830"`); missing → null. */
const timestampField = numeric('epoch milliseconds', decimal);
export const timestampMs = timestampField.schema;

/** Ids and names: strings stay, numbers become strings (`robot_flag: 1` → "1"); null, missing → "". */
const textField: Coercer<string> = {
  schema: z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((value) => (value === null || value === undefined ? '' : String(value))),
  read: (value) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : UNREAD;
  },
};
export const text = textField.schema;

/** A nested list; a missing or null list reads as empty. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

const coercers = {
  text: textField,
  count: countField,
  ratio: ratioField,
  change: ratioField,
  durationMs: durationField,
  clockDurationMs: clockDurationField,
  timestampMs: timestampField,
} as const;

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
 * The rows `fields` builds, read without zod: zod's object parse makes a result object per field and
 * was a tenth of the main thread under load (README, "Performance"); a plain loop over the same
 * readers makes only the row. Schemas built otherwise (`.extend`, nested lists) are not in it.
 */
const rowReaders = new WeakMap<z.ZodType, (raw: unknown) => unknown>();

/**
 * Builds a `z.object` from lists of field names per kind, so a 120-field Sobot row stays readable.
 * Every field may be missing (Sobot omits documented fields), and unknown keys are stripped.
 * Throws at load time if a name is listed under two kinds.
 */
export function fields<const S extends FieldSpec>(spec: S): z.ZodObject<FieldShape<S>> {
  const shape: Record<string, z.ZodType> = {};
  const readers: [string, Coercer<unknown>['read']][] = [];
  for (const [kind, names] of Object.entries(spec) as [FieldKind, readonly string[]][]) {
    for (const name of names) {
      if (name in shape) throw new Error(`field "${name}" is listed under two kinds`);
      shape[name] = coercers[kind].schema;
      readers.push([name, coercers[kind].read]);
    }
  }
  const schema = z.object(shape as FieldShape<S>);
  rowReaders.set(schema, (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return UNREAD;
    const row: Record<string, unknown> = {};
    for (const [name, read] of readers) {
      const value = read((raw as Record<string, unknown>)[name]);
      if (value === UNREAD) return UNREAD;
      row[name] = value;
    }
    return row;
  });
  return schema;
}

/**
 * `raw` read by `schema` without zod when `fields` built it and every value is readable: the same
 * row `schema.parse` returns. Otherwise undefined, and zod's parse says what is wrong.
 */
export function readRow<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const row = rowReaders.get(schema)?.(raw);
  return row === UNREAD ? undefined : (row as T | undefined);
}

/** A value read as unknown instead of failing the reply: where it was and what it was. */
export interface UnreadableValue {
  path: string;
  value: unknown;
  expected: string;
}

/**
 * Parses `raw` with `schema` (a row `fields` built and whose values are all readable, without zod),
 * reading a value whose issue is marked as one that may be unknown (an
 * unreadable duration) as null instead of failing the whole reply: the rest of the reply is still
 * read, the figure shows "–", and `onUnreadable` hears of each one (to log a warning). Any other
 * problem still throws the ZodError.
 */
export function parseLeniently<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  onUnreadable: (found: UnreadableValue) => void,
): T {
  const row = readRow(schema, raw);
  if (row !== undefined) return row;
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
