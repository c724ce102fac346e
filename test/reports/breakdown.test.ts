// Specs for the `/sobot groups|departments|channels` message: scopes built by hand, checked against
// Slack's limits, the CSV read back with an independent RFC 4180 parser, expected strings by hand.

import { describe, expect, it } from 'vitest';
import { type BreakdownView, breakdownMessage } from '../../reports/breakdown.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { KpiValues, ScopeRow } from '../../src/stats/model.ts';
import type { BreakdownReport } from '../../src/stats/service.ts';
import { parseCsv } from '../support/csv.ts';
import { blocksOf, contextTexts, headerOf, mrkdwnTexts, tableOf } from '../support/message-reading.ts';

const DAY = { from: '2026-11-21', to: '2026-11-21', timeZone: 'Asia/Shanghai' };
const VIEW: BreakdownView = { lang: 'en', visibility: 'ephemeral', filters: null };

const scope = (name: string, kpis: KpiValues, scopeId = name): ScopeRow => ({ scopeId, name, kpis });

/** The scope's own total, as the overview gives it: not the sum of the rows, which may overlap. */
const TOTAL: KpiValues = { chats: 9_876, bot_chats: 543, valid_reception_rate: 0.7712, queue_leave_rate: 0 };

function report(by: BreakdownReport['by'], rows: ScopeRow[]): BreakdownReport {
  return { by, range: DAY, filters: {}, rows, total: TOTAL };
}

/** Scope i has 10 + 3i chats (distinct, so the busiest-first order is known) and every KPI set. */
function scopes(size: number, nameOf: (i: number) => string): ScopeRow[] {
  return Array.from({ length: size }, (_, i) =>
    scope(nameOf(i), {
      chats: 10 + 3 * i,
      bot_chats: 1_000 + i,
      valid_reception_rate: (i % 100) / 100,
      avg_first_response: 65_000 + i * 1_000,
      response_warn_rate: 0.0125,
      queue_leave_rate: i % 7 === 0 ? null : 0.1,
    }),
  );
}

/** Realistic long names: CJK and Latin mixed, past the table's 24-character column. */
const groupName = (i: number) => `华东大区 VIP 售后技能组 Enterprise Support ${i}`;
const channelName = (i: number) => `WeChat Official Account 微信公众号 ${i}`;

/** Fisher–Yates with a fixed seed, so the input order is unrelated to the expected order. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i -= 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('breakdownMessage for the largest realistic companies', () => {
  it('fits 50 skill groups in one message, all shown, no CSV', () => {
    const message = breakdownMessage(report('group', scopes(50, groupName)), VIEW);
    expect(blockKitProblems(message)).toEqual([]);
    // Titles, the total, and the 50 groups.
    expect(tableOf(message)).toHaveLength(52);
    expect(message.files).toBeUndefined();
    expect(contextTexts(message).join('\n')).toContain('Showing 50 of 50 skill groups · A chat can reach');
  });

  it('fits 30 channels in one message, all shown, no CSV', () => {
    const message = breakdownMessage(report('channel', scopes(30, channelName)), VIEW);
    expect(blockKitProblems(message)).toEqual([]);
    expect(tableOf(message)).toHaveLength(32);
    expect(message.files).toBeUndefined();
  });
});

describe('breakdownMessage order and content', () => {
  const rows = scopes(20, (i) => `Group ${i}`);
  const message = breakdownMessage(report('group', shuffled(rows)), VIEW);

  it('lists the busiest scope first', () => {
    // Group i has 10 + 3i chats: Group 19 (67) first, Group 0 (10) last, after the total.
    const names = tableOf(message)
      .slice(2)
      .map((r) => r[0]);
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `Group ${19 - i}`));
  });

  it('has the column titles and formatted values; no bot chats per skill group (Sobot does not split them)', () => {
    const table = tableOf(message);
    expect(table[0]).toEqual(['Skill group', 'Chats', 'Valid rec.', '1st reply', 'Warnings', 'Queue leave']);
    // Group 19: 67 chats, 19%, 65 s + 19 s = 1m 24s, 1.25% → 1.3%, 10%.
    expect(table[2]).toEqual(['Group 19', '67', '19.0%', '1m 24s', '1.3%', '10.0%']);
    // Group 14 has no queue leave (14 % 7 === 0): "–", not 0.
    expect(table.find((r) => r[0] === 'Group 14')?.[5]).toBe('–');
  });

  it('charts the busiest scopes, at most 15, in table order', () => {
    expect(message.chart?.spec.labels).toEqual(Array.from({ length: 15 }, (_, i) => `Group ${19 - i}`));
    expect(message.chart?.spec.series[0]?.values.slice(0, 2)).toEqual([67, 64]);
    expect(message.chart?.position).toBe(3);
  });

  it('names the busiest three in the fallback text', () => {
    expect(message.text).toContain('Busiest: Group 19 67, Group 18 64, Group 17 61');
  });

  it('breaks ties in chats by name', () => {
    const tied = [scope('Beta', { chats: 5 }), scope('Alpha', { chats: 5 }), scope('Gamma', { chats: 9 })];
    const names = tableOf(breakdownMessage(report('group', tied), VIEW))
      .slice(2)
      .map((r) => r[0]);
    expect(names).toEqual(['Gamma', 'Alpha', 'Beta']);
  });
});

describe('breakdownMessage under filters Sobot cannot apply to every column', () => {
  it('marks the bot chats of channels filtered by skill group as company-wide, in en and zh', () => {
    const filtered = (lang: 'en' | 'zh') =>
      breakdownMessage(
        { ...report('channel', scopes(3, channelName)), filters: { groupIds: ['g1'] } },
        {
          ...VIEW,
          lang,
        },
      );
    expect(contextTexts(filtered('en')).join('\n')).toContain('Bot chats: company-wide');
    expect(contextTexts(filtered('zh')).join('\n')).toContain('机器人会话量：全公司');
  });

  it('says "all skill groups" when the bot chats honour another filter (the channel) but not the group', () => {
    const message = breakdownMessage(
      { ...report('channel', scopes(3, channelName)), filters: { groupIds: ['g1'], channelTypes: ['1'] } },
      VIEW,
    );
    expect(contextTexts(message).join('\n')).toContain('Bot chats: all skill groups');
  });

  it('marks nothing without such a filter', () => {
    const message = breakdownMessage(report('channel', scopes(3, channelName)), VIEW);
    expect(contextTexts(message).join('\n')).not.toContain('company-wide');
  });
});

describe('breakdownMessage leaves out idle scopes', () => {
  const rows = [
    scope('Sales', { chats: 12, bot_chats: 3 }),
    scope('Night shift', { chats: 0, bot_chats: 0 }),
    scope('Bot only', { chats: 0, bot_chats: 40 }),
    scope('Unknown', { chats: null }),
    scope('Empty', {}),
  ];
  const message = breakdownMessage(report('channel', rows), VIEW);

  it('keeps scopes with chats, bot chats or a count Sobot left out, drops those it counted none for', () => {
    const names = tableOf(message)
      .slice(2)
      .map((r) => r[0]);
    expect(names).toEqual(['Sales', 'Bot only', 'Empty', 'Unknown']);
    expect(contextTexts(message).join('\n')).toContain('Showing 4 of 4 channels');
    expect(message.text).toContain('4 channels with chats');
  });

  it('per skill group, a scope with only bot chats is idle: Sobot does not split the bot by group', () => {
    const groups = breakdownMessage(report('group', rows), VIEW);
    expect(
      tableOf(groups)
        .slice(1)
        .map((r) => r[0]),
    ).not.toContain('Bot only');
  });

  it('says there were no chats when every scope was idle', () => {
    const idle = breakdownMessage(report('department', rows.slice(1, 2)), VIEW);
    expect(idle.text).toContain('No chats in this period');
    expect(blocksOf(idle).some((b) => b.type === 'table')).toBe(false);
    expect(idle.chart).toBeUndefined();
    expect(idle.files).toBeUndefined();
    expect(blockKitProblems(idle)).toEqual([]);
  });

  it('says so for no scopes at all, in Chinese too', () => {
    expect(breakdownMessage(report('channel', []), { ...VIEW, lang: 'zh' }).text).toContain(
      '这段时间没有会话',
    );
  });
});

describe('breakdownMessage for 120 scopes', () => {
  const rows = scopes(120, (i) => `Sub-channel ${String(i).padStart(3, '0')}, "VIP"`);
  const message = breakdownMessage(report('channel', shuffled(rows)), VIEW);
  const shown = tableOf(message).length - 1;

  it('shows what fits, at most 99 rows, within Slack limits', () => {
    expect(blockKitProblems(message)).toEqual([]);
    expect(shown).toBeGreaterThan(15);
    expect(shown).toBeLessThanOrEqual(99);
  });

  it('says how many are shown of 120 and names the CSV', () => {
    const footer = contextTexts(message).join('\n');
    expect(footer).toContain(`Showing ${shown - 1} of 120 channels · full table attached as`);
    expect(footer).toContain('channels-2026-11-21.csv');
  });

  it('attaches a CSV with a header and all 120 scopes, busiest first', () => {
    expect(message.files?.map((f) => f.filename)).toEqual(['channels-2026-11-21.csv']);
    const csv = message.files?.[0]?.content ?? '';
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(122);
    const records = parseCsv(csv.slice(1));
    expect(records[0]).toEqual([
      'channel',
      'chats',
      'bot_chats',
      'valid_reception_rate_pct',
      'avg_first_response_sec',
      'response_warn_rate_pct',
      'queue_leave_rate_pct',
    ]);
    // The total first: the scope's own figures; Sobot's 0% queue leave is 0, not blank.
    expect(records[1]).toEqual(['Total', '9876', '543', '77.12', '', '', '0.00']);
    // Scope 119: 10 + 357 chats, 1,119 bot chats, 19%, 65 s + 119 s, 1.25%, no queue leave (7 × 17).
    expect(records[2]).toEqual(['Sub-channel 119, "VIP"', '367', '1119', '19.00', '184.0', '1.25', '']);
    // Scope 118: 10 + 354 chats, 18%, 65 s + 118 s, queue leave 10%.
    expect(records[3]).toEqual(['Sub-channel 118, "VIP"', '364', '1118', '18.00', '183.0', '1.25', '10.00']);
    // Scope 0 is the quietest, and has no queue leave value (0 % 7 === 0): blank, not 0.
    expect(records[121]).toEqual(['Sub-channel 000, "VIP"', '10', '1000', '0.00', '65.0', '1.25', '']);
  });

  it('shows the same scopes first in the table as in the CSV', () => {
    const records = parseCsv((message.files?.[0]?.content ?? '').slice(1));
    const tableNames = tableOf(message)
      .slice(1)
      .map((r) => r[0]);
    // Names longer than the 24-character column are cut with "…".
    const cut = (name: string) => (name.length <= 24 ? name : `${name.slice(0, 23)}…`);
    expect(tableNames).toEqual(records.slice(1, shown + 1).map((r) => cut(r[0] ?? '')));
  });
});

describe('breakdownMessage text safety', () => {
  const rows = [
    scope('<!channel>', { chats: 99 }),
    scope('R&D', { chats: 98 }),
    scope('<@U123|boss>', { chats: 97 }),
  ];
  const message = breakdownMessage(report('department', rows), {
    ...VIEW,
    filters: 'Skill group: Tom & Jerry <VIP>',
    visibility: 'in_channel',
  });

  it('has no raw Slack control sequence in any mrkdwn text', () => {
    for (const text of mrkdwnTexts(message)) {
      expect(text).not.toMatch(/</);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(contextTexts(message).join('\n')).toContain('Tom &amp; Jerry &lt;VIP&gt;');
  });

  it('escapes names and filters in the fallback text, so no one is pinged', () => {
    expect(message.text).not.toMatch(/</);
    expect(message.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(message.text).toContain('R&amp;D');
  });

  it('shows names literally in the table (raw_text is not parsed)', () => {
    expect(tableOf(message).map((r) => r[0])).toEqual([
      'Department',
      'Total',
      '<!channel>',
      'R&D',
      '<@U123|boss>',
    ]);
  });
});

describe('breakdownMessage total row', () => {
  const rows = [scope('Sales', { chats: 6_000 }), scope('Support', { chats: 5_000 })];

  it('shows the scope total first, each chat once, not the sum of the rows', () => {
    const table = tableOf(breakdownMessage(report('group', rows), VIEW));
    // No bot chats column per skill group: Sobot does not split the bot by group.
    expect(table[1]).toEqual(['Total', '9,876', '77.1%', '–', '–', '0.0%']);
    expect(breakdownMessage(report('group', rows), VIEW).text).toContain('Total 9,876 chats');
  });

  it.each([
    ['group', 'A chat can reach several skill groups, so the rows add up to more than the total'],
    ['department', 'A parent department includes its sub-departments, so rows can overlap'],
  ] as const)('says why the rows of a breakdown by %s can overlap', (by, note) => {
    expect(contextTexts(breakdownMessage(report(by, rows), VIEW)).join('\n')).toContain(note);
  });

  it('has no overlap note for channels, which partition the chats', () => {
    expect(contextTexts(breakdownMessage(report('channel', rows), VIEW)).join('\n')).not.toContain('overlap');
  });

  it('names the total in Chinese', () => {
    expect(tableOf(breakdownMessage(report('group', rows), { ...VIEW, lang: 'zh' }))[1]?.[0]).toBe('合计');
  });
});

describe('breakdownMessage titles', () => {
  const rows = [scope('A', { chats: 1 })];

  it.each([
    ['group', 'Skill groups · Sat 21 Nov 2026', 'Skill group'],
    ['department', 'Departments · Sat 21 Nov 2026', 'Department'],
    ['channel', 'Channels · Sat 21 Nov 2026', 'Channel'],
  ] as const)('titles a breakdown by %s', (by, title, column) => {
    const message = breakdownMessage(report(by, rows), VIEW);
    expect(headerOf(message)).toBe(title);
    expect(tableOf(message)[0]?.[0]).toBe(column);
  });

  it.each([
    ['group', '技能组 · 2026年11月21日 周六', '技能组'],
    ['department', '部门 · 2026年11月21日 周六', '部门'],
    ['channel', '渠道 · 2026年11月21日 周六', '渠道'],
  ] as const)('titles a breakdown by %s in Chinese', (by, title, column) => {
    const message = breakdownMessage(report(by, rows), { ...VIEW, lang: 'zh' });
    expect(headerOf(message)).toBe(title);
    expect(tableOf(message)[0]?.[0]).toBe(column);
    expect(tableOf(message)[0]?.[1]).toBe('会话');
  });

  it('states the zone and the filters', () => {
    const message = breakdownMessage(report('group', rows), { ...VIEW, filters: 'Channel: APP' });
    expect(contextTexts(message)[0]).toBe('Asia/Shanghai · Channel: APP');
  });
});
