// Specs for the period grammar. Every expected date below was worked out from the calendar by hand
// (weekdays checked against `cal`), never taken from the code's own output.

import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format } from 'date-fns';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { say } from '../../src/i18n/catalogue.ts';
import type { DateRange } from '../../src/stats/model.ts';
import {
  chartDate,
  comparisonRange,
  describeRange,
  isClosed,
  MAX_RANGE_DAYS,
  PERIOD_EXAMPLES,
  parsePeriod as parsePeriodPhrased,
  previousRange,
  rangeDays,
  shiftDays,
  todayIn,
} from '../../src/stats/period.ts';

type PeriodResult =
  | Extract<ReturnType<typeof parsePeriodPhrased>, { ok: true }>
  | { ok: false; problem: string; suggestion: string | null };

/** parsePeriod with its problem said in English, as these tests read it. */
function parsePeriod(...args: Parameters<typeof parsePeriodPhrased>): PeriodResult {
  const result = parsePeriodPhrased(...args);
  return result.ok ? result : { ...result, problem: say('en', result.problem) };
}

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const AUCKLAND = 'Pacific/Auckland';

const at = (iso: string) => Date.parse(iso);

function rangeOf(result: PeriodResult): { from: string; to: string } {
  if (!result.ok) throw new Error(`expected a range, got: ${result.problem}`);
  return { from: result.range.from, to: result.range.to };
}

interface Scenario {
  name: string;
  zone: string;
  now: string;
  /** text → [from, to] */
  expected: Record<string, [string, string]>;
}

const scenarios: Scenario[] = [
  {
    // 16:30 UTC on Sunday 22 Nov is 00:30 on Monday 23 Nov in Shanghai (UTC+8).
    name: 'Asia/Shanghai just after local midnight on a Monday, while UTC is still Sunday',
    zone: SHANGHAI,
    now: '2026-11-22T16:30:00Z',
    expected: {
      today: ['2026-11-23', '2026-11-23'],
      yesterday: ['2026-11-22', '2026-11-22'],
      'this week': ['2026-11-23', '2026-11-23'],
      'last week': ['2026-11-16', '2026-11-22'],
      'last 7 days': ['2026-11-16', '2026-11-22'],
      'last 30 days': ['2026-10-24', '2026-11-22'],
      'last 90 days': ['2026-08-25', '2026-11-22'],
      'last 1 day': ['2026-11-22', '2026-11-22'],
      'last 14 day': ['2026-11-09', '2026-11-22'],
      'past 7 days': ['2026-11-16', '2026-11-22'],
      '7d': ['2026-11-16', '2026-11-22'],
      '30d': ['2026-10-24', '2026-11-22'],
      'this month': ['2026-11-01', '2026-11-23'],
      'last month': ['2026-10-01', '2026-10-31'],
      '2026-11-02': ['2026-11-02', '2026-11-02'],
      '2026-11-23': ['2026-11-23', '2026-11-23'],
      '2026-11-01..2026-11-15': ['2026-11-01', '2026-11-15'],
      '2026-11-01 to 2026-11-15': ['2026-11-01', '2026-11-15'],
      '2026-11-01–2026-11-15': ['2026-11-01', '2026-11-15'],
      '2026-11-01 – 2026-11-15': ['2026-11-01', '2026-11-15'],
      '2026-08-18..2026-11-15': ['2026-08-18', '2026-11-15'],
      今天: ['2026-11-23', '2026-11-23'],
      昨天: ['2026-11-22', '2026-11-22'],
      本周: ['2026-11-23', '2026-11-23'],
      上周: ['2026-11-16', '2026-11-22'],
      本月: ['2026-11-01', '2026-11-23'],
      上月: ['2026-10-01', '2026-10-31'],
      最近7天: ['2026-11-16', '2026-11-22'],
      近7天: ['2026-11-16', '2026-11-22'],
      最近７天: ['2026-11-16', '2026-11-22'],
      '  Last   WEEK ': ['2026-11-16', '2026-11-22'],
      YESTERDAY: ['2026-11-22', '2026-11-22'],
      'Last 7 Days': ['2026-11-16', '2026-11-22'],
    },
  },
  {
    // 15:59:59 UTC is 23:59:59 on Sunday 22 Nov in Shanghai: still the old week.
    name: 'Asia/Shanghai one second before midnight on a Sunday',
    zone: SHANGHAI,
    now: '2026-11-22T15:59:59Z',
    expected: {
      today: ['2026-11-22', '2026-11-22'],
      yesterday: ['2026-11-21', '2026-11-21'],
      'this week': ['2026-11-16', '2026-11-22'],
      'last week': ['2026-11-09', '2026-11-15'],
      'last 7 days': ['2026-11-15', '2026-11-21'],
    },
  },
  {
    // Clocks went back at 06:00 UTC on Sun 1 Nov; 04:30 UTC on 2 Nov is 23:30 EST (UTC−5) on Sun 1 Nov.
    // A fixed UTC−4 would wrongly say Monday 2 Nov.
    name: 'America/New_York late on Sun 1 Nov 2026, the day clocks went back',
    zone: NEW_YORK,
    now: '2026-11-02T04:30:00Z',
    expected: {
      today: ['2026-11-01', '2026-11-01'],
      yesterday: ['2026-10-31', '2026-10-31'],
      'this week': ['2026-10-26', '2026-11-01'],
      'last week': ['2026-10-19', '2026-10-25'],
      'this month': ['2026-11-01', '2026-11-01'],
      'last month': ['2026-10-01', '2026-10-31'],
      'last 7 days': ['2026-10-25', '2026-10-31'],
    },
  },
  {
    // 05:30 UTC on 1 Nov is 01:30 EDT, the first of the two 01:30s.
    name: 'America/New_York during the repeated hour on 1 Nov 2026',
    zone: NEW_YORK,
    now: '2026-11-01T05:30:00Z',
    expected: {
      today: ['2026-11-01', '2026-11-01'],
      yesterday: ['2026-10-31', '2026-10-31'],
    },
  },
  {
    // 03:59:59 UTC on 1 Nov is 23:59:59 EDT (UTC−4) on Sat 31 Oct.
    name: 'America/New_York one second before midnight on Sat 31 Oct 2026',
    zone: NEW_YORK,
    now: '2026-11-01T03:59:59Z',
    expected: {
      today: ['2026-10-31', '2026-10-31'],
      yesterday: ['2026-10-30', '2026-10-30'],
      'this month': ['2026-10-01', '2026-10-31'],
      'last month': ['2026-09-01', '2026-09-30'],
    },
  },
  {
    // Clocks went forward on Sun 8 Mar; 04:30 UTC on 9 Mar is 00:30 EDT (UTC−4) on Mon 9 Mar.
    // A fixed UTC−5 would wrongly say Sunday 8 Mar.
    name: 'America/New_York just after midnight on Mon 9 Mar 2026, the day after clocks went forward',
    zone: NEW_YORK,
    now: '2026-03-09T04:30:00Z',
    expected: {
      today: ['2026-03-09', '2026-03-09'],
      yesterday: ['2026-03-08', '2026-03-08'],
      'this week': ['2026-03-09', '2026-03-09'],
      'last week': ['2026-03-02', '2026-03-08'],
      'this month': ['2026-03-01', '2026-03-09'],
      'last month': ['2026-02-01', '2026-02-28'],
    },
  },
  {
    // BST began at 01:00 UTC on Sun 29 Mar; 23:30 UTC that day is 00:30 BST on Mon 30 Mar.
    name: 'Europe/London just after midnight on Mon 30 Mar 2026, after the switch to BST',
    zone: LONDON,
    now: '2026-03-29T23:30:00Z',
    expected: {
      today: ['2026-03-30', '2026-03-30'],
      yesterday: ['2026-03-29', '2026-03-29'],
      'this week': ['2026-03-30', '2026-03-30'],
      'last week': ['2026-03-23', '2026-03-29'],
      'last 7 days': ['2026-03-23', '2026-03-29'],
    },
  },
  {
    // 23:30 UTC on Sat 28 Mar is still 23:30 GMT on Sat 28 Mar.
    name: 'Europe/London late on Sat 28 Mar 2026, still on GMT',
    zone: LONDON,
    now: '2026-03-28T23:30:00Z',
    expected: {
      today: ['2026-03-28', '2026-03-28'],
      yesterday: ['2026-03-27', '2026-03-27'],
      'this week': ['2026-03-23', '2026-03-28'],
    },
  },
  {
    // NZDT is UTC+13 in November: 11:30 UTC on 22 Nov is 00:30 on Mon 23 Nov.
    name: 'Pacific/Auckland just after midnight on Mon 23 Nov 2026 (UTC+13)',
    zone: AUCKLAND,
    now: '2026-11-22T11:30:00Z',
    expected: {
      today: ['2026-11-23', '2026-11-23'],
      yesterday: ['2026-11-22', '2026-11-22'],
      'this week': ['2026-11-23', '2026-11-23'],
      'last week': ['2026-11-16', '2026-11-22'],
    },
  },
  {
    // 10:59 UTC on 22 Nov is 23:59 NZDT on Sun 22 Nov.
    name: 'Pacific/Auckland one minute before midnight on Sun 22 Nov 2026',
    zone: AUCKLAND,
    now: '2026-11-22T10:59:00Z',
    expected: {
      today: ['2026-11-22', '2026-11-22'],
      'this week': ['2026-11-16', '2026-11-22'],
    },
  },
  {
    // Fri 1 Jan 2027, 12:00 in Shanghai.
    name: 'Asia/Shanghai on New Year’s Day 2027, a Friday',
    zone: SHANGHAI,
    now: '2027-01-01T04:00:00Z',
    expected: {
      yesterday: ['2026-12-31', '2026-12-31'],
      'this week': ['2026-12-28', '2027-01-01'],
      'last week': ['2026-12-21', '2026-12-27'],
      'this month': ['2027-01-01', '2027-01-01'],
      'last month': ['2026-12-01', '2026-12-31'],
      'last 7 days': ['2026-12-25', '2026-12-31'],
    },
  },
  {
    // Fri 15 Jan 2027, 12:00 in Shanghai.
    name: 'Asia/Shanghai in mid-January 2027',
    zone: SHANGHAI,
    now: '2027-01-15T04:00:00Z',
    expected: {
      'this week': ['2027-01-11', '2027-01-15'],
      'last week': ['2027-01-04', '2027-01-10'],
      'this month': ['2027-01-01', '2027-01-15'],
      'last month': ['2026-12-01', '2026-12-31'],
      'last 30 days': ['2026-12-16', '2027-01-14'],
    },
  },
  {
    // Tue 29 Feb 2028, 12:00 in Shanghai.
    name: 'Asia/Shanghai on leap day 2028-02-29, a Tuesday',
    zone: SHANGHAI,
    now: '2028-02-29T04:00:00Z',
    expected: {
      today: ['2028-02-29', '2028-02-29'],
      yesterday: ['2028-02-28', '2028-02-28'],
      'this week': ['2028-02-28', '2028-02-29'],
      'last week': ['2028-02-21', '2028-02-27'],
      'this month': ['2028-02-01', '2028-02-29'],
      'last month': ['2028-01-01', '2028-01-31'],
      '2028-02-29': ['2028-02-29', '2028-02-29'],
    },
  },
  {
    // Wed 1 Mar 2028, 12:00 in Shanghai: yesterday is the leap day.
    name: 'Asia/Shanghai on 2028-03-01, the day after a leap day',
    zone: SHANGHAI,
    now: '2028-03-01T04:00:00Z',
    expected: {
      yesterday: ['2028-02-29', '2028-02-29'],
      'last month': ['2028-02-01', '2028-02-29'],
      'last 7 days': ['2028-02-23', '2028-02-29'],
      'this month': ['2028-03-01', '2028-03-01'],
    },
  },
];

describe('parsePeriod', () => {
  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      const opts = { now: at(scenario.now), timeZone: scenario.zone };
      for (const [text, [from, to]] of Object.entries(scenario.expected)) {
        it(`resolves "${text}" to ${from}..${to}`, () => {
          const result = parsePeriod(text, opts);
          expect(rangeOf(result)).toEqual({ from, to });
          expect(result.ok && result.range.timeZone).toBe(scenario.zone);
        });
      }
    });
  }

  describe('labels', () => {
    const opts = { now: at('2026-11-22T16:30:00Z'), timeZone: SHANGHAI };
    it.each([
      ['yesterday', 'yesterday'],
      ['YESTERDAY', 'yesterday'],
      ['昨天', 'yesterday'],
      ['上月', 'last month'],
      ['this week', 'this week'],
      ['last 7 days', 'last 7 days'],
      ['7d', 'last 7 days'],
      ['近30天', 'last 30 days'],
      ['last 1 day', 'last 1 day'],
      ['2026-11-02', '2026-11-02'],
      ['2026-11-02 to 2026-11-05', '2026-11-02..2026-11-05'],
      ['2026-11-02..2026-11-02', '2026-11-02'],
    ])('labels "%s" as "%s"', (text, label) => {
      const result = parsePeriod(text, opts);
      expect(result.ok && result.label).toBe(label);
    });
  });

  describe('empty text', () => {
    const now = at('2026-11-22T16:30:00Z');
    it('means yesterday when no default is configured', () => {
      expect(rangeOf(parsePeriod('', { now, timeZone: SHANGHAI }))).toEqual({
        from: '2026-11-22',
        to: '2026-11-22',
      });
      expect(rangeOf(parsePeriod('   ', { now, timeZone: SHANGHAI }))).toEqual({
        from: '2026-11-22',
        to: '2026-11-22',
      });
    });
    it('means the configured default period', () => {
      const result = parsePeriod('', { now, timeZone: SHANGHAI, defaultPeriod: 'last week' });
      expect(rangeOf(result)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
      expect(result.ok && result.label).toBe('last week');
    });
  });

  describe('errors', () => {
    // Today is Mon 2026-11-23 in Shanghai.
    const opts = { now: at('2026-11-22T16:30:00Z'), timeZone: SHANGHAI };

    it.each([
      ['yesterdy', 'yesterday'],
      ['tody', 'today'],
      ['lst week', 'last week'],
      ['this mnth', 'this month'],
      ['last 14 dayz', 'last 14 days'],
      ['lats 7 days', 'last 7 days'],
    ])('does not know "%s" and suggests "%s"', (text, suggestion) => {
      expect(parsePeriod(text, opts)).toEqual({
        ok: false,
        problem: `I don't know the period "${text}".`,
        suggestion,
      });
    });

    it.each(['banana', 'tomorrow', '前天', '2026-11', 'sales team'])(
      'does not know "%s", suggests nothing, and lists the forms instead',
      (text) => {
        const result = parsePeriod(text, opts);
        expect(result).toMatchObject({ ok: false, suggestion: null });
        if (!result.ok)
          expect(result.problem).toMatch(/Periods look like: `today`, `yesterday`, `this week`/);
      },
    );

    it('shortens a very long unknown text in the problem', () => {
      const result = parsePeriod(`${'x'.repeat(200)}`, opts);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toMatch(/^I don't know the period "x{39}…"\./);
    });

    it('names an invalid day and suggests the last day of that month', () => {
      const result = parsePeriod('2026-02-30', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('2026-02-30');
      expect(result.problem).toContain('28 days');
      expect(result.suggestion).toBe('2026-02-28');
    });

    it('knows 2027 has no leap day', () => {
      const result = parsePeriod('2027-02-29', opts);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toContain('2027-02-29');
    });

    it('names an invalid month and has no suggestion', () => {
      const result = parsePeriod('2026-13-01', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('2026-13-01');
      expect(result.suggestion).toBeNull();
    });

    it('names day 00 as invalid', () => {
      const result = parsePeriod('2026-11-00', opts);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toContain('2026-11-00');
    });

    it('names the invalid end of a range and suggests the range ending on the last real day', () => {
      const result = parsePeriod('2026-02-01..2026-02-30', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('2026-02-30');
      expect(result.suggestion).toBe('2026-02-01..2026-02-28');
    });

    it('says the start is after the end and suggests the swapped range', () => {
      const result = parsePeriod('2026-11-10..2026-11-01', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toMatch(/start.*2026-11-10.*after.*2026-11-01/);
      expect(result.suggestion).toBe('2026-11-01..2026-11-10');
    });

    it('says a future date is in the future and suggests today', () => {
      const result = parsePeriod('2026-11-24', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('future');
      expect(result.problem).toContain('2026-11-23');
      expect(result.suggestion).toBe('today');
    });

    it('suggests a range clipped to today when it ends in the future', () => {
      const result = parsePeriod('2026-11-20..2026-11-30', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('future');
      expect(result.suggestion).toBe('2026-11-20..2026-11-23');
    });

    it('suggests today when the whole range is in the future', () => {
      const result = parsePeriod('2026-12-01..2026-12-10', opts);
      expect(result.ok === false && result.suggestion).toBe('today');
    });

    it('judges the future in the company zone, not in UTC', () => {
      // At 16:30 UTC on 22 Nov it is already 23 Nov in Shanghai but still 22 Nov in New York.
      expect(parsePeriod('2026-11-23', opts).ok).toBe(true);
      expect(parsePeriod('2026-11-23', { ...opts, timeZone: NEW_YORK }).ok).toBe(false);
    });

    it('says the maximum is 90 days and how long the range is, and suggests the 90 days ending at its end', () => {
      // Jan 1..Nov 15 2026: 304 days in January–October, plus 15.
      const result = parsePeriod('2026-01-01..2026-11-15', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('90 days');
      expect(result.problem).toContain('319 days');
      expect(result.suggestion).toBe('2026-08-18..2026-11-15');
    });

    it('refuses 91 days by one day', () => {
      const result = parsePeriod('2026-08-17..2026-11-15', opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toContain('91 days');
      expect(result.suggestion).toBe('2026-08-18..2026-11-15');
    });

    it('swaps, clips and shortens a range that is wrong in every way at once', () => {
      const result = parsePeriod('2026-12-31..2026-01-01', opts);
      expect(result.ok === false && result.suggestion).toBe('2026-08-26..2026-11-23');
    });

    it.each([
      ['last 0 days', 'yesterday'],
      ['0d', 'yesterday'],
      ['last 91 days', 'last 90 days'],
      ['91d', 'last 90 days'],
      ['最近100天', 'last 90 days'],
      ['last 365 days', 'last 90 days'],
    ])('explains that "%s" is outside 1–90 days and suggests "%s"', (text, suggestion) => {
      const result = parsePeriod(text, opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toMatch(/1 to 90 days/);
      expect(result.suggestion).toBe(suggestion);
    });
  });

  describe("ignores the server's own zone", () => {
    const serverZone = process.env.TZ;
    afterEach(() => {
      if (serverZone === undefined) delete process.env.TZ;
      else process.env.TZ = serverZone;
    });

    it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
      'gives the same answers when TZ=%s',
      (zone) => {
        process.env.TZ = zone;
        const opts = { now: at('2026-11-22T16:30:00Z'), timeZone: SHANGHAI };
        expect(rangeOf(parsePeriod('yesterday', opts))).toEqual({ from: '2026-11-22', to: '2026-11-22' });
        expect(rangeOf(parsePeriod('last week', opts))).toEqual({ from: '2026-11-16', to: '2026-11-22' });
        expect(rangeOf(parsePeriod('last month', opts))).toEqual({ from: '2026-10-01', to: '2026-10-31' });
        expect(describeRange({ from: '2026-11-16', to: '2026-11-22', timeZone: SHANGHAI })).toBe(
          'Mon 16 – Sun 22 Nov 2026',
        );
      },
    );
  });

  it('lists every example form as one it understands', () => {
    const opts = { now: at('2026-11-22T16:30:00Z'), timeZone: SHANGHAI };
    expect(PERIOD_EXAMPLES).toHaveLength(10);
    for (const example of PERIOD_EXAMPLES) expect(parsePeriod(example, opts).ok).toBe(true);
  });
});

describe('describeRange', () => {
  const range = (from: string, to: string): DateRange => ({ from, to, timeZone: SHANGHAI });

  it.each([
    [range('2026-11-21', '2026-11-21'), 'Sat 21 Nov 2026'],
    [range('2026-11-16', '2026-11-22'), 'Mon 16 – Sun 22 Nov 2026'],
    [range('2026-10-30', '2026-11-01'), 'Fri 30 Oct – Sun 1 Nov 2026'],
    [range('2026-12-30', '2027-01-01'), 'Wed 30 Dec 2026 – Fri 1 Jan 2027'],
    [range('2028-02-29', '2028-02-29'), 'Tue 29 Feb 2028'],
  ])('writes %o in English as "%s"', (r, text) => {
    expect(describeRange(r)).toBe(text);
    expect(describeRange(r, 'en')).toBe(text);
  });

  it.each([
    [range('2026-11-21', '2026-11-21'), '2026年11月21日 周六'],
    [range('2026-11-22', '2026-11-22'), '2026年11月22日 周日'],
    [range('2026-11-16', '2026-11-22'), '2026年11月16日 – 11月22日'],
    [range('2026-10-30', '2026-11-01'), '2026年10月30日 – 11月1日'],
    [range('2026-12-30', '2027-01-01'), '2026年12月30日 – 2027年1月1日'],
  ])('writes %o in Chinese as "%s"', (r, text) => {
    expect(describeRange(r, 'zh')).toBe(text);
  });
});

describe('previousRange', () => {
  it.each([
    ['2026-11-22', '2026-11-22', '2026-11-21', '2026-11-21'],
    ['2026-11-16', '2026-11-22', '2026-11-09', '2026-11-15'],
    // 23 days of November so far → the 23 days ending 31 Oct.
    ['2026-11-01', '2026-11-23', '2026-10-09', '2026-10-31'],
    ['2027-01-01', '2027-01-07', '2026-12-25', '2026-12-31'],
    ['2028-03-01', '2028-03-01', '2028-02-29', '2028-02-29'],
    ['2026-11-01', '2026-11-01', '2026-10-31', '2026-10-31'],
  ])('puts %s..%s after %s..%s', (from, to, prevFrom, prevTo) => {
    expect(previousRange({ from, to, timeZone: NEW_YORK })).toEqual({
      from: prevFrom,
      to: prevTo,
      timeZone: NEW_YORK,
    });
  });
});

describe('rangeDays', () => {
  it.each([
    ['2026-11-22', '2026-11-22', 1],
    ['2026-11-16', '2026-11-22', 7],
    ['2026-10-31', '2026-11-02', 3],
    ['2026-03-07', '2026-03-09', 3],
    ['2026-01-01', '2026-12-31', 365],
    ['2028-01-01', '2028-12-31', 366],
    ['2026-08-18', '2026-11-15', 90],
  ])('counts %s..%s as %i days', (from, to, days) => {
    expect(rangeDays({ from, to, timeZone: NEW_YORK })).toBe(days);
  });
});

describe('day arithmetic, against date-fns on UTC dates', () => {
  const day = fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));
  const utcDay = (iso: string) => new TZDate(Date.parse(`${iso}T00:00:00Z`), 'UTC');

  it('shifts a date as addDays does, across months, leap days and the years 0001–9999', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (iso, days) => {
        fc.pre(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000 >= Date.parse('0001-01-01T00:00:00Z'));
        expect(shiftDays(iso, days)).toBe(format(addDays(utcDay(iso), days), 'yyyy-MM-dd'));
      }),
    );
  });

  it('counts the days of a range as differenceInCalendarDays does, plus one', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(rangeDays({ from, to, timeZone: NEW_YORK })).toBe(
          differenceInCalendarDays(utcDay(to), utcDay(from)) + 1,
        );
      }),
    );
  });
});

describe('isClosed', () => {
  const sunday = { from: '2026-11-16', to: '2026-11-22', timeZone: SHANGHAI };

  it('is closed once the last day is over in the range’s zone', () => {
    expect(isClosed(sunday, at('2026-11-22T16:30:00Z'))).toBe(true);
  });
  it('is open while the last day is still running', () => {
    expect(isClosed(sunday, at('2026-11-22T15:59:59Z'))).toBe(false);
  });
  it('judges by the range’s own zone', () => {
    // 16:30 UTC on 22 Nov: Monday in Shanghai, still Sunday in New York.
    expect(isClosed({ ...sunday, timeZone: NEW_YORK }, at('2026-11-22T16:30:00Z'))).toBe(false);
  });
});

describe('todayIn', () => {
  it.each([
    [SHANGHAI, '2026-11-22T16:30:00Z', '2026-11-23'],
    [SHANGHAI, '2026-11-22T15:59:59Z', '2026-11-22'],
    [NEW_YORK, '2026-11-02T04:30:00Z', '2026-11-01'],
    [NEW_YORK, '2026-11-02T05:00:00Z', '2026-11-02'],
    [NEW_YORK, '2026-03-09T04:30:00Z', '2026-03-09'],
    [NEW_YORK, '2026-03-08T04:30:00Z', '2026-03-07'],
    [LONDON, '2026-03-29T23:30:00Z', '2026-03-30'],
    [LONDON, '2026-03-28T23:30:00Z', '2026-03-28'],
    [AUCKLAND, '2026-11-22T11:30:00Z', '2026-11-23'],
    [AUCKLAND, '2026-11-22T10:59:00Z', '2026-11-22'],
  ])('in %s at %s is %s', (zone, instant, date) => {
    expect(todayIn(zone, at(instant))).toBe(date);
  });

  it('rejects an unknown zone instead of falling back to the server’s', () => {
    expect(() => todayIn('Mars/Olympus_Mons', 0)).toThrow(/Mars\/Olympus_Mons/);
    expect(() => todayIn('', 0)).toThrow(RangeError);
  });
});

describe('parsePeriod properties', () => {
  const zones = [SHANGHAI, NEW_YORK, LONDON, AUCKLAND, 'UTC', 'Asia/Kolkata', 'Pacific/Kiritimati'];
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });
  const zone = fc.constantFrom(...zones);
  const DAY_MS = 86_400_000;

  /** An independent oracle for the calendar date in a zone: Intl with the en-CA (yyyy-mm-dd) layout. */
  const intlDate = (timeZone: string, now: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const inclusiveDays = (from: string, to: string) => (utcDay(to) - utcDay(from)) / DAY_MS + 1;

  /** Texts of every kind, including dates around "now" that may be reversed, in the future or too long. */
  const periodText = (now: number) =>
    fc.oneof(
      fc.constantFrom(
        'today',
        'yesterday',
        'this week',
        'last week',
        'this month',
        'last month',
        '今天',
        '昨天',
        '本周',
        '上周',
        '本月',
        '上月',
        '',
      ),
      fc.integer({ min: -5, max: 120 }).map((n) => `last ${n} days`),
      fc.integer({ min: 0, max: 120 }).map((n) => `${n}d`),
      fc
        .tuple(fc.integer({ min: -200, max: 30 }), fc.integer({ min: -200, max: 30 }))
        .map(([a, b]) => `${isoOf(now + a * DAY_MS)}..${isoOf(now + b * DAY_MS)}`),
      fc.string({ maxLength: 12 }),
    );

  it('agrees with Intl on what day it is', () => {
    fc.assert(
      fc.property(instant, zone, (now, timeZone) => {
        expect(todayIn(timeZone, now)).toBe(intlDate(timeZone, now));
      }),
    );
  });

  it('makes "yesterday" the day before today in the zone', () => {
    fc.assert(
      fc.property(instant, zone, (now, timeZone) => {
        const result = parsePeriod('yesterday', { now, timeZone });
        const dayBefore = isoOf(utcDay(intlDate(timeZone, now)) - DAY_MS);
        expect(rangeOf(result)).toEqual({ from: dayBefore, to: dayBefore });
      }),
    );
  });

  it('only ever answers with ordered ranges of at most 90 days that end by today', () => {
    fc.assert(
      fc.property(
        instant.chain((now) => fc.tuple(fc.constant(now), zone, periodText(now))),
        ([now, timeZone, text]) => {
          const result = parsePeriod(text, { now, timeZone });
          if (!result.ok) return;
          const { from, to } = result.range;
          expect(from <= to).toBe(true);
          expect(inclusiveDays(from, to)).toBeLessThanOrEqual(MAX_RANGE_DAYS);
          expect(rangeDays(result.range)).toBe(inclusiveDays(from, to));
          expect(to <= intlDate(timeZone, now)).toBe(true);
        },
      ),
    );
  });

  it('gives labels and suggestions that parse', () => {
    fc.assert(
      fc.property(
        instant.chain((now) => fc.tuple(fc.constant(now), zone, periodText(now))),
        ([now, timeZone, text]) => {
          const opts = { now, timeZone };
          const result = parsePeriod(text, opts);
          if (result.ok) {
            expect(parsePeriod(result.label, opts)).toEqual(result);
          } else if (result.suggestion !== null) {
            expect(parsePeriod(result.suggestion, opts).ok).toBe(true);
          }
        },
      ),
    );
  });

  it('puts the previous range right before, with the same length', () => {
    fc.assert(
      fc.property(
        instant.chain((now) => fc.tuple(fc.constant(now), zone, periodText(now))),
        ([now, timeZone, text]) => {
          const result = parsePeriod(text, { now, timeZone });
          if (!result.ok) return;
          const previous = previousRange(result.range);
          expect(utcDay(result.range.from) - utcDay(previous.to)).toBe(DAY_MS);
          expect(inclusiveDays(previous.from, previous.to)).toBe(
            inclusiveDays(result.range.from, result.range.to),
          );
        },
      ),
    );
  });
});

describe('comparisonRange', () => {
  const zone = 'Asia/Shanghai';
  const range = (from: string, to: string): DateRange => ({ from, to, timeZone: zone });
  /** 14:49:37 on `date` in Shanghai. */
  const at = (date: string) => Date.parse(`${date}T06:49:37Z`);

  it('compares a closed day or span with the span of the same length before, whole days', () => {
    expect(comparisonRange(range('2026-11-21', '2026-11-21'), at('2026-11-23'))).toEqual(
      range('2026-11-20', '2026-11-20'),
    );
    expect(comparisonRange(range('2026-11-16', '2026-11-22'), at('2026-11-23'))).toEqual(
      range('2026-11-09', '2026-11-15'),
    );
  });

  it('compares today so far with yesterday until the same minute', () => {
    expect(comparisonRange(range('2026-11-23', '2026-11-23'), at('2026-11-23'))).toEqual({
      ...range('2026-11-22', '2026-11-22'),
      until: '14:49:00',
    });
  });

  it('compares this week so far with the same days of last week, until the same time', () => {
    expect(comparisonRange(range('2026-11-23', '2026-11-25'), at('2026-11-25'))).toEqual({
      ...range('2026-11-16', '2026-11-18'),
      until: '14:49:00',
    });
  });

  it('compares a calendar month with the calendar month before, not the same number of days', () => {
    expect(comparisonRange(range('2026-10-01', '2026-10-31'), at('2026-11-23'))).toEqual(
      range('2026-09-01', '2026-09-30'),
    );
    expect(comparisonRange(range('2026-03-01', '2026-03-31'), at('2026-11-23'))).toEqual(
      range('2026-02-01', '2026-02-28'),
    );
  });

  it('compares this month with the month before to the same day, cut to that month’s end', () => {
    expect(comparisonRange(range('2026-11-01', '2026-11-23'), at('2026-11-23'))).toEqual({
      ...range('2026-10-01', '2026-10-23'),
      until: '14:49:00',
    });
    expect(comparisonRange(range('2026-03-01', '2026-03-30'), at('2026-03-30'))).toEqual({
      ...range('2026-02-01', '2026-02-28'),
      until: '14:49:00',
    });
  });

  it('reads the time of day in the range’s zone', () => {
    const newYork: DateRange = { from: '2026-11-23', to: '2026-11-23', timeZone: 'America/New_York' };
    expect(comparisonRange(newYork, Date.parse('2026-11-23T19:05:00Z'))).toEqual({
      from: '2026-11-22',
      to: '2026-11-22',
      timeZone: 'America/New_York',
      until: '14:05:00',
    });
  });

  it('says the time in the description of a range that ends at one', () => {
    const soFar = { ...range('2026-11-22', '2026-11-22'), until: '14:49:00' };
    expect(describeRange(soFar)).toBe('Sun 22 Nov 2026 until 14:49');
    expect(describeRange(soFar, 'zh')).toBe('2026年11月22日 周日 14:49 前');
  });
});

describe('chartDate', () => {
  const zone = 'Asia/Shanghai';
  it('is describeRange without the year: a day with its weekday, a span from day to day', () => {
    expect(chartDate({ from: '2026-11-30', to: '2026-11-30', timeZone: zone })).toBe('Mon 30 Nov');
    expect(chartDate({ from: '2026-11-30', to: '2026-12-06', timeZone: zone })).toBe('30 Nov – 6 Dec');
  });

  it('says it in Chinese', () => {
    expect(chartDate({ from: '2026-11-30', to: '2026-11-30', timeZone: zone }, 'zh')).toBe('11月30日 周一');
    expect(chartDate({ from: '2026-11-30', to: '2026-12-02', timeZone: zone }, 'zh')).toBe(
      '11月30日–12月2日',
    );
  });
});
