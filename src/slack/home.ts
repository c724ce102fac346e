// The Home tab in Slack, its modals and the "Sobot: ask" shortcut (registered here: they share the
// viewer's profile). `app_home_opened` publishes the viewer's board (views.publish), and its
// buttons and menus act through the same /sobot commands, so the same access rules apply as when
// typed. What an action did (or why it was refused) shows at the top of the board published again.
// Opening Home reads the shared figures snapshot; a stale one is shown at once and replaced when the
// single shared load ends.

import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import { NAME } from '../config-file.ts';
import type { HomeBoard, HomeData, HomeNotice, HomeViewer } from '../home/board.ts';
import type { HomeFiguresSource } from '../home/figures.ts';
import { type Lang, langOf, phrase, t } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import { ALERT_VERBS, DIGEST_VERBS, HOME_ACTIONS, HOME_VIEWS, parseActionValue } from '../message/actions.ts';
import type { BotMessage } from '../message/message.ts';
import type { ChannelPoster } from '../message/poster.ts';
import { clockTime } from '../time-zone.ts';
import type { WorkInFlight } from '../work.ts';
import type { AccessPolicy } from './access.ts';
import { type AlertModalOptions, registerAlertModal } from './alert-modal.ts';
import type { CommandOrigin } from './app.ts';
import { type AskShortcutOptions, registerAskShortcut } from './ask-shortcut.ts';
import { type DigestModalOptions, registerDigestModal } from './digest-modal.ts';

/** The views Home needs from reports/ (injected by the composition root). */
export interface HomeLayouts {
  home(data: HomeData): { type: 'home'; blocks: Record<string, unknown>[] };
  deleteDigest(name: string, channel: string, lang: Lang): Record<string, unknown>;
  digestForm: DigestModalOptions['modal'];
  alertForm: AlertModalOptions['modal'];
  deleteRule: AlertModalOptions['deleteModal'];
  ask: AskShortcutOptions['modal'];
}

export interface HomeOptions {
  client: WebClient;
  board: HomeBoard;
  /** What the digest form reads and writes. */
  digests: Pick<DigestModalOptions, 'registry' | 'stats' | 'audit'>;
  /** What the alert rule form reads and writes. */
  alerts: Pick<AlertModalOptions, 'registry' | 'checker'>;
  figures: HomeFiguresSource;
  layouts: HomeLayouts;
  access: AccessPolicy;
  /** Runs a /sobot command for the viewer, as typed: the same access rules, the same answers. */
  runCommand(text: string, origin: CommandOrigin): Promise<BotMessage>;
  /** The plain words of a failure in `lang`, for the board's notice line. */
  explain(error: unknown, lang: Lang): string;
  /** The reply a failed command gets, as when typed (for the "Sobot: ask" shortcut). */
  failure: AskShortcutOptions['failure'];
  /** Where a preview goes: the viewer's DM with the bot. */
  poster: ChannelPoster;
  work: WorkInFlight;
  logger: Logger;
  clock: Clock;
  /** The company's zone and language (SOBOT_LANGUAGE), for viewers whose Slack profile cannot tell. */
  timeZone: string;
  lang: Lang;
}

/** How long a viewer's time zone and locale read from Slack are trusted. */
const PROFILE_TTL_MS = 60 * 60_000;

/** The command a menu option of an alert rule runs (edit and delete open a modal instead). */
const ALERT_COMMAND: Record<'mute1h' | 'mutetomorrow' | 'unmute', (rule: string) => string> = {
  mute1h: (rule) => `alerts mute ${rule} 1h`,
  mutetomorrow: (rule) => `alerts mute ${rule} tomorrow`,
  unmute: (rule) => `alerts unmute ${rule}`,
};

export function registerHome(app: App, opts: HomeOptions): { publish(userId: string): Promise<void> } {
  const { client, clock } = opts;
  const log = opts.logger.child({ module: 'home' });
  const profiles = new Map<string, { timeZone: string; lang: Lang; until: number }>();

  /** The viewer's zone and language from their Slack profile; the company's when Slack cannot tell. */
  async function profileOf(userId: string): Promise<{ timeZone: string; lang: Lang }> {
    const known = profiles.get(userId);
    if (known && known.until > clock.now()) return known;
    const profile = { timeZone: opts.timeZone, lang: opts.lang, until: clock.now() + PROFILE_TTL_MS };
    try {
      const reply = await client.users.info({ user: userId, include_locale: true });
      profile.timeZone = reply.user?.tz ?? opts.timeZone;
      profile.lang = langOf(reply.user?.locale) ?? opts.lang;
    } catch (error) {
      log.warn(
        { err: error, user: userId },
        'could not read the viewer’s profile: the company’s zone is used',
      );
    }
    profiles.set(userId, profile);
    return profile;
  }

  async function viewerOf(userId: string): Promise<HomeViewer> {
    const [profile, isAdmin] = await Promise.all([
      profileOf(userId),
      opts.access.allows(
        { kind: 'admin', doing: phrase('access.doing.manage') },
        { userId, channelId: userId },
      ),
    ]);
    return { userId, timeZone: profile.timeZone, lang: profile.lang, isAdmin };
  }

  async function publishTo(viewer: HomeViewer, notice: HomeNotice | null, loading = false): Promise<void> {
    const view = opts.layouts.home(await opts.board.data(viewer, { notice, loading }));
    try {
      await client.views.publish({ user_id: viewer.userId, view: view as never });
    } catch (error) {
      log.error({ err: error, user: viewer.userId }, 'could not publish the Home tab');
    }
  }

  /** The board now, and once more when a stale snapshot has been reloaded. */
  async function open(userId: string, notice: HomeNotice | null = null): Promise<void> {
    const viewer = await viewerOf(userId);
    if (!opts.figures.stale()) return publishTo(viewer, notice);
    const loaded = opts.figures.ensure();
    await publishTo(viewer, notice, true);
    await loaded;
    await publishTo(viewer, notice);
  }

  /** Runs `text` for the viewer; the board's notice says what it did or why not. */
  async function act(
    viewer: HomeViewer,
    text: string,
  ): Promise<{ notice: HomeNotice; reply: BotMessage | null }> {
    const { userId, lang } = viewer;
    try {
      const reply = await opts.runCommand(text, { userId, channelId: userId, via: 'button', lang });
      return { notice: { kind: 'done', text: reply.text }, reply };
    } catch (error) {
      return { notice: { kind: 'refused', text: opts.explain(error, lang) }, reply: null };
    }
  }

  async function preview(viewer: HomeViewer, name: string): Promise<HomeNotice> {
    const { notice, reply } = await act(viewer, `digest preview ${name}`);
    if (!reply) return notice;
    try {
      await opts.poster.post(viewer.userId, { ...reply, visibility: 'in_channel' });
      return { kind: 'done', text: t(viewer.lang, 'home.previewSent', { name }) };
    } catch (error) {
      return { kind: 'refused', text: opts.explain(error, viewer.lang) };
    }
  }

  /** Acks, then runs `work` as work in flight (skipped while the bot shuts down). */
  const handle = async (ack: () => Promise<void>, kind: string, work: () => Promise<void>) => {
    await ack();
    if (opts.work.draining) return;
    await opts.work.track(kind, work).catch((error: unknown) => {
      log.error({ err: error }, 'a Home action failed');
    });
  };

  const digestForm = registerDigestModal(app, {
    ...opts.digests,
    client,
    access: opts.access,
    modal: opts.layouts.digestForm,
    viewerOf,
    publish: (userId, notice) => open(userId, notice),
    preview,
    now: clock.now,
    logger: opts.logger,
  });

  const alertForm = registerAlertModal(app, {
    ...opts.alerts,
    stats: opts.digests.stats,
    audit: opts.digests.audit,
    client,
    access: opts.access,
    modal: opts.layouts.alertForm,
    deleteModal: opts.layouts.deleteRule,
    viewerOf,
    publish: (userId, notice) => open(userId, notice),
    explain: opts.explain,
    timeZone: opts.timeZone,
    logger: opts.logger,
  });

  registerAskShortcut(app, {
    client,
    modal: opts.layouts.ask,
    viewerOf,
    runCommand: opts.runCommand,
    failure: opts.failure,
    poster: opts.poster,
    work: opts.work,
    logger: opts.logger,
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    if (opts.work.draining) return;
    await opts.work.track('home', () => open(event.user));
  });

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.refresh, async ({ ack, body }) => {
    await handle(ack, 'home', async () => {
      const viewer = await viewerOf(body.user.id);
      const { refreshed, nextAt } = await opts.figures.refresh();
      const text = refreshed
        ? t(viewer.lang, 'home.refreshed')
        : t(viewer.lang, 'home.notRefreshed', { time: clockTime(nextAt, viewer.timeZone, clock.now()) });
      await publishTo(viewer, { kind: 'done', text });
    });
  });

  app.action<BlockAction<OverflowAction>>(HOME_ACTIONS.alert, async ({ ack, body, action }) => {
    await handle(ack, 'home', async () => {
      const chosen = parseActionValue(action.selected_option?.value, ALERT_VERBS);
      if (!chosen) return open(body.user.id);
      if (chosen.verb === 'edit' || chosen.verb === 'delete') {
        const viewer = await viewerOf(body.user.id);
        const opened =
          chosen.verb === 'edit'
            ? await alertForm.open(viewer, body.trigger_id, chosen.name)
            : await alertForm.confirmDelete(viewer, body.trigger_id, chosen.name);
        if (opened) return;
        const why = viewer.isAdmin
          ? t(viewer.lang, 'alertForm.error.readOnly', { name: chosen.name })
          : t(viewer.lang, 'alertForm.error.admin');
        return open(body.user.id, { kind: 'refused', text: why });
      }
      const { notice } = await act(await viewerOf(body.user.id), ALERT_COMMAND[chosen.verb](chosen.name));
      await open(body.user.id, notice);
    });
  });

  app.action<BlockAction<OverflowAction>>(HOME_ACTIONS.digest, async ({ ack, body, action }) => {
    await handle(ack, 'home', async () => {
      const userId = body.user.id;
      const chosen = parseActionValue(action.selected_option?.value, DIGEST_VERBS);
      if (!chosen) return open(userId);
      const viewer = await viewerOf(userId);
      if (chosen.verb === 'edit') {
        if (await digestForm.open(viewer, body.trigger_id, chosen.name)) return;
        const why = viewer.isAdmin ? 'digestForm.error.readOnly' : 'digestForm.error.admin';
        return open(userId, { kind: 'refused', text: t(viewer.lang, why) });
      }
      if (chosen.verb === 'delete' && viewer.isAdmin) {
        // Asked before it is done; the submission is checked again.
        const digest = await opts.board.digest(chosen.name);
        if (digest) {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: opts.layouts.deleteDigest(digest.name, digest.channel, viewer.lang) as never,
          });
          return;
        }
      }
      const command = { now: 'digest now', delete: 'digest unsubscribe' } as const;
      const notice =
        chosen.verb === 'preview'
          ? await preview(viewer, chosen.name)
          : (await act(viewer, `${command[chosen.verb]} ${chosen.name}`)).notice;
      await open(userId, notice);
    });
  });

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.digestPreview, async ({ ack, body, action }) => {
    await handle(ack, 'home', async () => {
      const name = action.value ?? '';
      const viewer = await viewerOf(body.user.id);
      await open(body.user.id, NAME.test(name) ? await preview(viewer, name) : null);
    });
  });

  app.view(HOME_VIEWS.deleteDigest, async ({ ack, body, view }) => {
    await handle(ack, 'home', async () => {
      // The name comes back from Slack as it was sent, unless the request was forged: check it.
      const name = view.private_metadata;
      const { notice } = NAME.test(name)
        ? await act(await viewerOf(body.user.id), `digest unsubscribe ${name}`)
        : { notice: null };
      await open(body.user.id, notice);
    });
  });

  return { publish: open };
}
