// Blocks every answer shares: its header, the opening of a card for a period (cardHeader: title, scope,
// context line, notification text), and the answer for a period with nothing to show (the title, what is
// missing, and for which scope), so an empty period never looks like a table of zeros.

import { type Lang, t } from '../src/i18n/catalogue.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { DateRange } from '../src/stats/model.ts';
import { describeRange } from '../src/stats/period.ts';
import { truncate } from './format.ts';

export function headerBlock(title: string) {
  return { type: 'header' as const, text: { type: 'plain_text' as const, text: title } };
}

/** What a card is asked for: its language, who sees it, and the filters as `filtersText()` states them. */
export interface CardView {
  lang: Lang;
  visibility: BotMessage['visibility'];
  filters?: string | null;
}

/** A note on the scope line; a missing one (null, '') is left out. */
type Note = string | null | undefined;

const joinNotes = (notes: readonly Note[]) => notes.filter(Boolean).join(' · ');

/** The opening every card for a period shares, built once by cardHeader(). */
export interface CardHeader {
  /** The period in words ("Mon 30 Nov – Wed 2 Dec 2026"). */
  readonly when: string;
  /** "<name> · <when>", cut to Slack's header limit. */
  readonly title: string;
  /** The time zone, the filters and the card's own marks, as plain text. */
  readonly scope: string;
  readonly header: ReturnType<typeof headerBlock>;
  /** The context line under the header: the scope, then `notes`. */
  context(...notes: Note[]): { type: 'context'; elements: [{ type: 'mrkdwn'; text: string }] };
  /** The notification text: the title, the scope (then `notes`) and `summary`. */
  text(summary: string, ...notes: Note[]): string;
  /** The whole answer for a period with nothing to show: the header and `note` for this scope. */
  empty(note: string): BotMessage;
}

/**
 * The title, scope and header of a card named `name` for `range`, and the lines built from them.
 * `marks` follow the filters on the scope (a KPI Sobot cannot narrow to them, "each day").
 */
export function cardHeader(
  name: string,
  range: DateRange,
  view: CardView,
  marks: readonly Note[] = [],
): CardHeader {
  const { lang } = view;
  const when = describeRange(range, lang);
  const title = truncate(`${name} · ${when}`, SLACK_LIMITS.headerText);
  const scope = joinNotes([range.timeZone, view.filters, ...marks]);
  return {
    when,
    title,
    scope,
    header: headerBlock(title),
    context: (...notes) => ({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(joinNotes([scope, ...notes])) }],
    }),
    text: (summary, ...notes) =>
      t(lang, 'fallback.text', { title, scope: escapeMrkdwn(joinNotes([scope, ...notes])), summary }),
    empty: (note) => nothingToShow(title, note, scope, view.visibility, lang),
  };
}

/** A card's figure: its label, its value, and its change against the period before where it has one. */
export type Figure = readonly [label: string, value: string, change?: string | null];

/** The figures as the fields of one section, each "*label*" over its value and change. */
export function figuresSection(figures: readonly Figure[]) {
  return {
    type: 'section' as const,
    fields: figures.map(([label, value, change]) => ({
      type: 'mrkdwn' as const,
      text: `*${label}*\n${value}${change ? `  _${change}_` : ''}`,
    })),
  };
}

/** The figures for the notification text: "Figures: Chats 12, Rated 4". */
export function figuresSummary(figures: readonly Figure[], lang: Lang): string {
  const said = figures.map(([label, value]) => `${label} ${value}`);
  return t(lang, 'fallback.figures', { figures: said.join(t(lang, 'list.figures')) });
}

export function nothingToShow(
  title: string,
  note: string,
  scope: string,
  visibility: BotMessage['visibility'],
  lang: Lang,
): BotMessage {
  const said = t(lang, 'blocks.nothing', { note: escapeMrkdwn(note), scope: escapeMrkdwn(scope) });
  return {
    visibility,
    text: t(lang, 'text.labelled', { label: escapeMrkdwn(title), value: escapeMrkdwn(note) }),
    blocks: [headerBlock(title), { type: 'section', text: { type: 'mrkdwn', text: said } }],
  };
}

/** What a table lists, for its footer. */
export type Listed = 'agents' | 'groups' | 'departments' | 'channels' | 'topics' | 'regions' | 'scopes';

/**
 * The one footer form of every table: "Showing 15 of 75 agents", and where the rest went
 * ("full table attached as agents-2026-12-02.csv") when it did not fit.
 */
export function showingText(
  shown: number,
  total: number,
  listed: Listed,
  lang: Lang,
  attached: string | null = null,
): string {
  const showing = t(lang, 'showing.of', {
    shown,
    total,
    listed: t(lang, `listed.${listed}`, { count: total }),
  });
  return attached ? t(lang, 'showing.attached', { showing, file: attached }) : showing;
}
