// Admin actions (digest subscribe/unsubscribe/now, alert mute/unmute, alert rules saved/deleted): each one is logged at info with
// who, what and from where, and the last one per digest or alert is kept in the store so
// `/sobot digest list` and `/sobot alerts list` can say who last changed or muted what.

import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store/store.ts';

export type AuditAction =
  | 'digest.subscribe'
  | 'digest.unsubscribe'
  | 'digest.now'
  | 'alert.mute'
  | 'alert.unmute'
  | 'alert.save'
  | 'alert.delete';

export interface AuditEntry {
  action: AuditAction;
  /** The digest or alert rule acted on. */
  target: string;
  /** Slack user id of who did it. */
  by: string;
  /** Slack channel (or DM) it was done from. */
  channel: string;
  /** Through what: a slash command or a button of a message. */
  via: 'command' | 'button';
  /** ISO time. */
  at: string;
  /** A few words of detail (`until 2026-12-03T10:00Z`, `#cs-leads 09:00`). */
  detail?: string;
}

export interface Audit {
  record(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  /** The latest action on `target` of this kind (`digest` or `alert`), or of any target of the kind. */
  last(kind: 'digest' | 'alert' | 'rule', target?: string): Promise<AuditEntry | null>;
}

/** Saving or deleting a rule is kept apart from its mutes, which `/sobot alerts list` reports. */
const kindOf = (action: AuditAction) =>
  action.startsWith('digest.')
    ? 'digest'
    : action === 'alert.save' || action === 'alert.delete'
      ? 'rule'
      : 'alert';
const key = (kind: string, target?: string) => `audit:last:${kind}${target ? `:${target}` : ''}`;

export function createAudit(opts: { logger: Logger; store: Store; clock: Clock }): Audit {
  const log = opts.logger.child({ module: 'audit' });
  return {
    async record(fields) {
      const entry: AuditEntry = { ...fields, at: new Date(opts.clock.now()).toISOString() };
      log.info(entry, 'admin action');
      const kind = kindOf(entry.action);
      try {
        await opts.store.set(key(kind, entry.target), entry);
        await opts.store.set(key(kind), entry);
      } catch (error) {
        // The action itself is done and logged; only the "last changed by" line would miss it.
        log.warn({ err: error, action: entry.action }, 'could not keep the last admin action');
      }
    },
    last: (kind, target) => opts.store.get<AuditEntry>(key(kind, target)),
  };
}
