// Specs for the legacy StatsBackend with a recording client: which actions answer which question, for
// which days, and the "needs v5" answer, without a single call, for what the legacy API cannot give.

import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../../src/errors.ts';
import { createLegacyBackend } from '../../../src/sobot/legacy/backend.ts';
import type { SobotLegacyClient } from '../../../src/sobot/legacy/client.ts';
import type { LegacyAction } from '../../../src/sobot/legacy/endpoints.ts';
import { legacyActions } from '../../../src/sobot/legacy/endpoints.ts';
import type { StatsBackend } from '../../../src/stats/backend.ts';
import { createQueryCache } from '../../../src/stats/cache.ts';
import type { DateRange } from '../../../src/stats/model.ts';
import { createStatsService } from '../../../src/stats/service.ts';
import { createFakeClock } from '../../support/fake-clock.ts';

const WEEK: DateRange = { from: '2026-11-16', to: '2026-11-22', timeZone: 'Asia/Shanghai' };
const WEEK_BEFORE: DateRange = { from: '2026-11-09', to: '2026-11-15', timeZone: 'Asia/Shanghai' };

function recordingClient(): SobotLegacyClient & {
  calls: { action: LegacyAction; from: string; to: string }[];
} {
  const calls: { action: LegacyAction; from: string; to: string }[] = [];
  return {
    calls,
    async call(action, range) {
      calls.push({ action, from: range.from, to: range.to });
      // Every count 10, every rate 50%, every duration 10 s: enough for the mapping to run.
      const shape = (legacyActions[action] as unknown as { shape: Record<string, unknown> }).shape;
      const value = (field: string) =>
        /Lv|Rate|Zb|Ratio|Than/.test(field) ? '50.00%' : /Duration$/.test(field) ? '00:00:10' : 10;
      const raw = Object.fromEntries(Object.keys(shape).map((field) => [field, value(field)]));
      return legacyActions[action].parse(raw) as never;
    },
  };
}

/** The overview, as the stats service asks the backend for it, at Mon 23 Nov 2026 10:00 in Shanghai. */
function overviewOn(client: SobotLegacyClient, range: DateRange) {
  const clock = createFakeClock(Date.parse('2026-11-23T02:00:00Z'));
  const backend = createLegacyBackend(client);
  return createStatsService({ backend, cache: createQueryCache({ clock }), clock }).overview(range);
}

const needsV5 = (error: unknown) => {
  expect(error).toBeInstanceOf(UnsupportedError);
  expect((error as Error).message).toContain("need Sobot's v5 API");
  expect((error as Error).message).toContain('SOBOT_API=v5');
};

describe('createLegacyBackend', () => {
  it('is the legacy API, and trends the human-chat KPIs', () => {
    const backend = createLegacyBackend(recordingClient());
    expect(backend.api).toBe('legacy');
    expect(backend.sessionKpis).toContain('chats');
    expect(backend.sessionKpis).not.toContain('bot_chats');
  });

  it('overview: four actions for the period and the same four for the period before', async () => {
    const client = recordingClient();
    const report = await overviewOn(client, WEEK);
    const actions = ['wb_human_satisfaction', 'wb_session_human', 'wb_session_message', 'wb_session_robot'];
    const of = (from: string) =>
      client.calls
        .filter((c) => c.from === from)
        .map((c) => c.action)
        .sort();
    expect(client.calls).toHaveLength(8);
    expect(of(WEEK.from)).toEqual(actions);
    expect(of(WEEK_BEFORE.from)).toEqual(actions);
    expect(
      client.calls.filter((c) => c.from === WEEK_BEFORE.from).every((c) => c.to === WEEK_BEFORE.to),
    ).toBe(true);
    expect(report.current.chats).toBe(10);
    expect(report.current.messages).toBe(10);
    expect(report.previous.satisfaction).toBe(0.5);
  });

  it('overview of a period that includes now: no comparison, whole days being all the API takes', async () => {
    const client = recordingClient();
    // Mon 23 Nov 2026 10:00 in Shanghai: this week so far.
    const report = await overviewOn(client, { ...WEEK, from: '2026-11-23', to: '2026-11-29' });
    expect(client.calls).toHaveLength(4);
    expect(client.calls.every((c) => c.from === '2026-11-23')).toBe(true);
    expect(report.previous).toEqual({});
  });

  it('messages: one wb_session_message call for the range (a trend point)', async () => {
    const client = recordingClient();
    const day = { ...WEEK, from: '2026-11-20', to: '2026-11-20' };
    await createLegacyBackend(client).messages(day, {}, 'background');
    expect(client.calls).toEqual([{ action: 'wb_session_message', from: '2026-11-20', to: '2026-11-20' }]);
  });

  it('sessions: one wb_session_human call for the range (a trend point)', async () => {
    const client = recordingClient();
    const day = { ...WEEK, from: '2026-11-20', to: '2026-11-20' };
    await createLegacyBackend(client).sessions(day, {}, 'background');
    expect(client.calls).toEqual([{ action: 'wb_session_human', from: '2026-11-20', to: '2026-11-20' }]);
  });

  it('satisfaction: one wb_human_satisfaction call', async () => {
    const client = recordingClient();
    await createLegacyBackend(client).satisfaction(WEEK, {}, 'interactive');
    expect(client.calls.map((c) => c.action)).toEqual(['wb_human_satisfaction']);
  });

  it('bot: wb_session_robot now and before, and wb_robot_satisfaction now', async () => {
    const client = recordingClient();
    await createLegacyBackend(client).bot(WEEK, {}, 'interactive');
    expect(client.calls).toEqual(
      expect.arrayContaining([
        { action: 'wb_session_robot', from: WEEK.from, to: WEEK.to },
        { action: 'wb_session_robot', from: WEEK_BEFORE.from, to: WEEK_BEFORE.to },
        { action: 'wb_robot_satisfaction', from: WEEK.from, to: WEEK.to },
      ]),
    );
    expect(client.calls).toHaveLength(3);
  });

  const unsupported: [string, (b: StatsBackend) => Promise<unknown>][] = [
    ['agentWorkload', (b) => b.agentWorkload(WEEK, {}, 'interactive')],
    ['breakdown by group', (b) => b.breakdown('group', WEEK, {}, 'interactive')],
    ['breakdown by channel', (b) => b.breakdown('channel', WEEK, {}, 'interactive')],
    ['directory of agents', (b) => b.directory('agent', 'interactive')],
    ['customers', (b) => b.customers(WEEK, {}, 'interactive')],
    ['topics', (b) => b.topics(WEEK, {}, 'interactive')],
    ['agentDetail', (b) => b.agentDetail(WEEK, 'agent-1', 'interactive')],
    ['an overview with a group filter', (b) => b.headline(WEEK, { groupIds: ['g1'] }, 'interactive')],
    [
      'message figures with a channel filter',
      (b) => b.messages(WEEK, { channelTypes: ['1'] }, 'interactive'),
    ],
    ['a trend point with an agent filter', (b) => b.sessions(WEEK, { agentIds: ['a1'] }, 'interactive')],
  ];

  it.each(unsupported)(
    '%s: says it needs v5 and how to switch, without calling Sobot',
    async (_what, ask) => {
      const client = recordingClient();
      needsV5(await ask(createLegacyBackend(client)).catch((e: unknown) => e));
      expect(client.calls).toEqual([]);
    },
  );

  it('names what is missing', async () => {
    const backend = createLegacyBackend(recordingClient());
    expect(await backend.agentWorkload(WEEK, {}, 'interactive').catch((e: Error) => e.message)).toMatch(
      /^Per-agent figures need/,
    );
    expect(await backend.directory('group', 'interactive').catch((e: Error) => e.message)).toMatch(/group:/);
  });

  it('takes empty filter lists as no filter', async () => {
    const client = recordingClient();
    await createLegacyBackend(client).satisfaction(WEEK, { groupIds: [], agentIds: [] }, 'interactive');
    expect(client.calls).toHaveLength(1);
  });
});
