import { describe, expect, it } from 'vitest';
import { homeView, sparkline } from '../../reports/home.ts';
import { type AlertRule, DEFAULT_ATTENTION, type DigestDefinition } from '../../src/config-file.ts';
import type { HomeData, HomeDigest, HomeRule } from '../../src/home/board.ts';
import { HOME_ACTIONS } from '../../src/message/actions.ts';
import { VIEW_LIMITS, viewProblems } from '../../src/message/view-limits.ts';

const NOW = Date.parse('2026-11-23T02:00:00Z'); // Mon 10:00 in Shanghai

const rule = (name: string): AlertRule => ({
  name,
  kpi: 'response_warn_rate',
  scope: { kind: 'overall' },
  op: '>',
  threshold: 0.2,
  clear: 0.15,
  period: 'today',
  check: '*/10 9-18 * * 1-5',
  timeZone: 'Asia/Shanghai',
  for: 1,
  minVolume: 0,
  channel: 'C0ALERTS',
  mention: null,
  repeatMs: 0,
  noData: 'keep',
  source: 'file',
});

const homeRule = (name: string, extra: Partial<HomeRule> = {}): HomeRule => ({
  rule: rule(name),
  status: 'ok',
  scopes: [],
  mute: null,
  message: null,
  failures: 0,
  canMute: false,
  ...extra,
});

const digest = (name: string): HomeDigest => ({
  digest: {
    name,
    channel: 'C0TEAMCS',
    schedule: '0 9 * * 1-5',
    timeZone: 'Asia/Shanghai',
    period: 'yesterday',
    filters: { group: 'Sales' },
    sections: ['overview'],
    mention: null,
    attention: DEFAULT_ATTENTION,
    graceMs: 0,
    catchUpMs: 6 * 3_600_000,
    source: 'file',
  } satisfies DigestDefinition,
  nextAt: Date.parse('2026-11-24T01:00:00Z'),
  last: { status: 'on_time', at: Date.parse('2026-11-23T01:00:30Z') },
});

function data(extra: Partial<HomeData> = {}): HomeData {
  return {
    viewer: { userId: 'U0LEAD', timeZone: 'Asia/Shanghai', lang: 'en', isAdmin: false },
    now: NOW,
    companyTimeZone: 'Asia/Shanghai',
    figures: {
      at: NOW,
      overview: {
        range: { from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Shanghai' },
        previousRange: { from: '2026-11-22', to: '2026-11-22', timeZone: 'Asia/Shanghai', until: '10:00:00' },
        filters: {},
        current: { chats: 1234, valid_reception_rate: 0.824, response_warn_rate: 0.1 },
        previous: { chats: 1000, valid_reception_rate: 0.8, response_warn_rate: 0.12 },
      },
      trend: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ day: `2026-11-${15 + n}`, value: n * 10 })),
    },
    loading: false,
    rules: [],
    digests: [],
    health: { api: 'v5', sobotReachable: true, budget: { inUse: 7, limit: 20 }, lastError: null },
    notice: null,
    ...extra,
  };
}

const text = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);

describe('homeView', () => {
  it('shows today so far with its change against yesterday to the same time', () => {
    const view = homeView(data());
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain('*Chats*\\n1,234  _▲ 23.4% better_');
    expect(text(view)).toContain('*Valid reception*\\n82.4%  _▲ 2.4 pts better_');
    // Fewer reply warnings is better.
    expect(text(view)).toContain('*Reply warnings*\\n10.0%  _▼ 2.0 pts better_');
    expect(text(view)).toContain('Sun 22 Nov 2026 until 10:00');
    expect(text(view)).toContain('▁▂▃▅▆▇█');
  });

  it('says the figures are on their way, or why there are none', () => {
    expect(text(homeView(data({ figures: null, loading: true })))).toContain('Loading today’s figures');
    const failed = homeView(
      data({
        figures: null,
        health: {
          api: 'v5',
          sobotReachable: false,
          budget: { inUse: 0, limit: 20 },
          lastError: { at: NOW, what: 'Sobot is not answering.' },
        },
      }),
    );
    expect(text(failed)).toContain('No figures yet. Sobot is not answering.');
    expect(text(failed)).toContain('❌ Sobot unreachable');
    expect(text(failed)).toContain('last error 10:00: Sobot is not answering.');
  });

  it('gives a firing rule its time, value and message link, and a mute menu only to those who may mute', () => {
    const firing = homeRule('warnings-high', {
      status: 'firing',
      scopes: [
        { name: 'overall', value: 0.234, since: '2026-11-23T01:40:00Z', firedAt: '2026-11-23T01:50:00Z' },
      ],
      message: { channel: 'C0ALERTS', ts: '1795000000.000001' },
    });
    const stranger = homeView(data({ rules: [firing] }));
    expect(text(stranger)).toContain('🔴 firing since 09:50 at 23.4%');
    expect(text(stranger)).toContain('<https://slack.com/archives/C0ALERTS/p1795000000000001|alert message>');
    expect(text(stranger)).not.toContain(HOME_ACTIONS.alert);
    const member = homeView(data({ rules: [{ ...firing, canMute: true }] }));
    expect(text(member)).toContain('"value":"mute1h:warnings-high"');
    const muted = homeView(
      data({ rules: [{ ...firing, canMute: true, mute: { by: 'U0X', until: '2026-11-23T03:00:00Z' } }] }),
    );
    expect(text(muted)).toContain('🔕 muted by <@U0X> until 11:00');
    expect(text(muted)).toContain('"value":"unmute:warnings-high"');
  });

  it('gives admins the digest menu and everyone else a preview button', () => {
    const admin = homeView(
      data({ digests: [digest('morning')], viewer: { ...data().viewer, isAdmin: true } }),
    );
    expect(text(admin)).toContain('"action_id":"home_digest"');
    expect(text(admin)).toContain('"value":"delete:morning"');
    expect(text(admin)).toContain('09:00 weekdays (Asia/Shanghai) · yesterday `group:Sales`');
    expect(text(admin)).toContain('next Tue 24 Nov 09:00 (your time) · ✅ last posted on time 09:00');
    const viewer = homeView(data({ digests: [digest('morning')] }));
    expect(text(viewer)).toContain('"action_id":"home_digest_preview"');
    expect(text(viewer)).not.toContain('delete:morning');
  });

  it('stays within 100 blocks however many rules there are, keeping those that need attention', () => {
    const rules = Array.from({ length: 150 }, (_, i) =>
      homeRule(
        `rule-${i}`,
        i === 149
          ? {
              status: 'pending',
              scopes: [{ name: 'overall', value: 0.3, since: '2026-11-23T01:00:00Z', firedAt: null }],
            }
          : {},
      ),
    );
    const digests = Array.from({ length: 20 }, (_, i) => digest(`digest-${i}`));
    const view = homeView(data({ rules, digests, notice: { kind: 'done', text: 'Done.' } }));
    expect(view.blocks.length).toBeLessThanOrEqual(VIEW_LIMITS.blocks);
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain('*rule-149*');
    expect(text(view)).toMatch(/… and \d+ more rules, all OK/);
    expect(text(view).match(/\*digest-\d+\*/g)).toHaveLength(20);
  });

  it('speaks Chinese to a Chinese viewer', () => {
    const view = homeView(data({ viewer: { ...data().viewer, lang: 'zh' }, digests: [digest('morning')] }));
    expect(text(view)).toContain('智齿 · 今日实时');
    expect(text(view)).toContain('人工会话量');
  });
});

describe('sparkline', () => {
  it('scales from the lowest to the highest value and dots a missing one', () => {
    expect(sparkline([0, 7, null, 14])).toBe('▁▅·█');
    expect(sparkline([5, 5])).toBe('▄▄');
  });
});
