import { describe, expect, it } from 'vitest';
import { digestFromForm, type SubmittedDigest } from '../../src/home/digest-form.ts';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const form = (extra: Partial<SubmittedDigest> = {}): SubmittedDigest => ({
  editing: null,
  name: 'Leads-AM',
  channel: 'C0LEADS01',
  time: '07:30',
  days: ['6', '0'],
  timeZone: 'Europe/London',
  period: 'last 7 days',
  filters: {},
  sections: ['overview', 'satisfaction'],
  ...extra,
});
const opts = (taken: string[] = [], unknown: string[] = []) => ({
  lang: 'en' as const,
  now: NOW,
  base: null,
  taken: async (name: string) => taken.includes(name),
  resolve: async (_field: string, name: string) =>
    unknown.includes(name) ? `There is no skill group "${name}".` : null,
});

describe('digestFromForm', () => {
  it('turns a good form into a Slack digest with a daily cron in its own zone', async () => {
    const result = await digestFromForm(form(), opts());
    expect(result).toMatchObject({
      ok: true,
      digest: {
        name: 'leads-am',
        schedule: '30 7 * * 0,6',
        timeZone: 'Europe/London',
        period: 'last 7 days',
        source: 'slack',
      },
    });
  });

  it('says what is wrong per field: a taken name, an unknown group, a section Sobot cannot narrow', async () => {
    const result = await digestFromForm(
      form({ filters: { group: 'Nobody', dept: 'Head Office' }, sections: ['overview', 'bot'] }),
      opts(['leads-am'], ['Nobody']),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'There is already a digest called leads-am: choose another name.',
        group: 'There is no skill group "Nobody".',
        sections: 'Sobot cannot narrow bot to these filters: untick it or clear the filter.',
      },
    });
  });

  it('refuses the sections config and /sobot digest subscribe leave out: agents under channel:, both under dept:', async () => {
    const byChannel = await digestFromForm(
      form({ filters: { channel: 'WeChat' }, sections: ['overview', 'agents'] }),
      opts(),
    );
    expect(byChannel).toEqual({
      ok: false,
      errors: { sections: 'Sobot cannot narrow agents to these filters: untick it or clear the filter.' },
    });
    const inChinese = await digestFromForm(
      form({ filters: { dept: 'Head Office' }, sections: ['overview', 'satisfaction', 'bot'] }),
      { ...opts(), lang: 'zh' as const },
    );
    // Satisfaction is narrowed by department; the bot figures are not.
    expect(inChinese).toEqual({
      ok: false,
      errors: { sections: '智齿无法按这些筛选条件细分 机器人：请取消该项或清除筛选。' },
    });
    const agentsByGroup = await digestFromForm(
      form({ filters: { group: 'Sales' }, sections: ['overview', 'agents', 'satisfaction'] }),
      opts(),
    );
    expect(agentsByGroup.ok).toBe(true);
  });

  it('keeps the name of the digest being edited, whatever the form says', async () => {
    const result = await digestFromForm(form({ editing: 'morning', name: 'other' }), opts(['morning']));
    expect(result.ok && result.digest.name).toBe('morning');
  });
});
