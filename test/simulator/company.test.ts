// The simulated company: deterministic, realistic names, and per-day figures that agree with each other.

import { describe, expect, it } from 'vitest';
import { createCompany } from '../../src/simulator/company.ts';

const HAN = /\p{Script=Han}/u;

function datesOf(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

describe('createCompany', () => {
  it('gives the same company and the same figures for the same seed', () => {
    const a = createCompany({ seed: 7 });
    const b = createCompany({ seed: 7 });
    expect(b.agents).toEqual(a.agents);
    expect(b.departments).toEqual(a.departments);
    expect(b.groups).toEqual(a.groups);
    expect(b.subChannels).toEqual(a.subChannels);
    const agent = a.agents[3]!.id;
    expect(b.agentDay(agent, '2025-06-02')).toEqual(a.agentDay(agent, '2025-06-02'));
    expect(b.botDay(1, '2025-06-02')).toEqual(a.botDay(1, '2025-06-02'));
  });

  it('gives another company for another seed', () => {
    const a = createCompany({ seed: 1 });
    const b = createCompany({ seed: 2 });
    expect(b.agents.map((x) => x.id)).not.toEqual(a.agents.map((x) => x.id));
  });

  it('has 84 agents by default and keeps the count within 30–300', () => {
    expect(createCompany().agents).toHaveLength(84);
    expect(createCompany({ agents: 5 }).agents).toHaveLength(30);
    expect(createCompany({ agents: 1000 }).agents).toHaveLength(300);
  });

  it('gives agents 32-hex ids, unique names, an existing department and one or two existing groups', () => {
    const company = createCompany({ agents: 300, groups: 12 });
    const departments = new Set(company.departments.map((d) => d.id));
    const groups = new Set(company.groups.map((g) => g.id));
    expect(new Set(company.agents.map((a) => a.name)).size).toBe(300);
    for (const agent of company.agents) {
      expect(agent.id).toMatch(/^[0-9a-f]{32}$/);
      expect(departments.has(agent.departmentId)).toBe(true);
      expect(agent.groupIds.length).toBeGreaterThanOrEqual(1);
      expect(agent.groupIds.length).toBeLessThanOrEqual(2);
      for (const g of agent.groupIds) expect(groups.has(g)).toBe(true);
      expect(agent.email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+$/);
    }
  });

  it('mixes names: at least 20% CJK, accents and apostrophes, and names with & and <', () => {
    for (const agents of [30, 84, 300]) {
      const names = createCompany({ agents }).agents.map((a) => a.name);
      expect(names.filter((n) => HAN.test(n)).length / names.length).toBeGreaterThanOrEqual(0.2);
      expect(names).toContain('王小明');
      expect(names).toContain("Seán O'Brien");
      expect(names).toContain('José Álvarez');
      expect(names.some((n) => n.includes('&'))).toBe(true);
      expect(names.some((n) => n.includes('<'))).toBe(true);
    }
  });

  it('builds a head office with 2–4 regional departments', () => {
    for (const departments of [undefined, 2, 4]) {
      const company = createCompany({ departments });
      const head = company.departments.filter((d) => d.parentId === '0');
      expect(head).toHaveLength(1);
      const regions = company.departments.filter((d) => d.parentId === head[0]!.id);
      expect(regions.length).toBeGreaterThanOrEqual(2);
      expect(regions.length).toBeLessThanOrEqual(4);
      if (departments) expect(regions).toHaveLength(departments);
    }
  });

  it('lists the channels of the doc and sub-channel keys like "4_1"', () => {
    const company = createCompany();
    expect(company.channels).toEqual([
      { code: '0', msg: 'Desktop site' },
      { code: '4', msg: 'Mobile Site' },
      { code: '2', msg: 'APP' },
    ]);
    for (const s of company.subChannels) expect(s.flagKey).toBe(`${s.channelType}_${s.flag}`);
    expect(company.subChannels.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 9);
  });

  it('makes up to 50 skill groups, starting with familiar names', () => {
    expect(createCompany({ groups: 5 }).groups.map((g) => g.name)).toEqual([
      'Sales',
      'Support',
      'VIP',
      'Billing',
      'Tech',
    ]);
    expect(createCompany({ groups: 80 }).groups).toHaveLength(50);
  });

  it('has two levels of service classifications', () => {
    const { classifications } = createCompany();
    const top = classifications.filter((c) => c.level === 1);
    expect(top.length).toBeGreaterThan(1);
    for (const child of classifications.filter((c) => c.level === 2)) {
      expect(top.map((t) => t.id)).toContain(child.parentId);
      expect(child.levelPath).toBe(`${child.parentId},${child.id}`);
    }
  });
});

describe('agentDay', () => {
  const company = createCompany({ seed: 3 });
  const dates = datesOf('2025-05-01', 28);
  const days = company.agents.flatMap((a) =>
    dates.map((date) => ({ agent: a.id, date, f: company.agentDay(a.id, date) })),
  );

  it('keeps every part within its whole', () => {
    for (const { f } of days) {
      expect(f.validChats).toBeLessThanOrEqual(f.chats);
      expect(f.inquiryChats).toBeLessThanOrEqual(f.chats);
      expect(f.validReceptions).toBeLessThanOrEqual(f.inquiryChats);
      expect(f.lastReceptionChats).toBeLessThanOrEqual(f.chats);
      expect(f.fcr24hChats).toBeLessThanOrEqual(f.lastReceptionChats);
      expect(f.responseWarnings).toBeLessThanOrEqual(f.responseRounds);
      expect(f.solved + f.notSolved).toBeLessThanOrEqual(f.chats);
      const rated = f.score1 + f.score2 + f.score3 + f.score4 + f.score5;
      expect(f.initiativeRatings).toBeLessThanOrEqual(rated);
      expect(f.invitations).toBeGreaterThanOrEqual(rated - f.initiativeRatings);
      expect(f.newVisitors + f.returningVisitors).toBeLessThanOrEqual(f.validChats);
      expect(f.maxResponseMs).toBeGreaterThanOrEqual(f.chats > 0 ? f.avgResponseMs : 0);
    }
  });

  it('has days off, and fewer chats at weekends', () => {
    expect(days.some(({ f }) => f.chats === 0)).toBe(true);
    const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const mean = (list: typeof days) => list.reduce((s, d) => s + d.f.chats, 0) / list.length;
    expect(mean(days.filter((d) => weekend(d.date)))).toBeLessThan(
      mean(days.filter((d) => !weekend(d.date))) * 0.6,
    );
  });

  it('has a few agents much busier than the median', () => {
    const totals = company.agents
      .map((a) => dates.reduce((s, date) => s + company.agentDay(a.id, date).chats, 0))
      .sort((x, y) => x - y);
    const median = totals[Math.floor(totals.length / 2)]!;
    expect(totals.at(-1)!).toBeGreaterThan(median * 1.8);
  });

  it('rates with the company scheme only', () => {
    const nps = createCompany({ seed: 3, ratingScheme: 'nps' });
    const twoLevel = createCompany({ seed: 3, ratingScheme: 'two_level' });
    let npsRated = 0;
    let level2Rated = 0;
    for (const a of nps.agents.slice(0, 20)) {
      for (const date of dates) {
        const f = nps.agentDay(a.id, date);
        expect(f.score1 + f.score2 + f.score3 + f.score4 + f.score5).toBe(0);
        npsRated += f.nps9 + f.nps10;
        const g = twoLevel.agentDay(a.id, date);
        expect(g.nps10 + g.score5).toBe(0);
        level2Rated += g.level2Satisfied;
      }
    }
    expect(npsRated).toBeGreaterThan(0);
    expect(level2Rated).toBeGreaterThan(0);
  });

  it('gives nothing for an unknown agent', () => {
    expect(company.agentDay('nobody', '2025-05-05').chats).toBe(0);
  });
});
