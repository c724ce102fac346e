// What an alert message shows, as plain data: the rule, its firing scopes and the episode. The
// checker fills it; reports/alert.ts lays it out.

import type { KpiId, RatingScale } from '../stats/kpi-ids.ts';
import type { Comparison } from './state.ts';

export interface AlertRuleView {
  name: string;
  kpi: KpiId;
  op: Comparison;
  threshold: number;
  clear: number;
  /** The period the rule watches, in the reader's words: "today", "今天". */
  period: string;
  /** What the scopes are when the rule watches each of many (each-agent, each-group). */
  each?: 'agent' | 'group';
  /** The company's rating scale at the last check, so satisfaction is labelled as Sobot labels it. */
  ratingScale: RatingScale | null;
}

export interface AlertScopeView {
  /** "group Sales", "王小明", "overall": user data, escaped wherever it meets mrkdwn. */
  scope: string;
  value: number | null;
  peak: number | null;
  /** The first breaching check of the episode (ISO). */
  since: string;
  /** When it fired (ISO): the resolved duration runs from here. */
  firedAt: string;
  /** Chats of the scope in the period. */
  volume: number | null;
  /** This period's checks of the scope, oldest first. */
  history: { at: string; value: number | null }[];
  /** Set once this scope has resolved (ISO). */
  resolvedAt?: string;
}

export interface AlertView {
  rule: AlertRuleView;
  status: 'firing' | 'resolved';
  scopes: AlertScopeView[];
  /** Slack mention(s) for the fired post: `<!here>`, `<!subteam^S…>`, `<@U…>`. */
  mention: string | null;
  /** An active mute: who (Slack user id) and until when (ISO). */
  mute: { by: string; until: string } | null;
  /** The check this message reports (ISO): times on another day show their date. */
  checkedAt: string;
  timeZone: string;
  lang: 'en' | 'zh';
  consoleUrl: string;
  /** Identifies the episode in the mute buttons' values. */
  episodeId: string;
}
