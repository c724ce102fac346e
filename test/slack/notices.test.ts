import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import { progressText, queuedText, staleText, withNote } from '../../src/slack/notices.ts';
import {
  SobotCircuitOpenError,
  SobotRateLimitedError,
  SobotUnavailableError,
} from '../../src/sobot/errors.ts';

/** 09:30 in Shanghai. */
const NOW = Date.parse('2026-11-23T01:30:00Z');
const ZONE = 'Asia/Shanghai';
const MIN = 60_000;

describe('wait notices', () => {
  it('says how many calls are ahead and about how long, in whole minutes', () => {
    expect(queuedText({ ahead: 63, startsAt: NOW + 4 * MIN + 10_000, perMinute: 20 }, NOW, 'en')).toBe(
      ':hourglass_flowing_sand: Queued, about 4 min: Sobot allows 20 calls a minute and 63 are queued ahead of yours; your answer follows.',
    );
    expect(queuedText({ ahead: 2, startsAt: NOW + 5_000, perMinute: 20 }, NOW, 'en')).toContain(
      'about 1 min',
    );
  });

  it('is a plain progress notice once the call is no longer waiting for the budget', () => {
    expect(progressText(null, NOW, 'en')).toMatch(/^:hourglass_flowing_sand: Still fetching from Sobot/);
    expect(progressText({ ahead: 0, startsAt: NOW - 1, perMinute: 20 }, NOW, 'en')).toMatch(/Still fetching/);
  });
});

describe('the mark on a cached answer', () => {
  it('names the outage and the age of the oldest figures, in the company time zone', () => {
    const down = new SobotCircuitOpenError(NOW - 18 * MIN, '/x');
    expect(staleText([{ storedAt: NOW - 50 * MIN, cause: down }], ZONE, NOW, 'en')).toBe(
      ':warning: Sobot is not answering since 09:12; cached figures from 08:40 (50 min old) shown.',
    );
    const limited = new SobotRateLimitedError('/x', 3600, NOW + 60 * MIN);
    expect(
      staleText(
        [
          { storedAt: NOW - 3 * 60 * MIN, cause: new SobotUnavailableError('down', '/x') },
          { storedAt: NOW - 26 * 60 * MIN, cause: limited },
        ],
        ZONE,
        NOW,
        'en',
      ),
    ).toBe(
      ':warning: Sobot is rate-limiting this company until 10:30; cached figures from Sun 07:30 (26 h old) shown.',
    );
    expect(staleText([], ZONE, NOW, 'en')).toBeNull();
  });

  it('goes under the header and keeps the chart in its place', () => {
    const message: BotMessage = {
      visibility: 'ephemeral',
      text: 'Bot chats 120',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Chatbot' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Received 120' } },
      ],
      chart: { spec: {} as never, altText: 'chart', position: 2 },
    };
    const marked = withNote(message, ':warning: old');
    expect(marked.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section']);
    expect(marked.chart?.position).toBe(3);
    expect(marked.text).toBe(':warning: old Bot chats 120');
    expect(blockKitProblems(marked)).toEqual([]);
  });
});
