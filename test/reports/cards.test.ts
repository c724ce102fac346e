// Specs for the satisfaction, chatbot and customers cards: hand-made figures in, every value, "–"
// for what Sobot did not give, the empty period, Slack's limits, escaping and Chinese labels out.

import { describe, expect, it } from 'vitest';
import { botMessage } from '../../reports/bot.ts';
import { customersMessage } from '../../reports/customers.ts';
import type { OverviewView } from '../../reports/overview.ts';
import { satisfactionMessage } from '../../reports/satisfaction.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import type { BotFigures, CustomerFigures, RegionRow, SatisfactionFigures } from '../../src/stats/cards.ts';
import type { RatingScale } from '../../src/stats/kpi-ids.ts';
import type { Card } from '../../src/stats/service.ts';
import { blocksOf, headerOf } from '../support/message-reading.ts';

const DAY = { from: '2026-11-10', to: '2026-11-10', timeZone: 'Asia/Shanghai' };
const VIEW: OverviewView = { lang: 'en', visibility: 'ephemeral', filters: null };
const ZH: OverviewView = { ...VIEW, lang: 'zh' };

const card = <T>(figures: T): Card<T> => ({ range: DAY, filters: {}, figures });

const contextOf = (m: BotMessage) =>
  blocksOf(m)
    .filter((b) => b.type === 'context')
    .flatMap((b) => (b.elements ?? []).map((e) => e.text))
    .join('\n');
/** The value line of the field labelled `label`. */
function field(m: BotMessage, label: string): string {
  const fields = blocksOf(m).flatMap((b) => b.fields ?? []);
  return fields.find((f) => f.text.startsWith(`*${label}*\n`))?.text.split('\n')[1] ?? 'NO SUCH FIELD';
}
const tableOf = (m: BotMessage) =>
  blocksOf(m)
    .find((b) => b.type === 'table')
    ?.rows?.map((row) => row.map((c) => c.text));

const STARS: SatisfactionFigures = {
  scale: 'five_star',
  scalesInUse: ['five_star'],
  validChats: 1_282,
  ratedChats: 687,
  feedbackRate: 0.5359,
  resolvedRate: 0.5439,
  satisfaction: 0.2281,
  averageScore: 3,
  distribution: [
    { label: '5★', count: 156, share: 0.2281 },
    { label: '4★', count: 112, share: 0.1637 },
    { label: '3★', count: 141, share: 0.2061 },
    { label: '2★', count: 125, share: 0.1827 },
    { label: '1★', count: 150, share: null },
  ],
  customers: {
    rated: 1_149,
    resolved: null,
    averageScore: 3.02,
    distribution: [
      { label: '5★', count: 253, share: 0.25 },
      { label: '4★', count: 208, share: 0.2 },
      { label: '3★', count: 228, share: 0.2 },
      { label: '2★', count: 208, share: 0.2 },
      { label: '1★', count: 244, share: 0.15 },
    ],
  },
};

describe('satisfactionMessage', () => {
  const message = satisfactionMessage(card(STARS), VIEW);

  it('shows the figures as Sobot gave them, "–" for the unknown customers resolved', () => {
    // Sobot's label for the 5-star positive share (good_rate_str).
    expect(field(message, 'Positive feedback (5★)')).toBe('22.8%');
    expect(field(message, 'Rated chats')).toBe('687');
    expect(field(message, 'Valid chats')).toBe('1,282');
    expect(field(message, 'Feedback rate')).toBe('53.6%');
    expect(field(message, 'Resolved')).toBe('54.4%');
    expect(field(message, 'Scale')).toBe('5 stars');
    expect(field(message, 'Average score')).toBe('3.0 / 5');
    expect(field(message, 'Customers who rated')).toBe('1,149');
    expect(field(message, 'Customers resolved')).toBe('–');
    expect(field(message, 'Customer avg. score')).toBe('3.0 / 5');
  });

  it('tables the distribution best first, per chat and per customer', () => {
    expect(tableOf(message)).toEqual([
      ['Rating', 'Chats', 'Share', 'Customers', 'Share'],
      ['5★', '156', '22.8%', '253', '25.0%'],
      ['4★', '112', '16.4%', '208', '20.0%'],
      ['3★', '141', '20.6%', '228', '20.0%'],
      ['2★', '125', '18.3%', '208', '20.0%'],
      ['1★', '150', '–', '244', '15.0%'],
    ]);
  });

  it('charts how the ratings split, per chat and per customer, as stacked 100% bars', () => {
    const spec = message.chart?.spec;
    expect(spec?.stacked).toBe(true);
    expect(spec?.labels).toEqual(['Chats', 'Customers']);
    expect(spec?.series.map((s) => s.label)).toEqual(['5★', '4★', '3★', '2★', '1★']);
    expect(spec?.series.map((s) => s.values)).toEqual([
      [0.2281, 0.25],
      [0.1637, 0.2],
      [0.2061, 0.2],
      [0.1827, 0.2],
      [null, 0.15],
    ]);
  });

  it('names the day and zone, fits Slack, and has a plain-text fallback with the numbers', () => {
    expect(headerOf(message)).toBe('Satisfaction · Tue 10 Nov 2026');
    expect(contextOf(message)).toContain('Asia/Shanghai');
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.text).toContain('Positive feedback (5★) 22.8%');
    expect(message.text).toContain('Feedback rate 53.6%');
  });

  it('says nothing of other scales when chats were rated on one', () => {
    expect(contextOf(message)).not.toContain('several scales');
  });

  it('says in the context line when chats were rated on several scales, rather than pooling them', () => {
    const scalesInUse: RatingScale[] = ['five_star', 'nps', 'two_level'];
    const several = card({ ...STARS, scalesInUse });
    expect(contextOf(satisfactionMessage(several, VIEW))).toContain(
      'Ratings on several scales: satisfaction is on 5 stars (most ratings), not pooled with 0–10 score, Satisfied / dissatisfied',
    );
    expect(contextOf(satisfactionMessage(several, ZH))).toContain(
      '评价使用了多种方式：满意度按五星评价（评价最多）计算，未合并十分制、满意 / 不满意',
    );
    // The figure itself stays Sobot's share on the company's scale.
    expect(field(satisfactionMessage(several, VIEW), 'Positive feedback (5★)')).toBe('22.8%');
  });

  it('reads a 0–10 scale out of 10 and a two-level one without an average', () => {
    const nps = satisfactionMessage(card({ ...STARS, scale: 'nps', averageScore: 8.1 }), VIEW);
    expect(field(nps, 'Average score')).toBe('8.1 / 10');
    const twoLevel: SatisfactionFigures = {
      ...STARS,
      scale: 'two_level',
      averageScore: null,
      distribution: [
        { label: 'Satisfied', count: 3, share: 1 },
        { label: 'Dissatisfied', count: 0, share: 0 },
      ],
      customers: { ...STARS.customers, averageScore: null, distribution: [] },
    };
    const two = satisfactionMessage(card(twoLevel), VIEW);
    expect(field(two, 'Average score')).toBe('NO SUCH FIELD');
    expect(tableOf(two)?.[1]).toEqual(['Satisfied', '3', '100.0%', '–', '–']);
    // No customer distribution: one stacked bar, per chat, of the two buckets.
    expect(two.chart?.spec.labels).toEqual(['Chats']);
    expect(two.chart?.spec.series.map((s) => s.values)).toEqual([[1], [0]]);
    expect(tableOf(satisfactionMessage(card(twoLevel), ZH))?.[2]?.[0]).toBe('不满意');
  });

  it('says a period without ratings has none, with the valid chats, and no chart', () => {
    const none = satisfactionMessage(
      card({ ...STARS, scale: null, ratedChats: 0, satisfaction: null, distribution: [] }),
      VIEW,
    );
    expect(none.text).toContain('No rated chats in this period.');
    expect(none.text).toContain('Valid chats: 1,282.');
    expect(none.chart).toBeUndefined();
    expect(blockKitProblems(none)).toEqual([]);
  });

  it('states the filters, escaping Slack control characters in names', () => {
    const filtered = satisfactionMessage(card(STARS), { ...VIEW, filters: 'Skill group: R&D <VIP>' });
    expect(contextOf(filtered)).toContain('Skill group: R&amp;D &lt;VIP&gt;');
    expect(filtered.text).toContain('R&amp;D &lt;VIP&gt;');
  });

  it('speaks Chinese', () => {
    const zh = satisfactionMessage(card(STARS), ZH);
    expect(headerOf(zh)).toMatch(/^满意度 · /);
    expect(field(zh, '好评率（五星）')).toBe('22.8%');
    expect(field(zh, '评价率')).toBe('53.6%');
    expect(tableOf(zh)?.[0]).toEqual(['评分', '会话', '占比', '客户', '占比']);
  });
});

describe('satisfactionMessage without per-customer figures (the legacy API)', () => {
  const PER_CHAT: SatisfactionFigures = {
    ...STARS,
    customers: { rated: null, resolved: null, averageScore: null, distribution: [] },
  };
  const message = satisfactionMessage(card(PER_CHAT), VIEW);

  it('leaves out the customer columns and lines instead of showing "–" for each', () => {
    expect(tableOf(message)?.[0]).toEqual(['Rating', 'Chats', 'Share']);
    expect(tableOf(message)?.[1]).toEqual(['5★', '156', '22.8%']);
    expect(field(message, 'Customers who rated')).toBe('NO SUCH FIELD');
    expect(field(message, 'Customer avg. score')).toBe('NO SUCH FIELD');
    expect(field(message, 'Rated chats')).toBe('687');
    expect(blockKitProblems(message)).toEqual([]);
  });
});

const BOT: BotFigures = {
  received: 1_496,
  validReceived: 300,
  selfServed: 66,
  selfServiceRate: 0.22,
  transfersToAgents: 1_452,
  activeTransfers: 1_441,
  triggeredTransfers: 6,
  keywordTransfers: null,
  activeTransferRate: 0.9924,
  triggeredTransferRate: 0.0041,
  keywordTransferRate: null,
  previous: { received: 1_360, selfServiceRate: 0.2, transfersToAgents: 1_650 },
};

describe('botMessage', () => {
  const message = botMessage(card(BOT), VIEW);

  it('shows each figure with its change against the day before', () => {
    // 1496 / 1360 = +10.0%; 22.0% − 20.0% = 2.0 pts; 1452 / 1650 = −12.0%.
    expect(field(message, 'Received')).toBe('1,496  _▲ 10.0% better_');
    expect(field(message, 'Validly received')).toBe('300');
    expect(field(message, 'Self-served')).toBe('66');
    expect(field(message, 'Bot self-service')).toBe('22.0%  _▲ 2.0 pts better_');
    // Fewer transfers is neither better nor worse by itself: no verdict.
    expect(field(message, 'Transfers to agents')).toBe('1,452  _▼ 12.0%_');
  });

  it('gives the kinds of transfer with their share of transfers, "–" where unknown', () => {
    expect(field(message, 'Asked for an agent')).toBe('1,441 (99.2% of transfers)');
    expect(field(message, 'Triggered by rules')).toBe('6 (0.4% of transfers)');
    expect(field(message, 'Triggered by keyword')).toBe('– (– of transfers)');
  });

  it('says there is no comparison when the period before is unknown', () => {
    const alone = botMessage(
      card({ ...BOT, previous: { received: null, selfServiceRate: null, transfersToAgents: null } }),
      VIEW,
    );
    expect(field(alone, 'Received')).toBe('1,496  _no comparison_');
    expect(field(alone, 'Transfers to agents')).toBe('1,452  _no comparison_');
  });

  it('charts received, valid, self-served and the transfers', () => {
    expect(message.chart?.spec.series[0]?.values).toEqual([1_496, 300, 66, 1_452, 1_441, 6, null]);
  });

  it("names the day, says the changes are Sobot's own comparison (no window of the bot's guessing), fits Slack", () => {
    expect(headerOf(message)).toBe('Chatbot · Tue 10 Nov 2026');
    expect(contextOf(message)).toContain("changes as Sobot reports them (Sobot's own comparison period)");
    expect(contextOf(message)).not.toContain('Mon 9 Nov');
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.text).toContain('Received 1,496');
    expect(message.text).toContain('Bot self-service 22.0%');
  });

  it('says when the bot received nobody', () => {
    const empty = botMessage(card({ ...BOT, received: 0 }), VIEW);
    expect(empty.text).toContain('The bot received no customers in this period.');
    expect(empty.chart).toBeUndefined();
    expect(blockKitProblems(empty)).toEqual([]);
  });

  it('states escaped filters and speaks Chinese', () => {
    const zh = botMessage(card(BOT), { ...ZH, filters: '机器人: <Bot> & co' });
    expect(headerOf(zh)).toMatch(/^机器人 · /);
    expect(contextOf(zh)).toContain('机器人: &lt;Bot&gt; &amp; co');
    expect(field(zh, '机器人接待客户数')).toBe('1,496  _▲ 10.0%（改善）_');
    expect(field(zh, '转人工客户数')).toBe('1,452  _▼ 12.0%_');
  });
});

describe('botMessage of an API without a split of transfers but with ratings (the legacy API)', () => {
  const LEGACY_BOT: BotFigures = {
    ...BOT,
    activeTransfers: null,
    triggeredTransfers: null,
    keywordTransfers: null,
    activeTransferRate: null,
    triggeredTransferRate: null,
    keywordTransferRate: null,
    transferRate: 0.9706,
    ratings: { rated: 60, feedbackRate: 0.2, resolvedRate: null },
  };
  const message = botMessage(card(LEGACY_BOT), VIEW);

  it('leaves out the kinds of transfer instead of three lines of "–"', () => {
    expect(field(message, 'Asked for an agent')).toBe('NO SUCH FIELD');
    expect(field(message, 'Triggered by keyword')).toBe('NO SUCH FIELD');
    expect(message.chart?.spec.series[0]?.values).toEqual([1_496, 300, 66, 1_452]);
    expect(message.chart?.spec.labels).toHaveLength(4);
  });

  it('gives the transfers’ share of the customers received, and the bot’s ratings', () => {
    expect(field(message, 'Transfers to agents')).toBe('1,452 (97.1% of received)  _▼ 12.0%_');
    expect(field(message, 'Rated bot chats')).toBe('60');
    expect(field(message, 'Bot feedback rate')).toBe('20.0%');
    expect(field(message, 'Resolved by the bot')).toBe('–');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('shows neither on v5 figures, which have no such fields', () => {
    expect(field(botMessage(card(BOT), VIEW), 'Rated bot chats')).toBe('NO SUCH FIELD');
    expect(field(botMessage(card(BOT), VIEW), 'Transfers to agents')).not.toContain('of received');
  });
});

const region = (country: string, name: string, visitors: number | null, fresh: number | null): RegionRow => ({
  country,
  region: name,
  visitors,
  newVisitors: fresh,
  returningVisitors: visitors === null || fresh === null ? null : visitors - fresh,
});

const CUSTOMERS: CustomerFigures = {
  validCustomers: 21,
  newCustomers: 7,
  returningCustomers: 14,
  returningShare: 0.6667,
  fcr24h: null,
  previous: { validCustomers: 30, returningShare: 0.5, fcr24h: 0.3 },
  regions: [
    region('China', 'Beijing', 1_445, 1_402),
    region('中国', '广东', 12, 2),
    region('Netherlands', '', 1, 0),
    region('Nowhere', 'Empty', 0, 0),
  ],
};

describe('customersMessage', () => {
  const message = customersMessage(card(CUSTOMERS), VIEW);

  it('shows the customers with their change, "–" for an unknown FCR', () => {
    // 21 / 30 = −30.0%; 66.7% − 50.0% = 16.7 pts.
    expect(field(message, 'Valid customers')).toBe('21  _▼ 30.0% worse_');
    expect(field(message, 'New customers')).toBe('7');
    expect(field(message, 'Returning customers')).toBe('14');
    expect(field(message, 'Returning share')).toBe('66.7%  _▲ 16.7 pts_');
    // getGeneral's FCR is a share of customers.
    expect(field(message, '24h FCR (of customers)')).toBe('–  _no comparison_');
  });

  it("tables the regions busiest first in the reply's language, a region with no visitors left out", () => {
    expect(tableOf(message)).toEqual([
      ['Region', 'Visitors', 'New', 'Returning'],
      ['China · Beijing', '1,445', '1,402', '43'],
      // Sobot gave "中国 · 广东": known places are named in the reply's language.
      ['China · Guangdong', '12', '2', '10'],
      ['Netherlands', '1', '0', '1'],
    ]);
    expect(contextOf(message)).toContain('Showing 3 of 3 regions');
  });

  it('names known places in Chinese in a Chinese reply, and unknown ones as Sobot gave them', () => {
    const regions = [...CUSTOMERS.regions, region('Atlantis', 'Poseidonia', 1, 1)];
    const zh = customersMessage(card({ ...CUSTOMERS, regions }), { ...VIEW, lang: 'zh' });
    expect(tableOf(zh)?.map((row) => row[0])).toEqual([
      '地区',
      '中国 · 北京',
      '中国 · 广东',
      '荷兰',
      'Atlantis · Poseidonia',
    ]);
    expect(zh.chart?.spec.labels).toEqual(['北京', '广东', '荷兰', 'Poseidonia']);
  });

  it('charts new and returning visitors of the top regions, named by region', () => {
    const spec = message.chart?.spec;
    expect(spec?.labels).toEqual(['Beijing', 'Guangdong', 'Netherlands']);
    expect(spec?.series.map((s) => s.values)).toEqual([
      [1_402, 2, 0],
      [43, 10, 1],
    ]);
  });

  it('shows at most 15 regions of many, and says how many', () => {
    const many = Array.from({ length: 40 }, (_, i) => region('Land', `R${i}`, 100 - i, 1));
    const long = customersMessage(card({ ...CUSTOMERS, regions: many }), VIEW);
    expect(tableOf(long)).toHaveLength(16);
    expect(contextOf(long)).toContain('Showing 15 of 40 regions');
    expect(long.chart?.spec.labels).toHaveLength(15);
    expect(blockKitProblems(long)).toEqual([]);
  });

  it('fits Slack, names the day and carries the numbers in the fallback text', () => {
    expect(headerOf(message)).toBe('Customers · Tue 10 Nov 2026');
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.text).toContain('Valid customers 21');
    expect(message.text).toContain('China · Beijing 1,445');
  });

  it('says when there were no customers', () => {
    const empty = customersMessage(
      card({ ...CUSTOMERS, validCustomers: 0, regions: [region('Nowhere', 'Empty', 0, 0)] }),
      VIEW,
    );
    expect(empty.text).toContain('No customers in this period.');
    expect(empty.chart).toBeUndefined();
    expect(blockKitProblems(empty)).toEqual([]);
  });

  it('escapes names in mrkdwn and speaks Chinese', () => {
    const odd = customersMessage(card({ ...CUSTOMERS, regions: [region('A<b>', 'c&d', 5, 1)] }), {
      ...ZH,
      filters: '渠道: <APP>',
    });
    expect(odd.text).toContain('A&lt;b&gt; · c&amp;d 5');
    expect(contextOf(odd)).toContain('渠道: &lt;APP&gt;');
    expect(headerOf(odd)).toMatch(/^客户 · /);
    expect(field(odd, '有效客户数')).toBe('21  _▼ 30.0%（变差）_');
    expect(tableOf(odd)?.[0]).toEqual(['地区', '访客', '新客户', '老客户']);
  });
});
