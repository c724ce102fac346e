// Who may do what, tried through the real app with signed payloads: every slash subcommand and
// every button, as an admin, as a member of the alert's channel (also a viewer, through a user
// group), and as a stranger. A refusal names who can; a refused action changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const CONFIG = `
access:
  admins: [U0ADMIN]
  viewers: [S0LEADS]
  channels: [C0CSTEAM, "#cs-public"]
digests:
  - name: morning
    channel: C0DIGEST
    schedule: "0 9 * * 1-5"
alerts:
  - name: warnings-high
    kpi: response_warn_rate
    op: ">="
    threshold: 0
    period: yesterday
    channel: C0ALERTS
`;
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');

const theRule = (h: Harness) =>
  h.config.file.alerts[0] as NonNullable<Harness['config']['file']['alerts'][0]>;

type Role = 'admin' | 'member' | 'stranger';
const USER: Record<Role, string> = { admin: 'U0ADMIN', member: 'U0MEMBER', stranger: 'U0STRANGER' };
const EVERYONE: Role[] = ['admin', 'member', 'stranger'];
const VIEWERS: Role[] = ['admin', 'member'];
const ADMINS: Role[] = ['admin'];

interface Action {
  name: string;
  /** Sends it as `role`, its answer to response_url `id`; returns false when no answer is expected. */
  send(h: Harness, role: Role, id: string): Promise<boolean>;
  allowed: Role[];
  /** What the refusal must name. */
  names?: string[];
}

const typed = (text: string | ((role: Role) => string), channel = 'C0CSTEAM') => {
  return async (h: Harness, role: Role, id: string) => {
    const words = typeof text === 'string' ? text : text(role);
    const { status } = await h.command(words, id, { user_id: USER[role], channel_id: channel });
    expect(status).toBe(200);
    return true;
  };
};

let muteValue = '';
const clicked = (action_id: string, value: () => string, channel = 'C0CSTEAM', answers = true) => {
  return async (h: Harness, role: Role, id: string) => {
    const { status } = await h.click({ action_id, value: value() }, id, {
      user_id: USER[role],
      channel_id: channel,
    });
    expect(status).toBe(200);
    return answers;
  };
};

const ACTIONS: Action[] = [
  { name: '/sobot help', send: typed('help'), allowed: EVERYONE },
  { name: '/sobot overview', send: typed('overview yesterday'), allowed: EVERYONE },
  {
    name: '/sobot overview public, in an allowed channel',
    send: typed('overview yesterday public'),
    allowed: EVERYONE,
  },
  {
    name: '/sobot overview public, in a channel allowed by #name',
    send: typed('overview yesterday public', 'C0PUBLIC'),
    allowed: EVERYONE,
  },
  {
    name: '/sobot overview public, elsewhere',
    send: typed('overview yesterday public', 'C0ELSEWHERE'),
    allowed: [],
    names: ['<#C0CSTEAM>', '#cs-public'],
  },
  { name: '/sobot overview agent:', send: typed('overview yesterday agent:José'), allowed: VIEWERS },
  {
    name: '/sobot agents',
    send: typed('agents yesterday'),
    allowed: VIEWERS,
    names: ['<!subteam^S0LEADS>', '<@U0ADMIN>'],
  },
  { name: '/sobot agent', send: typed('agent José Álvarez yesterday'), allowed: VIEWERS },
  { name: '/sobot groups', send: typed('groups yesterday'), allowed: EVERYONE },
  { name: '/sobot trend', send: typed('trend chats last 7 days'), allowed: EVERYONE },
  { name: '/sobot digest list', send: typed('digest list'), allowed: EVERYONE },
  { name: '/sobot digest preview (with agents)', send: typed('digest preview morning'), allowed: VIEWERS },
  {
    name: '/sobot digest subscribe',
    send: typed((role) => `digest subscribe #cs-leads 09:00 name:by-${role}`),
    allowed: ADMINS,
    names: ['<@U0ADMIN>'],
  },
  { name: '/sobot digest unsubscribe', send: typed('digest unsubscribe by-admin'), allowed: ADMINS },
  { name: '/sobot digest now', send: typed('digest now morning'), allowed: ADMINS },
  { name: '/sobot alerts list', send: typed('alerts list'), allowed: EVERYONE },
  { name: '/sobot alerts run', send: typed('alerts run'), allowed: EVERYONE },
  {
    name: '/sobot alerts mute',
    send: typed('alerts mute warnings-high 2h'),
    allowed: VIEWERS,
    names: ['<@U0ADMIN>', 'the members of <#C0ALERTS>'],
  },
  { name: '/sobot alerts unmute', send: typed('alerts unmute warnings-high'), allowed: VIEWERS },
  {
    name: 'Previous day button',
    send: clicked('sobot_rerun', () => '/sobot agents 2026-11-21'),
    allowed: VIEWERS,
  },
  {
    name: 'Share to channel button',
    send: clicked('sobot_share', () => '/sobot overview 2026-11-22 public'),
    allowed: EVERYONE,
  },
  {
    name: 'Share to channel button, elsewhere',
    send: clicked('sobot_share', () => '/sobot overview 2026-11-22 public', 'C0ELSEWHERE'),
    allowed: [],
  },
  {
    name: 'Open in Sobot button (a link)',
    send: clicked('sobot_open', () => '', 'C0CSTEAM', false),
    allowed: EVERYONE,
  },
  { name: 'Mute 1h button', send: clicked('alert_mute_1h', () => muteValue, 'C0ALERTS'), allowed: VIEWERS },
  {
    name: 'Mute until tomorrow button',
    send: clicked('alert_mute_tomorrow', () => muteValue, 'C0ALERTS'),
    allowed: VIEWERS,
  },
];

describe('access: every action as admin, channel member and stranger', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      clock: createFakeClock(MONDAY_1000),
      configYaml: CONFIG,
      env: { SOBOT_RATE_LIMIT: '1000' },
      simulator: { rateLimit: 1000 },
    });
    h.slack.userGroups.set('S0LEADS', ['U0MEMBER']);
    h.slack.channelMembers.set('C0ALERTS', ['U0MEMBER']);
    h.slack.channelIds.set('cs-public', 'C0PUBLIC');
    // A firing alert, so its message has mute buttons for the current episode.
    await h.bot.alerts.check(theRule(h));
    const [alert] = h.slack.posted('C0ALERTS');
    const buttons = (
      (alert?.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
    ).flatMap((b) => b.elements ?? []);
    muteValue = buttons.find((b) => b.action_id === 'alert_mute_1h')?.value ?? '';
    expect(muteValue).toContain('warnings-high');
  });
  afterAll(() => h.close());

  const cases = ACTIONS.flatMap((action) => EVERYONE.map((role) => ({ action, role })));
  let n = 0;
  it.each(cases)('$action.name as $role', async ({ action, role }) => {
    n += 1;
    const id = `access-${n}`;
    const answers = await action.send(h, role, id);
    if (!answers) {
      expect(h.slack.responses.get(id)).toBeUndefined();
      return;
    }
    const [reply] = await h.slack.waitForResponses(id);
    expect(reply?.accepted).toBe(true);
    const text = String(reply?.payload.text);
    if (action.allowed.includes(role)) {
      expect(text).not.toMatch(/^Sorry/);
      expect(text).not.toMatch(/went wrong/);
    } else {
      expect(text).toMatch(/^Sorry, /);
      for (const who of action.names ?? []) expect(text).toContain(who);
    }
  });

  it('changed nothing for whoever was refused, and logged every admin action with who and where', () => {
    const audit = h.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'admin action');
    expect(audit.some((entry) => entry.by === USER.stranger)).toBe(false);
    expect(
      audit.map((entry) => `${entry.action} ${entry.target} ${entry.by} ${entry.channel} ${entry.via}`),
    ).toEqual([
      'digest.subscribe by-admin U0ADMIN C0CSTEAM command',
      'digest.unsubscribe by-admin U0ADMIN C0CSTEAM command',
      'digest.now morning U0ADMIN C0CSTEAM command',
      'alert.mute warnings-high U0ADMIN C0CSTEAM command',
      'alert.mute warnings-high U0MEMBER C0CSTEAM command',
      'alert.unmute warnings-high U0ADMIN C0CSTEAM command',
      'alert.unmute warnings-high U0MEMBER C0CSTEAM command',
      'alert.mute warnings-high U0ADMIN C0ALERTS button',
      'alert.mute warnings-high U0MEMBER C0ALERTS button',
      'alert.mute warnings-high U0ADMIN C0ALERTS button',
      'alert.mute warnings-high U0MEMBER C0ALERTS button',
    ]);
    expect(audit.every((entry) => entry.level === 30)).toBe(true);
  });

  it('refuses a mute button of an episode that has ended, and mutes nothing', async () => {
    const before = await h.bot.alerts.status(theRule(h));
    const stale = JSON.stringify({ rule: 'warnings-high', episode: 'deadbeef' });
    await h.click({ action_id: 'alert_mute_1h', value: stale }, 'stale', {
      user_id: 'U0ADMIN',
      channel_id: 'C0ALERTS',
    });
    const [reply] = await h.slack.waitForResponses('stale');
    expect(String(reply?.payload.text)).toContain('that has ended, so nothing was muted');
    const after = await h.bot.alerts.status(theRule(h));
    expect(after.mute).toEqual(before.mute);
  });
});
