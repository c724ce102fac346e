// The alert rule form's own logic: numbers typed in the KPI's unit become the rule's (20 % → 0.2,
// 90 s → 90 000 ms) and back, defaults keep what the form does not show, and each wrong field is named.

import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/config-file.ts';
import { type AlertDraft, draftOf, newDraft, ruleFromForm } from '../../src/home/alert-form.ts';

const form = (fields: Partial<AlertDraft>): AlertDraft => ({
  ...newDraft('Asia/Shanghai'),
  name: 'slow-first-reply',
  threshold: '20',
  channel: 'C0ALERTS1',
  ...fields,
});
const checks = {
  lang: 'en' as const,
  base: null,
  taken: async (name: string) => name === 'taken',
  resolve: async (_kind: string, name: string) => (name === 'Sales' ? null : `There is no group "${name}".`),
};

describe('the alert rule form', () => {
  it('keeps a rate typed in % as a fraction, and a time typed in seconds as milliseconds', async () => {
    const rate = await ruleFromForm(form({ threshold: '20', clear: '15.5' }), checks);
    expect(rate).toMatchObject({ ok: true, rule: { threshold: 0.2, clear: 0.155, source: 'slack' } });
    const time = await ruleFromForm(form({ kpi: 'avg_first_response', threshold: '90' }), checks);
    expect(time).toMatchObject({ ok: true, rule: { threshold: 90_000, clear: 90_000 } });
  });

  it('shows a rule as it was typed, so Edit opens with the numbers the admin wrote', async () => {
    const saved = await ruleFromForm(
      form({ threshold: '7', clear: '5', scope: 'group', scopeName: 'Sales', for: '2' }),
      checks,
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(draftOf(saved.rule)).toMatchObject({
      threshold: '7',
      clear: '5',
      scope: 'group',
      scopeName: 'Sales',
      for: '2',
      editing: 'slow-first-reply',
    });
  });

  it('keeps the mention, repeat and no-data of the rule it edits', async () => {
    const base = {
      mention: '<!here>',
      repeatMs: 7_200_000,
      noData: 'alert',
      check: '5 * * * *',
    } as AlertRule;
    const result = await ruleFromForm(form({ editing: 'x', schedule: '5 * * * *' }), { ...checks, base });
    expect(result).toMatchObject({
      ok: true,
      rule: { name: 'x', mention: '<!here>', repeatMs: 7_200_000, noData: 'alert', check: '5 * * * *' },
    });
  });

  it('names each wrong field', async () => {
    const result = await ruleFromForm(
      form({
        name: 'taken',
        threshold: 'twenty',
        scope: 'group',
        scopeName: 'Nobody',
        for: '1.5',
        minVolume: '-1',
        channel: null,
        schedule: '* * * * *',
        timeZone: 'Mars/Olympus',
      }),
      checks,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: 'There is already an alert rule called taken: choose another name.',
      scopeName: 'There is no group "Nobody".',
      threshold: 'Write a number, such as 20.',
      for: 'Write a whole number from 1 to 100.',
      minVolume: 'Write a whole number, 0 or more.',
      channel: 'Choose the channel the alerts go to.',
      schedule: 'Choose one of the schedules offered.',
      timeZone: 'Not a time zone: write it as Asia/Shanghai or Europe/London.',
    });
  });
});
