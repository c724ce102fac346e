import { describe, expect, it } from 'vitest';
import { LEGACY_SESSION_KPIS } from '../../src/sobot/legacy/figures.ts';
import { MESSAGE_KPIS, V5_SESSION_KPIS } from '../../src/stats/kpis.ts';
import { TREND_KPIS, trendBuckets } from '../../src/stats/trend.ts';

const zone = 'Asia/Shanghai';
const spans = (range: { from: string; to: string }) =>
  trendBuckets({ ...range, timeZone: zone }).buckets.map((b) => `${b.from}..${b.to}`);

describe('trendBuckets', () => {
  it('gives one point a day up to 14 days', () => {
    const { granularity, buckets } = trendBuckets({ from: '2026-11-09', to: '2026-11-22', timeZone: zone });
    expect(granularity).toBe('day');
    expect(buckets).toHaveLength(14);
    expect(buckets[0]).toEqual({ from: '2026-11-09', to: '2026-11-09', timeZone: zone });
    expect(buckets[13]).toEqual({ from: '2026-11-22', to: '2026-11-22', timeZone: zone });
  });

  it('gives Monday–Sunday weeks beyond 14 days, clipped to the period', () => {
    // Sat 24 Oct 2026 .. Sun 22 Nov 2026 (30 days).
    expect(spans({ from: '2026-10-24', to: '2026-11-22' })).toEqual([
      '2026-10-24..2026-10-25',
      '2026-10-26..2026-11-01',
      '2026-11-02..2026-11-08',
      '2026-11-09..2026-11-15',
      '2026-11-16..2026-11-22',
    ]);
    // 15 days ending on a Wednesday: the last week is cut short.
    expect(spans({ from: '2026-11-04', to: '2026-11-18' })).toEqual([
      '2026-11-04..2026-11-08',
      '2026-11-09..2026-11-15',
      '2026-11-16..2026-11-18',
    ]);
  });

  it('covers 90 days in 14 weeks without gaps or overlaps', () => {
    const { buckets } = trendBuckets({ from: '2026-08-25', to: '2026-11-22', timeZone: zone });
    expect(buckets.length).toBeLessThanOrEqual(14);
    expect(buckets[0]?.from).toBe('2026-08-25');
    expect(buckets.at(-1)?.to).toBe('2026-11-22');
    for (let i = 1; i < buckets.length; i += 1) {
      const previousEnd = Date.parse(`${buckets[i - 1]?.to}T00:00:00Z`);
      expect(Date.parse(`${buckets[i]?.from}T00:00:00Z`) - previousEnd).toBe(86_400_000);
    }
  });
});

describe('TREND_KPIS', () => {
  it('has every KPI a session or message query gives on either API, so `trend` refuses none of them', () => {
    for (const id of [...V5_SESSION_KPIS, ...LEGACY_SESSION_KPIS, ...MESSAGE_KPIS]) {
      expect(TREND_KPIS).toContain(id);
    }
  });

  it('has no KPI that needs another query (a card, the agents’ rows)', () => {
    for (const id of [
      'satisfaction',
      'fcr_24h',
      'bot_self_service_rate',
      'first_response_30s_rate',
    ] as const) {
      expect(TREND_KPIS).not.toContain(id);
    }
  });
});
