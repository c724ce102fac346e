// The Home tab: today so far against yesterday to the same time, the alert rules with their states,
// the digests with their next and last runs, and the bot's health. Pure: HomeData in, a `home` view
// out, within Slack's view limits whatever the number of rules and digests (rules that need
// attention are never the ones left out).

import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { scopeText } from '../src/alerts/scope-text.ts';
import type { HomeData, HomeDigest, HomeRule } from '../src/home/board.ts';
import { type Lang, t } from '../src/i18n/catalogue.ts';
import { dateText } from '../src/i18n/dates.ts';
import {
  type ALERT_VERBS,
  actionValue,
  DIGEST_VERBS,
  HOME_ACTIONS,
  HOME_VIEWS,
} from '../src/message/actions.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { channelMention, escapeMrkdwn, verbatimBlocks } from '../src/message/message.ts';
import { VIEW_LIMITS } from '../src/message/view-limits.ts';
import { scheduleText } from '../src/scheduler/schedule-text.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { describeRange, periodName } from '../src/stats/period.ts';
import { ruleConditionText } from './alert.ts';
import { headerBlock } from './blocks.ts';
import { changeOf, changeText } from './change.ts';
import { option, plain } from './form-blocks.ts';
import { formatValue } from './format.ts';
import { kpiLabel } from './labels.ts';

/** The KPIs of the board, in the order a team lead reads them. */
export const HOME_KPIS: readonly KpiId[] = [
  'chats',
  'valid_reception_rate',
  'fcr_24h',
  'satisfaction',
  'response_warn_rate',
  'queue_leave_rate',
];

export interface HomeView {
  type: 'home';
  blocks: Record<string, unknown>[];
}

type Block = Record<string, unknown>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string, accessory?: Block): Block => ({
  type: 'section',
  text: mrkdwn(text.slice(0, SLACK_LIMITS.sectionText)),
  ...(accessory ? { accessory } : {}),
});
const context = (text: string): Block => ({
  type: 'context',
  elements: [mrkdwn(text.slice(0, SLACK_LIMITS.sectionText))],
});

/** `Tue 24 Nov 09:00` in `zone` (`11月24日 周二 09:00` in Chinese); only the time on the same day as `now`. */
function when(at: number, zone: string, now: number, lang: Lang): string {
  const sameDay = format(at, 'yyyy-MM-dd', { in: tz(zone) }) === format(now, 'yyyy-MM-dd', { in: tz(zone) });
  return sameDay ? format(at, 'HH:mm', { in: tz(zone) }) : dateText(at, lang, 'weekdayAndTime', zone);
}

const SPARK = '▁▂▃▄▅▆▇█';

/** A line of bars, one per value, scaled from the lowest to the highest; a missing value is a dot. */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  const low = Math.min(...known);
  const high = Math.max(...known);
  return values
    .map((v) => {
      if (v === null) return '·';
      const step = high === low ? 3 : Math.round(((v - low) / (high - low)) * (SPARK.length - 1));
      return SPARK[step];
    })
    .join('');
}

function figureBlocks(data: HomeData): Block[] {
  const { lang } = data.viewer;
  const figures = data.figures;
  if (!figures) {
    const why = data.health.lastError ? ` ${escapeMrkdwn(data.health.lastError.what)}` : '';
    return [section(data.loading ? t(lang, 'home.loading') : `${t(lang, 'home.noFigures')}${why}`)];
  }
  const { overview } = figures;
  const labels = { source: 'company', scale: overview.ratings?.scale } as const;
  const fields = HOME_KPIS.map((id) => {
    const value = formatValue(KPIS[id].unit, overview.current[id] ?? null, lang);
    const change = changeText(changeOf(id, overview.current[id], overview.previous[id], lang), lang);
    return mrkdwn(`*${escapeMrkdwn(kpiLabel(id, lang, labels))}*\n${value}  _${change}_`);
  });
  const compared = t(lang, 'home.compared', {
    today: describeRange(overview.range, lang),
    previous: describeRange(overview.previousRange, lang),
  });
  const time = when(figures.at, data.viewer.timeZone, data.now, lang);
  const dataTime = t(lang, 'text.note', {
    text: t(lang, 'home.dataOf', { time }),
    note: t(lang, 'home.yourTime'),
  });
  const blocks: Block[] = [
    context(escapeMrkdwn(`${overview.range.timeZone} · ${compared} · ${dataTime}`)),
    { type: 'section', fields },
  ];
  const trend = figures.trend;
  if (trend?.some((p) => p.value !== null)) {
    const line = sparkline(trend.map((p) => p.value));
    const day = (iso: string) =>
      describeRange({ from: iso, to: iso, timeZone: overview.range.timeZone }, lang);
    blocks.push(
      context(
        escapeMrkdwn(
          t(lang, 'home.trend', { line, from: day(trend[0]?.day ?? ''), to: day(trend.at(-1)?.day ?? '') }),
        ),
      ),
    );
  }
  return blocks;
}

function ruleBlock(item: HomeRule, data: HomeData): Block {
  const { lang, timeZone } = data.viewer;
  const { rule } = item;
  const unit = KPIS[rule.kpi].unit;
  const at = (iso: string) => when(Date.parse(iso), timeZone, data.now, lang);
  const what = [ruleConditionText(rule, lang), scopeText(rule.scope, lang), periodName(rule.period, lang)];
  const head = `${t(lang, 'text.labelled', { label: `*${escapeMrkdwn(rule.name)}*`, value: escapeMrkdwn(what.join(' · ')) })} → ${channelMention(rule.channel)}`;
  const first = item.scopes[0];
  let state: string;
  if (item.status === 'firing' && first) {
    const named = item.scopes.length > 1 || rule.scope.kind !== 'overall';
    const value = `${formatValue(unit, first.value, lang)}${named ? ` (${escapeMrkdwn(first.name)})` : ''}`;
    const firing = item.scopes.filter((s) => s.firedAt !== null).length;
    const more = firing > 1 ? t(lang, 'home.firingMore', { more: firing - 1 }) : '';
    state = `🔴 ${t(lang, 'home.firing', { since: at(first.firedAt ?? first.since), value })}${more}`;
  } else if (item.status === 'pending' && first) {
    state = `🟡 ${t(lang, 'home.pending', { count: item.scopes.length, since: at(first.since) })}`;
  } else {
    state = `🟢 ${t(lang, 'home.ok')}`;
  }
  const parts = [state];
  if (item.failures > 0) parts.push(`⚠️ ${t(lang, 'home.cannotEvaluate', { count: item.failures })}`);
  if (item.mute)
    parts.push(`🔕 ${t(lang, 'home.mutedUntil', { by: `<@${item.mute.by}>`, until: at(item.mute.until) })}`);
  if (item.message) {
    const link = `https://slack.com/archives/${item.message.channel}/p${item.message.ts.replace('.', '')}`;
    parts.push(`<${link}|${t(lang, 'home.alertMessage')}>`);
  }
  // Admins are told which rules they cannot change here, and may edit or delete the others.
  const { isAdmin } = data.viewer;
  if (isAdmin && rule.source === 'file') parts.push(`_${t(lang, 'home.ruleFromFile')}_`);
  const choice = (
    key: 'home.mute1h' | 'home.muteTomorrow' | 'home.unmute' | 'home.edit' | 'home.delete',
    verb: (typeof ALERT_VERBS)[number],
  ) => option(t(lang, key), actionValue(verb, rule.name));
  const options = [
    ...(item.canMute
      ? item.mute
        ? [choice('home.unmute', 'unmute'), choice('home.mute1h', 'mute1h')]
        : [choice('home.mute1h', 'mute1h'), choice('home.muteTomorrow', 'mutetomorrow')]
      : []),
    ...(isAdmin && rule.source === 'slack'
      ? [choice('home.edit', 'edit'), choice('home.delete', 'delete')]
      : []),
  ];
  const menu = options.length ? { type: 'overflow', action_id: HOME_ACTIONS.alert, options } : undefined;
  return section(`${head}\n${parts.join(' · ')}`, menu);
}

const DIGEST_VERB_KEYS = {
  preview: 'home.preview',
  now: 'home.postNow',
  edit: 'home.edit',
  delete: 'home.delete',
} as const;
const LAST_ICONS = { on_time: '✅', late: '🕒', failed: '❌', posting: '⏳', missed: '⚠️' } as const;

function digestBlock(item: HomeDigest, data: HomeData): Block {
  const { lang, timeZone, isAdmin } = data.viewer;
  const { digest } = item;
  // Filters are written as the command takes them (`group:Sales`): syntax, in code quotes.
  const filters = Object.entries(digest.filters)
    .filter(([, name]) => name)
    .map(([key, name]) => `${key}:${name}`.replaceAll('`', "'"))
    .join(' ');
  const what = [
    t(lang, 'text.note', { text: scheduleText(digest.schedule, lang), note: digest.timeZone }),
    '·',
    periodName(digest.period, lang),
  ];
  const head = `*${escapeMrkdwn(digest.name)}* → ${channelMention(digest.channel)} · ${escapeMrkdwn(what.join(' '))}${filters ? ` \`${escapeMrkdwn(filters)}\`` : ''}`;
  const next =
    item.nextAt === null
      ? t(lang, 'home.noNext')
      : t(lang, 'home.next', {
          when: t(lang, 'text.note', {
            text: when(item.nextAt, timeZone, data.now, lang),
            note: t(lang, 'home.yourTime'),
          }),
        });
  const last = item.last
    ? `${LAST_ICONS[item.last.status]} ${t(lang, `home.last.${item.last.status}`)} ${when(item.last.at, timeZone, data.now, lang)}`
    : t(lang, 'home.neverRun');
  const accessory = isAdmin
    ? {
        type: 'overflow',
        action_id: HOME_ACTIONS.digest,
        // A config-file digest is changed in the file, not here.
        options: DIGEST_VERBS.filter((verb) => verb !== 'edit' || digest.source === 'slack').map((verb) =>
          option(t(lang, DIGEST_VERB_KEYS[verb]), actionValue(verb, digest.name)),
        ),
      }
    : {
        type: 'button',
        action_id: HOME_ACTIONS.digestPreview,
        text: plain(t(lang, 'home.preview')),
        value: digest.name,
      };
  return section(`${head}\n${next} · ${last}`, accessory);
}

/** Items to show within `room` blocks (one of them saying how many are left out): `first` ones first, in their order. */
function withinRoom<T>(
  items: readonly T[],
  room: number,
  first: (item: T) => boolean,
): { shown: T[]; left: number } {
  if (items.length <= room) return { shown: [...items], left: 0 };
  // One block goes to the line that says how many are left out.
  const keep = Math.max(0, room - 1);
  const ordered = [...items.filter(first), ...items.filter((i) => !first(i))].slice(0, keep);
  return { shown: items.filter((i) => ordered.includes(i)), left: items.length - ordered.length };
}

function healthText(data: HomeData): string {
  const { lang, timeZone } = data.viewer;
  const { health } = data;
  const at = (time: number) => when(time, timeZone, data.now, lang);
  const reach =
    health.sobotReachable === null
      ? t(lang, 'home.health.unknown')
      : health.sobotReachable
        ? `✅ ${t(lang, 'home.health.reachable')}`
        : `❌ ${t(lang, 'home.health.unreachable')}`;
  const parts = [
    reach,
    t(lang, 'home.health.budget', { inUse: health.budget.inUse, limit: health.budget.limit }),
    t(lang, 'home.health.api', { api: health.api }),
  ];
  if (data.figures) parts.push(t(lang, 'home.dataOf', { time: at(data.figures.at) }));
  if (health.lastError)
    parts.push(
      t(lang, 'home.health.lastError', { at: at(health.lastError.at), what: health.lastError.what }),
    );
  return escapeMrkdwn(parts.join(' · '));
}

export function homeView(data: HomeData): HomeView {
  const { lang } = data.viewer;
  const top: Block[] = [];
  if (data.notice) {
    const icon = data.notice.kind === 'done' ? '✅' : ':warning:';
    top.push(section(`${icon} ${data.notice.text}`));
  }
  top.push(headerBlock(t(lang, 'home.title')), ...figureBlocks(data), {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: HOME_ACTIONS.refresh,
        text: plain(t(lang, 'home.refresh')),
        value: 'refresh',
      },
      ...(data.viewer.isAdmin
        ? [
            {
              type: 'button',
              action_id: HOME_ACTIONS.newDigest,
              text: plain(t(lang, 'home.newDigest')),
              value: 'new',
            },
            {
              type: 'button',
              action_id: HOME_ACTIONS.newRule,
              text: plain(t(lang, 'home.newRule')),
              value: 'new',
            },
          ]
        : []),
    ],
  });
  const firing = data.rules.filter((r) => r.status === 'firing').length;
  const pending = data.rules.filter((r) => r.status === 'pending').length;
  const summary = t(lang, 'home.alertsSummary', {
    firing,
    pending,
    ok: data.rules.length - firing - pending,
  });
  const alertsHead = section(`*${t(lang, 'home.alerts')}* · ${summary}`);
  const digestsHead = section(`*${t(lang, 'home.digests')}*`);
  const footer = [{ type: 'divider' }, context(healthText(data))];
  // Fixed blocks: the top, two dividers and two section heads, the footer.
  const room = VIEW_LIMITS.blocks - top.length - 2 - 2 - footer.length;
  const digests = withinRoom(data.digests, Math.max(1, Math.floor(room / 3)), () => false);
  const digestBlockCount = Math.max(1, digests.shown.length + (digests.left ? 1 : 0));
  const rules = withinRoom(data.rules, room - digestBlockCount, (r) => r.status !== 'ok' || r.mute !== null);
  const ruleBlocks = rules.shown.map((r) => ruleBlock(r, data));
  if (rules.left) ruleBlocks.push(context(t(lang, 'home.moreRules', { count: rules.left })));
  const digestBlocks = digests.shown.map((d) => digestBlock(d, data));
  if (digests.left) digestBlocks.push(context(t(lang, 'home.moreDigests', { count: digests.left })));
  const blocks = [
    ...top,
    { type: 'divider' },
    alertsHead,
    ...(data.rules.length ? ruleBlocks : [context(t(lang, 'home.noRules'))]),
    { type: 'divider' },
    digestsHead,
    ...(data.digests.length ? digestBlocks : [context(t(lang, 'home.noDigests'))]),
    ...footer,
  ];
  return { type: 'home', blocks: verbatimBlocks(blocks) };
}

/** The question before a digest or an alert rule is deleted: a modal whose submission deletes it. */
function deleteModal(
  callbackId: string,
  keys: {
    title: 'home.deleteTitle' | 'home.deleteRuleTitle';
    confirm: 'home.deleteConfirm' | 'home.deleteRuleConfirm';
  },
  name: string,
  channel: string,
  lang: Lang,
): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: name,
    title: plain(t(lang, keys.title)),
    submit: plain(t(lang, 'home.delete')),
    close: plain(t(lang, 'home.cancel')),
    blocks: verbatimBlocks([
      section(t(lang, keys.confirm, { name: escapeMrkdwn(name), channel: channelMention(channel) })),
    ]),
  };
}

export const deleteDigestModal = (name: string, channel: string, lang: Lang) =>
  deleteModal(
    HOME_VIEWS.deleteDigest,
    { title: 'home.deleteTitle', confirm: 'home.deleteConfirm' },
    name,
    channel,
    lang,
  );

export const deleteRuleModal = (name: string, channel: string, lang: Lang) =>
  deleteModal(
    HOME_VIEWS.deleteRule,
    { title: 'home.deleteRuleTitle', confirm: 'home.deleteRuleConfirm' },
    name,
    channel,
    lang,
  );
