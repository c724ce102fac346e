// manifest.yml: valid by Slack's manifest rules, and asking for what the bot needs, including every
// scope the Web API calls in the code require.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ASK } from '../src/message/actions.ts';
import { SLASH_COMMAND } from '../src/slack/app.ts';

type Manifest = AppsManifestCreateArguments['manifest'];
type BotScope = NonNullable<NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>['bot']>[number];

type BotEvent = NonNullable<
  NonNullable<NonNullable<Manifest['settings']>['event_subscriptions']>['bot_events']
>[number];

/** Events a bot like this one may subscribe to; `satisfies` checks each against the SDK's list. */
const KNOWN_BOT_EVENTS = [
  'app_home_opened',
  'app_mention',
  'message.im',
] as const satisfies readonly BotEvent[];

const ROOT = join(import.meta.dirname, '..');

/** Bot scopes a bot like this one may plausibly ask for; `satisfies` checks each against the SDK's list. */
const KNOWN_BOT_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'channels:join',
  'channels:read',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'commands',
  'files:read',
  'files:write',
  'groups:read',
  'im:history',
  'im:read',
  'im:write',
  'mpim:write',
  'reactions:write',
  'team:read',
  'usergroups:read',
  'users:read',
  'users:read.email',
] as const satisfies readonly BotScope[];

/**
 * The scope each Web API method the bot may call needs (https://docs.slack.dev/reference/methods).
 * files.uploadV2 is the SDK's wrapper around files.getUploadURLExternal + completeUploadExternal.
 */
const SCOPE_OF_METHOD: Record<string, BotScope | null> = {
  'files.uploadV2': 'files:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'conversations.open': 'im:write',
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'usergroups.users.list': 'usergroups:read',
  'users.info': 'users:read',
  // Views (the Home tab, modals) need no scope: Slack checks the trigger or the app's Home tab.
  'views.publish': null,
  'views.open': null,
  'views.update': null,
  // Public channels; a private alert channel needs groups:read as well (checked below).
  'conversations.members': 'channels:read',
  'conversations.list': 'channels:read',
};

// Limits from Slack's manifest schema (github.com/slackapi/manifest-schema, manifest.schema.2.0.0.json).
const httpsUrl = z.url({ protocol: /^https$/ });
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(2), minor_version: z.number().int() }),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean().optional(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z
            .string()
            .max(32)
            .regex(/^\/[a-z0-9_.-]+$/),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().min(1).max(1000).optional(),
          should_escape: z.boolean().optional(),
          url: httpsUrl.optional(),
        }),
      )
      .min(1)
      .max(50),
    shortcuts: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(24),
          type: z.enum(['global', 'message']),
          callback_id: z.string().min(1).max(255),
          description: z.string().min(1).max(150),
        }),
      )
      .max(10)
      .optional(),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.enum(KNOWN_BOT_SCOPES)).min(1).max(255) }),
  }),
  settings: z.strictObject({
    event_subscriptions: z
      .strictObject({
        request_url: httpsUrl.optional(),
        bot_events: z.array(z.enum(KNOWN_BOT_EVENTS)).max(100),
      })
      .optional(),
    interactivity: z.strictObject({
      is_enabled: z.boolean(),
      request_url: httpsUrl.optional(),
      message_menu_options_url: httpsUrl.optional(),
    }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

function readManifest(): unknown {
  return parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));
}

function loadManifest() {
  // `satisfies`: what we validate is also a manifest by the Slack SDK's own types.
  return manifestSchema.parse(readManifest()) satisfies Manifest;
}

/** Web API methods called as `client.<family>.<method>(` or `apiCall('<family>.<method>'` in shipped code. */
function webApiMethodsInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const dir of ['src', 'commands', 'reports']) {
    const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(ROOT, dir, file), 'utf8');
      const calls = [
        ...source.matchAll(/\bclient\??\.([a-z]+)\??\.([A-Za-z0-9]+)\s*\(/g),
        ...source.matchAll(/\bapiCall\(\s*['"]([a-z]+)\.([A-Za-z0-9.]+)['"]/g),
      ];
      for (const [, family, method] of calls) {
        const name = `${family}.${method}`;
        found.set(name, [...(found.get(name) ?? []), join(dir, file)]);
      }
    }
  }
  return found;
}

describe('manifest.yml', () => {
  const manifest = loadManifest();
  const botScopes: readonly string[] = manifest.oauth_config.scopes.bot;

  it('is a version 2 manifest within the limits of Slack’s schema', () => {
    expect(manifestSchema.safeParse(readManifest()).error?.issues ?? []).toEqual([]);
    expect(manifest._metadata).toEqual({ major_version: 2, minor_version: 1 });
    expect(manifest.display_information.name).toBe('Sobot Stats');
  });

  it('would reject a too-long name, an upper-case command, an http URL and an unknown scope', () => {
    const broken = structuredClone(readManifest()) as Manifest;
    broken.display_information.name = 'S'.repeat(36);
    const command = broken.features?.slash_commands?.[0];
    if (command) Object.assign(command, { command: '/Sobot', url: 'http://example.com/slack/events' });
    broken.oauth_config?.scopes?.bot?.push('chat:write:everything' as BotScope);
    const paths = (manifestSchema.safeParse(broken).error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(paths.sort()).toEqual(
      [
        'display_information.name',
        'features.slash_commands.0.command',
        'features.slash_commands.0.url',
        `oauth_config.scopes.bot.${(broken.oauth_config?.scopes?.bot?.length ?? 0) - 1}`,
      ].sort(),
    );
  });

  it('declares /sobot, the command the Bolt app listens to', () => {
    const commands = manifest.features.slash_commands.map((c) => c.command);
    expect(commands).toContain('/sobot');
    expect(commands).toContain(SLASH_COMMAND);
    expect(manifest.features.slash_commands.find((c) => c.command === '/sobot')?.should_escape).toBe(false);
  });

  it('points the HTTP-mode URLs at the endpoint Bolt serves, /slack/events', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.interactivity.request_url,
      // The forms' pickers of Sobot's names (external selects) ask for their options here.
      manifest.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(url && new URL(url).pathname).toBe('/slack/events');
  });

  it('turns on Socket Mode and interactivity, and leaves org deploy and token rotation off', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
    // The bot keeps one long-lived xoxb- token; rotation would need a refresh flow it does not have.
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });

  it('asks for the scopes the product needs', () => {
    expect(botScopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'files:write', 'im:write']));
    expect(new Set(botScopes).size).toBe(botScopes.length);
  });

  it('shows the Messages tab, where the CSV of an ephemeral answer arrives', () => {
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
  });

  it('turns the Home tab on and subscribes to app_home_opened, which publishes it', () => {
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions?.bot_events).toContain('app_home_opened');
    const url = manifest.settings.event_subscriptions?.request_url;
    expect(url && new URL(url).pathname).toBe('/slack/events');
  });

  it('declares the global shortcut "Sobot: ask" with the callback_id the app listens to', () => {
    expect(manifest.features.shortcuts).toContainEqual(
      expect.objectContaining({ name: 'Sobot: ask', type: 'global', callback_id: ASK.shortcut }),
    );
  });

  describe('scopes the code needs', () => {
    const methods = webApiMethodsInCode();

    it('finds the Web API calls in the code (the scan is not blind)', () => {
      expect([...methods.keys()]).toContain('files.uploadV2');
    });

    it('knows the scope of every Web API method the code calls', () => {
      const unmapped = [...methods].filter(([method]) => !(method in SCOPE_OF_METHOD));
      expect(unmapped, 'add these methods to SCOPE_OF_METHOD and their scope to manifest.yml').toEqual([]);
    });

    it('can read the members of private alert channels too, for who may mute', () => {
      expect([...methods.keys()]).toContain('conversations.members');
      expect(botScopes).toContain('groups:read');
    });

    it('has each of those scopes in the manifest', () => {
      const missing = [...methods.keys()]
        .map((method) => ({ method, scope: SCOPE_OF_METHOD[method] }))
        .filter(({ scope }) => scope !== undefined && scope !== null && !botScopes.includes(scope));
      expect(missing).toEqual([]);
    });
  });
});
