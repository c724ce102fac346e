// Specs for the quirk coercers: every reply quirk listed in sobot-api/README.md, plus round-trip properties.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  change,
  clockDurationMs,
  count,
  durationMs,
  fields,
  list,
  parseLeniently,
  ratio,
  readRow,
  text,
  timestampMs,
  type UnreadableValue,
} from '../../src/sobot/coerce.ts';
import { type V5EndpointKey, v5Endpoints } from '../../src/sobot/v5/endpoints.ts';

describe('count', () => {
  it.each([
    [21, 21],
    ['21', 21],
    ['1747893918830', 1747893918830],
    ['3.00', 3],
    [3.44, 3.44],
    [' 7 ', 7],
    ['-5', -5],
  ])('reads %j as %j', (raw, expected) => {
    expect(count.parse(raw)).toBe(expected);
  });

  it.each(['', 'NA', '-', null, undefined])('reads %j as null', (raw) => {
    expect(count.parse(raw)).toBeNull();
  });

  it('gives null for a missing key inside an object', () => {
    expect(z.object({ a: count }).parse({})).toEqual({ a: null });
  });

  it.each(['abc', '66.67%', '00:03:02', '1,234', true, {}, []])(
    'rejects %j with an issue naming the value',
    (raw) => {
      const result = count.safeParse(raw);
      expect(result.success).toBe(false);
    },
  );

  it('names the unreadable value in the issue', () => {
    const result = count.safeParse('abc');
    expect(result.error?.issues[0]?.message).toContain('"abc"');
  });

  it('reads any safe integer written as a string back to itself', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(count.parse(String(n))).toBe(n);
      }),
    );
  });

  it('never throws on arbitrary strings: it yields a number, null or an issue', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const result = count.safeParse(raw);
        if (result.success) expect(result.data === null || Number.isFinite(result.data)).toBe(true);
      }),
    );
  });
});

describe('ratio', () => {
  it('keeps a fraction that arrives as a number', () => {
    expect(ratio.parse(0.714)).toBe(0.714);
    expect(ratio.parse(0.7142857142857143)).toBe(0.7142857142857143);
  });

  it('turns "71.43%" into 0.7143', () => {
    expect(ratio.parse('71.43%')).toBe(0.7143);
  });

  it('turns "-32.26%" into -0.3226', () => {
    expect(ratio.parse('-32.26%')).toBe(-0.3226);
  });

  it('turns "100.00%" into 1 and "450.00%" into 4.5', () => {
    expect(ratio.parse('100.00%')).toBe(1);
    expect(ratio.parse('450.00%')).toBe(4.5);
  });

  it('turns "0.00%" and "-0.00%" into a plain 0, never -0', () => {
    expect(ratio.parse('0.00%')).toBe(0);
    expect(ratio.parse('-0.00%')).toBe(0);
  });

  it('reads a plain numeric string "0.75" as the fraction 0.75', () => {
    expect(ratio.parse('0.75')).toBe(0.75);
  });

  it.each(['NA', '', null, undefined])('reads %j as null', (raw) => {
    expect(ratio.parse(raw)).toBeNull();
  });

  it('gives null for a missing key inside an object', () => {
    expect(z.object({ r: ratio }).parse({})).toEqual({ r: null });
  });

  it.each(['abc%', '%', '71.43%%', 'seventy'])('rejects %j', (raw) => {
    expect(ratio.safeParse(raw).success).toBe(false);
  });

  it('parses any fraction formatted as "xx.xx%" back to within 0.00005', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (fraction) => {
        const parsed = ratio.parse(`${(fraction * 100).toFixed(2)}%`);
        expect(parsed).not.toBeNull();
        expect(Math.abs(parsed! - fraction)).toBeLessThanOrEqual(0.00005 + 1e-12);
      }),
    );
  });

  it('reads whole basis points without float noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (basisPoints) => {
        const percent = `${(basisPoints / 100).toFixed(2)}%`;
        expect(ratio.parse(percent)).toBe(basisPoints / 10_000);
      }),
    );
  });
});

describe('change', () => {
  it('turns "-32.26%" into -0.3226', () => {
    expect(change.parse('-32.26%')).toBe(-0.3226);
  });

  it('turns "NA" into null', () => {
    expect(change.parse('NA')).toBeNull();
  });

  it('gives null for a missing key inside an object', () => {
    expect(z.object({ mom: change }).parse({})).toEqual({ mom: null });
  });
});

describe('durationMs', () => {
  it('keeps milliseconds that arrive as a number', () => {
    expect(durationMs.parse(628769.25)).toBe(628769.25);
  });

  it('reads milliseconds that arrive as a string', () => {
    expect(durationMs.parse('11529665')).toBe(11529665);
  });

  it.each([
    ['00:03:02', 182_000],
    ['00:00:00', 0],
    ['01:12:43', (72 * 60 + 43) * 1000],
    ['1:00:00', 3_600_000],
    ['123:04:05', (123 * 3600 + 4 * 60 + 5) * 1000],
  ])('reads "%s" as %d ms', (raw, expected) => {
    expect(durationMs.parse(raw)).toBe(expected);
  });

  it.each(['NA', '', null, undefined])('reads %j as null', (raw) => {
    expect(durationMs.parse(raw)).toBeNull();
  });

  it('gives null for a missing key inside an object', () => {
    expect(z.object({ d: durationMs }).parse({})).toEqual({ d: null });
  });

  it.each(['00:61:00', '00:00:60', '3 min', '12:30', '-00:01:00'])('rejects %j', (raw) => {
    expect(durationMs.safeParse(raw).success).toBe(false);
  });

  it('reads any H:mm:ss back to the seconds it was made of', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (hours, minutes, seconds) => {
          const clock = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
          expect(durationMs.parse(clock)).toBe((hours * 3600 + minutes * 60 + seconds) * 1000);
        },
      ),
    );
  });
});

describe('timestampMs', () => {
  it('reads "1747893918830" as 1747893918830', () => {
    expect(timestampMs.parse('1747893918830')).toBe(1747893918830);
  });

  it('keeps epoch milliseconds that arrive as a number', () => {
    expect(timestampMs.parse(1751953702117)).toBe(1751953702117);
  });

  it.each(['', 'NA', null, undefined])('reads %j as null', (raw) => {
    expect(timestampMs.parse(raw)).toBeNull();
  });

  it('rejects a date string', () => {
    expect(timestampMs.safeParse('2025-04-01').success).toBe(false);
  });
});

describe('text', () => {
  it('keeps strings as they are, including "" and "[]"', () => {
    expect(text.parse('Headquarters')).toBe('Headquarters');
    expect(text.parse('')).toBe('');
    expect(text.parse('[]')).toBe('[]');
  });

  it('turns robot_flag 1 into "1"', () => {
    expect(text.parse(1)).toBe('1');
  });

  it('turns null and a missing key into ""', () => {
    expect(text.parse(null)).toBe('');
    expect(z.object({ name: text }).parse({})).toEqual({ name: '' });
  });

  it('rejects objects', () => {
    expect(text.safeParse({ name: 'x' }).success).toBe(false);
  });

  it('keeps any string unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(text.parse(raw)).toBe(raw);
      }),
    );
  });
});

describe('list', () => {
  it('reads a missing or null list as empty', () => {
    const schema = z.object({ rows: list(z.object({ id: text })) });
    expect(schema.parse({})).toEqual({ rows: [] });
    expect(schema.parse({ rows: null })).toEqual({ rows: [] });
    expect(schema.parse({ rows: [{ id: 7 }] })).toEqual({ rows: [{ id: '7' }] });
  });
});

describe('fields', () => {
  const row = fields({ text: ['staff_id'], count: ['human_consult'], ratio: ['valid_recep_rate_str'] });

  it('reads each listed field with the coercer of its kind', () => {
    expect(row.parse({ staff_id: 42, human_consult: '9', valid_recep_rate_str: '16.67%' })).toEqual({
      staff_id: '42',
      human_consult: 9,
      valid_recep_rate_str: 0.1667,
    });
  });

  it('accepts a row with every field missing', () => {
    expect(row.parse({})).toEqual({ staff_id: '', human_consult: null, valid_recep_rate_str: null });
  });

  it('drops keys it does not list', () => {
    expect(row.parse({ staff_id: 'a', surprise: 1 })).not.toHaveProperty('surprise');
  });

  it('refuses a field listed under two kinds', () => {
    expect(() => fields({ count: ['x'], ratio: ['x'] })).toThrow(/"x"/);
  });
});

describe('parseLeniently', () => {
  const row = fields({ count: ['human_consult'], durationMs: ['avg_first_response_time'] });

  it('reads an unreadable duration as unknown, reads the rest, and tells where and what it was', () => {
    const heard: UnreadableValue[] = [];
    const parsed = parseLeniently(row, { human_consult: '9', avg_first_response_time: '05:23' }, (found) =>
      heard.push(found),
    );
    expect(parsed).toEqual({ human_consult: 9, avg_first_response_time: null });
    expect(heard).toEqual([expect.objectContaining({ path: 'avg_first_response_time', value: '05:23' })]);
  });

  it('still refuses a reply whose counts cannot be read', () => {
    expect(() =>
      parseLeniently(row, { human_consult: 'many', avg_first_response_time: '05:23' }, () => {}),
    ).toThrow(/human_consult|a number/);
  });

  it('reads nested rows the same way', () => {
    const list = z.object({ items: z.array(row) });
    const heard: string[] = [];
    const parsed = parseLeniently(
      list,
      {
        items: [
          { human_consult: 1, avg_first_response_time: 1000 },
          { human_consult: 2, avg_first_response_time: '1m' },
        ],
      },
      (found) => heard.push(found.path),
    );
    expect(parsed.items[1]).toEqual({ human_consult: 2, avg_first_response_time: null });
    expect(heard).toEqual(['items.1.avg_first_response_time']);
  });
});

describe('clockDurationMs (durations typed as strings without a unit)', () => {
  it('reads "HH:mm:ss", and nothing else: a bare number could be seconds or milliseconds', () => {
    expect(clockDurationMs.parse('00:05:12')).toBe(312_000);
    expect(clockDurationMs.parse('NA')).toBeNull();
    expect(clockDurationMs.safeParse(312).success).toBe(false);
    expect(clockDurationMs.safeParse('312').success).toBe(false);
    expect(clockDurationMs.safeParse('05:12').success).toBe(false);
  });
});

describe('readRow (a row of `fields` read without zod)', () => {
  const fixture = (key: string): Record<string, unknown> =>
    JSON.parse(readFileSync(new URL(`../fixtures/v5/${key}.json`, import.meta.url), 'utf8'));
  /** The rows of each example reply in the v5 documents, with the schema of their endpoint. */
  const examples = (Object.keys(v5Endpoints) as V5EndpointKey[]).flatMap((key) => {
    const reply = fixture(key);
    const rows = [...((reply.items as unknown[] | undefined) ?? []), ...(reply.item ? [reply.item] : [])];
    const schema: z.ZodType = v5Endpoints[key].item;
    return rows.map((row, i) => ({ name: `${key} #${i}`, schema, row }));
  });
  /** The same reading as zod's parse: the same keys in the same order, the same values. */
  const sameAsZod = (schema: z.ZodType, raw: unknown) => {
    const zod = schema.safeParse(raw);
    const row = readRow(schema, raw);
    expect(row === undefined).toBe(!zod.success);
    if (row !== undefined) {
      expect(row).toStrictEqual(zod.data);
      expect(Object.keys(row as object)).toEqual(Object.keys(zod.data as object));
    }
  };

  it('reads every example row of the v5 documents as zod does, without zod (the fast path is taken)', () => {
    const built = examples.filter(({ schema }) => readRow(schema, {}) !== undefined);
    // departments and serviceSummary nest lists (`.extend`): zod reads those.
    expect(new Set(built.map(({ name }) => name.split(' ')[0]))).toEqual(
      new Set(Object.keys(v5Endpoints).filter((key) => key !== 'departments' && key !== 'serviceSummary')),
    );
    for (const { schema, row } of built) {
      expect(readRow(schema, row)).toBeDefined();
      sameAsZod(schema, row);
    }
  });

  it('leaves a schema it did not build to zod', () => {
    expect(readRow(z.object({ a: count }), { a: 1 })).toBeUndefined();
    expect(readRow(v5Endpoints.departments.item, { depart_id: '1' })).toBeUndefined();
  });

  /** What Sobot might put in a field, well-formed or not. */
  const value = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.float().map((n) => String(n)),
    fc.float({ noNaN: true, noDefaultInfinity: true }).map((n) => `${n.toFixed(2)}%`),
    fc.tuple(fc.nat(200), fc.nat(59), fc.nat(70)).map(([h, m, s]) => `${h}:${m}:${s}`.padStart(8, '0')),
    fc.constantFrom('', 'NA', 'na', ' N/A ', '-', '--', 'n/a', '05:23', '1,234', '3.', '.5', ' 7 ', 'ß'),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(null, undefined, true, false),
    fc.object({ maxDepth: 1 }),
    fc.array(fc.integer(), { maxLength: 2 }),
  );
  const allKinds = fields({
    text: ['t1', 't2'],
    count: ['c1', 'c2'],
    ratio: ['r'],
    change: ['m'],
    durationMs: ['d'],
    clockDurationMs: ['cd'],
    timestampMs: ['ts'],
  });
  const names = ['t1', 't2', 'c1', 'c2', 'r', 'm', 'd', 'cd', 'ts'];

  it('agrees with zod on any row: the same row, or no row where zod finds a problem', () => {
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries([...names, 'extra'].map((name) => [name, value])), { requiredKeys: [] }),
        (raw) => sameAsZod(allKinds, raw),
      ),
      { numRuns: 2_000 },
    );
  });

  it('agrees with zod on example rows with some values replaced, and on values that are not rows', () => {
    const workload = examples.find(({ name }) => name.startsWith('agentWorkload'));
    const row = workload?.row as Record<string, unknown>;
    const keys = Object.keys(row);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }), (changes) =>
        sameAsZod(v5Endpoints.agentWorkload.item, { ...row, ...changes }),
      ),
      { numRuns: 1_000 },
    );
    fc.assert(fc.property(fc.anything(), (raw) => sameAsZod(allKinds, raw)));
  });

  it('gives parseLeniently the same unknown values and the same refusals as before', () => {
    const heard: string[] = [];
    const read = parseLeniently(allKinds, { c1: '3', d: '05:23', cd: 312 }, (found) =>
      heard.push(found.path),
    );
    expect(read).toMatchObject({ c1: 3, d: null, cd: null });
    expect(heard).toEqual(['d', 'cd']);
    expect(() => parseLeniently(allKinds, { c1: 'many' }, () => {})).toThrow(
      /expected a number or numeric string/,
    );
  });
});
