// Specs for the `/sobot agent` card: hand-made figures of one agent on one day, every shown value
// written out by hand, missing values as "–", names escaped, and Slack's limits respected.

import { describe, expect, it } from 'vitest';
import { type AgentView, agentMessage } from '../../reports/agent.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import type { AgentDetail } from '../../src/stats/cards.ts';
import type { Card } from '../../src/stats/service.ts';
import { NO_COUNTS } from '../support/agent-counts.ts';
import { blocksOf, headerOf } from '../support/message-reading.ts';

const DAY = { from: '2026-11-20', to: '2026-11-20', timeZone: 'Asia/Shanghai' };
const WEEK = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };

const DETAIL: AgentDetail = {
  row: {
    agentId: 'a1',
    name: 'Mia',
    email: 'mia.chen@acme-support.example',
    groups: ['Sales', 'VIP <Gold>'],
    kpis: {
      chats: 1234,
      valid_reception_rate: 0.8214,
      avg_first_response: 14_000,
      fcr_24h: 0.54,
      satisfaction: null,
      response_warn_rate: 0.105,
    },
    counts: { ...NO_COUNTS, transfersIn: 2, transfersOut: null },
  },
  responseTimes: {
    firstMs: 9_000,
    averageMs: 65_000,
    maxMs: 3_725_000,
    within30sRate: 0.417,
    within60sRate: null,
  },
  ratings: {
    scale: 'five_star',
    averageScore: 4.25,
    distribution: [
      { label: '5★', count: 3, share: 0.75 },
      { label: '4★', count: 0, share: 0 },
      { label: '3★', count: 1, share: 0.25 },
      { label: '2★', count: 0, share: 0 },
      { label: '1★', count: 0, share: 0 },
    ],
  },
  workStatus: {
    onlineMs: 8 * 3_600_000 + 5 * 60_000,
    busyMs: 673_000,
    busyCount: 3,
    breakMs: 0,
    mealMs: null,
    trainingMs: 2_520_000,
    meetingMs: null,
    firstLoginAt: Date.parse('2026-11-20T01:05:00Z'),
    lastLogoutAt: Date.parse('2026-11-20T10:30:00Z'),
  },
};

const card = (figures: AgentDetail | null, range = DAY): Card<AgentDetail | null> => ({
  range,
  filters: { agentIds: ['a1'] },
  figures,
});

const VIEW: AgentView = { lang: 'en', visibility: 'ephemeral', agentName: 'Mia <Trainee> Chen' };

const contextOf = (m: BotMessage) => blocksOf(m).find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';

/** Label → value of every field, from `*Label*\nvalue`. */
function fieldsOf(m: BotMessage): Map<string, string> {
  const pairs = blocksOf(m)
    .flatMap((b) => b.fields ?? [])
    .map((f) => {
      const [label = '', value = ''] = f.text.split('\n');
      return [label.replace(/^\*|\*$/g, ''), value] as const;
    });
  return new Map(pairs);
}

describe('agentMessage', () => {
  it('titles the card with the agent and the day, and fits Slack', () => {
    const message = agentMessage(card(DETAIL), VIEW);
    expect(headerOf(message)).toBe('Agent · Mia <Trainee> Chen · Fri 20 Nov 2026');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('states the zone, the groups and the email, escaped for mrkdwn', () => {
    expect(contextOf(agentMessage(card(DETAIL), VIEW))).toBe(
      'Asia/Shanghai · Sales, VIP &lt;Gold&gt; · mia.chen@acme-support.example',
    );
  });

  it('shows workload, response times and work status, each value formatted by hand', () => {
    const fields = fieldsOf(agentMessage(card(DETAIL), VIEW));
    expect(Object.fromEntries(fields)).toEqual({
      // An agent's chats count transfers for each agent; their FCR is a share of chats.
      'Chats handled': '1,234',
      'Valid reception': '82.1%',
      '24h FCR (of chats)': '54.0%',
      'Positive feedback (5★)': '–',
      'Reply warnings': '10.5%',
      'Transfers in / out': '2 / –',
      'First response (avg.)': '9s',
      'Average response': '1m 05s',
      'Longest response': '1h 02m',
      'First response ≤ 30s': '41.7%',
      'First response ≤ 60s': '–',
      Online: '8h 05m',
      Busy: '11m 13s (3×)',
      Break: '0s',
      Meal: '–',
      Training: '42m 00s',
      Meeting: '–',
      'First login': '09:05',
      'Last logout': '18:30',
    });
  });

  it('dates the login times when the period is longer than a day', () => {
    const fields = fieldsOf(agentMessage(card(DETAIL, WEEK), VIEW));
    expect(fields.get('First login')).toBe('20 Nov 09:05');
    const zh = fieldsOf(agentMessage(card(DETAIL, WEEK), { ...VIEW, lang: 'zh' }));
    expect(zh.get('首次登录')).toBe('11月20日 09:05');
  });

  it('lists the rating distribution and charts it, best first', () => {
    const message = agentMessage(card(DETAIL), VIEW);
    const ratings = blocksOf(message).find((b) => b.text?.text.startsWith('*Ratings*'))?.text?.text;
    expect(ratings).toBe(
      '*Ratings*\n4 rated chats · Average score 4.3\n5★ 3 (75.0%) · 4★ 0 (0.0%) · 3★ 1 (25.0%) · 2★ 0 (0.0%) · 1★ 0 (0.0%)',
    );
    expect(message.chart?.spec.labels).toEqual(['5★', '4★', '3★', '2★', '1★']);
    expect(message.chart?.spec.series[0]?.values).toEqual([3, 0, 1, 0, 0]);
    expect(message.chart?.position).toBe(message.blocks.length);
  });

  it('has no chart and says so when nothing was rated, nor work status without a work log', () => {
    const bare: AgentDetail = {
      ...DETAIL,
      ratings: { scale: null, distribution: [], averageScore: null },
      workStatus: null,
    };
    const message = agentMessage(card(bare), VIEW);
    expect(message.chart).toBeUndefined();
    const texts = blocksOf(message).map((b) => b.text?.text ?? '');
    expect(texts).toContain('*Work status*\nSobot has no work log for this period.');
    expect(texts).toContain('*Ratings*\nNo ratings in this period.');
    expect(fieldsOf(message).has('Online')).toBe(false);
  });

  it('keeps the plain-text fallback free of mrkdwn controls', () => {
    const { text } = agentMessage(card(DETAIL), VIEW);
    expect(text).toContain('Mia &lt;Trainee&gt; Chen');
    expect(text).not.toContain('<');
    expect(text).toContain('Chats handled 1,234');
  });

  it('says there were no chats when the agent has no workload row', () => {
    const message = agentMessage(card(null), VIEW);
    expect(message.text).toBe('Agent · Mia &lt;Trainee&gt; Chen · Fri 20 Nov 2026: No chats in this period.');
    expect(message.chart).toBeUndefined();
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('speaks Chinese when the bot does', () => {
    const message = agentMessage(card(DETAIL), { ...VIEW, lang: 'zh', agentName: '王小明' });
    expect(headerOf(message)).toBe('客服 · 王小明 · 2026年11月20日 周五');
    const fields = fieldsOf(message);
    expect(fields.get('接待会话量')).toBe('1,234');
    expect(fields.get('忙碌')).toBe('11分13秒（3 次）');
    expect(fields.get('首次登录')).toBe('09:05');
  });

  it('fits Slack with a very long name', () => {
    const message = agentMessage(card(DETAIL), { ...VIEW, agentName: 'N'.repeat(400) });
    expect(blockKitProblems(message)).toEqual([]);
    expect(headerOf(message).length).toBeLessThanOrEqual(150);
  });
});
