// Specs for the alert episode message: one scope firing and resolved, hundreds of scopes with hostile
// names at Slack's limits, units, mentions, mutes and buttons. Expected texts are written from the inputs.

import { describe, expect, it } from 'vitest';
import { alertMessage, CHART_SCOPES } from '../../reports/alert.ts';
import type { AlertRuleView, AlertScopeView, AlertView } from '../../src/alerts/view.ts';
import { ALERT_ACTIONS } from '../../src/message/actions.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import { WARNINGS_RULE } from '../support/alert-rules.ts';
import { blocksOf, contextTexts, headerOf, mrkdwnTexts, tableOf } from '../support/message-reading.ts';

// Asia/Shanghai is UTC+8 all year: 06:20Z is 14:20 there.
const RULE = WARNINGS_RULE;

const SALES: AlertScopeView = {
  scope: 'group Sales',
  value: 0.241,
  peak: 0.312,
  since: '2026-11-23T06:20:00Z',
  firedAt: '2026-11-23T06:40:00Z',
  volume: 1_412,
  history: [
    { at: '2026-11-23T06:10:00Z', value: 0.18 },
    { at: '2026-11-23T06:20:00Z', value: 0.22 },
    { at: '2026-11-23T06:30:00Z', value: 0.312 },
    { at: '2026-11-23T06:40:00Z', value: null },
    { at: '2026-11-23T06:50:00Z', value: 0.241 },
  ],
};

const FIRING: AlertView = {
  rule: RULE,
  status: 'firing',
  scopes: [SALES],
  mention: '<!subteam^S0123>',
  mute: null,
  checkedAt: '2026-11-23T06:50:00Z',
  timeZone: 'Asia/Shanghai',
  lang: 'en',
  consoleUrl: 'https://sg.sobot.io/console',
  episodeId: 'ep-20261123-1',
};

/** Resolved at 08:00Z: 1 h 20 min after it fired at 06:40Z. */
const RESOLVED: AlertView = {
  ...FIRING,
  status: 'resolved',
  scopes: [{ ...SALES, value: 0.12, resolvedAt: '2026-11-23T08:00:00Z' }],
  checkedAt: '2026-11-23T08:00:00Z',
};

type Button = { type: string; action_id: string; value?: string; url?: string; text: { text: string } };
const buttonsOf = (m: BotMessage) =>
  (m.blocks as unknown as { type: string; elements?: Button[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

/** Everything Slack reads as mrkdwn: the fallback and every mrkdwn text object. */
const mrkdwnOf = (m: BotMessage) => [m.text, ...mrkdwnTexts(m)].join('\n');

const HOSTILE = '<!channel> & *bold* <@U999|x> `code` >quote';

function scopes(count: number, op: '>' | '<' = '>'): AlertScopeView[] {
  return Array.from({ length: count }, (_, i) => ({
    ...SALES,
    // Every name CJK, long, and full of mrkdwn; values spread so the order is known.
    scope: `${i % 2 === 0 ? '王小明' : '李雷'}-${i} ${HOSTILE} ${'字'.repeat(30)}`,
    value: op === '>' ? 0.2 + i / 1000 : 0.8 - i / 1000,
    peak: op === '>' ? 0.2 + i / 1000 : 0.8 - i / 1000,
  }));
}

describe('alertMessage: one scope firing', () => {
  const message = alertMessage(FIRING);

  it('says what crossed which threshold, for whom, in the header', () => {
    expect(headerOf(message)).toBe('🔴 Reply warnings > 20.0% · group Sales');
  });

  it('gives the value against the threshold, since when, the peak and the chats behind it', () => {
    const section = mrkdwnTexts(message)[0] ?? '';
    expect(section).toContain('*group Sales* Reply warnings *24.1%*');
    expect(section).toContain('(threshold &gt; 20.0%, clears at ≤ 15.0%)');
    expect(section).toContain('Since 14:20 · peak 31.2% · 1,412 chats today');
  });

  it('pings the mention in the text and the first section', () => {
    expect(message.text.startsWith('<!subteam^S0123> ')).toBe(true);
    expect(mrkdwnTexts(message)[0]?.startsWith('<!subteam^S0123> ')).toBe(true);
  });

  it('carries the headline numbers in the plain-text fallback', () => {
    expect(message.text).toContain('Reply warnings &gt; 20.0% · group Sales · 24.1% since 14:20');
    expect(message.visibility).toBe('in_channel');
  });

  it('has the two mute buttons carrying rule and episode, and the Sobot link', () => {
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      [ALERT_ACTIONS.mute1h, 'Mute 1h'],
      [ALERT_ACTIONS.muteTomorrow, 'Mute until tomorrow'],
      ['sobot_open', 'Open in Sobot'],
    ]);
    for (const button of buttons.slice(0, 2)) {
      expect(JSON.parse(button.value ?? '')).toEqual({ rule: RULE.name, episode: FIRING.episodeId });
    }
    expect(buttons[2]?.url).toBe(FIRING.consoleUrl);
  });

  it('charts the KPI over the checks, gaps included, with the threshold as a line', () => {
    const spec = message.chart?.spec;
    expect(spec?.labels).toEqual(['14:10', '14:20', '14:30', '14:40', '14:50']);
    expect(spec?.series.map((s) => s.label)).toEqual(['group Sales', 'threshold > 20.0%']);
    expect(spec?.series[0]?.values).toEqual(SALES.history.map((p) => p.value));
    expect(spec?.series[1]?.values).toEqual(SALES.history.map(() => RULE.threshold));
    expect(spec?.series.every((s) => s.type === 'line' && s.unit === 'ratio')).toBe(true);
    // The threshold is a reference to read the scope against, not one more scope.
    expect(spec?.series.map((s) => s.reference === true)).toEqual([false, true]);
    // What (the KPI over the rule's period, at each check) and when (the day, the checks, the rule).
    expect(spec?.title).toBe('Reply warnings (today) at each check');
    expect(spec?.subtitle).toBe('Mon 23 Nov 2026 · checks 14:10–14:50 · Rule response-warnings-high');
    expect(spec?.measures).toBe('Reply warnings');
    expect(spec?.fitValues).toBe(true);
    // The image goes right after the figures, before the footer and the buttons.
    expect(blocksOf(message)[message.chart?.position ?? -1]?.type).toBe('context');
  });

  it('charts a rule that fired at its first check as a bar per scope against the threshold, in en and zh', () => {
    const first = (scope: AlertScopeView, value: number) => ({
      ...scope,
      value,
      history: [{ at: '2026-11-23T06:50:00Z', value }],
    });
    const scopes = [first(SALES, 0.241), first({ ...SALES, scope: 'group 售后' }, 0.226)];
    for (const lang of ['en', 'zh'] as const) {
      const spec = alertMessage({ ...FIRING, lang, scopes }).chart?.spec;
      expect(spec?.labels).toEqual(['group Sales', 'group 售后']);
      expect(spec?.series.map((s) => [s.type, s.values])).toEqual([
        ['bar', [0.241, 0.226]],
        ['line', [RULE.threshold, RULE.threshold]],
      ]);
      expect(spec?.series[1]?.reference).toBe(true);
      expect(spec?.subtitle).toBe(
        lang === 'zh'
          ? '2026年11月23日 周一 · 14:50 的检查 · 规则 response-warnings-high'
          : 'Mon 23 Nov 2026 · check at 14:50 · Rule response-warnings-high',
      );
    }
  });

  it('has no chart when no check gave a value', () => {
    const blind = { ...SALES, history: [{ at: SALES.since, value: null }] };
    expect(alertMessage({ ...FIRING, scopes: [blind] }).chart).toBeUndefined();
  });

  it('names the rule, the period, the zone and the check time in the footer', () => {
    expect(contextTexts(message).at(-1)).toBe(
      'Rule `response-warnings-high` · today · Asia/Shanghai · checked 14:50',
    );
  });

  it('is within Slack limits', () => {
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('alertMessage: resolved', () => {
  const message = alertMessage(RESOLVED);

  it('says it resolved, after how long and at which peak', () => {
    expect(headerOf(message)).toBe('✅ Resolved · Reply warnings > 20.0% · group Sales');
    expect(message.text).toContain('group Sales · after 1h 20m · peak 31.2%');
    expect(mrkdwnTexts(message)[0]).toContain('*group Sales* back to 12.0%');
    expect(mrkdwnTexts(message)[0]).toContain('after 1h 20m · peak 31.2%');
    expect(mrkdwnTexts(message)[0]).toContain('Fired 14:40 · resolved 16:00');
  });

  it('drops the mention and the mute buttons, and keeps the Sobot link', () => {
    expect(mrkdwnOf(message)).not.toContain('subteam');
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual(['sobot_open']);
  });

  it('does not show a mute any more', () => {
    const muted = alertMessage({ ...RESOLVED, mute: { by: 'U123ABC', until: '2026-11-23T09:00:00Z' } });
    expect(mrkdwnOf(muted)).not.toContain('🔕');
  });

  it('is within Slack limits', () => {
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('alertMessage: mute', () => {
  it('shows who muted it and until when', () => {
    const message = alertMessage({ ...FIRING, mute: { by: 'U123ABC', until: '2026-11-23T07:00:00Z' } });
    expect(contextTexts(message)).toContain('🔕 Muted by <@U123ABC> until 15:00');
    expect(buttonsOf(message).map((b) => b.action_id)).toContain(ALERT_ACTIONS.mute1h);
  });

  it('dates a mute that ends on another day', () => {
    const message = alertMessage({ ...FIRING, mute: { by: 'U123ABC', until: '2026-11-24T01:00:00Z' } });
    expect(contextTexts(message)).toContain('🔕 Muted by <@U123ABC> until Tue 24 Nov 2026 09:00');
  });

  it('in Chinese', () => {
    const message = alertMessage({
      ...FIRING,
      lang: 'zh',
      mute: { by: 'U123ABC', until: '2026-11-23T07:00:00Z' },
    });
    expect(contextTexts(message)).toContain('🔕 <@U123ABC> 已静音至 15:00');
  });
});

describe('alertMessage: units', () => {
  it.each([
    // avg_first_response is in ms: 60 000 is "1m 00s", 95 000 is "1m 35s".
    [
      { kpi: 'avg_first_response', op: '>', threshold: 60_000, clear: 60_000 },
      95_000,
      'Avg. first response > 1m 00s',
      '*1m 35s*',
    ],
    [{ kpi: 'chats', op: '<', threshold: 50, clear: 60 }, 32, 'Chats < 50', '*32*'],
    [
      { kpi: 'valid_reception_rate', op: '<=', threshold: 0.8, clear: 0.85 },
      0.7143,
      'Valid reception ≤ 80.0%',
      '*71.4%*',
    ],
  ] as const)('formats %o by the KPI unit', (rule, value, condition, shown) => {
    const message = alertMessage({
      ...FIRING,
      rule: { ...RULE, ...rule },
      scopes: [{ ...SALES, value, peak: value }],
    });
    expect(headerOf(message)).toBe(`🔴 ${condition} · group Sales`);
    expect(mrkdwnTexts(message)[0]).toContain(shown);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('states where a < rule clears, and omits it when it clears at the threshold', () => {
    const below = alertMessage({
      ...FIRING,
      rule: { ...RULE, kpi: 'valid_reception_rate', op: '<', threshold: 0.8, clear: 0.85 },
    });
    expect(mrkdwnTexts(below)[0]).toContain('(threshold &lt; 80.0%, clears at ≥ 85.0%)');
    const plain = alertMessage({ ...FIRING, rule: { ...RULE, op: '>=', clear: 0.2 } });
    expect(mrkdwnTexts(plain)[0]).toContain('(threshold ≥ 20.0%)');
  });

  it('shows an unknown value as "–", never 0', () => {
    const message = alertMessage({ ...FIRING, scopes: [{ ...SALES, value: null, volume: null }] });
    expect(mrkdwnTexts(message)[0]).toContain('Reply warnings *–*');
    expect(mrkdwnTexts(message)[0]).toContain('– chats today');
  });
});

describe('alertMessage: the KPI named as the rest of the bot names it', () => {
  const satisfaction = (ratingScale: AlertRuleView['ratingScale'], lang: 'en' | 'zh' = 'en') =>
    alertMessage({
      ...FIRING,
      lang,
      rule: { ...RULE, kpi: 'satisfaction', op: '<', threshold: 0.8, clear: 0.85, ratingScale },
      scopes: [{ ...SALES, value: 0.7, peak: 0.65 }],
    });

  it.each([
    ['five_star', 'en', 'Positive feedback (5★) < 80.0%'],
    ['nps', 'en', 'Positive feedback (0–10) < 80.0%'],
    ['two_level', 'en', 'Satisfaction rate < 80.0%'],
    ['five_star', 'zh', '好评率（五星） < 80.0%'],
    ['two_level', 'zh', '满意率 < 80.0%'],
  ] as const)('satisfaction on %s (%s): "%s", never "Satisfied"', (scale, lang, condition) => {
    const message = satisfaction(scale, lang);
    expect(headerOf(message)).toBe(`🔴 ${condition} · group Sales`);
    const label = condition.split(' <')[0] ?? '';
    expect(mrkdwnTexts(message)[0]).toContain(`*group Sales* ${label} *70.0%*`);
    // The rule's period `today` named in the reader's words.
    expect(message.chart?.spec.title).toBe(
      lang === 'zh' ? `每次检查时的${label}（今天）` : `${label} (today) at each check`,
    );
    expect(JSON.stringify(message)).not.toContain('Satisfied');
  });

  it('per agent: their chats are "Chats handled", their 24h FCR a share of chats', () => {
    const agents = { ...RULE, each: 'agent', op: '<', clear: 0.5 } as const;
    expect(headerOf(alertMessage({ ...FIRING, rule: { ...agents, kpi: 'chats', threshold: 5 } }))).toBe(
      '🔴 Chats handled < 5 · group Sales',
    );
    expect(headerOf(alertMessage({ ...FIRING, rule: { ...agents, kpi: 'fcr_24h', threshold: 0.4 } }))).toBe(
      '🔴 24h FCR (of chats) < 40.0% · group Sales',
    );
  });
});

describe('alertMessage: escaping', () => {
  it('escapes scope names wherever Slack reads mrkdwn, and keeps them whole in plain text', () => {
    const message = alertMessage({ ...FIRING, scopes: [{ ...SALES, scope: HOSTILE }] });
    const mrkdwn = mrkdwnOf(message);
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('<@U999');
    expect(mrkdwn).toContain('&lt;!channel&gt; &amp; *bold* &lt;@U999|x&gt;');
    expect(headerOf(message)).toContain(HOSTILE);
  });

  it('lets only real mentions through the mention setting', () => {
    const message = alertMessage({ ...FIRING, mention: '<!here> <@U0ABC> <https://evil.example|click>' });
    expect(message.text.startsWith('<!here> <@U0ABC> &lt;https://evil.example|click&gt; ')).toBe(true);
  });

  it('escapes the rule name', () => {
    const message = alertMessage({ ...FIRING, rule: { ...RULE, name: 'a<b>&c' } });
    expect(contextTexts(message).at(-1)).toContain('`a&lt;b&gt;&amp;c`');
  });
});

describe('alertMessage: many scopes', () => {
  it.each([
    ['>', 'firing', 'en'],
    ['<', 'firing', 'zh'],
    ['>', 'resolved', 'en'],
    ['<', 'resolved', 'zh'],
  ] as const)(
    '300 hostile CJK scopes (%s, %s, %s) fit, worst first, with how many are left out',
    (op, status, lang) => {
      const many = scopes(300, op).map((s) =>
        status === 'resolved' ? { ...s, resolvedAt: '2026-11-23T08:00:00Z' } : s,
      );
      const rule = { ...RULE, op, threshold: op === '>' ? 0.2 : 0.8, clear: op === '>' ? 0.15 : 0.85 };
      const message = alertMessage({ ...FIRING, rule, status, lang, scopes: many, mention: '<!here>' });
      expect(blockKitProblems(message)).toEqual([]);

      // The last scope has the worst value in both directions (values move away from the threshold).
      const worst = many.at(-1)?.scope ?? '';
      const rows = tableOf(message).slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]?.[0]).toBe(`${worst.slice(0, 23)}…`);
      expect(rows[1]?.[0]?.startsWith(many.at(-2)?.scope.slice(0, 23) ?? '?')).toBe(true);
      expect(headerOf(message).startsWith(status === 'firing' ? '🔴' : '✅')).toBe(true);

      const left = 300 - rows.length;
      expect(left).toBeGreaterThan(0);
      const footer = contextTexts(message).join(' ');
      expect(footer).toContain(lang === 'en' ? `and ${left} more` : `另有 ${left} 个`);
      expect(mrkdwnOf(message)).not.toContain('<!channel>');

      const series = message.chart?.spec.series ?? [];
      expect(series).toHaveLength(CHART_SCOPES + 1);
      expect(series[0]?.label.startsWith(worst.slice(0, 20))).toBe(true);
    },
  );

  it('lists firing scopes before resolved ones, each with its state', () => {
    const message = alertMessage({
      ...FIRING,
      scopes: [
        // Fired 06:40Z, resolved 07:20Z: 40 minutes.
        { ...SALES, scope: 'group Billing', value: 0.1, peak: 0.5, resolvedAt: '2026-11-23T07:20:00Z' },
        SALES,
        { ...SALES, scope: 'group Support', value: 0.3 },
      ],
    });
    expect(tableOf(message)).toEqual([
      ['Scope', 'Now', 'Peak', 'Chats', 'Since', 'Status'],
      ['group Support', '30.0%', '31.2%', '1,412', '14:20', '🔴'],
      ['group Sales', '24.1%', '31.2%', '1,412', '14:20', '🔴'],
      ['group Billing', '10.0%', '50.0%', '1,412', '14:20', '✅ 40m 00s'],
    ]);
    expect(headerOf(message)).toBe('🔴 Reply warnings > 20.0% · group Support and 2 more');
    expect(mrkdwnTexts(message)[0]).toContain('*2* of 3 scopes firing');
    expect(message.text).toContain('group Support 30.0% since 14:20, group Sales 24.1% since 14:20');
  });

  it('puts the worst few scopes in the chart and names them in its alt text', () => {
    const message = alertMessage({ ...FIRING, scopes: scopes(8) });
    const names = message.chart?.spec.series.slice(0, CHART_SCOPES).map((s) => s.label) ?? [];
    expect(names.map((n) => n.split(' ')[0])).toEqual(['李雷-7', '王小明-6', '李雷-5', '王小明-4', '李雷-3']);
    expect(message.chart?.altText).toContain('李雷-7');
  });
});

describe('alertMessage: Chinese', () => {
  it('uses the Chinese labels and buttons', () => {
    const message = alertMessage({ ...FIRING, lang: 'zh', rule: { ...RULE, period: '今天' } });
    expect(headerOf(message)).toBe('🔴 响应预警率 > 20.0% · group Sales');
    expect(mrkdwnTexts(message)[0]).toContain('自 14:20 起 · 峰值 31.2% · 今天共 1,412 个会话');
    expect(buttonsOf(message).map((b) => b.text.text)).toEqual(['静音 1 小时', '静音至明天', '在智齿中打开']);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('resolved', () => {
    const message = alertMessage({ ...RESOLVED, lang: 'zh' });
    expect(headerOf(message)).toBe('✅ 已恢复 · 响应预警率 > 20.0% · group Sales');
    expect(message.text).toContain('持续 1小时20分 · 峰值 31.2%');
  });
});
