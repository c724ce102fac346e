// The New / Edit digest modal end to end: signed clicks and submissions into the real app, the
// simulator's condition lists behind the filter pickers, a fake Slack that checks the modals, and the
// fake clock on which the saved digest fires.

import { afterEach, describe, expect, it } from 'vitest';
import { HOME_ACTIONS, HOME_VIEWS } from '../../src/message/actions.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, whileAdvancing } from '../support/fake-clock.ts';
import {
  blockSuggestionPayload,
  homeActionPayload,
  viewSubmissionPayload,
} from '../support/slack-request.ts';

const ADMIN = 'U0ADMIN';
const STRANGER = 'U0STRANGER';
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');
const MINUTE = 60_000;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

async function start(): Promise<{ h: Harness; clock: ReturnType<typeof createFakeClock> }> {
  const clock = createFakeClock(MONDAY_1000);
  const h = await startHarness({
    clock,
    configYaml: `access:\n  admins: [${ADMIN}]\n`,
    env: { SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: 40 }, rateLimit: 1000 },
  });
  h.slack.users.set(ADMIN, { tz: 'Europe/London' });
  harnesses.push(h);
  return { h, clock };
}

type Modal = { callback_id: string; private_metadata: string; blocks: Record<string, unknown>[] };
const elementOf = (modal: Modal, blockId: string) =>
  modal.blocks.find((b) => b.block_id === blockId)?.element as Record<string, unknown> | undefined;

/** What the form's inputs hold when submitted. */
function values(fields: {
  name?: string;
  channel?: string;
  time?: string;
  days?: string[];
  tz?: string;
  period?: string;
  group?: string;
  sections?: string[];
}): Record<string, Record<string, unknown>> {
  const one = (id: string, value: Record<string, unknown>) => ({ [id]: { [id]: value } });
  return {
    ...(fields.name !== undefined
      ? one('digest_name', { type: 'plain_text_input', value: fields.name })
      : {}),
    ...one('digest_channel', { type: 'conversations_select', selected_conversation: fields.channel ?? null }),
    ...one('digest_time', { type: 'timepicker', selected_time: fields.time ?? null }),
    ...one('digest_days', {
      type: 'checkboxes',
      selected_options: (fields.days ?? []).map((value) => ({ value })),
    }),
    ...one('digest_tz', { type: 'plain_text_input', value: fields.tz ?? null }),
    ...one('digest_period', {
      type: 'static_select',
      selected_option: { value: fields.period ?? 'yesterday' },
    }),
    ...one('digest_group', {
      type: 'external_select',
      selected_option: fields.group ? { value: fields.group } : null,
    }),
    ...one('digest_sections', {
      type: 'checkboxes',
      selected_options: (fields.sections ?? ['overview']).map((value) => ({ value })),
    }),
  };
}

async function openModal(h: Harness, user: string, action: Parameters<typeof homeActionPayload>[1]) {
  const from = h.slack.calls.length;
  await h.interact(homeActionPayload(user, action));
  const call = await h.slack.waitForCall(
    (c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= from,
  );
  return call.args.view as Modal;
}

describe('the digest modal', () => {
  it('creates a digest from the form: filters from Sobot’s lists, inline errors, saved, previewed, fired on time', async () => {
    const { h, clock } = await start();
    const modal = await openModal(h, ADMIN, {
      action_id: HOME_ACTIONS.newDigest,
      type: 'button',
      value: 'new',
    });
    expect(modal.callback_id).toBe(HOME_VIEWS.digestForm);
    expect(elementOf(modal, 'digest_time')?.initial_time).toBe('09:00');
    // The time zone defaults to the admin's own (users.info).
    expect(elementOf(modal, 'digest_tz')?.initial_value).toBe('Europe/London');

    // The group picker lists the skill groups Sobot has, narrowed by what is typed.
    const all = JSON.parse((await h.interact(blockSuggestionPayload(ADMIN, 'digest_group', ''))).body) as {
      options: { value: string }[];
    };
    expect(all.options.length).toBeGreaterThan(0);
    const group = all.options[0]?.value as string;
    const typed = JSON.parse(
      (await h.interact(blockSuggestionPayload(ADMIN, 'digest_group', group.slice(0, 3)))).body,
    ) as { options: { value: string }[] };
    expect(typed.options.map((o) => o.value)).toContain(group);

    // A bad time, no days and an unknown zone: each field says what is wrong, nothing is saved.
    const bad = await h.interact(
      viewSubmissionPayload(ADMIN, {
        callback_id: HOME_VIEWS.digestForm,
        values: values({
          name: 'leads-am',
          channel: 'C0LEADS01',
          time: '25:00',
          days: [],
          tz: 'Mars/Olympus',
        }),
      }),
    );
    const refused = JSON.parse(bad.body) as { response_action: string; errors: Record<string, string> };
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors).sort()).toEqual(['digest_days', 'digest_time', 'digest_tz']);
    expect(refused.errors.digest_time).toBe('Choose a time of day such as 09:00.');
    expect(await h.bot.engine.digests.find('leads-am')).toBeNull();

    // A stranger's forged submission of a good form is refused.
    const good = values({
      name: 'leads-am',
      channel: 'C0LEADS01',
      time: '10:30',
      days: ['1', '2', '3', '4', '5'],
      tz: 'Asia/Shanghai',
      group,
    });
    const forged = await h.interact(
      viewSubmissionPayload(STRANGER, { callback_id: HOME_VIEWS.digestForm, values: good }),
    );
    expect(JSON.parse(forged.body).errors.digest_channel).toBe(
      'Only the bot admins can create or change digests.',
    );
    expect(await h.bot.engine.digests.find('leads-am')).toBeNull();

    const from = h.slack.calls.length;
    const saved = await h.interact(
      viewSubmissionPayload(ADMIN, { callback_id: HOME_VIEWS.digestForm, values: good }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toBe('');
    const home = await h.slack.waitForCall(
      (c) => c.method === 'views.publish' && c.args.user_id === ADMIN && h.slack.calls.indexOf(c) >= from,
    );
    expect(JSON.stringify(home.args.view)).toContain('Digest *leads-am* saved.');
    expect(JSON.stringify(home.args.view)).toContain(
      '*leads-am* → <#C0LEADS01> · 10:30 weekdays (Asia/Shanghai)',
    );
    expect(await h.bot.engine.digests.find('leads-am')).toMatchObject({
      channel: 'C0LEADS01',
      schedule: '30 10 * * 1-5',
      timeZone: 'Asia/Shanghai',
      filters: { group },
      sections: ['overview'],
      source: 'slack',
    });
    // Previewed to the admin's DM.
    expect(h.slack.posted(ADMIN)).toHaveLength(1);

    // It fires at its time on the clock.
    await clock.advance(30 * MINUTE);
    const outcomes = await whileAdvancing(clock, h.bot.digests.tick(), 1_000);
    expect(outcomes).toEqual([
      { digest: 'leads-am', wall: '2026-11-23T10:30', status: 'posted', late: false },
    ]);
    expect(h.slack.posted('C0LEADS01')).toHaveLength(1);
  });

  it('opens Edit with the digest’s current values, and saves the change', async () => {
    const { h } = await start();
    await h.command('digest subscribe <#C0LEADS01|cs-leads> 07:45 daily last 7 days name:leads', 'sub', {
      user_id: ADMIN,
    });
    await h.slack.waitForResponses('sub');
    const modal = await openModal(h, ADMIN, {
      action_id: HOME_ACTIONS.digest,
      type: 'overflow',
      value: 'edit:leads',
    });
    expect(modal.private_metadata).toBe('leads');
    expect(elementOf(modal, 'digest_time')?.initial_time).toBe('07:45');
    expect(elementOf(modal, 'digest_channel')?.initial_conversation).toBe('C0LEADS01');
    expect(elementOf(modal, 'digest_days')?.initial_options).toHaveLength(7);
    expect(elementOf(modal, 'digest_period')?.initial_option).toMatchObject({ value: 'last 7 days' });

    const edited = await h.interact(
      viewSubmissionPayload(ADMIN, {
        callback_id: HOME_VIEWS.digestForm,
        private_metadata: 'leads',
        values: values({
          channel: 'C0LEADS01',
          time: '08:15',
          days: ['1', '4'],
          tz: 'Asia/Shanghai',
          period: 'yesterday',
        }),
      }),
    );
    expect(edited.body).toBe('');
    expect(await h.bot.engine.digests.find('leads')).toMatchObject({
      schedule: '15 8 * * 1,4',
      period: 'yesterday',
    });

    // A stranger cannot open it.
    const before = h.slack.modals.length;
    await h.interact(
      homeActionPayload(STRANGER, { action_id: HOME_ACTIONS.digest, type: 'overflow', value: 'edit:leads' }),
    );
    await h.slack.waitForCall((c) => c.method === 'views.publish' && c.args.user_id === STRANGER);
    expect(h.slack.modals).toHaveLength(before);
  });
});
