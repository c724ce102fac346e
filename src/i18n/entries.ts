// The shape of a catalogue: its keys (the English catalogue's) and what an entry may be. A leaf of i18n,
// so zh.ts can be checked against it without importing the lookup that imports zh.ts.

import type { en } from './en.ts';

/** Plural forms by Intl.PluralRules category; `other` is always there (Chinese needs only it). */
export interface PluralForms {
  readonly one?: string;
  readonly other: string;
}
export type Entry = string | PluralForms;

export type MessageKey = keyof typeof en;
/** What each language fills in: every key of the English catalogue, no other. */
export type Catalogue = { readonly [K in MessageKey]: Entry };
