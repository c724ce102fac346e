// The New / Edit alert rule modal end to end: signed clicks, live-field changes and submissions into
// the real app, the simulator scripted to a known reply-warning rate behind the "now" line, a fake
// Slack that checks every modal and its updates, and the saved rule checked and posted like a file one.

import { afterEach, describe, expect, it } from 'vitest';
import { HOME_ACTIONS, HOME_VIEWS } from '../../src/message/actions.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, type FakeClock, whileAdvancing } from '../support/fake-clock.ts';
import {
  homeActionPayload,
  homeOpenedEvent,
  modalActionPayload,
  viewSubmissionPayload,
} from '../support/slack-request.ts';
import { servedWarningRate, setWarningRate } from '../support/warning-rate.ts';

const ADMIN = 'U0ADMIN';
const STRANGER = 'U0STRANGER';
const ALERTS = 'C0SLACKAL';
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');
const CONFIG = `
access:
  admins: [${ADMIN}]
alerts:
  - name: file-rule
    kpi: queue_leave_rate
    op: ">"
    threshold: 0.5
    channel: C0FILEAL
`;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

async function start() {
  const clock = createFakeClock(MONDAY_1000);
  const h = await startHarness({
    clock,
    configYaml: CONFIG,
    env: { SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: 40 }, rateLimit: 1000 },
  });
  h.slack.users.set(ADMIN, { tz: 'Europe/London' });
  harnesses.push(h);
  setWarningRate(h.sim, 0.3);
  return { h, clock };
}

type Block = { type: string; block_id?: string; text?: { text: string }; element?: Record<string, unknown> };
type Modal = { id: string; view: { blocks: Block[]; private_metadata: string; callback_id: string } };
const element = (modal: Modal, id: string) => modal.view.blocks.find((b) => b.block_id === id)?.element;
const nowLine = (modal: Modal) => modal.view.blocks.find((b) => b.block_id === 'alert_now')?.text?.text ?? '';

/** What the form's inputs hold. */
function values(fields: {
  name?: string;
  kpi?: string;
  scope?: string;
  op?: string;
  threshold?: string;
  clear?: string;
  for?: string;
  minVolume?: string;
  channel?: string | null;
  schedule?: string;
}): Record<string, Record<string, unknown>> {
  const one = (id: string, value: Record<string, unknown>) => ({ [id]: { [id]: value } });
  const chosen = (value: string) => ({ type: 'static_select', selected_option: { value } });
  const typed = (value: string | undefined) => ({ type: 'number_input', value: value ?? null });
  return {
    ...(fields.name !== undefined ? one('alert_name', { type: 'plain_text_input', value: fields.name }) : {}),
    ...one('alert_kpi', chosen(fields.kpi ?? 'response_warn_rate')),
    ...one('alert_scope', chosen(fields.scope ?? 'overall')),
    ...one('alert_op', chosen(fields.op ?? '>')),
    ...one('alert_threshold', typed(fields.threshold)),
    ...one('alert_clear', typed(fields.clear)),
    ...one('alert_period', chosen('today')),
    ...one('alert_for', typed(fields.for ?? '1')),
    ...one('alert_min_volume', typed(fields.minVolume ?? '0')),
    ...one('alert_channel', { type: 'conversations_select', selected_conversation: fields.channel ?? null }),
    ...one('alert_schedule', chosen(fields.schedule ?? '*/10 9-18 * * 1-5')),
    ...one('alert_tz', { type: 'plain_text_input', value: 'Asia/Shanghai' }),
  };
}

/**
 * The modal as the `updates`-th views.update drew it (the clock moves meanwhile: the value now is read
 * from Sobot as a background check would, on the shared budget).
 */
async function updatedModal(h: Harness, clock: FakeClock, index: number, updates: number): Promise<Modal> {
  const id = `VMODAL${String(index + 1).padStart(4, '0')}`;
  const isUpdate = (c: { method: string; args: Record<string, unknown> }) =>
    c.method === 'views.update' && c.args.view_id === id;
  const call = await whileAdvancing(
    clock,
    h.slack.waitForCall((c) => isUpdate(c) && h.slack.calls.filter(isUpdate).indexOf(c) === updates - 1),
    1_000,
  );
  return { id, view: call.args.view as Modal['view'] };
}

async function homeOf(h: Harness, user: string): Promise<string> {
  const from = h.slack.calls.length;
  await h.event(homeOpenedEvent(user));
  const call = await h.slack.waitForCall(
    (c) => c.method === 'views.publish' && c.args.user_id === user && h.slack.calls.indexOf(c) >= from,
  );
  return JSON.stringify(call.args.view);
}

describe('the alert rule modal', () => {
  it('shows the value now while the rule is drafted, refuses bad fields inline, saves a rule that is checked and posts', async () => {
    const { h, clock } = await start();
    // New alert rule: the form opens at once, then shows the company's reply-warning rate now.
    // The company's rate as Sobot last served it (the clock runs on, so today's figures grow).
    let served = '';
    const lastServed = () => {
      // Nothing served for today since the last look: the bot answered from its cache.
      const now = servedWarningRate(h.sim, '2026-11-23');
      if (now !== 'NaN%') served = now;
      h.sim.log.clear();
      return served;
    };
    h.sim.log.clear();
    const index = h.slack.modals.length;
    await h.interact(
      homeActionPayload(ADMIN, { action_id: HOME_ACTIONS.newRule, type: 'button', value: 'new' }),
    );
    let modal = await updatedModal(h, clock, index, 1);
    expect(modal.view.callback_id).toBe(HOME_VIEWS.alertForm);
    expect(nowLine(modal)).toContain(`Whole company): *${lastServed()}*`);
    expect(element(modal, 'alert_tz')?.initial_value).toBe('Europe/London');

    // Typing a threshold (dispatch_action) redraws the form: at 25 % the rule would fire now.
    const view = { id: modal.id, callback_id: HOME_VIEWS.alertForm };
    await h.interact(modalActionPayload(ADMIN, view, values({ threshold: '25' }), 'alert_threshold'));
    modal = await updatedModal(h, clock, index, 2);
    expect(nowLine(modal)).toContain(`*${lastServed()}*`);
    expect(nowLine(modal)).toContain('At this threshold it would fire.');
    // At 35 % it would not.
    await h.interact(modalActionPayload(ADMIN, view, values({ threshold: '35' }), 'alert_threshold'));
    modal = await updatedModal(h, clock, index, 3);
    expect(nowLine(modal)).toContain('Within the threshold.');
    // Each agent: how many of Sobot's agents would fire at 25 %.
    h.sim.log.clear();
    await h.interact(
      modalActionPayload(ADMIN, view, values({ scope: 'each-agent', threshold: '25' }), 'alert_scope'),
    );
    modal = await updatedModal(h, clock, index, 4);
    const many = /(\d+) of (\d+) scopes would fire/.exec(nowLine(modal));
    expect(Number(many?.[1])).toBeGreaterThan(0);
    expect(Number(many?.[2])).toBeLessThanOrEqual(40);
    // A stranger's forged change redraws nothing: the admin's next change is the fifth drawing, and the last.
    await h.interact(modalActionPayload(STRANGER, view, values({ threshold: '35' }), 'alert_threshold'));
    await h.interact(modalActionPayload(ADMIN, view, values({ threshold: '25' }), 'alert_threshold'));
    modal = await updatedModal(h, clock, index, 5);
    expect(
      h.slack.calls.filter((c) => c.method === 'views.update' && c.args.view_id === view.id),
    ).toHaveLength(5);
    expect(nowLine(modal)).toContain('At this threshold it would fire.');

    // Wrong fields: each says what is wrong, nothing is saved.
    const bad = await h.interact(
      viewSubmissionPayload(ADMIN, {
        callback_id: HOME_VIEWS.alertForm,
        values: values({
          name: 'warn-slack',
          kpi: 'bot_chats',
          scope: 'each-agent',
          threshold: '25',
          clear: '30',
          for: '0',
        }),
      }),
    );
    const refused = JSON.parse(bad.body) as { response_action: string; errors: Record<string, string> };
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors).sort()).toEqual([
      'alert_channel',
      'alert_clear',
      'alert_for',
      'alert_kpi',
    ]);
    expect(refused.errors.alert_kpi).toMatch(/^Sobot gives each agent only Chats, /);
    const above = await h.interact(
      viewSubmissionPayload(ADMIN, {
        callback_id: HOME_VIEWS.alertForm,
        values: values({ name: 'warn-slack', threshold: '25', clear: '30', channel: ALERTS }),
      }),
    );
    expect(JSON.parse(above.body).errors).toEqual({
      alert_clear: 'Write a number at or below the threshold: a firing alert resolves there.',
    });
    expect(await h.bot.engine.rules.find('warn-slack')).toBeNull();

    // A stranger's forged submission of a good form is refused.
    const good = values({ name: 'warn-slack', threshold: '25', clear: '20', channel: ALERTS });
    const forged = await h.interact(
      viewSubmissionPayload(STRANGER, { callback_id: HOME_VIEWS.alertForm, values: good }),
    );
    expect(JSON.parse(forged.body).errors.alert_kpi).toBe(
      'Only the bot admins can create or change alert rules.',
    );
    expect(await h.bot.engine.rules.find('warn-slack')).toBeNull();

    const from = h.slack.calls.length;
    const saved = await h.interact(
      viewSubmissionPayload(ADMIN, { callback_id: HOME_VIEWS.alertForm, values: good }),
    );
    expect(saved.body).toBe('');
    const home = await h.slack.waitForCall(
      (c) => c.method === 'views.publish' && c.args.user_id === ADMIN && h.slack.calls.indexOf(c) >= from,
    );
    expect(JSON.stringify(home.args.view)).toContain('Alert rule *warn-slack* saved');
    expect(JSON.stringify(home.args.view)).toContain('edit:warn-slack');
    const rule = await h.bot.engine.rules.find('warn-slack');
    expect(rule).toMatchObject({
      kpi: 'response_warn_rate',
      scope: { kind: 'overall' },
      op: '>',
      threshold: 0.25,
      clear: 0.2,
      check: '*/10 9-18 * * 1-5',
      channel: ALERTS,
      source: 'slack',
    });
    // `/sobot alerts list` lists it beside the file's rule.
    await h.command('alerts list', 'list', { user_id: ADMIN });
    const [listed] = await h.slack.waitForResponses('list');
    expect(JSON.stringify(listed)).toContain('2 alert rules: file-rule, warn-slack');
    // Each line says where its rule was made: the file's is changed there, the other in Slack.
    const lines = JSON.stringify(listed?.payload.blocks ?? []).split('\\n');
    expect(lines.find((l) => l.includes('*file-rule*'))).toContain('· from config file ·');
    expect(lines.find((l) => l.includes('*warn-slack*'))).toContain('· from Slack ·');

    // Checked as a file rule is: it fires into its channel with the rate Sobot served.
    lastServed();
    await whileAdvancing(clock, h.bot.alerts.check(rule as NonNullable<typeof rule>), 1_000);
    const [alert] = h.slack.posted(ALERTS);
    expect(alert?.text).toContain(lastServed());

    // Admins see which rules are read-only, and the New alert rule button; strangers see neither.
    const adminHome = await homeOf(h, ADMIN);
    expect(adminHome).toContain('from the config file · read-only');
    expect(adminHome).toContain(HOME_ACTIONS.newRule);
    expect(adminHome).not.toContain('edit:file-rule');
    const strangerHome = await homeOf(h, STRANGER);
    expect(strangerHome).not.toContain(HOME_ACTIONS.newRule);
  });

  it('opens Edit with the rule’s current values, saves the change, deletes it after asking; the file’s rules stay read-only', async () => {
    const { h, clock } = await start();
    const good = values({
      name: 'warn-slack',
      threshold: '25',
      clear: '20',
      channel: ALERTS,
      for: '3',
      minVolume: '15',
    });
    await h.interact(viewSubmissionPayload(ADMIN, { callback_id: HOME_VIEWS.alertForm, values: good }));

    const index = h.slack.modals.length;
    await h.interact(
      homeActionPayload(ADMIN, { action_id: HOME_ACTIONS.alert, type: 'overflow', value: 'edit:warn-slack' }),
    );
    const modal = await updatedModal(h, clock, index, 1);
    expect(modal.view.private_metadata).toBe('warn-slack');
    expect(element(modal, 'alert_threshold')?.initial_value).toBe('25');
    expect(element(modal, 'alert_clear')?.initial_value).toBe('20');
    expect(element(modal, 'alert_for')?.initial_value).toBe('3');
    expect(element(modal, 'alert_min_volume')?.initial_value).toBe('15');
    expect(element(modal, 'alert_channel')?.initial_conversation).toBe(ALERTS);
    expect(element(modal, 'alert_kpi')?.initial_option).toMatchObject({ value: 'response_warn_rate' });

    const edited = await h.interact(
      viewSubmissionPayload(ADMIN, {
        callback_id: HOME_VIEWS.alertForm,
        private_metadata: 'warn-slack',
        values: values({ threshold: '40', channel: ALERTS, op: '>=' }),
      }),
    );
    expect(edited.body).toBe('');
    expect(await h.bot.engine.rules.find('warn-slack')).toMatchObject({
      op: '>=',
      threshold: 0.4,
      clear: 0.4,
    });

    // The config file's rule: no form, and a forged edit of it is refused.
    const from = h.slack.calls.length;
    await h.interact(
      homeActionPayload(ADMIN, { action_id: HOME_ACTIONS.alert, type: 'overflow', value: 'edit:file-rule' }),
    );
    const refusedHome = await h.slack.waitForCall(
      (c) => c.method === 'views.publish' && h.slack.calls.indexOf(c) >= from,
    );
    expect(JSON.stringify(refusedHome.args.view)).toContain(
      'The alert rule file-rule comes from the config file',
    );
    const forgedEdit = await h.interact(
      viewSubmissionPayload(ADMIN, {
        callback_id: HOME_VIEWS.alertForm,
        private_metadata: 'file-rule',
        values: values({ threshold: '1', channel: ALERTS }),
      }),
    );
    expect(JSON.parse(forgedEdit.body).errors.alert_kpi).toContain('comes from the config file');
    expect(await h.bot.engine.rules.find('file-rule')).toMatchObject({ threshold: 0.5, source: 'file' });

    // Muted before it is deleted.
    await h.command('alerts mute warn-slack 1h', 'mute', { user_id: ADMIN });
    await h.slack.waitForResponses('mute');
    await h.command('alerts list', 'listed', { user_id: ADMIN });
    expect(JSON.stringify(await h.slack.waitForResponses('listed'))).toContain('🔕');

    // Delete: asked first, then gone.
    const asked = h.slack.calls.length;
    await h.interact(
      homeActionPayload(ADMIN, {
        action_id: HOME_ACTIONS.alert,
        type: 'overflow',
        value: 'delete:warn-slack',
      }),
    );
    const question = await h.slack.waitForCall(
      (c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= asked,
    );
    expect((question.args.view as Modal['view']).callback_id).toBe(HOME_VIEWS.deleteRule);
    // A stranger's forged confirmation deletes nothing.
    await h.interact(
      viewSubmissionPayload(STRANGER, { callback_id: HOME_VIEWS.deleteRule, private_metadata: 'warn-slack' }),
    );
    expect(await h.bot.engine.rules.find('warn-slack')).not.toBeNull();
    await h.interact(
      viewSubmissionPayload(ADMIN, { callback_id: HOME_VIEWS.deleteRule, private_metadata: 'warn-slack' }),
    );
    const after = await h.slack.waitForCall(
      (c) => c.method === 'views.publish' && JSON.stringify(c.args.view).includes('deleted'),
    );
    expect(JSON.stringify(after.args.view)).toContain('Alert rule *warn-slack* deleted.');
    expect(await h.bot.engine.rules.find('warn-slack')).toBeNull();

    // A new rule of the same name starts afresh: not muted by the mute of the one deleted.
    await h.interact(viewSubmissionPayload(ADMIN, { callback_id: HOME_VIEWS.alertForm, values: good }));
    await h.command('alerts list', 'relisted', { user_id: ADMIN });
    const [relisted] = await h.slack.waitForResponses('relisted');
    expect(JSON.stringify(relisted)).toContain('*warn-slack*');
    expect(JSON.stringify(relisted)).not.toContain('🔕');
  });
});
