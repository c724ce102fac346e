// Specs for the alert thread replies and the rule's "cannot evaluate" / "recovered" notices:
// texts written from the inputs, hostile names escaped, hundreds of scopes within Slack's limits.

import { describe, expect, it } from 'vitest';
import {
  cannotEvaluateMessage,
  recoveredMessage,
  reminderReply,
  THREAD_LINES,
  worseningReply,
} from '../../reports/alert-notices.ts';
import type { AlertRuleView } from '../../src/alerts/view.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import { mrkdwnTexts } from '../support/message-reading.ts';

const RULE: AlertRuleView = {
  name: 'response-warnings-high',
  kpi: 'response_warn_rate',
  op: '>',
  threshold: 0.2,
  clear: 0.15,
  period: 'today',
  ratingScale: null,
};
const HOUR = 3_600_000;
const HOSTILE = '<!channel> & *bold* <@U999>';
// Asia/Shanghai is UTC+8: 06:20Z is 14:20 there.
const NOTICE = { timeZone: 'Asia/Shanghai', lang: 'en' as const, checkedAt: '2026-11-23T07:00:00Z' };

const mrkdwnOf = (m: BotMessage) => [m.text, ...mrkdwnTexts(m)].join('\n');
const bullets = (m: BotMessage) =>
  (mrkdwnTexts(m)[0] ?? '').split('\n').filter((line) => line.startsWith('• '));

describe('reminderReply', () => {
  it('says how long one scope has been firing, at what value, against which threshold', () => {
    const reply = reminderReply(RULE, [{ scope: 'group Sales', value: 0.241, firingMs: 2 * HOUR }], 'en');
    expect(reply.text).toBe(
      'Still firing after 2h 00m: *group Sales* 24.1% (threshold &gt; 20.0%, clears at ≤ 15.0%)',
    );
    expect(mrkdwnTexts(reply)).toEqual([reply.text]);
  });

  it('lists several scopes, one line each', () => {
    const reply = reminderReply(
      RULE,
      [
        { scope: 'group Sales', value: 0.241, firingMs: 2 * HOUR },
        { scope: '王小明', value: null, firingMs: 4.5 * HOUR },
      ],
      'en',
    );
    expect(bullets(reply)).toEqual(['• *group Sales* 24.1% for 2h 00m', '• *王小明* – for 4h 30m']);
  });

  it('in Chinese', () => {
    const reply = reminderReply(RULE, [{ scope: '王小明', value: 0.3, firingMs: 2 * HOUR }], 'zh');
    expect(reply.text).toBe('仍在告警，已持续 2小时00分：*王小明* 30.0%（阈值 &gt; 20.0%，≤ 15.0% 时恢复）');
  });

  it('keeps 300 hostile scopes within Slack limits and counts the ones it leaves out', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      scope: `${HOSTILE} ${'&'.repeat(100)} ${i}`,
      value: 0.25,
      firingMs: HOUR,
    }));
    const reply = reminderReply(RULE, items, 'en');
    expect(blockKitProblems(reply)).toEqual([]);
    const listed = bullets(reply).length;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThanOrEqual(THREAD_LINES);
    expect(reply.text.endsWith(`… and ${300 - listed} more`)).toBe(true);
    expect(mrkdwnOf(reply)).not.toContain('<!channel>');
  });
});

describe('worseningReply', () => {
  it('shows the value last reported and the worse one now', () => {
    const reply = worseningReply(RULE, [{ scope: 'group Sales', from: 0.241, to: 0.312 }], 'en');
    expect(reply.text).toBe('Worse: *group Sales* 24.1% → 31.2% (threshold &gt; 20.0%, clears at ≤ 15.0%)');
  });

  it('formats durations for a duration KPI', () => {
    const rule: AlertRuleView = { ...RULE, kpi: 'avg_first_response', threshold: 60_000, clear: 60_000 };
    const reply = worseningReply(rule, [{ scope: 'overall', from: 65_000, to: 125_000 }], 'en');
    expect(reply.text).toBe('Worse: *overall* 1m 05s → 2m 05s (threshold &gt; 1m 00s)');
  });

  it('lists several scopes and escapes their names', () => {
    const reply = worseningReply(
      RULE,
      [
        { scope: HOSTILE, from: 0.25, to: 0.3 },
        { scope: 'group Sales', from: 0.22, to: 0.26 },
      ],
      'zh',
    );
    expect(bullets(reply)).toEqual([
      '• *&lt;!channel&gt; &amp; *bold* &lt;@U999&gt;* 25.0% → 30.0%',
      '• *group Sales* 22.0% → 26.0%',
    ]);
    expect(reply.text.startsWith('恶化（阈值 &gt; 20.0%，≤ 15.0% 时恢复）：')).toBe(true);
  });
});

describe('cannotEvaluateMessage', () => {
  it('names the rule, the reason and since when it fails', () => {
    const message = cannotEvaluateMessage(
      'response-warnings-high',
      'Sobot timed out',
      '2026-11-23T06:20:00Z',
      NOTICE,
    );
    expect(message.text).toContain('Cannot evaluate alert `response-warnings-high`: Sobot timed out');
    expect(message.text).toContain('Failing since 14:20');
    expect(message.visibility).toBe('in_channel');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('dates a failure that started on another day', () => {
    const message = cannotEvaluateMessage('r', 'HTTP 502', '2026-11-22T15:00:00Z', NOTICE);
    expect(message.text).toContain('Failing since 22 Nov 23:00');
  });

  it('escapes a hostile reason and keeps a huge one within limits', () => {
    const message = cannotEvaluateMessage(
      HOSTILE,
      `${HOSTILE}${'&'.repeat(5_000)}`,
      NOTICE.checkedAt,
      NOTICE,
    );
    expect(mrkdwnOf(message)).not.toContain('<!channel>');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('in Chinese', () => {
    const message = cannotEvaluateMessage('r', 'HTTP 502', '2026-11-23T06:20:00Z', { ...NOTICE, lang: 'zh' });
    expect(message.text).toContain('无法评估告警 `r`：HTTP 502');
    expect(message.text).toContain('自 14:20 起失败');
  });
});

describe('recoveredMessage', () => {
  it('says the rule is evaluated again and for how long it was not', () => {
    const message = recoveredMessage('response-warnings-high', 40 * 60_000, 'en');
    expect(message.text).toBe(
      '✅ Alert `response-warnings-high` can be evaluated again, after 40m 00s without numbers from Sobot.',
    );
    expect(recoveredMessage('r', 90 * 60_000, 'zh').text).toBe('✅ 告警 `r` 已恢复评估（中断 1小时30分）。');
    expect(blockKitProblems(message)).toEqual([]);
  });
});
