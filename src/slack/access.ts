// Who may manage digests and alerts: the Slack user ids and user group ids in `access.admins`.
// Group members are looked up with usergroups.users.list and trusted for a few minutes.

import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

const MEMBERS_TTL_MS = 5 * 60_000;

export function createAdminCheck(opts: {
  client: WebClient;
  admins: readonly string[];
  clock: Clock;
  logger: Logger;
}): (userId: string) => Promise<boolean> {
  const log = opts.logger.child({ module: 'access' });
  const users = new Set(opts.admins.filter((id) => !id.startsWith('S')));
  const groups = opts.admins.filter((id) => id.startsWith('S'));
  const members = new Map<string, { users: Set<string>; until: number }>();

  async function membersOf(group: string): Promise<Set<string>> {
    const cached = members.get(group);
    if (cached && cached.until > opts.clock.now()) return cached.users;
    try {
      const reply = await opts.client.usergroups.users.list({ usergroup: group });
      const found = new Set(reply.users ?? []);
      members.set(group, { users: found, until: opts.clock.now() + MEMBERS_TTL_MS });
      return found;
    } catch (error) {
      // Without the list nobody gets in through this group; the named users still do.
      log.warn({ err: error, group }, 'could not read the members of an admin user group');
      return new Set();
    }
  }

  return async (userId) => {
    if (users.has(userId)) return true;
    for (const group of groups) {
      if ((await membersOf(group)).has(userId)) return true;
    }
    return false;
  };
}
