// Forgiving name matching for filters (`group:sales`, `agent:jose`, `dept:华东`): case, accents
// and spacing do not matter; a unique partial match is accepted; otherwise the close names.

import { distance } from 'fastest-levenshtein';
import type { DirectoryEntry } from './model.ts';

export type NameMatch =
  | { kind: 'one'; entry: DirectoryEntry }
  | { kind: 'several'; entries: DirectoryEntry[] }
  | { kind: 'none'; close: DirectoryEntry[] };

/** Lower-case, accents stripped (José → jose), spaces, dashes and underscores folded. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

const namesOf = (entry: DirectoryEntry) => [entry.name, ...entry.aliases].map(foldName).filter(Boolean);

export function matchName(wanted: string, entries: readonly DirectoryEntry[]): NameMatch {
  const target = foldName(wanted);
  const exact = entries.filter((e) => e.id === wanted || namesOf(e).includes(target));
  if (exact.length === 1) return { kind: 'one', entry: exact[0] as DirectoryEntry };
  if (exact.length > 1) return { kind: 'several', entries: exact };
  const partial = entries.filter((e) => namesOf(e).some((name) => name.includes(target)));
  if (partial.length === 1) return { kind: 'one', entry: partial[0] as DirectoryEntry };
  if (partial.length > 1) return { kind: 'several', entries: partial.slice(0, 10) };
  const scored = entries
    .map((entry) => ({ entry, score: Math.min(...namesOf(entry).map((name) => distance(name, target))) }))
    .filter(({ score }) => score <= Math.max(2, Math.floor(target.length / 2)))
    .sort((a, b) => a.score - b.score);
  return { kind: 'none', close: scored.slice(0, 5).map(({ entry }) => entry) };
}

/** What tells two agents with the same display name apart. */
export interface NamedAgent {
  agentId: string;
  name: string;
  email: string | null;
  groups: readonly string[];
}

/**
 * Agents who share a display name (three "Amara"s in one team) get what tells them apart added
 * wherever a name is shown short: the email's local part, else their skill group, else the end
 * of their id. Everyone else keeps their name as Sobot gives it.
 */
export function withDistinctNames<T extends NamedAgent>(rows: readonly T[]): T[] {
  const byName = new Map<string, T[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  return rows.map((row) => {
    const namesakes = byName.get(row.name) ?? [];
    if (namesakes.length < 2) return row;
    return { ...row, name: `${row.name} (${tellApart(row, namesakes)})` };
  });
}

/** What a table may add to a shared display name, most telling first: the email's local part, the one skill group. */
const localPart = (agent: NamedAgent) => agent.email?.split('@')[0] || null;
const onlyGroup = (agent: NamedAgent) => (agent.groups.length === 1 ? (agent.groups[0] ?? null) : null);
/** Sobot's ids are long hex strings that differ throughout; the end is enough to tell two apart. */
const idEnd = (agent: NamedAgent) => agent.agentId.slice(-6);

function tellApart(row: NamedAgent, namesakes: readonly NamedAgent[]): string {
  for (const key of [localPart, onlyGroup]) {
    const mine = key(row);
    if (mine && namesakes.filter((other) => key(other) === mine).length === 1) return mine;
  }
  return localPart(row) ?? idEnd(row);
}

/** `Amara (amara.rossi)`, also typed with full-width parentheses: the name and what tells it apart. */
const SHOWN_NAME = /^(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]$/u;

/**
 * The agents a typed name means when it is one of the forms withDistinctNames prints: the email's
 * local part alone (`amara.rossi`), or the display name with the local part, the skill group or the
 * id's end in parentheses (`Amara (amara.rossi)`, `Amara (Sales)`). Which of those a table printed
 * depends on the namesakes in its period, so any of them is accepted, in any period.
 */
export function agentsShownAs<T extends NamedAgent>(typed: string, rows: readonly T[]): T[] {
  const target = foldName(typed);
  const byLocalPart = rows.filter((row) => foldName(localPart(row) ?? '') === target);
  if (byLocalPart.length) return byLocalPart;
  const [, name = '', tail = ''] = SHOWN_NAME.exec(typed.trim()) ?? [];
  if (!name) return [];
  const told = foldName(tail);
  return rows.filter(
    (row) =>
      foldName(row.name) === foldName(name) &&
      [localPart(row), onlyGroup(row), idEnd(row)].some((key) => key !== null && foldName(key) === told),
  );
}
