// Every kind of chart the bot draws, with the longest labels it realistically meets, in each
// language: what test/charts/labels-fit.test.ts draws and measures. Labels come from where the
// reports take them (KPI labels, chart dates, rating buckets); names are the longest of the
// simulator's kinds: a nickname told apart by its email, a long skill group, a long topic.

import { kpiLabel } from '../../reports/labels.ts';
import { chatsAndReceptionChart } from '../../reports/table.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import type { Lang } from '../../src/i18n/catalogue.ts';
import type { KpiId } from '../../src/stats/kpi-ids.ts';
import { chartDate, describeRange } from '../../src/stats/period.ts';

export interface ChartKind {
  name: string;
  spec(lang: Lang): ChartSpec;
}

const ZONE = 'Asia/Shanghai';
const day = (date: string) => ({ from: date, to: date, timeZone: ZONE });
const range = (from: string, to: string) => ({ from, to, timeZone: ZONE });

const AGENTS: Record<Lang, string[]> = {
  en: [
    'Siobhán (siobhan.oconnor)',
    'Maximilian (maximilian.jorgensen)',
    'Ólafur (olafur.dupont)',
    'Mia <Trainee> Chen',
    '欧阳子涵 (ouyang.zihan)',
  ],
  zh: ['欧阳子涵 (ouyang.zihan)', '司马欣怡 (sima.xinyi)', 'Siobhán (siobhan.oconnor)', '黄小明', '诸葛浩然'],
};
const GROUPS: Record<Lang, string[]> = {
  en: ['After-sales Service (East China)', 'VIP Customers & Key Accounts', 'Sales', 'Billing and Payments'],
  zh: ['华东大区售后服务二组', '大客户与重点账户组', '销售', '账单与支付'],
};
const TOPICS: Record<Lang, string[]> = {
  en: ['Order issues', 'Delivery delay and lost parcels', 'Account', 'Refunds and invoices'],
  zh: ['订单问题', '物流配送延迟与包裹丢失', '账户', '退款与发票'],
};
const REGIONS: Record<Lang, string[]> = {
  en: ['Inner Mongolia', 'São Paulo', 'United Arab Emirates', 'Guangdong', 'California'],
  zh: ['内蒙古', '圣保罗州', '阿联酋', '广东', '加利福尼亚州'],
};

const repeat = <T>(items: readonly T[], n: number): T[] =>
  Array.from({ length: n }, (_, i) => items[i % items.length] as T);
const values = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** The overview's rate KPIs, as its chart names them. */
const OVERVIEW_RATES: KpiId[] = [
  'valid_reception_rate',
  'fcr_24h',
  'satisfaction',
  'response_warn_rate',
  'queue_leave_rate',
  'bot_self_service_rate',
  'unanswered_rate',
  'no_reply_rate',
];

function rows(names: readonly string[], n: number) {
  return repeat(names, n).map((name, i) => ({
    name: `${name}${i >= names.length ? ` ${i}` : ''}`,
    kpis: { chats: 90 - i * 4, valid_reception_rate: 0.6 + (i % 5) * 0.07 },
  }));
}

export const CHART_KINDS: readonly ChartKind[] = [
  {
    name: 'overview: this period and the one before',
    spec: (lang) => ({
      title: lang === 'zh' ? '本期与上期对比' : 'Rates, this period and the one before',
      subtitle: describeRange(day('2026-12-02'), lang),
      labels: OVERVIEW_RATES.map((id) => kpiLabel(id, lang, { source: 'company', scale: 'five_star' })),
      horizontal: true,
      axisTitles: { left: '%' },
      series: [
        {
          label: describeRange(day('2026-12-01'), lang),
          values: values(8, (i) => 0.1 * i),
          unit: 'ratio',
          type: 'bar',
        },
        {
          label: describeRange(day('2026-12-02'), lang),
          values: values(8, (i) => 0.1 * i + 0.05),
          unit: 'ratio',
          type: 'bar',
        },
      ],
    }),
  },
  {
    name: 'agents: 15 agents, chats and valid reception',
    spec: (lang) => ({
      ...chatsAndReceptionChart(
        'Top agents by Chats handled',
        describeRange(range('2026-11-30', '2026-12-02'), lang),
        rows(AGENTS[lang], 15),
        lang,
        { source: 'agents' },
      ),
    }),
  },
  {
    name: 'skill groups',
    spec: (lang) => ({
      ...chatsAndReceptionChart(
        lang === 'zh' ? '技能组' : 'Skill groups',
        describeRange(day('2026-12-02'), lang),
        rows(GROUPS[lang], 15),
        lang,
      ),
    }),
  },
  {
    name: 'topics',
    spec: (lang) => ({
      title: lang === 'zh' ? '各分类会话量与满意率' : 'Chats and satisfaction per topic',
      subtitle: describeRange(day('2026-12-02'), lang),
      labels: repeat(TOPICS[lang], 15),
      horizontal: true,
      series: [
        {
          label: lang === 'zh' ? '会话' : 'Chats',
          values: values(15, (i) => 100 - i),
          unit: 'count',
          type: 'bar',
        },
        {
          label: lang === 'zh' ? '满意率' : 'Satisfied',
          values: values(15, () => 0.8),
          unit: 'ratio',
          type: 'line',
          axis: 'right',
        },
      ],
    }),
  },
  {
    name: 'customers: regions',
    spec: (lang) => ({
      title: lang === 'zh' ? '访客最多的地区' : 'Top regions',
      subtitle: describeRange(day('2026-12-02'), lang),
      labels: repeat(REGIONS[lang], 15),
      horizontal: true,
      series: [
        {
          label: lang === 'zh' ? '新访客' : 'New',
          values: values(15, (i) => 50 - i),
          unit: 'count',
          type: 'bar',
        },
        {
          label: lang === 'zh' ? '老访客' : 'Returning',
          values: values(15, (i) => 30 - i),
          unit: 'count',
          type: 'bar',
        },
      ],
    }),
  },
  {
    name: 'bot',
    spec: (lang) => ({
      title: lang === 'zh' ? '机器人' : 'Chatbot',
      subtitle: describeRange(day('2026-12-02'), lang),
      labels:
        lang === 'zh'
          ? ['接待', '有效接待', '独立接待', '转人工', '主动转', '触发转', '关键词转']
          : [
              'Received',
              'Validly received',
              'Self-served',
              'Sent to agents',
              'Asked for an agent',
              'Transfer rules',
              'Keyword',
            ],
      horizontal: true,
      series: [
        {
          label: lang === 'zh' ? '会话' : 'Chats',
          values: values(7, (i) => 2000 - i * 250),
          unit: 'count',
          type: 'bar',
        },
      ],
    }),
  },
  {
    name: 'satisfaction: the split of ratings',
    spec: (lang) => ({
      title: lang === 'zh' ? '评价分布' : 'How chats were rated',
      subtitle: describeRange(range('2026-11-01', '2026-11-30'), lang),
      labels: lang === 'zh' ? ['按会话', '按客户'] : ['Per chat', 'Per customer'],
      horizontal: true,
      stacked: true,
      series: ['5★', '4★', '3★', '2★', '1★'].map((label) => ({
        label,
        values: [0.2, 0.2],
        unit: 'ratio' as const,
        type: 'bar' as const,
      })),
    }),
  },
  {
    name: 'agent: ratings on the 0–10 scale',
    spec: (lang) => ({
      title: lang === 'zh' ? '欧阳子涵 (ouyang.zihan) 的评价分布' : 'Ratings of Siobhán (siobhan.oconnor)',
      subtitle: describeRange(range('2026-11-01', '2026-11-30'), lang),
      labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      series: [
        {
          label: lang === 'zh' ? '评价数' : 'Rated chats',
          values: values(11, (i) => i * 3),
          unit: 'count',
          type: 'bar',
        },
      ],
    }),
  },
  {
    name: 'trend: 14 days',
    spec: (lang) => ({
      title: kpiLabel('avg_reception_duration', lang, { source: 'company' }),
      subtitle: describeRange(range('2026-11-19', '2026-12-02'), lang),
      labels: values(14, (i) => chartDate(day(i < 12 ? `2026-11-${19 + i}` : `2026-12-0${i - 11}`), lang)),
      series: [
        {
          label: kpiLabel('avg_reception_duration', lang, { source: 'company' }),
          values: values(14, (i) => 300_000 + i * 1000),
          unit: 'duration',
          type: 'line',
        },
      ],
    }),
  },
  {
    name: 'trend: 13 weeks, the last one partial',
    spec: (lang) => {
      const weeks = values(13, (i) => {
        const start = new Date(Date.UTC(2026, 8, 7 + i * 7));
        const end = new Date(Date.UTC(2026, 8, 13 + i * 7));
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        return range(iso(start), i === 12 ? '2026-12-02' : iso(end));
      });
      return {
        title: kpiLabel('valid_reception_rate', lang, { source: 'company' }),
        subtitle: describeRange(range('2026-09-07', '2026-12-02'), lang),
        labels: weeks.map((week) => chartDate(week, lang)),
        partial: weeks.map((_, i) => i === 12),
        series: [
          {
            label: kpiLabel('valid_reception_rate', lang, { source: 'company' }),
            values: values(13, () => 0.8),
            unit: 'ratio',
            type: 'line',
          },
        ],
      };
    },
  },
  {
    name: 'digest: chats per day over a week',
    spec: (lang) => ({
      title: lang === 'zh' ? '每日会话量与有效接待率' : 'Chats per day and valid reception',
      subtitle: describeRange(range('2026-11-26', '2026-12-02'), lang),
      labels: values(7, (i) => chartDate(day(i < 5 ? `2026-11-${26 + i}` : `2026-12-0${i - 4}`), lang)),
      series: [
        {
          label: kpiLabel('chats', lang, { source: 'company' }),
          values: values(7, () => 2000),
          unit: 'count',
          type: 'bar',
        },
        {
          label: kpiLabel('valid_reception_rate', lang, { source: 'company' }),
          values: values(7, () => 0.77),
          unit: 'ratio',
          type: 'line',
          axis: 'right',
        },
      ],
    }),
  },
  {
    name: "alert: a day's checks every 10 minutes",
    spec: (lang) => ({
      title: kpiLabel('response_warn_rate', lang, { source: 'company' }),
      subtitle: describeRange(day('2026-12-02'), lang),
      labels: values(
        73,
        (i) => `${String(9 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`,
      ),
      series: [
        {
          label: lang === 'zh' ? '整体' : 'overall',
          values: values(73, () => 0.2),
          unit: 'ratio',
          type: 'line',
        },
        {
          label: lang === 'zh' ? '技能组 华东大区售后服务二组' : 'group After-sales Service (East China)',
          values: values(73, () => 0.3),
          unit: 'ratio',
          type: 'line',
        },
      ],
    }),
  },
];
