import { describe, expect, it } from 'vitest';
import { trendMessage } from '../../reports/trend.ts';
import { blockKitProblems } from '../../src/slack/message.ts';
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
    expect(message.chart?.spec.labels).toEqual(['11-16', '11-17', '11-18']);
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
      '机器人会话量: 全公司',
    );
  });

  it('marks nothing when the KPI honours the filter', () => {
    const filtered = { ...report([day('2026-11-16', 120)], 'chats'), filters: { groupIds: ['g1'] } };
    expect(JSON.stringify(trendMessage(filtered, view).blocks)).not.toContain('company-wide');
  });
});
