// The global shortcut "Sobot: ask" end to end: a signed shortcut opens the form (checked by the fake
// Slack), a signed submission runs the command it stands for, and the answer reaches the asker's DM
// with the same words as the command typed, under the same access rules.

import { afterEach, describe, expect, it } from 'vitest';
import { ASK } from '../../src/message/actions.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, whileAdvancing } from '../support/fake-clock.ts';
import { shortcutPayload, viewSubmissionPayload } from '../support/slack-request.ts';

const ADMIN = 'U0ADMIN';
const LEAD = 'U0LEAD';
const STRANGER = 'U0STRANGER';
/** Mon 23 Nov 2026, 10:00 in Shanghai. */
const MONDAY_1000 = Date.parse('2026-11-23T02:00:00Z');

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

async function start() {
  const clock = createFakeClock(MONDAY_1000);
  const h = await startHarness({
    clock,
    // Agent-level figures only for the admins and the lead.
    configYaml: `access:\n  admins: [${ADMIN}]\n  viewers: [${LEAD}]\n`,
    env: { SOBOT_RATE_LIMIT: '1000' },
    simulator: { company: { agents: 40 }, rateLimit: 1000 },
  });
  harnesses.push(h);
  return { h, clock };
}

const answer = (command: string, period: string, filters = '') => ({
  [ASK.command]: { [ASK.command]: { type: 'static_select', selected_option: { value: command } } },
  [ASK.period]: { [ASK.period]: { type: 'static_select', selected_option: { value: period } } },
  [ASK.filters]: { [ASK.filters]: { type: 'plain_text_input', value: filters || null } },
});

/** The text of the message a submission posts to `user`'s DM (the bot's answer). */
async function askedInDm(
  h: Harness,
  clock: ReturnType<typeof createFakeClock>,
  user: string,
  values: object,
) {
  const from = h.slack.calls.length;
  const result = await h.interact(
    viewSubmissionPayload(user, {
      callback_id: ASK.view,
      values: values as Record<string, Record<string, unknown>>,
    }),
  );
  expect(result.body).toBe('');
  const posted = await whileAdvancing(
    clock,
    h.slack.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.args.channel === user && h.slack.calls.indexOf(c) >= from,
    ),
    1_000,
  );
  return posted.args as { text?: string; blocks?: unknown };
}

/** The same question typed as /sobot: the text of the bot's answer. */
async function typed(h: Harness, clock: ReturnType<typeof createFakeClock>, user: string, text: string) {
  const id = `typed-${user}-${text.replace(/\W+/g, '-')}`;
  await h.command(text, id, { user_id: user });
  const [reply] = await whileAdvancing(clock, h.slack.waitForResponses(id), 1_000);
  return String(reply?.payload.text);
}

describe('the "Sobot: ask" shortcut', () => {
  it('opens the form, and posts the answer to the asker as the typed command answers it', async () => {
    const { h, clock } = await start();
    const from = h.slack.calls.length;
    expect((await h.interact(shortcutPayload(LEAD, ASK.shortcut))).status).toBe(200);
    const open = await h.slack.waitForCall(
      (c) => c.method === 'views.open' && h.slack.calls.indexOf(c) >= from,
    );
    const view = open.args.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe(ASK.view);
    expect(view.blocks.map((b) => b.block_id)).toEqual([ASK.command, ASK.period, ASK.filters]);

    const asked = await askedInDm(h, clock, LEAD, answer('agents', 'yesterday', 'sort:fcr'));
    expect(JSON.stringify(asked?.blocks)).toContain('/sobot agents yesterday sort:fcr');
    expect(asked?.text).toBe(await typed(h, clock, LEAD, 'agents yesterday sort:fcr'));
  });

  it('applies the same access rules as typing: agent figures are refused to a stranger with the same words', async () => {
    const { h, clock } = await start();
    const refused = await askedInDm(h, clock, STRANGER, answer('agents', 'yesterday'));
    const typedRefusal = await typed(h, clock, STRANGER, 'agents yesterday');
    expect(refused?.text).toBe(typedRefusal);
    expect(refused?.text).not.toMatch(/^\d+ agents/);
  });

  it('refuses a forged choice inline and runs nothing', async () => {
    const { h } = await start();
    const before = h.slack.calls.length;
    const forged = await h.interact(
      viewSubmissionPayload(STRANGER, { callback_id: ASK.view, values: answer('digest', 'now') }),
    );
    expect(JSON.parse(forged.body)).toEqual({
      response_action: 'errors',
      errors: {
        [ASK.command]: 'Choose one of the choices offered.',
        [ASK.period]: 'Choose one of the choices offered.',
      },
    });
    expect(h.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });
});
