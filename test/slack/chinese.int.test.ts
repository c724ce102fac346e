// Every reply in Chinese, end to end: with SOBOT_LANGUAGE=zh the real app answers every command (and
// its errors and refusals), posts a digest and an alert, publishes App Home and opens its modals, and
// nothing it sends to Slack — blocks, fallback text, button labels, chart titles, axes and series,
// CSV headers, file titles, views — holds an English word.
// Allowed: product names and KPI ids (test/support/english.ts), commands in `code`, and the names
// the simulator serves (agents, groups, departments, channels, bots, topics, regions), which are data.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_WORDS, COMMAND_WORDS } from '../../commands/words.ts';
import { buildChartConfig } from '../../src/charts/config.ts';
import type { ChartPool } from '../../src/charts/render.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { HOME_ACTIONS } from '../../src/message/actions.ts';
import { KPIS } from '../../src/stats/kpis.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { englishWords, punctuationSlips } from '../support/english.ts';
import { createFakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { homeActionPayload, homeOpenedEvent } from '../support/slack-request.ts';

/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const NOW = Date.parse('2026-11-23T02:00:00Z');

/** Chinese periods are taken in the config file too (the noon digest, the agent-valid rule). */
const CONFIG = `
access:
  admins: [U0LEAD]
digests:
  - name: morning
    channel: C0DIGEST
    schedule: "0 9 * * 1-5"
    sections: [overview, agents, satisfaction, bot]
  - name: noon
    channel: C0DIGEST
    schedule: "0 12 * * 1,3"
    period: 今天
    sections: [overview]
alerts:
  - name: warnings
    kpi: response_warn_rate
    scope: overall
    op: ">"
    threshold: 0.001
    period: yesterday
    for: 1
    channel: C0ALERTS
  - name: agent-valid
    kpi: valid_reception_rate
    scope: each-agent
    op: "<"
    threshold: 0.99
    period: 昨天
    for: 1
    channel: C0ALERTS
`;

/** Every command, and the mistakes people make with them. */
const COMMANDS = [
  '',
  'help',
  'help agents',
  'help trend',
  'overview yesterday',
  'overview today',
  'agents yesterday',
  'agents last 7 days sort:frt top:99',
  'groups yesterday',
  'departments last week',
  'channels yesterday',
  'satisfaction yesterday',
  'bot yesterday',
  'customers yesterday',
  'topics yesterday',
  'trend chats',
  'trend avg_first_response last 30 days',
  'digest list',
  'digest preview morning',
  'alerts list',
  'alerts run',
  'alerts mute warnings 1h',
  'alerts unmute warnings',
  // Chinese command words and periods, spaced or not.
  '客服 昨天',
  '坐席昨天',
  '概览 最近7天',
  '技能组 上周',
  '满意度 本月',
  '趋势 会话量',
  '日报 列表',
  '告警 列表',
  // Mistakes.
  'agnets yesterday',
  'agents yesterdy',
  'agents 2026-02-30',
  'agents 2026-11-01..2027-01-01',
  'agents last 200 days',
  'agents sort:nonsense',
  'agents top:0',
  'agents colour:red',
  'overview yesterday group:Nowhere',
  'trend nonsense',
  'digest explode',
  'alerts mute nobody 1h',
  'alerts mute warnings 99d',
  'help nothing',
  // Digests and mutes from Slack, in English and Chinese words, and what goes wrong with them.
  'digest preview noon',
  'digest subscribe',
  'digest subscribe nowhere 09:00',
  'digest subscribe #cs-leads 09:00 weekdays yesterdy',
  'digest subscribe #cs-leads 09:00 weekdays name:a!b',
  'digest subscribe #cs-leads 09:00 工作日 昨天',
  'digest subscribe #cs-leads 09:00 工作日 昨天',
  'digest now nothing',
  'digest unsubscribe',
  'digest unsubscribe morning',
  'digest subscribe #cs-leads 10:00 每天 最近7天 name:cs-am',
  'digest unsubscribe cs-am',
  // A channel filter leaves the agents section out, and the reply says why in a sentence of its own.
  'digest subscribe #cs-leads 11:00 每天 昨天 channel:APP name:cs-app',
  'digest unsubscribe cs-app',
  'digest list',
  'alerts run warnings',
  'alerts mute warnings 明天',
  'alerts list',
  'alerts unmute warnings',
  'alerts mute warnings 1小时',
  'alerts list',
  'alerts unmute warnings',
];

/** Asked by someone who is not an admin (nor a member of the alerts channel): the refusals. */
const STRANGER_COMMANDS = ['digest now morning', 'alerts mute warnings 1h'];

/** What the mistakes above quote back to the asker: their own words. */
const ECHOED = [
  'agnets',
  'yesterdy',
  'nonsense',
  'colour',
  'Nowhere',
  'nowhere',
  'explode',
  'nobody',
  'nothing',
  'a!b',
  'cs-leads-0900',
  'cs-leads',
  'cs-am',
  'cs-app',
];

/** Every string of a chart as Slack would show it: the spec and the Chart.js config drawn from it. */
function chartTexts(spec: ChartSpec): string[] {
  const config = JSON.stringify(buildChartConfig(spec));
  const drawn = [...config.matchAll(/"text":"([^"]*)"/g)].map((m) => m[1] ?? '');
  return [spec.title, ...spec.labels, ...spec.series.map((s) => s.label), ...drawn];
}

/** All strings under `value` (blocks, payloads), keys left out. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') {
    // Web API arguments may carry blocks as a JSON string.
    if (/^[[{]/.test(value)) {
      try {
        return strings(JSON.parse(value));
      } catch {
        return [value];
      }
    }
    return [value];
  }
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object')
    return Object.entries(value)
      .filter(
        ([key]) =>
          ![
            'url',
            'image_url',
            'value',
            'action_id',
            'block_id',
            'type',
            'ts',
            'channel',
            'response_type',
            'align',
            // Slack's own: which conversations a picker offers, what a view carries back.
            'filter',
            'private_metadata',
            'callback_id',
          ].includes(key),
      )
      .flatMap(([, v]) => strings(v));
  return [];
}

describe('every reply in Chinese (SOBOT_LANGUAGE=zh)', () => {
  const clock = createFakeClock(NOW);
  const specs: ChartSpec[] = [];
  const pool: ChartPool = {
    async run(job) {
      specs.push(job.spec);
      const png = new Uint8Array(24);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      new DataView(png.buffer).setUint32(16, 800);
      new DataView(png.buffer).setUint32(20, 400);
      return { png, width: 800, height: 400, cjkFont: true };
    },
    stats: { running: 0, queued: 0, started: 0 },
    close: async () => {},
  };
  let h: Harness;
  /** What the bot sent, by where it came from. */
  const sent: { source: string; texts: string[] }[] = [];
  let names: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      clock,
      configYaml: CONFIG,
      chartPool: pool,
      env: { SOBOT_LANGUAGE: 'zh', SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 40 }, rateLimit: 1000 },
    });
    const c = h.sim.company;
    names = [
      ...c.agents.flatMap((a) => [a.name, a.nick, a.email, a.email.split('@')[0] ?? '']),
      ...c.departments.map((d) => d.name),
      ...c.groups.map((g) => g.name),
      ...c.channels.map((ch) => ch.msg),
      ...c.subChannels.map((s) => s.name),
      ...c.robots.map((r) => r.name),
      ...c.classifications.map((k) => k.name),
      ...c.regions.flatMap((r) => [r.country, r.province]),
      // What the asker typed, quoted back; the command and action names, which are what people type.
      ...ECHOED,
      ...Object.keys(COMMAND_WORDS),
      ...Object.keys(ACTION_WORDS),
      // KPI ids, as sort: and trend take them.
      ...Object.keys(KPIS),
      // The config file's names for its digests and rules.
      ...h.config.file.digests.map((d) => d.name),
      ...h.config.file.alerts.map((a) => a.name),
    ];
    const ask = async (text: string, id: string, user?: string) => {
      const before = specs.length;
      const callsBefore = h.slack.calls.length;
      await h.command(text, id, { user_id: user });
      const posts = await h.slack.waitForResponses(id);
      const files = h.slack.calls
        .slice(callsBefore)
        .filter((call) => call.method.startsWith('files.'))
        .flatMap((call) => strings(call.args));
      sent.push({
        source: `/sobot ${text}${user ? ` (${user})` : ''}`,
        texts: [
          ...posts.flatMap((p) => strings(p.payload)),
          ...specs.slice(before).flatMap(chartTexts),
          ...files,
        ],
      });
    };
    for (const [i, text] of COMMANDS.entries()) await ask(text, `c${i}`);
    for (const [i, text] of STRANGER_COMMANDS.entries()) await ask(text, `s${i}`, 'U0GUEST');
    // App Home, once its figures are in, and the modals it opens: a new digest, deleting one.
    const viewsFrom = h.slack.calls.length;
    await h.event(homeOpenedEvent('U0LEAD'));
    await h.slack.waitForCall(
      (c) =>
        c.method === 'views.publish' &&
        h.slack.calls.indexOf(c) >= viewsFrom &&
        !JSON.stringify(c.args.view).includes('hourglass'),
    );
    const modal = async (action: Parameters<typeof homeActionPayload>[1]) => {
      const from = h.slack.calls.length;
      await h.interact(homeActionPayload('U0LEAD', action));
      await h.slack.waitForCall((c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= from);
    };
    await modal({ action_id: HOME_ACTIONS.newDigest, type: 'button', value: 'new' });
    await modal({ action_id: HOME_ACTIONS.digest, type: 'overflow', value: 'edit:cs-leads-0900' });
    await modal({ action_id: HOME_ACTIONS.digest, type: 'overflow', value: 'delete:cs-leads-0900' });
    for (const call of h.slack.calls.slice(viewsFrom).filter((c) => c.method.startsWith('views.')))
      sent.push({
        source: `${call.method} ${String(call.args.user_id ?? '')}`,
        texts: strings(call.args.view),
      });
    // Channel posts: a digest and the alerts (which fire on their first check).
    await h.command('digest now morning', 'now');
    await h.slack.waitForResponses('now');
    for (const rule of h.config.file.alerts) await whileAdvancing(clock, h.bot.alerts.check(rule), 1_000);
    for (const message of h.slack.messages)
      sent.push({ source: `post to ${message.channel}`, texts: [message.text, ...strings(message.blocks)] });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('answers every command, posts the digest and the alerts', () => {
    expect(sent.filter((s) => s.source.startsWith('/sobot')).every((s) => s.texts.length > 0)).toBe(true);
    expect(h.slack.posted('C0DIGEST').length).toBe(1);
    expect(h.slack.posted('C0ALERTS').length).toBeGreaterThanOrEqual(1);
    expect(specs.length).toBeGreaterThan(10);
  });

  const englishOf = (source: string) =>
    sent
      .filter((s) => s.source === source)
      .flatMap(({ texts }) =>
        texts
          .map((text) => ({ text, words: englishWords(text, names) }))
          .filter(({ words }) => words.length > 0)
          .map(({ text, words }) => `${source}: [${words.join(' ')}] ${text.slice(0, 160)}`),
      );

  it('publishes Home and opens its modals', () => {
    const views = sent.filter((s) => s.source.startsWith('views.'));
    expect(views.filter((s) => s.source.startsWith('views.publish U0LEAD')).length).toBeGreaterThan(0);
    // The new-digest form, the edit form and the delete confirmation.
    expect(views.filter((s) => s.source.startsWith('views.open')).length).toBe(3);
    expect(views.every((s) => s.texts.length > 0)).toBe(true);
  });

  it('says nothing in English', () => {
    const sources = [...new Set(sent.map((s) => s.source))];
    expect(sources.length).toBeGreaterThan(new Set(COMMANDS).size);
    expect(sources.flatMap(englishOf)).toEqual([]);
  });

  it('writes Chinese punctuation and spacing: no half-width colon or parenthesis beside Chinese', () => {
    const slips = sent.flatMap(({ source, texts }) =>
      texts.flatMap((text) => punctuationSlips(text, names).map((slip) => `${source}: ${slip}`)),
    );
    expect([...new Set(slips)]).toEqual([]);
  });
});
