// The New / Edit digest modal: channel picker, time picker, days, time zone, period, filters picked
// from Sobot's condition lists (external selects), sections. Pure: a draft in, a modal view out.

import { DIGEST_SECTIONS } from '../src/config-file.ts';
import { DIGEST_FIELDS, DIGEST_PERIODS, type DigestDraft, FILTER_FIELDS } from '../src/home/digest-form.ts';
import { type Lang, t } from '../src/i18n/catalogue.ts';
import { HOME_VIEWS } from '../src/message/actions.ts';
import { escapeMrkdwn } from '../src/message/message.ts';
import { periodName } from '../src/stats/period.ts';
import { formModal, input, option, plain } from './form-blocks.ts';

/** Slack's days of the week in the order people read them, Monday first (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

export function digestModal(draft: DigestDraft, lang: Lang): Record<string, unknown> {
  const days = WEEK.map((day) => option(t(lang, `digestForm.day.${day}`), String(day)));
  const sections = DIGEST_SECTIONS.map((section) =>
    option(t(lang, `digestForm.section.${section}`), section),
  );
  const periods = DIGEST_PERIODS.map((period) => option(periodName(period, lang), period));
  const chosen = <T extends { value: string }>(options: T[], values: readonly string[]) =>
    options.filter((o) => values.includes(o.value));
  const blocks = [
    draft.editing
      ? {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: t(lang, 'digestForm.editing', { name: escapeMrkdwn(draft.editing) }),
          },
        }
      : input(DIGEST_FIELDS.name, t(lang, 'digestForm.name'), {
          type: 'plain_text_input',
          max_length: 40,
          ...(draft.name ? { initial_value: draft.name } : {}),
          placeholder: plain('cs-leads-morning'),
        }),
    input(DIGEST_FIELDS.channel, t(lang, 'digestForm.channel'), {
      type: 'conversations_select',
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(draft.channel ? { initial_conversation: draft.channel } : {}),
    }),
    input(DIGEST_FIELDS.time, t(lang, 'digestForm.time'), { type: 'timepicker', initial_time: draft.time }),
    input(DIGEST_FIELDS.days, t(lang, 'digestForm.days'), {
      type: 'checkboxes',
      options: days,
      ...(draft.days.length ? { initial_options: chosen(days, draft.days.map(String)) } : {}),
    }),
    input(DIGEST_FIELDS.timeZone, t(lang, 'digestForm.timeZone'), {
      type: 'plain_text_input',
      initial_value: draft.timeZone,
      placeholder: plain('Asia/Shanghai'),
    }),
    input(DIGEST_FIELDS.period, t(lang, 'digestForm.period'), {
      type: 'static_select',
      options: periods,
      initial_option: periods.find((p) => p.value === draft.period) ?? periods[0],
    }),
    ...FILTER_FIELDS.map(([field, word]) => {
      const value = draft.filters[word];
      return input(
        DIGEST_FIELDS[field],
        t(lang, `digestForm.filter.${word}`),
        {
          type: 'external_select',
          min_query_length: 0,
          placeholder: plain(t(lang, 'digestForm.filterPlaceholder')),
          ...(value ? { initial_option: option(value, value) } : {}),
        },
        { optional: true },
      );
    }),
    input(DIGEST_FIELDS.sections, t(lang, 'digestForm.sections'), {
      type: 'checkboxes',
      options: sections,
      ...(draft.sections.length ? { initial_options: chosen(sections, draft.sections) } : {}),
    }),
  ];
  return formModal(
    HOME_VIEWS.digestForm,
    draft.editing,
    { fresh: 'digestForm.titleNew', edit: 'digestForm.titleEdit' },
    lang,
    blocks,
  );
}
