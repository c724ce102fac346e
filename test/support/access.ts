// Access rules and an audit trail for unit tests of commands: the real policy over a directory the
// test fills in, and an audit that keeps its entries in memory.

import type { Audit, AuditEntry } from '../../src/audit.ts';
import { type AccessRules, DEFAULT_ACCESS } from '../../src/config-file.ts';
import { type AccessPolicy, createAccessPolicy, type SlackDirectory } from '../../src/slack/access.ts';

/** Group and channel members by id; channels by `#name` → id. */
export function memoryDirectory(
  opts: {
    groups?: Record<string, string[]>;
    channels?: Record<string, string[]>;
    names?: Record<string, string>;
  } = {},
): SlackDirectory {
  const idOf = (channel: string) => (channel.startsWith('#') ? (opts.names?.[channel] ?? null) : channel);
  return {
    groupMembers: async (id) => new Set(opts.groups?.[id] ?? []),
    channelMembers: async (channel) => new Set(opts.channels?.[idOf(channel) ?? ''] ?? []),
    channelId: async (channel) => idOf(channel),
  };
}

export function accessFor(rules: Partial<AccessRules> = {}, directory = memoryDirectory()): AccessPolicy {
  return createAccessPolicy({ ...DEFAULT_ACCESS, ...rules }, directory);
}

export function memoryAudit(): Audit & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push({ ...entry, at: new Date(0).toISOString() });
    },
    async last(kind, target) {
      return (
        entries.findLast(
          (e) => e.action.startsWith(`${kind}.`) && (target === undefined || e.target === target),
        ) ?? null
      );
    },
  };
}
