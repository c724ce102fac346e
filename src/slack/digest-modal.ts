// The New / Edit digest modal in Slack (admins): opened from Home, its filter pickers fed from
// Sobot's cached condition lists (block_suggestion), and its submission checked field by field
// (`response_action: errors`), saved, previewed to the admin's DM, and shown on their Home tab.

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Audit } from '../audit.ts';
import type { DigestDefinition } from '../config-file.ts';
import { UserInputError } from '../errors.ts';
import type { HomeNotice, HomeViewer } from '../home/board.ts';
import {
  DIGEST_FIELDS,
  type DigestDraft,
  type DigestField,
  digestFromForm,
  draftOf,
  FILTER_FIELDS,
  newDraft,
  type SubmittedDigest,
} from '../home/digest-form.ts';
import { type Lang, phrase, t } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import { HOME_ACTIONS, HOME_VIEWS } from '../message/actions.ts';
import type { DigestRegistry } from '../scheduler/digest-registry.ts';
import type { Dimension } from '../stats/model.ts';
import type { StatsService } from '../stats/service.ts';
import type { AccessPolicy } from './access.ts';
import { errorsByBlock, nameOptions, nameProblem } from './form-fields.ts';

/** The condition list each filter field picks from. */
const DIMENSION_OF: Record<(typeof FILTER_FIELDS)[number][0], Dimension> = {
  group: 'group',
  dept: 'department',
  source: 'channel',
  agent: 'agent',
};

export interface DigestModalOptions {
  client: WebClient;
  access: AccessPolicy;
  registry: DigestRegistry;
  stats: StatsService;
  audit: Audit;
  modal(draft: DigestDraft, lang: Lang): Record<string, unknown>;
  viewerOf(userId: string): Promise<HomeViewer>;
  /** Publishes the viewer's Home tab with a notice. */
  publish(userId: string, notice: HomeNotice): Promise<void>;
  /** Sends the digest's preview to the viewer's DM; says how that went. */
  preview(viewer: HomeViewer, name: string): Promise<HomeNotice>;
  now: () => number;
  logger: Logger;
}

type StateValue = {
  value?: string | null;
  selected_conversation?: string | null;
  selected_time?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
};

export interface DigestModal {
  /** Opens the form for a new digest (`name` null) or to edit one; false when the viewer may not. */
  open(viewer: HomeViewer, triggerId: string, name: string | null): Promise<boolean>;
}

export function registerDigestModal(app: App, opts: DigestModalOptions): DigestModal {
  const log = opts.logger.child({ module: 'digest-modal' });
  const isAdmin = (userId: string) =>
    opts.access.allows(
      { kind: 'admin', doing: phrase('access.doing.manage') },
      { userId, channelId: userId },
    );

  async function open(viewer: HomeViewer, triggerId: string, name: string | null): Promise<boolean> {
    if (!viewer.isAdmin) return false;
    const digest = name ? await opts.registry.find(name) : null;
    // A config-file digest is read-only from Slack.
    if (name && digest?.source !== 'slack') return false;
    const draft = digest ? draftOf(digest) : newDraft(viewer.timeZone);
    await opts.client.views.open({ trigger_id: triggerId, view: opts.modal(draft, viewer.lang) as never });
    return true;
  }

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.newDigest, async ({ ack, body }) => {
    await ack();
    try {
      await open(await opts.viewerOf(body.user.id), body.trigger_id, null);
    } catch (error) {
      log.error({ err: error }, 'could not open the digest form');
    }
  });

  // The filter pickers: names from Sobot's condition lists (cached an hour), matching what is typed.
  for (const [field] of FILTER_FIELDS) {
    app.options(DIGEST_FIELDS[field], async ({ options, ack }) => {
      try {
        await ack({ options: await nameOptions(opts.stats, DIMENSION_OF[field], options.value) });
      } catch (error) {
        log.warn({ err: error, field }, 'could not list the names for a digest filter');
        await ack({ options: [] });
      }
    });
  }

  app.view(HOME_VIEWS.digestForm, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const viewer = await opts.viewerOf(userId);
    const refuse = (field: DigestField, text: string) =>
      ack({ response_action: 'errors', errors: { [DIGEST_FIELDS[field]]: text } });
    // Checked again here: a submission can be forged by anyone who can reach the endpoint.
    if (!(await isAdmin(userId))) return refuse('channel', t(viewer.lang, 'digestForm.error.admin'));
    const values = view.state.values as Record<string, Record<string, StateValue>>;
    const at = (field: DigestField): StateValue => values[DIGEST_FIELDS[field]]?.[DIGEST_FIELDS[field]] ?? {};
    const editing = view.private_metadata || null;
    const base: DigestDefinition | null = editing ? await opts.registry.find(editing) : null;
    if (editing && base?.source !== 'slack')
      return refuse('channel', t(viewer.lang, 'digestForm.error.readOnly'));
    const form: SubmittedDigest = {
      editing,
      name: at('name').value ?? null,
      channel: at('channel').selected_conversation ?? null,
      time: at('time').selected_time ?? null,
      days: (at('days').selected_options ?? []).map((o) => o.value),
      timeZone: at('timeZone').value ?? null,
      period: at('period').selected_option?.value ?? null,
      filters: Object.fromEntries(
        FILTER_FIELDS.map(([field, word]) => [word, at(field).selected_option?.value ?? undefined]),
      ),
      sections: (at('sections').selected_options ?? []).map((o) => o.value),
    };
    const result = await digestFromForm(form, {
      lang: viewer.lang,
      now: opts.now(),
      base,
      taken: async (name) => (await opts.registry.find(name)) !== null,
      resolve: (field, name) =>
        nameProblem(opts.stats, DIMENSION_OF[field as keyof typeof DIMENSION_OF], name, (e) => e.message),
    });
    if (!result.ok) return ack(errorsByBlock(result.errors, DIGEST_FIELDS));
    const { digest } = result;
    try {
      if (editing) await opts.registry.update(digest, userId);
      else await opts.registry.add(digest, userId);
    } catch (error) {
      if (error instanceof UserInputError) return refuse(editing ? 'channel' : 'name', error.message);
      throw error;
    }
    await ack();
    await opts.audit.record({
      action: 'digest.subscribe',
      target: digest.name,
      by: userId,
      channel: userId,
      via: 'button',
      detail: `${digest.channel} ${digest.schedule} ${digest.period}`,
    });
    const previewed = await opts.preview(viewer, digest.name);
    const saved = t(viewer.lang, 'digestForm.saved', { name: digest.name });
    await opts.publish(userId, { kind: previewed.kind, text: `${saved} ${previewed.text}` });
  });

  return { open };
}
