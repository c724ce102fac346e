import { describe, expect, it } from 'vitest';
import { trendMessage } from '../../reports/trend.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { TrendReport } from '../../src/stats/service.ts';

const zone = 'Asia/Shanghai';
const day = (date: string, value: number | null) => ({
  range: { from: date, to: date, timeZone: zone },
  value,
});
const view = { lang: 'en' as const, visibility: 'ephemeral' as const, filters: null };

function report(
  points: TrendReport['points'],
  kpi: TrendReport['kpi'] = 'valid_reception_rate',
): TrendReport {
  return {
    kpi,
    range: { from: '2026-11-16', to: '2026-11-18', timeZone: zone },
    filters: {},
    granularity: 'day',
    points,
  };
}

describe('trendMessage', () => {
  it('states the lowest, highest and average point, skipping days without data', () => {
    const message = trendMessage(
      report([day('2026-11-16', 0.8), day('2026-11-17', null), day('2026-11-18', 0.6)]),
      view,
    );
    expect(message.text).toContain('Lowest 60.0% (Wed 18 Nov 2026)');
    expect(message.text).toContain('highest 80.0% (Mon 16 Nov 2026)');
    expect(message.text).toContain('daily average 70.0%');
    expect(message.chart?.spec.series[0]?.values).toEqual([0.8, null, 0.6]);
    // The chart's dates in the format of the summary, without the year (the subtitle has it).
    expect(message.chart?.spec.labels).toEqual(['Mon 16 Nov', 'Tue 17 Nov', 'Wed 18 Nov']);
    expect(message.chart?.spec.subtitle).toBe('Mon 16 – Wed 18 Nov 2026');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('formats by the KPI unit', () => {
    const message = trendMessage(
      report([day('2026-11-16', 1_234), day('2026-11-17', 65_000)], 'chats'),
      view,
    );
    expect(message.text).toContain('Lowest 1,234');
    const seconds = trendMessage(report([day('2026-11-16', 65_000)], 'avg_first_response'), view);
    expect(seconds.text).toContain('1m 05s');
  });

  it('says so when no point has data', () => {
    const message = trendMessage(report([day('2026-11-16', null)]), view);
    expect(message.text).toContain('No data for this period.');
    expect(message.chart).toBeUndefined();
  });
});

describe('trendMessage under filters Sobot does not apply to the KPI', () => {
  it('marks a bot trend filtered by skill group as company-wide, in en and zh', () => {
    const filtered = { ...report([day('2026-11-16', 120)], 'bot_chats'), filters: { groupIds: ['g1'] } };
    expect(JSON.stringify(trendMessage(filtered, view).blocks)).toContain('Bot chats: company-wide');
    expect(JSON.stringify(trendMessage(filtered, { ...view, lang: 'zh' }).blocks)).toContain(
      '机器人会话量：全公司',
    );
  });

  it('marks nothing when the KPI honours the filter', () => {
    const filtered = { ...report([day('2026-11-16', 120)], 'chats'), filters: { groupIds: ['g1'] } };
    expect(JSON.stringify(trendMessage(filtered, view).blocks)).not.toContain('company-wide');
  });
});

describe('trendMessage by the week', () => {
  const week = (from: string, to: string, value: number) => ({ range: { from, to, timeZone: zone }, value });
  const weekly: TrendReport = {
    kpi: 'valid_reception_rate',
    range: { from: '2026-11-04', to: '2026-12-02', timeZone: zone },
    filters: {},
    granularity: 'week',
    points: [
      week('2026-11-04', '2026-11-08', 0.7),
      week('2026-11-09', '2026-11-15', 0.8),
      week('2026-11-30', '2026-12-02', 0.9),
    ],
  };
  const tableRows = (lang: 'en' | 'zh') => {
    const message = trendMessage(weekly, { ...view, lang });
    const table = message.blocks.find((b) => b.type === 'table') as { rows: { text: string }[][] };
    return table.rows.slice(1).map((row) => row[0]?.text);
  };

  it('dates the weeks as the summary does, and marks those cut short by the period', () => {
    expect(tableRows('en')).toEqual([
      'Wed 4 – Sun 8 Nov 2026 (partial)',
      'Mon 9 – Sun 15 Nov 2026',
      'Mon 30 Nov – Wed 2 Dec 2026 (partial)',
    ]);
    expect(tableRows('zh')).toEqual([
      '2026年11月4日 – 11月8日（不完整）',
      '2026年11月9日 – 11月15日',
      '2026年11月30日 – 12月2日（不完整）',
    ]);
  });

  it('draws the partial weeks apart in the chart and says so in its subtitle', () => {
    const spec = trendMessage(weekly, view).chart?.spec;
    expect(spec?.partial).toEqual([true, false, true]);
    expect(spec?.labels).toEqual(['4 Nov – 8 Nov', '9 Nov – 15 Nov', '30 Nov – 2 Dec']);
    expect(spec?.subtitle).toBe('Wed 4 Nov – Wed 2 Dec 2026 · ○ a week not over, or cut short by the period');
  });
});
