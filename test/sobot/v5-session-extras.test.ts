// Specs for the getStat KPIs beyond the breakdown columns, checked against the document's own
// getStat example reply (test/fixtures/v5/chatStats.json) and its rate fields.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { v5Endpoints } from '../../src/sobot/v5/endpoints.ts';
import { sessionExtras } from '../../src/sobot/v5/session-extras.ts';

const raw = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'v5', 'chatStats.json'), 'utf8'),
) as {
  items: unknown[];
};
const DOC_ROW = v5Endpoints.chatStats.item.parse(raw.items[0]);

describe('sessionExtras on the document’s getStat example', () => {
  const kpis = sessionExtras([DOC_ROW]);

  it('gives Sobot’s own rates for one row: unanswered 25.00% (14 of 56), no agent reply 3.57% (2 of 56)', () => {
    expect(kpis.unanswered_rate).toBe(0.25);
    expect(kpis.no_reply_rate).toBeCloseTo(0.03571428571428571, 12);
  });

  it('gives the counts: 0 transfers, 20 resolved, 14 unresolved, 22 untagged (adding up to the 56 chats)', () => {
    expect(kpis.transfers).toBe(0);
    expect([kpis.resolved_chats, kpis.unresolved_chats, kpis.untagged_chats]).toEqual([20, 14, 22]);
  });

  it('gives Sobot’s averages in ms: reception 00:10:28, response 00:03:02, queue 0', () => {
    expect(kpis.avg_reception_duration).toBe(628769.25);
    expect(kpis.avg_response_time).toBeCloseTo(182964.42328042327, 6);
    expect(kpis.avg_queue_wait).toBe(0);
    expect(kpis.avg_queue_leave_time).toBe(0);
  });
});

describe('sessionExtras over several rows', () => {
  const row = (overrides: Record<string, unknown>) =>
    v5Endpoints.chatStats.item.parse({ ...(raw.items[0] as object), ...overrides });

  it('reproduces each row’s rate when combining, and a one-row total is the row’s rate', () => {
    const a = row({ human_consult: 56, human_not_recep: 14, human_not_recep_rate: 0.25 });
    const b = row({ human_consult: 44, human_not_recep: 11, human_not_recep_rate: 0.25 });
    expect(sessionExtras([a, b]).unanswered_rate).toBeCloseTo(0.25, 12);
    expect(sessionExtras([b]).unanswered_rate).toBe(0.25);
  });

  it('weights the reception average by valid chats and the response average by reply rounds', () => {
    const a = row({
      human_valid: 30,
      avg_human_recep_duration: 60_000,
      staff_res_total_count: 10,
      avg_staff_res_total_duration: 1_000,
    });
    const b = row({
      human_valid: 10,
      avg_human_recep_duration: 120_000,
      staff_res_total_count: 30,
      avg_staff_res_total_duration: 5_000,
    });
    const kpis = sessionExtras([a, b]);
    expect(kpis.avg_reception_duration).toBe((30 * 60_000 + 10 * 120_000) / 40);
    expect(kpis.avg_response_time).toBe((10 * 1_000 + 30 * 5_000) / 40);
  });

  it('leaves a sum unknown when a row left the count out, rather than a partial sum', () => {
    const a = row({ human_transfer: 3 });
    const b = row({ human_transfer: null });
    expect(sessionExtras([a, b]).transfers).toBeNull();
  });
});
