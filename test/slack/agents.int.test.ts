// `/sobot agents` end to end: the real Bolt app over HTTP, signed requests, the real Sobot client
// against the simulator, and what arrives at the fake Slack.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, whileAdvancing } from '../support/fake-clock.ts';

type Cell = { text: string };
type Block = { type: string; rows?: Cell[][]; elements?: Cell[]; text?: Cell; slack_file?: { id: string } };
type ServedItem = Record<string, unknown>;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** "yyyy-MM-dd" of today minus `days` in a zone, computed with Intl (not the code under test). */
function dayIn(zone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

const percent = (text: string) => Number(text.replace('%', '')) / 100;

/** The message shows one decimal of a percentage, Sobot serves two: they agree within 0.05 points. */
function expectSamePercent(shown: string | undefined, served: unknown): void {
  expect(Math.abs(percent(shown ?? '') - percent(String(served)))).toBeLessThanOrEqual(0.0005 + 1e-9);
}

function servedWorkload(h: Harness): ServedItem[] {
  return h.sim.log
    .filter((entry) => entry.path.endsWith('/customerService/staffWorkStatis') && entry.retCode === '000000')
    .flatMap((entry) => (entry.reply as { items: ServedItem[] }).items);
}

const blocksOf = (post: { payload: Record<string, unknown> } | undefined): Block[] =>
  (post?.payload.blocks ?? []) as Block[];

function tableOf(blocks: Block[]): string[][] {
  const table = blocks.find((b) => b.type === 'table');
  return (table?.rows ?? []).map((row) => row.map((cell) => cell.text));
}

describe('/sobot agents over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { company: { agents: 84 } } });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.log.clear();
    h.sim.faults.reset();
    h.slack.rejectImages = false;
  });

  it('acks at once with an empty body', async () => {
    const response = await h.command('agents 2026-11-03', 'ack');
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    await h.slack.waitForResponses('ack');
  });

  it('answers with the agents and numbers the simulator served for yesterday', async () => {
    await h.command('agents yesterday', 'yesterday');
    const [post] = await h.slack.waitForResponses('yesterday');
    expect(post?.accepted).toBe(true);
    const payload = post?.payload as { response_type: string; blocks: Block[]; text: string };
    expect(payload.response_type).toBe('ephemeral');

    const yesterday = dayIn('Asia/Shanghai', 1);
    const request = h.sim.log.find((e) => e.path.endsWith('/staffWorkStatis'));
    expect(request?.body).toMatchObject({ start_date: yesterday, end_date: yesterday });

    const served = servedWorkload(h);
    expect(served.length).toBeGreaterThan(15);
    // Agents who share a nickname are shown with their email's local part, so each row is unique.
    const nickCount = (nick: unknown) => served.filter((other) => other.service_nick === nick).length;
    const shownName = (item: ServedItem) =>
      nickCount(item.service_nick) > 1
        ? `${item.service_nick} (${String(item.service_email).split('@')[0]})`
        : String(item.service_nick);
    const byName = new Map(served.map((item) => [shownName(item), item]));
    expect(byName.size).toBe(served.length);
    const [titles, ...rows] = tableOf(payload.blocks);
    expect(titles?.[0]).toBe('Agent');
    expect(rows).toHaveLength(15);
    const chats = rows.map((row) => Number(row[1]?.replace(/,/g, '')));
    expect(chats).toEqual([...chats].sort((a, b) => b - a));
    const topServed = served.map((item) => Number(item.human_consult)).sort((a, b) => b - a);
    expect(chats).toEqual(topServed.slice(0, 15));
    for (const row of rows) {
      const item = byName.get(row[0] as string);
      expect(item, `agent ${row[0]} was served`).toBeDefined();
      expect(Number(row[1])).toBe(item?.human_consult);
      expectSamePercent(row[2], item?.valid_recep_rate_str);
      expectSamePercent(row[4], item?.quiet_after_session_rate_str);
      expectSamePercent(row[6], item?.human_res_warn_rate_str);
    }

    const totalChats = served.reduce((sum, item) => sum + Number(item.human_consult), 0);
    const context = payload.blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';
    expect(context).toContain(`${served.length} agents`);
    expect(context).toContain(`Chats handled ${totalChats.toLocaleString('en-US')}`);
    expect(payload.text).toContain(`Chats handled ${totalChats.toLocaleString('en-US')}`);
    const [y, m, d] = yesterday.split('-');
    const header = payload.blocks[0]?.text?.text ?? '';
    expect(header).toContain(
      `${Number(d)} ${new Date(Number(y), Number(m) - 1, 1).toLocaleString('en', { month: 'short' })} ${y}`,
    );
    const contexts = payload.blocks
      .filter((b) => b.type === 'context')
      .map((b) => b.elements?.[0]?.text ?? '');
    expect(contexts.some((text) => text.includes(`Showing 15 of ${served.length} agents`))).toBe(true);
  });

  it('shows the chart as an uploaded PNG and sends the full table as CSV to the asker', async () => {
    await h.command('agents last week', 'files', { user_id: 'U0ASKER' });
    const [post] = await h.slack.waitForResponses('files');
    const image = blocksOf(post).find((b) => b.type === 'image');
    const fileId = image?.slack_file?.id as string;
    expect(h.slack.uploads.get(fileId)?.subarray(0, 8)).toEqual(PNG_SIGNATURE);

    // The asker's DM (the fake names it D + user id), not the channel: the answer was ephemeral.
    const isCsvToAsker = (c: { method: string; args: Record<string, unknown> }) =>
      c.method === 'files.completeUploadExternal' && c.args.channel_id === 'D0ASKER';
    const csvCall = await h.slack.waitForCall(isCsvToAsker);
    const csvId = (csvCall.args.files as { id: string }[])[0]?.id as string;
    const csv = h.slack.uploads.get(csvId)?.toString('utf8') ?? '';
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(servedWorkload(h).length + 1);
    expect(
      h.slack.calls.filter((c) => c.token !== null).every((c) => c.token === h.config.slack.botToken),
    ).toBe(true);
  });

  it('offers "Previous day" and "Share to channel" buttons that run the command again', async () => {
    await h.command('agents 2026-11-05 top:5', 'buttons');
    const [post] = await h.slack.waitForResponses('buttons');
    type Button = { action_id: string; value: string; text: { text: string } };
    const actions = blocksOf(post).find((b) => b.type === 'actions') as unknown as { elements: Button[] };
    const [previous, share] = actions.elements;
    expect(previous?.text.text).toBe('◀ Previous day');
    expect(share?.text.text).toBe('Share to channel');

    expect((await h.click(previous as Button, 'clicked-previous')).status).toBe(200);
    const [before] = await h.slack.waitForResponses('clicked-previous');
    expect(blocksOf(before)[0]?.text?.text).toContain('Wed 4 Nov 2026');
    expect(tableOf(blocksOf(before))).toHaveLength(6);
    expect(h.sim.log.some((e) => (e.body as { start_date?: string }).start_date === '2026-11-04')).toBe(true);

    await h.click(share as Button, 'clicked-share');
    const [shared] = await h.slack.waitForResponses('clicked-share');
    expect(shared?.payload.response_type).toBe('in_channel');
    expect(blocksOf(shared)[0]?.text?.text).toContain('Thu 5 Nov 2026');
  });

  it('posts in the channel when asked with "public"', async () => {
    await h.command('agents 2026-11-03 public', 'public');
    const [post] = await h.slack.waitForResponses('public');
    expect(post?.payload.response_type).toBe('in_channel');
  });

  it('sends the CSV of a public answer to the asker when the bot may not share files in the channel', async () => {
    h.slack.channelsWithoutBot.add('C0OUTSIDE');
    await h.command('agents last week public', 'outside', { user_id: 'U0PUBLIC', channel_id: 'C0OUTSIDE' });
    await h.slack.waitForResponses('outside');
    const shared = await h.slack.waitForCall(
      (c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === 'D0PUBLIC',
    );
    expect(shared).toBeDefined();
  });

  it('still answers, complete, when Sobot rate-limits, expires the token and fails with a 500 first', async () => {
    h.sim.faults.failNext('rate_limit', { seconds: 1 });
    h.sim.faults.failNext('token_expired');
    h.sim.faults.failNext('http_500');
    await h.command('agents last 30 days', 'faults');
    const [post] = await h.slack.waitForResponses('faults');
    const retCodes = h.sim.log.map((e) => e.retCode);
    expect(retCodes).toEqual(expect.arrayContaining(['229000', '900002', null, '000000']));
    const [, ...rows] = tableOf(blocksOf(post));
    expect(rows).toHaveLength(15);
    expect(h.sim.tokens).toBeGreaterThanOrEqual(2);
  });

  it('tells the user what happened when Sobot stays down, and keeps serving', async () => {
    h.sim.faults.failNext('http_500', { count: 10 });
    await h.command('agents 2026-11-02', 'down');
    const [post] = await h.slack.waitForResponses('down');
    expect(post?.payload.text).toMatch(/Sobot is not answering properly/);
    h.sim.faults.reset();
    await h.command('agents 2026-11-02', 'after-down');
    const [after] = await h.slack.waitForResponses('after-down');
    expect(tableOf(blocksOf(after)).length).toBeGreaterThan(1);
  });

  it('answers again without the chart when Slack rejects the image', async () => {
    h.slack.rejectImages = true;
    await h.command('agents 2026-11-03', 'no-image');
    // Once more with the image (Slack may not have processed the file yet), then without it.
    const [first, again, last] = await h.slack.waitForResponses('no-image', 3);
    expect(first?.accepted).toBe(false);
    expect(again?.accepted).toBe(false);
    expect(last?.accepted).toBe(true);
    const blocks = blocksOf(last);
    expect(blocks.some((b) => b.type === 'image')).toBe(false);
    expect(tableOf(blocks).length).toBe(16);
  });

  it('tells the asker the answer is on its way when Sobot is slow', async () => {
    // On the fake clock: the notice is due after 1 s, Sobot's token and figures take 2 s each way.
    const clock = createFakeClock();
    const slow = await startHarness({
      clock,
      simulator: { company: { agents: 30 } },
      progressNoticeMs: 1_000,
    });
    try {
      slow.sim.faults.latencyMs = 2_000;
      await slow.command('agents yesterday', 'slow');
      const posts = await whileAdvancing(clock, slow.slack.waitForResponses('slow', 2), 500);
      // Which post Slack receives first is real I/O's business: the test reads what each one says.
      const notice = posts.find((post) => /Still fetching from Sobot/.test(String(post.payload.text)));
      const answer = posts.find((post) => post !== notice);
      expect(notice).toBeDefined();
      expect(tableOf(blocksOf(answer)).length).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });

  it('makes one Sobot call for 20 identical commands at once', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    await Promise.all(ids.map((id) => h.command('agents 2026-11-10', id)));
    await Promise.all(ids.map((id) => h.slack.waitForResponses(id)));
    expect(h.sim.log.filter((e) => e.path.endsWith('/staffWorkStatis'))).toHaveLength(1);
  });

  it('explains a typo and shows a command that works', async () => {
    await h.command('agents yesterdy', 'typo');
    const [post] = await h.slack.waitForResponses('typo');
    expect(post?.payload.text).toContain('Did you mean "yesterday"?');
    expect(post?.payload.text).toContain('/sobot agents yesterday');
    expect(h.sim.log).toHaveLength(0);
  });

  it('rejects a bad signature and a stale timestamp without answering', async () => {
    const bad = await h.command('agents yesterday', 'bad-sig', { secret: 'not-the-secret' });
    const stale = await h.command('agents yesterday', 'stale', {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(bad.status).toBe(401);
    expect(stale.status).toBe(401);
    expect(h.slack.responses.has('bad-sig')).toBe(false);
    expect(h.slack.responses.has('stale')).toBe(false);
  });

  it('serves /healthz and /metrics', async () => {
    const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'http' });
    const metrics = await (await fetch(`http://127.0.0.1:${h.port}/metrics`)).text();
    expect(metrics).toMatch(/^sobot_slack_sobot_budget_in_use \d+$/m);
  });

  it('never writes a secret to the logs', () => {
    const all = h.logs.join('');
    expect(all.length).toBeGreaterThan(0);
    const sobotTokens = new Set(h.sim.log.map((e) => e.headers.token).filter(Boolean));
    for (const secret of [
      h.config.slack.botToken,
      h.config.slack.signingSecret,
      h.config.sobot.appKey,
      ...sobotTokens,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
