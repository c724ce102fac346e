// Specs for forgiving filter-name matching: folding of case, accents and spacing; exact before
// partial; ids; and the close names offered when nothing matches.

import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../src/stats/model.ts';
import {
  agentsShownAs,
  foldName,
  matchName,
  type NamedAgent,
  withDistinctNames,
} from '../../src/stats/names.ts';

const group = (id: string, name: string, aliases: string[] = []): DirectoryEntry => ({
  dimension: 'group',
  id,
  name,
  aliases,
});

const SALES = group('g1', 'Sales');
const SALES_VIP = group('g2', 'Sales VIP');
const SUPPORT = group('g3', 'Support');
const SESSION = group('g4', 'Session Stat-Test');
const EAST = group('g5', '华东 一部');
const JOSE = group('a1', 'José Álvarez', ['jalvarez', 'jose.alvarez@example.com']);

const DIRECTORY = [SALES, SALES_VIP, SUPPORT, SESSION, EAST, JOSE];

const namesOf = (entries: readonly DirectoryEntry[]) => entries.map((e) => e.name);

describe('foldName', () => {
  it.each([
    ['José', 'jose'],
    ['Álvarez', 'alvarez'],
    ['Session  Stat-Test', 'session stat test'],
    ['  SALES_team ', 'sales team'],
    ['Support\t-\tDesk', 'support desk'],
    ['ＡＰＰ', 'app'],
    ['华东 一部', '华东 一部'],
  ])('folds %j to %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('matchName', () => {
  it('prefers an exact name over partial ones', () => {
    // "sales" is also part of "Sales VIP", but it is exactly "Sales".
    expect(matchName('sales', DIRECTORY)).toEqual({ kind: 'one', entry: SALES });
  });

  it('matches regardless of case, accents and spacing', () => {
    expect(matchName('SESSION stat test', DIRECTORY)).toEqual({ kind: 'one', entry: SESSION });
    expect(matchName('session_stat  test', DIRECTORY)).toEqual({ kind: 'one', entry: SESSION });
    expect(matchName('jose alvarez', DIRECTORY)).toEqual({ kind: 'one', entry: JOSE });
  });

  it('matches an id', () => {
    expect(matchName('g3', DIRECTORY)).toEqual({ kind: 'one', entry: SUPPORT });
  });

  it('matches an alias', () => {
    expect(matchName('JAlvarez', DIRECTORY)).toEqual({ kind: 'one', entry: JOSE });
    expect(matchName('jose.alvarez@example.com', DIRECTORY)).toEqual({ kind: 'one', entry: JOSE });
  });

  it('accepts a unique partial match', () => {
    expect(matchName('vip', DIRECTORY)).toEqual({ kind: 'one', entry: SALES_VIP });
    expect(matchName('华东', DIRECTORY)).toEqual({ kind: 'one', entry: EAST });
    expect(matchName('jose', DIRECTORY)).toEqual({ kind: 'one', entry: JOSE });
  });

  it('returns several when a partial name fits more than one', () => {
    const match = matchName('sal', DIRECTORY);
    expect(match.kind).toBe('several');
    expect(match.kind === 'several' && namesOf(match.entries)).toEqual(['Sales', 'Sales VIP']);
  });

  it('returns several when two entries share the exact name', () => {
    const twin = group('g9', 'sales');
    const match = matchName('Sales', [SALES, twin, SALES_VIP]);
    expect(match).toEqual({ kind: 'several', entries: [SALES, twin] });
  });

  it('offers the close names when nothing matches', () => {
    // "slaes" is two edits from "sales".
    expect(matchName('Slaes', DIRECTORY)).toEqual({ kind: 'none', close: [SALES] });
    expect(matchName('Suport', DIRECTORY)).toEqual({ kind: 'none', close: [SUPPORT] });
  });

  it('offers no names when nothing is close', () => {
    expect(matchName('Marketing', DIRECTORY)).toEqual({ kind: 'none', close: [] });
    expect(matchName('zzzzzz', DIRECTORY)).toEqual({ kind: 'none', close: [] });
  });

  it('offers at most five close names, the closest first', () => {
    const teams = ['Team A', 'Team B', 'Team C', 'Team D', 'Team E', 'Team F', 'Team G', 'Team X'].map(
      (name, i) => group(`t${i}`, name),
    );
    // "Taem X" is two edits from "team x" and three from every other team.
    const match = matchName('Taem X', teams);
    expect(match.kind).toBe('none');
    const close = match.kind === 'none' ? match.close : [];
    expect(close).toHaveLength(5);
    expect(close[0]?.name).toBe('Team X');
  });

  it('answers none with no close names for an empty directory', () => {
    expect(matchName('Sales', [])).toEqual({ kind: 'none', close: [] });
  });
});

describe('withDistinctNames', () => {
  const agent = (agentId: string, name: string, email: string | null, groups: string[] = []): NamedAgent => ({
    agentId,
    name,
    email,
    groups,
  });

  it('adds the email local part to agents who share a display name, and leaves the others alone', () => {
    const rows = [
      agent('a1', 'Amara', 'amara.okafor@example.com'),
      agent('a2', 'Amara', 'amara.diallo@example.com'),
      agent('a3', '王小明', null),
    ];
    expect(withDistinctNames(rows).map((r) => r.name)).toEqual([
      'Amara (amara.okafor)',
      'Amara (amara.diallo)',
      '王小明',
    ]);
  });

  it('uses the skill group when namesakes have no email, and the id when they share the group too', () => {
    const rows = [
      agent('8f3a1c1001', 'Ahmed', null, ['Sales']),
      agent('8f3a1c2002', 'Ahmed', null, ['After-sales']),
      agent('0b9e7d3003', 'Li', null, ['VIP']),
      agent('0b9e7d4004', 'Li', null, ['VIP']),
    ];
    expect(withDistinctNames(rows).map((r) => r.name)).toEqual([
      'Ahmed (Sales)',
      'Ahmed (After-sales)',
      'Li (7d3003)',
      'Li (7d4004)',
    ]);
  });

  it('finds an agent again by every name it printed: what withDistinctNames shows is what agentsShownAs takes', () => {
    const rows = [
      agent('a1', 'Amara', 'amara.okafor@example.com', ['Sales']),
      agent('a2', 'Amara', 'amara.diallo@example.com', ['Billing']),
      agent('8f3a1c1001', 'Ahmed', null, ['Sales']),
      agent('8f3a1c2002', 'Ahmed', null, ['After-sales']),
      agent('0b9e7d3003', 'Li', null, ['VIP']),
      agent('0b9e7d4004', 'Li', null, ['VIP']),
    ];
    for (const [i, shown] of withDistinctNames(rows).entries()) {
      expect(agentsShownAs(shown.name, rows), shown.name).toEqual([rows[i]]);
    }
  });

  it('takes the local part alone, full-width parentheses, any case, and the group or id end instead', () => {
    const okafor = agent('a1', 'Amara', 'amara.okafor@example.com', ['Sales']);
    const diallo = agent('a2', 'Amara', 'amara.diallo@example.com', ['Billing']);
    const rows = [okafor, diallo];
    expect(agentsShownAs('amara.okafor', rows)).toEqual([okafor]);
    expect(agentsShownAs('AMARA.DIALLO', rows)).toEqual([diallo]);
    expect(agentsShownAs('Amara（amara.diallo）', rows)).toEqual([diallo]);
    expect(agentsShownAs('amara (billing)', rows)).toEqual([diallo]);
    expect(agentsShownAs('Amara (a1)', rows)).toEqual([okafor]);
  });

  it('finds nobody for a plain name, another name with the same part, or a part nobody has', () => {
    const okafor = agent('a1', 'Amara', 'amara.okafor@example.com', ['Sales']);
    const rows = [okafor, agent('a2', 'Amara', 'amara.diallo@example.com', ['Sales'])];
    expect(agentsShownAs('Amara', rows)).toEqual([]);
    expect(agentsShownAs('Ahmed (amara.okafor)', rows)).toEqual([]);
    expect(agentsShownAs('Amara (amara.smith)', rows)).toEqual([]);
    // Both are in Sales: the group does not tell them apart, so it names both.
    expect(agentsShownAs('Amara (Sales)', rows)).toHaveLength(2);
  });
});
