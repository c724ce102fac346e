// A company whose chats were rated on two scales (most on five stars, a fifth on 0–10), end to end:
// every answer that shows satisfaction shows Sobot's positive share on the company's scale (the
// served good_rate_str, not a pool of both scales), labels it as Sobot does, and says in a context
// line that another scale was in use — the overview, the satisfaction card, the agents' team line,
// a digest, and an alert rule's messages.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { createFakeClock, whileAdvancing } from '../support/fake-clock.ts';

type Text = { type: string; text: string };
type Block = { type: string; text?: Text; fields?: Text[]; elements?: Text[] };
type Served = Record<string, unknown>;
type Payload = { blocks: Block[]; text: string };

/** Tue 24 Nov 2026, 10:00 in Shanghai. */
const NOW = Date.parse('2026-11-24T02:00:00Z');
const DAY = '2026-11-23';
const LABEL = 'Positive feedback (5★)';
const NOTE =
  'Ratings on several scales: satisfaction is on 5 stars (most ratings), not pooled with 0–10 score';

const CONFIG = `
access:
  admins: [U0LEAD]
digests:
  - name: morning
    channel: C0DIGEST
    schedule: "0 9 * * 1-5"
    timezone: Asia/Shanghai
    period: yesterday
alerts:
  - name: positive-low
    kpi: satisfaction
    scope: overall
    op: "<"
    threshold: 0.99
    period: yesterday
    channel: C0ALERTS
`;

const field = (payload: Payload, label: string) =>
  payload.blocks
    .flatMap((b) => b.fields ?? [])
    .map((f) => f.text)
    .find((f) => f.startsWith(`*${label}*`))
    ?.split('\n')[1]
    ?.split(/\s{2}/)[0] ?? '';

const contextText = (payload: Payload) =>
  payload.blocks
    .filter((b) => b.type === 'context')
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.text)
    .join('\n');

const percent = (text: string) => Number(text.replace('%', '')) / 100;

describe('a company rating on two scales', () => {
  const clock = createFakeClock(NOW);
  let h: Harness;
  const answers: Record<string, Payload> = {};

  async function ask(text: string, id: string): Promise<Payload> {
    await h.command(text, id);
    const [post] = await h.slack.waitForResponses(id);
    expect(post?.accepted).toBe(true);
    return post?.payload as Payload;
  }

  beforeAll(async () => {
    h = await startHarness({
      clock,
      configYaml: CONFIG,
      env: { SOBOT_RATE_LIMIT: '1000' },
      simulator: { company: { agents: 40, alsoRatedOn: 'nps' }, rateLimit: 1000 },
    });
    answers.overview = await ask('overview yesterday', 'overview');
    answers.satisfaction = await ask('satisfaction yesterday', 'satisfaction');
    answers.agents = await ask('agents yesterday', 'agents');
    answers.digest = await ask('digest preview morning', 'digest');
    answers.alerts = await ask('alerts run positive-low', 'alerts');
  });
  afterAll(() => h.close());

  /** The company's survey for the day, as served. */
  function survey(): Served {
    const entry = h.sim.log.find(
      (e) =>
        e.path.endsWith('/satisfaction/getSatisfactionSurvey') &&
        e.retCode === '000000' &&
        String((e.body as Served).start_date).startsWith(DAY),
    );
    if (!entry) throw new Error(`no survey for ${DAY} was served`);
    return (entry.reply as { item: Served }).item;
  }

  it('was served ratings on both scales, more on five stars', () => {
    const item = survey();
    expect(Number(item.nps_good) + Number(item.nps_middle) + Number(item.nps_bad)).toBeGreaterThan(0);
    expect(Number(item.good) + Number(item.middle) + Number(item.bad)).toBeGreaterThan(
      Number(item.nps_good) + Number(item.nps_middle) + Number(item.nps_bad),
    );
  });

  it("shows Sobot's five-star positive share everywhere, not a pool of both scales", () => {
    const item = survey();
    const served = percent(String(item.good_rate_str));
    const shown = {
      overview: field(answers.overview as Payload, LABEL),
      card: field(answers.satisfaction as Payload, LABEL),
      digest: field(answers.digest as Payload, LABEL),
    };
    for (const value of Object.values(shown))
      expect(Math.abs(percent(value) - served)).toBeLessThanOrEqual(0.0005);
    // Pooled, the 9–10 scores would count as positive too: a different number.
    const rated = ['good', 'middle', 'bad', 'nps_good', 'nps_middle', 'nps_bad'].reduce(
      (total, key) => total + Number(item[key]),
      0,
    );
    const pooled = (Number(item.good) + Number(item.nps_good)) / rated;
    expect(Math.abs(pooled - served)).toBeGreaterThan(0.001);
  });

  it.each(['overview', 'satisfaction', 'agents', 'digest'])('says so in the context line of %s', (answer) => {
    expect(contextText(answers[answer] as Payload)).toContain(NOTE);
  });

  it('labels the team line and the alert rule as Sobot does, never "Satisfied"', () => {
    expect(contextText(answers.agents as Payload)).toContain(`${LABEL} `);
    const alert = answers.alerts?.blocks[0]?.text?.text ?? '';
    expect(alert).toContain(`(${LABEL} &lt; 99.0%, yesterday)`);
    for (const answer of Object.values(answers)) expect(JSON.stringify(answer)).not.toContain('Satisfied');
  });

  it("posts the alert under the company scale's label, with the served share", async () => {
    const rule = h.config.file.alerts[0] as NonNullable<Harness['config']['file']['alerts'][0]>;
    await whileAdvancing(clock, h.bot.alerts.check(rule), 1_000);
    const [posted] = h.slack.posted('C0ALERTS');
    const served = `${(percent(String(survey().good_rate_str)) * 100).toFixed(1)}%`;
    expect(posted?.text).toContain(`${LABEL} &lt; 99.0%`);
    expect(JSON.stringify(posted?.blocks)).toContain(`${LABEL} *${served}*`);
    expect(JSON.stringify(posted)).not.toContain('Satisfied');
  });
});
