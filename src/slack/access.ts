// Who may do what: the one table of access rules (`access:` in the config file) and the checks every
// entry point makes against it (slash commands, buttons, and App Home or modals when they come).
// A refusal is an AccessDeniedError whose message names who can. Slack lookups (user group members,
// channel members, channel names) go through a SlackDirectory, cached for a few minutes.

import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import type { AccessRules } from '../config-file.ts';
import { AccessDeniedError } from '../errors.ts';
import { type Phrase, phrase } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import { channelMention } from '../message/message.ts';

/** Memberships as Slack knows them; every answer may be a few minutes old. */
export interface SlackDirectory {
  groupMembers(groupId: string): Promise<ReadonlySet<string>>;
  /** Members of a channel named by id or `#name`. */
  channelMembers(channel: string): Promise<ReadonlySet<string>>;
  /** The id of a channel named by id or `#name`, or null when Slack does not know it. */
  channelId(channel: string): Promise<string | null>;
}

export type Permission =
  /** Managing the bot; `doing` completes "only the bot admins can …". */
  | { kind: 'admin'; doing: Phrase }
  /** Per-agent names and figures (`access.viewers`). */
  | { kind: 'agent-figures' }
  /** A `public` answer in the asker's channel (`access.channels`). */
  | { kind: 'post-public' }
  /** Muting an alert whose messages go to `channel` (id or #name). */
  | { kind: 'mute'; channel: string; doing: Phrase };

export interface AccessContext {
  userId: string;
  channelId: string;
}

export interface AccessPolicy {
  readonly rules: AccessRules;
  allows(permission: Permission, ctx: AccessContext): Promise<boolean>;
  /** Resolves when allowed; otherwise throws an AccessDeniedError that names who can. */
  demand(permission: Permission, ctx: AccessContext): Promise<void>;
}

/** People named in a refusal; the rest are counted. */
const NAMED_IN_REFUSAL = 8;

const isGroup = (id: string) => id.startsWith('S');
const mention = (id: string) => (isGroup(id) ? `<!subteam^${id}>` : `<@${id}>`);

function listed(items: readonly string[], show: (item: string) => string): string | Phrase {
  const named = items.slice(0, NAMED_IN_REFUSAL).map(show).join(', ');
  const more = items.length - NAMED_IN_REFUSAL;
  return more > 0 ? phrase('access.more', { named, count: more }) : named;
}

export function createAccessPolicy(rules: AccessRules, directory: SlackDirectory): AccessPolicy {
  /** Whether userId is one of `people` (user ids, or members of the user group ids). */
  async function among(people: readonly string[], userId: string): Promise<boolean> {
    if (people.includes(userId)) return true;
    for (const group of people.filter(isGroup)) {
      if ((await directory.groupMembers(group)).has(userId)) return true;
    }
    return false;
  }

  const isAdmin = (userId: string) => among(rules.admins, userId);

  async function allows(permission: Permission, ctx: AccessContext): Promise<boolean> {
    switch (permission.kind) {
      case 'admin':
        return isAdmin(ctx.userId);
      case 'agent-figures':
        return rules.viewers === null || (await isAdmin(ctx.userId)) || among(rules.viewers, ctx.userId);
      case 'post-public': {
        if (rules.channels === null || rules.channels.includes(ctx.channelId)) return true;
        for (const channel of rules.channels.filter((c) => c.startsWith('#'))) {
          if ((await directory.channelId(channel)) === ctx.channelId) return true;
        }
        return false;
      }
      case 'mute':
        if (await isAdmin(ctx.userId)) return true;
        return (
          rules.mute.by === 'channel-members' &&
          (await directory.channelMembers(permission.channel)).has(ctx.userId)
        );
    }
  }

  const admins = () =>
    rules.admins.length > 0
      ? phrase('access.admins', { people: listed(rules.admins, mention) })
      : phrase('access.noAdmins');

  /** Who can, said in the asker's language when the reply is written. */
  function refusal(permission: Permission): Phrase {
    switch (permission.kind) {
      case 'admin':
        return phrase('access.adminOnly', { admins: admins(), doing: permission.doing });
      case 'agent-figures': {
        const viewers = rules.viewers?.length
          ? phrase('access.viewersAnd', { viewers: listed(rules.viewers, mention) })
          : '';
        return phrase('access.agentFigures', { viewers, admins: admins() });
      }
      case 'post-public':
        return phrase('access.postPublic', { channels: listed(rules.channels ?? [], channelMention) });
      case 'mute': {
        const members =
          rules.mute.by === 'channel-members'
            ? phrase('access.channelMembers', { channel: channelMention(permission.channel) })
            : '';
        return phrase('access.muteOnly', { admins: admins(), members, doing: permission.doing });
      }
    }
  }

  return {
    rules,
    allows,
    async demand(permission, ctx) {
      if (!(await allows(permission, ctx))) throw new AccessDeniedError(refusal(permission));
    },
  };
}

/** A directory where nobody belongs to any group or channel: the demo, and tests of other things. */
export const NO_DIRECTORY: SlackDirectory = {
  groupMembers: async () => new Set(),
  channelMembers: async () => new Set(),
  channelId: async (channel) => (channel.startsWith('#') ? null : channel),
};

/** How long a membership read from Slack is trusted. */
const MEMBERS_TTL_MS = 5 * 60_000;
/** Pages read of one list (1,000 entries each): enough for any team the bot serves. */
const MAX_PAGES = 20;

type Cursor = { response_metadata?: { next_cursor?: string } };

export function createSlackDirectory(opts: {
  client: WebClient;
  clock: Clock;
  logger: Logger;
}): SlackDirectory {
  const { client, clock } = opts;
  const log = opts.logger.child({ module: 'access' });
  const cache = new Map<string, { value: unknown; until: number }>();

  /** `load()` cached under `key`; a failed lookup trusts nobody (logged) and is retried next time. */
  async function cached<T>(key: string, empty: T, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > clock.now()) return hit.value as T;
    try {
      const value = await load();
      cache.set(key, { value, until: clock.now() + MEMBERS_TTL_MS });
      return value;
    } catch (error) {
      log.warn({ err: error, lookup: key }, 'could not read a membership from Slack');
      return empty;
    }
  }

  async function paged<R extends Cursor>(page: (cursor: string | undefined) => Promise<R>): Promise<R[]> {
    const pages: R[] = [];
    let cursor: string | undefined;
    do {
      const reply = await page(cursor);
      pages.push(reply);
      cursor = reply.response_metadata?.next_cursor || undefined;
    } while (cursor && pages.length < MAX_PAGES);
    return pages;
  }

  const channelId = (channel: string): Promise<string | null> => {
    if (!channel.startsWith('#')) return Promise.resolve(channel);
    return cached(`channel-id:${channel}`, null, async () => {
      const pages = await paged((cursor) =>
        client.conversations.list({
          types: 'public_channel,private_channel',
          exclude_archived: true,
          limit: 1000,
          cursor,
        }),
      );
      const found = pages.flatMap((p) => p.channels ?? []).find((c) => `#${c.name}` === channel);
      return found?.id ?? null;
    });
  };

  return {
    groupMembers: (groupId) =>
      cached(`group:${groupId}`, new Set<string>(), async () => {
        const reply = await client.usergroups.users.list({ usergroup: groupId });
        return new Set(reply.users ?? []);
      }),
    async channelMembers(channel) {
      const id = await channelId(channel);
      if (id === null) return new Set<string>();
      return cached(`channel:${id}`, new Set<string>(), async () => {
        const pages = await paged((cursor) =>
          client.conversations.members({ channel: id, limit: 1000, cursor }),
        );
        return new Set(pages.flatMap((p) => p.members ?? []));
      });
    },
    channelId,
  };
}
