// The New / Edit alert rule modal in Slack (admins): opened from Home, redrawn (views.update) with the
// KPI's current value for the chosen scope whenever a live field changes, its scope picker fed from
// Sobot's condition lists, its submission checked field by field (`response_action: errors`) and
// saved beside the config file's rules; and the question before a Slack rule is deleted.

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AlertChecker } from '../alerts/checker.ts';
import { breaches } from '../alerts/checker.ts';
import type { AlertRuleRegistry } from '../alerts/rule-registry.ts';
import type { Audit } from '../audit.ts';
import type { AlertRule } from '../config-file.ts';
import { UserInputError } from '../errors.ts';
import {
  ALERT_FIELDS,
  ALERT_OPS,
  ALERT_PERIODS,
  type AlertDraft,
  type AlertField,
  type AlertNow,
  conflictText,
  draftOf,
  LIVE_FIELDS,
  newDraft,
  ruleFromForm,
  ruleNumber,
  type ScopeKind,
  scopeOf,
} from '../home/alert-form.ts';
import type { HomeNotice, HomeViewer } from '../home/board.ts';
import { type Lang, phrase, say, t } from '../i18n/catalogue.ts';
import type { Logger } from '../logger.ts';
import { HOME_ACTIONS, HOME_VIEWS } from '../message/actions.ts';
import { KPIS } from '../stats/kpis.ts';
import type { Dimension } from '../stats/model.ts';
import type { StatsService } from '../stats/service.ts';
import { isTimeZone } from '../time-zone.ts';
import type { AccessPolicy } from './access.ts';
import { errorsByBlock, nameOptions, nameProblem } from './form-fields.ts';

const DIMENSION_OF: Partial<Record<ScopeKind, Dimension>> = {
  group: 'group',
  dept: 'department',
  channel: 'channel',
};

export interface AlertModalOptions {
  client: WebClient;
  access: AccessPolicy;
  registry: AlertRuleRegistry;
  checker: AlertChecker;
  stats: StatsService;
  audit: Audit;
  modal(draft: AlertDraft, now: AlertNow, lang: Lang): Record<string, unknown>;
  deleteModal(name: string, channel: string, lang: Lang): Record<string, unknown>;
  viewerOf(userId: string): Promise<HomeViewer>;
  /** Publishes the viewer's Home tab with a notice. */
  publish(userId: string, notice: HomeNotice): Promise<void>;
  /** The plain words of a failure in `lang`. */
  explain(error: unknown, lang: Lang): string;
  /** The company's zone, for a draft whose zone is not (yet) a zone. */
  timeZone: string;
  logger: Logger;
}

type StateValue = {
  value?: string | null;
  selected_conversation?: string | null;
  selected_option?: { value: string } | null;
};
type StateValues = Record<string, Record<string, StateValue>>;

export interface AlertModal {
  /** Opens the form for a new rule (`name` null) or to edit one; false when the viewer may not. */
  open(viewer: HomeViewer, triggerId: string, name: string | null): Promise<boolean>;
  /** Asks before a Slack rule is deleted; false when the viewer may not or the rule is the file's. */
  confirmDelete(viewer: HomeViewer, triggerId: string, name: string): Promise<boolean>;
}

/** The form as Slack sends it back (a view_submission, or a live field's block_actions). */
function draftFrom(values: StateValues, editing: string | null): AlertDraft {
  const at = (field: AlertField): StateValue => values[ALERT_FIELDS[field]]?.[ALERT_FIELDS[field]] ?? {};
  const text = (field: AlertField) => at(field).value ?? '';
  const chosen = (field: AlertField) => at(field).selected_option?.value ?? '';
  return {
    editing,
    name: text('name'),
    kpi: chosen('kpi') as AlertDraft['kpi'],
    scope: chosen('scope') as ScopeKind,
    scopeName: at('scopeName').selected_option?.value ?? null,
    op: chosen('op') as AlertDraft['op'],
    threshold: text('threshold'),
    clear: text('clear'),
    for: text('for'),
    minVolume: text('minVolume'),
    channel: at('channel').selected_conversation ?? null,
    schedule: chosen('schedule'),
    timeZone: text('timeZone'),
    period: chosen('period'),
  };
}

export function registerAlertModal(app: App, opts: AlertModalOptions): AlertModal {
  const { client } = opts;
  const log = opts.logger.child({ module: 'alert-modal' });
  const isAdmin = (userId: string) =>
    opts.access.allows({ kind: 'admin', doing: phrase('access.doing.rules') }, { userId, channelId: userId });

  /** The KPI's value now for the draft's scope: what the checker would read at its next check. */
  async function current(draft: AlertDraft, lang: Lang): Promise<AlertNow> {
    const scope = scopeOf(draft);
    if (!scope) return { kind: 'needsScope' };
    const conflict = conflictText(draft.kpi, scope.kind, lang);
    if (conflict) return { kind: 'failed', what: conflict };
    const threshold = ruleNumber(draft.threshold, draft.kpi);
    const minVolume = Number(draft.minVolume) || 0;
    // The rule as drafted so far: only what decides its readings and who breaches matters here.
    const rule: AlertRule = {
      name: draft.editing ?? 'draft',
      kpi: draft.kpi,
      scope,
      op: draft.op,
      threshold: threshold ?? Number.NaN,
      clear: threshold ?? Number.NaN,
      period: draft.period,
      check: draft.schedule,
      timeZone: isTimeZone(draft.timeZone.trim()) ? draft.timeZone.trim() : opts.timeZone,
      for: 1,
      minVolume,
      channel: draft.channel ?? '',
      mention: null,
      repeatMs: 0,
      noData: 'keep',
      source: 'slack',
    };
    try {
      const { readings } = await opts.checker.readings(rule);
      return {
        kind: 'readings',
        threshold,
        minVolume,
        single:
          'name' in scope ? scope.name : scope.kind === 'overall' ? t(lang, 'alertForm.scope.overall') : null,
        readings: readings.map((r) => ({ ...r, breaches: threshold !== null && breaches(rule, r) })),
      };
    } catch (error) {
      return { kind: 'failed', what: opts.explain(error, lang) };
    }
  }

  /** Draws the form again with the value now; a newer redraw (hash) wins, this one is then dropped. */
  async function redraw(viewId: string, hash: string | undefined, draft: AlertDraft, lang: Lang) {
    const view = opts.modal(draft, await current(draft, lang), lang);
    try {
      await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view: view as never });
    } catch (error) {
      log.warn({ err: error }, 'could not redraw the alert rule form');
    }
  }

  async function open(viewer: HomeViewer, triggerId: string, name: string | null): Promise<boolean> {
    if (!viewer.isAdmin) return false;
    const rule = name ? await opts.registry.find(name) : null;
    // A config-file rule is read-only from Slack.
    if (name && rule?.source !== 'slack') return false;
    const draft = rule ? draftOf(rule) : newDraft(viewer.timeZone);
    // The trigger lasts three seconds: the form opens first, the value from Sobot follows.
    const opened = await client.views.open({
      trigger_id: triggerId,
      view: opts.modal(draft, { kind: 'loading' }, viewer.lang) as never,
    });
    const view = opened.view as { id?: string; hash?: string } | undefined;
    if (view?.id) await redraw(view.id, view.hash, draft, viewer.lang);
    return true;
  }

  async function confirmDelete(viewer: HomeViewer, triggerId: string, name: string): Promise<boolean> {
    const rule = viewer.isAdmin ? await opts.registry.find(name) : null;
    if (rule?.source !== 'slack') return false;
    await client.views.open({
      trigger_id: triggerId,
      view: opts.deleteModal(rule.name, rule.channel, viewer.lang) as never,
    });
    return true;
  }

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.newRule, async ({ ack, body }) => {
    await ack();
    try {
      const viewer = await opts.viewerOf(body.user.id);
      if (!(await open(viewer, body.trigger_id, null)))
        await opts.publish(body.user.id, { kind: 'refused', text: t(viewer.lang, 'alertForm.error.admin') });
    } catch (error) {
      log.error({ err: error }, 'could not open the alert rule form');
    }
  });

  // A live field changed: the value now, for what the form says at this moment.
  for (const field of LIVE_FIELDS) {
    app.action<BlockAction>(ALERT_FIELDS[field], async ({ ack, body }) => {
      await ack();
      const view = body.view;
      if (!view || view.callback_id !== HOME_VIEWS.alertForm) return;
      // Reading Sobot on behalf of a forged click is refused like a forged submission.
      if (!(await isAdmin(body.user.id))) return;
      const viewer = await opts.viewerOf(body.user.id);
      const draft = draftFrom(view.state.values as StateValues, view.private_metadata || null);
      if (!KPIS[draft.kpi] || !ALERT_OPS.includes(draft.op) || !ALERT_PERIODS.includes(draft.period as never))
        return;
      await redraw(view.id, view.hash, draft, viewer.lang);
    });
  }

  // The scope picker: the names Sobot has for the scope's kind (cached an hour), matching what is typed.
  app.options(ALERT_FIELDS.scopeName, async ({ body, options, ack }) => {
    const values = ((body as { view?: { state?: { values?: StateValues } } }).view?.state?.values ??
      {}) as StateValues;
    const kind = values[ALERT_FIELDS.scope]?.[ALERT_FIELDS.scope]?.selected_option?.value as ScopeKind;
    const dimension = DIMENSION_OF[kind] ?? 'group';
    try {
      await ack({ options: await nameOptions(opts.stats, dimension, options.value) });
    } catch (error) {
      log.warn({ err: error }, 'could not list the names for an alert scope');
      await ack({ options: [] });
    }
  });

  app.view(HOME_VIEWS.alertForm, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const viewer = await opts.viewerOf(userId);
    const refuse = (field: AlertField, text: string) =>
      ack({ response_action: 'errors', errors: { [ALERT_FIELDS[field]]: text } });
    // Checked again here: a submission can be forged by anyone who can reach the endpoint.
    if (!(await isAdmin(userId))) return refuse('kpi', t(viewer.lang, 'alertForm.error.admin'));
    const editing = view.private_metadata || null;
    const base = editing ? await opts.registry.find(editing) : null;
    if (editing && base?.source !== 'slack')
      return refuse('kpi', t(viewer.lang, 'alertForm.error.readOnly', { name: editing }));
    const result = await ruleFromForm(draftFrom(view.state.values as StateValues, editing), {
      lang: viewer.lang,
      base,
      taken: async (name) => (await opts.registry.find(name)) !== null,
      resolve: (kind, name) =>
        nameProblem(opts.stats, DIMENSION_OF[kind] ?? 'group', name, (e) => opts.explain(e, viewer.lang)),
    });
    if (!result.ok) return ack(errorsByBlock(result.errors, ALERT_FIELDS));
    const { rule } = result;
    try {
      await opts.registry.save(rule, userId, editing !== null);
    } catch (error) {
      if (error instanceof UserInputError)
        return refuse(
          editing ? 'kpi' : 'name',
          error.phrase ? say(viewer.lang, error.phrase) : error.message,
        );
      throw error;
    }
    await ack();
    await opts.audit.record({
      action: 'alert.save',
      target: rule.name,
      by: userId,
      channel: userId,
      via: 'button',
      detail: `${rule.kpi} ${rule.op} ${rule.threshold} → ${rule.channel}`,
    });
    await opts.publish(userId, {
      kind: 'done',
      text: t(viewer.lang, 'alertForm.saved', { name: rule.name }),
    });
  });

  app.view(HOME_VIEWS.deleteRule, async ({ ack, body, view }) => {
    await ack();
    const userId = body.user.id;
    const viewer = await opts.viewerOf(userId);
    // The name comes back as it was sent, unless the request was forged: the admin check is again.
    if (!(await isAdmin(userId)))
      return opts.publish(userId, { kind: 'refused', text: t(viewer.lang, 'alertForm.error.admin') });
    try {
      const rule = await opts.registry.remove(view.private_metadata);
      await opts.checker.forget(rule);
      await opts.audit.record({
        action: 'alert.delete',
        target: rule.name,
        by: userId,
        channel: userId,
        via: 'button',
      });
      await opts.publish(userId, {
        kind: 'done',
        text: t(viewer.lang, 'alertForm.deleted', { name: rule.name }),
      });
    } catch (error) {
      await opts.publish(userId, { kind: 'refused', text: opts.explain(error, viewer.lang) });
    }
  });

  return { open, confirmDelete };
}
