// Specs for the legacy mapping: replies (parsed by their schemas, as the client does) in, KPI values and
// card figures out, every expected number worked out by hand from the reply.

import { describe, expect, it } from 'vitest';
import { type LegacyAction, type LegacyItem, legacyActions } from '../../../src/sobot/legacy/endpoints.ts';
import {
  botFigures,
  headlineKpis,
  humanKpis,
  LEGACY_SESSION_KPIS,
  messageKpis,
  satisfactionFigures,
} from '../../../src/sobot/legacy/figures.ts';

const item = <A extends LegacyAction>(action: A, raw: Record<string, unknown>) =>
  legacyActions[action].parse(raw) as LegacyItem<A>;

const HUMAN = item('wb_session_human', {
  consultSession: 56,
  validSession: 50,
  validReceptionRate: '71.43%',
  notReceptionSessionRate: '17.86%',
  transferSession: '3',
  avgSessionDuration: '00:06:48',
});
const BOT = item('wb_session_robot', {
  consultSession: 834,
  validSession: 300,
  selfReceptionSession: 66,
  selfReceptionRate: '22.00%',
  toHumanSession: 412,
  toHumanSessionRate: '49.40%',
});
const SATISFACTION = item('wb_human_satisfaction', {
  effectSessionCount: 50,
  totalTimes: 20,
  canpinglv: '40.00%',
  solvedLv: '75.00%',
  avgNum: '4.25',
  good: 12,
  goodLv: '60.00%',
  middle: 6,
  bad: 2,
  score4: 4,
  score3: 2,
  score2: 1,
  score1: 1,
});
const MESSAGES = item('wb_session_message', {
  totalHumanMessage: 1700,
  customerToServiceMessage: 800,
  serviceMessage: 900,
  answerThan: '112.50%',
  // The bot's messages: not the chats with agents.
  totalMessage: 2500,
  robotMessage: 500,
});

describe('humanKpis', () => {
  it('maps wb_session_human onto the human-chat KPIs', () => {
    expect(humanKpis(HUMAN)).toEqual({
      chats: 56,
      valid_chats: 50,
      valid_reception_rate: 0.7143,
      unanswered_rate: 0.1786,
      transfers: 3,
      // 6 min 48 s.
      avg_reception_duration: 408_000,
    });
  });

  it('gives exactly the KPIs it declares for trends', () => {
    expect(Object.keys(humanKpis(HUMAN)).sort()).toEqual([...LEGACY_SESSION_KPIS].sort());
  });

  it('reads the "0.00%" of a day without chats as unknown, not 0%', () => {
    const quiet = item('wb_session_human', {
      consultSession: 0,
      validReceptionRate: '0.00%',
      notReceptionSessionRate: '0.00%',
      avgSessionDuration: '00:00:00',
    });
    const kpis = humanKpis(quiet);
    expect(kpis.chats).toBe(0);
    expect(kpis.valid_reception_rate).toBeNull();
    expect(kpis.unanswered_rate).toBeNull();
    expect(kpis.avg_reception_duration).toBeNull();
  });

  it('gives every KPI as unknown when Sobot sent no item', () => {
    expect(Object.values(humanKpis(null)).every((value) => value === null)).toBe(true);
  });
});

describe('headlineKpis', () => {
  it('reads the bot and the ratings', () => {
    expect(headlineKpis(BOT, SATISFACTION)).toEqual({
      bot_chats: 834,
      bot_self_service_rate: 0.22,
      bot_transfer_rate: 0.494,
      satisfaction: 0.6,
    });
  });

  it('reads satisfaction as unknown when nothing was rated', () => {
    const none = item('wb_human_satisfaction', { totalTimes: 0, goodLv: '0.00%' });
    expect(headlineKpis(BOT, none).satisfaction).toBeNull();
  });
});

describe('messageKpis', () => {
  it('reads the messages of chats with agents and the answer ratio (答问比), not the bot’s messages', () => {
    expect(messageKpis(MESSAGES)).toEqual({
      messages: 1700,
      customer_messages: 800,
      agent_messages: 900,
      answer_ratio: 1.125,
    });
  });

  it('has every value unknown without a reply, and no answer ratio without customer messages', () => {
    expect(Object.values(messageKpis(null))).toEqual([null, null, null, null]);
    const quiet = item('wb_session_message', { customerToServiceMessage: 0, answerThan: '0.00%' });
    expect(messageKpis(quiet).answer_ratio).toBeNull();
  });
});

describe('the legacy overview', () => {
  it('has no FCR, first response, warnings or queue leave: the legacy API gives none', () => {
    const kpis = { ...humanKpis(HUMAN), ...messageKpis(MESSAGES), ...headlineKpis(BOT, SATISFACTION) };
    for (const id of ['fcr_24h', 'avg_first_response', 'response_warn_rate', 'queue_leave_rate']) {
      expect(kpis).not.toHaveProperty(id);
    }
  });
});

describe('satisfactionFigures', () => {
  const figures = satisfactionFigures(SATISFACTION);

  it('reads five stars: good is 5★, score4…score1 the rest, shares of the 20 rated', () => {
    expect(figures.scale).toBe('five_star');
    expect(figures.distribution).toEqual([
      { label: '5★', count: 12, share: 12 / 20 },
      { label: '4★', count: 4, share: 4 / 20 },
      { label: '3★', count: 2, share: 2 / 20 },
      { label: '2★', count: 1, share: 1 / 20 },
      { label: '1★', count: 1, share: 1 / 20 },
    ]);
  });

  it('takes the rates and the average as Sobot gives them', () => {
    expect(figures).toMatchObject({
      validChats: 50,
      ratedChats: 20,
      feedbackRate: 0.4,
      resolvedRate: 0.75,
      satisfaction: 0.6,
      averageScore: 4.25,
    });
  });

  it('has no per-customer figures', () => {
    expect(figures.customers).toEqual({ rated: null, resolved: null, averageScore: null, distribution: [] });
  });

  it('has no scale and no distribution when nothing was rated', () => {
    const none = satisfactionFigures(
      item('wb_human_satisfaction', { effectSessionCount: 40, totalTimes: 0 }),
    );
    expect(none.scale).toBeNull();
    expect(none.distribution).toEqual([]);
    expect(none.satisfaction).toBeNull();
    expect(none.validChats).toBe(40);
  });
});

describe('botFigures', () => {
  const before = item('wb_session_robot', {
    consultSession: 700,
    validSession: 250,
    selfReceptionRate: '20.00%',
    toHumanSession: 380,
  });
  const ratings = item('wb_robot_satisfaction', {
    effectSessionCount: 300,
    totalTimes: 60,
    canpinglv: '20.00%',
    solvedLv: '75.00%',
  });
  const figures = botFigures(BOT, before, ratings);

  it('reads this period, the period before and the ratings', () => {
    expect(figures).toMatchObject({
      received: 834,
      validReceived: 300,
      selfServed: 66,
      selfServiceRate: 0.22,
      transfersToAgents: 412,
      transferRate: 0.494,
      previous: { received: 700, selfServiceRate: 0.2, transfersToAgents: 380 },
      ratings: { rated: 60, feedbackRate: 0.2, resolvedRate: 0.75 },
    });
  });

  it('has no split of the transfers (asked for, triggered, keyword)', () => {
    expect([figures.activeTransfers, figures.triggeredTransfers, figures.keywordTransfers]).toEqual([
      null,
      null,
      null,
    ]);
  });
});
