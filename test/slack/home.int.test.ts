// The Home tab end to end: signed app_home_opened events and Home button clicks into the real app,
// the simulator behind it, and a fake Slack that refuses views breaking Block Kit's limits. The board
// shows what Sobot served, costs one round of Sobot calls per period whoever opens it, and its menus
// act under the same access rules as the slash commands.

import { afterEach, describe, expect, it } from 'vitest';
import { HOME_PERIOD_MS, HOME_REFRESH_MS } from '../../src/home/figures.ts';
import { HOME_ACTIONS, HOME_VIEWS } from '../../src/message/actions.ts';
import { VIEW_LIMITS } from '../../src/message/view-limits.ts';
import type { LogEntry } from '../../src/simulator/server.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import type { RecordedCall } from '../support/fake-slack.ts';
import { homeActionPayload, homeOpenedEvent, viewSubmissionPayload } from '../support/slack-request.ts';

type Text = { type: string; text: string };
type Block = {
  type: string;
  text?: Text;
  fields?: Text[];
  accessory?: { type: string; action_id?: string; options?: { value: string }[]; value?: string };
  elements?: (Text & { action_id?: string })[];
};

const ALERTS = 'C0ALERTS';
const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';
const STRANGER = 'U0STRANGER';
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');
const MINUTE = 60_000;

const CONFIG = `
access:
  admins: [${ADMIN}]
alerts:
  - name: warnings-high
    kpi: response_warn_rate
    scope: overall
    op: ">"
    threshold: 0.20
    period: today
    channel: ${ALERTS}
digests:
  - name: morning
    channel: C0TEAMCS
    schedule: "0 9 * * 1-5"
    timezone: Asia/Shanghai
`;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

async function start(
  clock: FakeClock,
  configYaml = CONFIG,
  agents = 40,
  env: Record<string, string> = {},
): Promise<Harness> {
  const h = await startHarness({
    clock,
    configYaml,
    env: { SOBOT_RATE_LIMIT: '1000', ...env },
    simulator: { company: { agents }, rateLimit: 1000 },
  });
  h.slack.channelMembers.set(ALERTS, [MEMBER]);
  h.slack.users.set(ADMIN, { tz: 'Europe/London' });
  harnesses.push(h);
  return h;
}

/** Resolves with the `n`-th views.publish for `user` made at or after call index `from`. */
function nthPublish(h: Harness, user: string, from: number, n: number): Promise<RecordedCall> {
  let seen = 0;
  return h.slack.waitForCall(
    (c) =>
      c.method === 'views.publish' &&
      c.args.user_id === user &&
      h.slack.calls.indexOf(c) >= from &&
      ++seen === n,
  );
}

/** Opens Home as `user`; resolves with the board once the `publishes`-th publish arrived. */
async function openHome(h: Harness, user: string, publishes = 1): Promise<Block[]> {
  const from = h.slack.calls.length;
  expect(await h.event(homeOpenedEvent(user))).toBe(200);
  const call = await nthPublish(h, user, from, publishes);
  return (call.args.view as { blocks: Block[] }).blocks;
}

/** Sends a Home action as `user` and resolves with the board published after it. */
async function actOnHome(
  h: Harness,
  user: string,
  action: Parameters<typeof homeActionPayload>[1],
  publishes = 1,
): Promise<Block[]> {
  const from = h.slack.calls.length;
  expect((await h.interact(homeActionPayload(user, action))).status).toBe(200);
  const call = await nthPublish(h, user, from, publishes);
  return (call.args.view as { blocks: Block[] }).blocks;
}

const todaysStats = (h: Harness) =>
  h.sim.log.filter(
    (e) =>
      e.path.endsWith('/session/getStat') &&
      (e.body as { start_date?: string }).start_date === '2026-11-23 00:00:00',
  );

/** Chats Sobot served for today: the sum of `human_consult` over getStat's rows. */
function servedChats(entries: LogEntry[]): number {
  const rows = entries.flatMap(
    (e) => (e.reply as { items?: Record<string, number>[] } | undefined)?.items ?? [],
  );
  return rows.reduce((n, row) => n + Number(row.human_consult ?? 0), 0);
}

const field = (blocks: Block[], label: string) =>
  blocks.flatMap((b) => b.fields ?? []).find((f) => f.text.startsWith(`*${label}`))?.text ?? '';
const textOfBoard = (blocks: Block[]) => JSON.stringify(blocks);
const accessoryOf = (blocks: Block[], name: string) =>
  blocks.find((b) => b.type === 'section' && b.text?.text.startsWith(`*${name}*`))?.accessory;

describe('App Home', () => {
  it('shows today so far against yesterday to the same time, with the figures Sobot served', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    // A cold board: published at once (loading), then with the figures.
    const blocks = await openHome(h, ADMIN, 2);
    const served = todaysStats(h);
    expect(served).toHaveLength(1);
    expect(field(blocks, 'Chats')).toContain(servedChats(served).toLocaleString('en-US'));
    // Yesterday is asked up to the same time of day, so the ▲▼ compare like with like.
    const yesterday = h.sim.log.filter(
      (e) =>
        e.path.endsWith('/session/getStat') &&
        (e.body as { start_date?: string }).start_date === '2026-11-22 00:00:00' &&
        (e.body as { end_date?: string }).end_date === '2026-11-22 10:00:00',
    );
    expect(yesterday).toHaveLength(1);
    for (const label of ['Valid reception', '24h FCR', 'Positive feedback', 'Reply warnings', 'Queue leave'])
      expect(field(blocks, label)).toMatch(/\d+\.\d%/);
    expect(field(blocks, 'Reply warnings')).toMatch(/[▲▼] \d+\.\d pts (better|worse)|unchanged/);
    // Times in the viewer's own zone (users.info: Europe/London): 10:00 in Shanghai is 02:00 there.
    expect(textOfBoard(blocks)).toContain('figures of 02:00 (your time)');
    // The morning digest's next run, Tue 09:00 in Shanghai, is Tue 01:00 in London.
    expect(textOfBoard(blocks)).toContain('next Tue 24 Nov 01:00 (your time)');
    expect(textOfBoard(blocks)).toContain('✅ Sobot reachable');
  });

  it('speaks the viewer’s language, from their Slack locale', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    h.slack.users.set('U0ZH', { tz: 'Asia/Shanghai', locale: 'zh-CN' });
    const blocks = await openHome(h, 'U0ZH', 2);
    expect(textOfBoard(blocks)).toContain('智齿 · 今日实时');
    expect(field(blocks, '人工会话量')).toContain(servedChats(todaysStats(h)).toLocaleString('en-US'));
    expect(textOfBoard(blocks)).toContain('下次 11月24日 周二 09:00（你的时间）');
  });

  it('costs one round of Sobot calls per period, shared by every viewer and coalesced', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    // Five people open Home at once on a cold bot: one load for all of them.
    await Promise.all(['U01', 'U02', 'U03', 'U04', 'U05'].map((user) => openHome(h, user, 2)));
    expect(todaysStats(h)).toHaveLength(1);
    const calls = h.sim.log.length;

    // Within the period, opening Home calls Sobot no more.
    await clock.advance(HOME_PERIOD_MS - MINUTE);
    await openHome(h, ADMIN);
    await openHome(h, STRANGER);
    expect(h.sim.log.length).toBe(calls);

    // After it, the next viewer's open starts the next round, again once.
    await clock.advance(MINUTE);
    await openHome(h, MEMBER, 2);
    expect(todaysStats(h)).toHaveLength(2);
  });

  it('rate-limits the refresh button, whoever presses it', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    await openHome(h, ADMIN, 2);
    const refresh = { action_id: HOME_ACTIONS.refresh, type: 'button' as const, value: 'refresh' };
    const early = await actOnHome(h, STRANGER, refresh);
    expect(todaysStats(h)).toHaveLength(1);
    expect(textOfBoard(early)).toContain('the next refresh can be asked for at 10:02');

    await clock.advance(HOME_REFRESH_MS);
    const later = await actOnHome(h, STRANGER, refresh);
    expect(todaysStats(h)).toHaveLength(2);
    expect(textOfBoard(later)).toContain('Figures refreshed.');
  });

  it('shows admin menus to admins, mute menus to those who may mute, and neither to a stranger', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    const admin = await openHome(h, ADMIN, 2);
    expect(accessoryOf(admin, 'morning')?.action_id).toBe(HOME_ACTIONS.digest);
    expect(accessoryOf(admin, 'morning')?.options?.map((o) => o.value)).toEqual([
      'preview:morning',
      'now:morning',
      'delete:morning',
    ]);
    expect(accessoryOf(admin, 'warnings-high')?.action_id).toBe(HOME_ACTIONS.alert);

    const member = await openHome(h, MEMBER);
    expect(accessoryOf(member, 'warnings-high')?.action_id).toBe(HOME_ACTIONS.alert);
    expect(accessoryOf(member, 'morning')?.action_id).toBe(HOME_ACTIONS.digestPreview);

    const stranger = await openHome(h, STRANGER);
    expect(accessoryOf(stranger, 'warnings-high')).toBeUndefined();
    expect(accessoryOf(stranger, 'morning')?.action_id).toBe(HOME_ACTIONS.digestPreview);
  });

  it('mutes a rule from Home for a member of its channel, and refuses a stranger’s forged click', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    await openHome(h, MEMBER, 2);
    const rule = h.config.file.alerts[0] as NonNullable<(typeof h.config.file.alerts)[0]>;
    const mute = { action_id: HOME_ACTIONS.alert, type: 'overflow' as const, value: 'mute1h:warnings-high' };

    const forged = await actOnHome(h, STRANGER, mute);
    expect(textOfBoard(forged)).toContain('Sorry, only the bot admins');
    expect((await h.bot.alerts.status(rule)).mute).toBeNull();

    const muted = await actOnHome(h, MEMBER, mute);
    expect((await h.bot.alerts.status(rule)).mute).toEqual({
      by: MEMBER,
      until: new Date(MONDAY_1000 + 60 * MINUTE).toISOString(),
    });
    expect(textOfBoard(muted)).toContain('🔕 muted by <@U0MEMBER> until 11:00');
    expect(accessoryOf(muted, 'warnings-high')?.options?.[0]?.value).toBe('unmute:warnings-high');
  });

  it('previews a digest into the viewer’s DM, and deletes one after asking, for admins only', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const h = await start(clock);
    await h.command('digest subscribe <#C0LEADS|cs-leads> 10:30 daily name:leads', 'sub', { user_id: ADMIN });
    await h.slack.waitForResponses('sub');
    await openHome(h, ADMIN, 2);

    const previewed = await actOnHome(h, STRANGER, {
      action_id: HOME_ACTIONS.digestPreview,
      type: 'button',
      value: 'leads',
    });
    expect(textOfBoard(previewed)).toContain('The preview of *leads* is in your messages with the bot.');
    expect(h.slack.posted(STRANGER)).toHaveLength(1);

    // Delete asks first, in a modal; a stranger's click opens nothing and changes nothing.
    const before = h.slack.modals.length;
    await actOnHome(h, STRANGER, { action_id: HOME_ACTIONS.digest, type: 'overflow', value: 'delete:leads' });
    expect(h.slack.modals).toHaveLength(before);
    expect(await h.bot.engine.digests.find('leads')).not.toBeNull();

    const from = h.slack.calls.length;
    await h.interact(
      homeActionPayload(ADMIN, { action_id: HOME_ACTIONS.digest, type: 'overflow', value: 'delete:leads' }),
    );
    const opened = await h.slack.waitForCall(
      (c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= from,
    );
    const modal = opened.args.view as { callback_id: string; private_metadata: string };
    expect(modal).toMatchObject({ callback_id: HOME_VIEWS.deleteDigest, private_metadata: 'leads' });

    // A stranger forging the modal's submission is refused; the admin's deletes it.
    const forgedFrom = h.slack.calls.length;
    await h.interact(viewSubmissionPayload(STRANGER, modal));
    const refused = await nthPublish(h, STRANGER, forgedFrom, 1);
    expect(JSON.stringify(refused.args.view)).toContain('Sorry, only the bot admins');
    expect(await h.bot.engine.digests.find('leads')).not.toBeNull();

    const submitFrom = h.slack.calls.length;
    await h.interact(viewSubmissionPayload(ADMIN, modal));
    const done = await nthPublish(h, ADMIN, submitFrom, 1);
    expect(JSON.stringify(done.args.view)).toContain('Digest leads removed.');
    expect(await h.bot.engine.digests.find('leads')).toBeNull();
  });

  it('stays within Block Kit’s view limits for 300 agents, 50 rules and 20 digests', async () => {
    const clock = createFakeClock(MONDAY_1000);
    const rules = Array.from(
      { length: 50 },
      (_, i) => `
  - name: rule-${String(i).padStart(2, '0')}-${'x'.repeat(30)}
    kpi: valid_reception_rate
    scope: ${i < 2 ? 'each-agent' : 'overall'}
    op: ">"
    threshold: 0.1
    channel: ${ALERTS}`,
    ).join('');
    const digests = Array.from(
      { length: 20 },
      (_, i) => `
  - name: digest-${String(i).padStart(2, '0')}-${'y'.repeat(28)}
    channel: "#customer-service-${'z'.repeat(40)}"
    schedule: "${i} 9 * * 1-5"
    filters: { group: "Sales ${'long group name '.repeat(3)}" }`,
    ).join('');
    const h = await start(
      clock,
      `access:\n  admins: [${ADMIN}]\nalerts:${rules}\ndigests:${digests}\n`,
      300,
      {
        // 50 alert messages: their charts are not what this test is about.
        CHART_RENDERER: 'none',
      },
    );
    // Every alert is firing (two of them for each of the 300 agents): the longest state lines.
    await whileAdvancing(
      clock,
      Promise.all(h.config.file.alerts.map((rule) => h.bot.alerts.check(rule))),
      1_000,
    );
    const blocks = await openHome(h, ADMIN, 2);
    expect(blocks.length).toBeLessThanOrEqual(VIEW_LIMITS.blocks);
    // The fake Slack refuses a view over the limits: this one was taken.
    expect(h.slack.homes.get(ADMIN)?.blocks).toEqual(blocks);
    const board = textOfBoard(blocks);
    expect(board.match(/🔴 firing since/g)?.length).toBe(50);
    expect(board.match(/\*digest-\d\d/g)?.length).toBe(20);
  });
});
