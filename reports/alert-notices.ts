// The smaller alert messages: thread replies under an episode message (reminders, worsening), and
// the rule-level notices when Sobot cannot be asked ("cannot evaluate") and when it can again.

import type { AlertRuleView } from '../src/alerts/view.ts';
import { t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import { clockAt, ruleValue, thresholdText } from './alert.ts';
import { formatDuration, type Lang, truncate } from './format.ts';

export interface ReminderItem {
  scope: string;
  value: number | null;
  /** How long it has been firing. */
  firingMs: number;
}

export interface WorseningItem {
  scope: string;
  from: number;
  to: number;
}

/** Lines in one thread reply; the rest are counted, not listed. */
export const THREAD_LINES = 20;
/** Scope names are cut here; escaped, one is at most 5× as long (`&` → `&amp;`). */
const NAME_CHARS = 80;
const REASON_CHARS = 500;
/** Room left in the section for the "… and N more" line. */
const LIST_CHARS = SLACK_LIMITS.sectionText - 100;

const name = (scope: string) => escapeMrkdwn(truncate(scope, NAME_CHARS));

function textMessage(text: string): BotMessage {
  return { visibility: 'in_channel', text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** One line per scope under a heading, as many as fit in one section; the rest counted. */
function reply(lead: string, items: readonly string[], lang: Lang): BotMessage {
  const listed: string[] = [];
  let length = lead.length;
  for (const item of items) {
    const line = `• ${item}`;
    if (listed.length === THREAD_LINES || length + 1 + line.length > LIST_CHARS) break;
    listed.push(line);
    length += 1 + line.length;
  }
  const rest = items.length - listed.length;
  if (rest > 0) listed.push(t(lang, 'alertNotice.more', { rest }));
  return textMessage([lead, ...listed].join('\n'));
}

/** "Still firing after 2h 00m: *group Sales* 24.1% (threshold > 20.0%)", one line per scope when several. */
export function reminderReply(rule: AlertRuleView, items: readonly ReminderItem[], lang: Lang): BotMessage {
  const threshold = escapeMrkdwn(thresholdText(rule, lang));
  const first = items[0];
  if (items.length === 1 && first) {
    const duration = formatDuration(first.firingMs, lang);
    const figures = `*${name(first.scope)}* ${ruleValue(rule, first.value, lang)}`;
    return textMessage(t(lang, 'alertNotice.stillFiringOne', { duration, figures, threshold }));
  }
  const lines = items.map((item) => {
    const duration = formatDuration(item.firingMs, lang);
    const value = ruleValue(rule, item.value, lang);
    return t(lang, 'alertNotice.firingFor', { scope: `*${name(item.scope)}*`, value, duration });
  });
  return reply(t(lang, 'alertNotice.stillFiring', { threshold }), lines, lang);
}

/** "Worse: *group Sales* 24.1% → 31.2% (threshold > 20.0%)", one line per scope when several. */
export function worseningReply(rule: AlertRuleView, items: readonly WorseningItem[], lang: Lang): BotMessage {
  const threshold = escapeMrkdwn(thresholdText(rule, lang));
  const lines = items.map(
    (item) => `*${name(item.scope)}* ${ruleValue(rule, item.from, lang)} → ${ruleValue(rule, item.to, lang)}`,
  );
  const first = lines[0];
  if (lines.length === 1 && first) {
    return textMessage(t(lang, 'alertNotice.worseOne', { figures: first, threshold }));
  }
  return reply(t(lang, 'alertNotice.worse', { threshold }), lines, lang);
}

export interface NoticeOptions {
  timeZone: string;
  lang: Lang;
  /** Now (ISO): a `since` on another day shows its date. */
  checkedAt: string;
}

/**
 * Sobot could not be asked for the rule's numbers several times in a row. `reason` is shown as
 * given (escaped): the caller passes an error code or message, never anything holding a secret.
 */
export function cannotEvaluateMessage(
  ruleName: string,
  reason: string,
  since: string,
  opts: NoticeOptions,
): BotMessage {
  const rule = escapeMrkdwn(truncate(ruleName, NAME_CHARS));
  const why = escapeMrkdwn(truncate(reason, REASON_CHARS));
  const at = clockAt(since, opts.checkedAt, opts.timeZone, opts.lang);
  return textMessage(t(opts.lang, 'alertNotice.cannotEvaluate', { rule: `\`${rule}\``, why, since: at }));
}

/** The rule can be evaluated again after `downMs` without numbers. */
export function recoveredMessage(ruleName: string, downMs: number, lang: Lang): BotMessage {
  const rule = escapeMrkdwn(truncate(ruleName, NAME_CHARS));
  const down = formatDuration(downMs, lang);
  return textMessage(t(lang, 'alertNotice.recovered', { rule: `\`${rule}\``, down }));
}
