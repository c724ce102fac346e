// The way every user-facing string is looked up: one catalogue per language (en.ts, zh.ts), typed
// keys, `{name}` interpolation, plural forms chosen by Intl.PluralRules, and phrases (a key and its
// parameters) that errors and parsers carry until the reply's language is known.

import { en } from './en.ts';
import type { Catalogue, MessageKey, PluralForms } from './entries.ts';
import { zh } from './zh.ts';

/** The languages the bot answers in: `SOBOT_LANGUAGE` by default, or the asker's Slack locale. */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export type { Catalogue, Entry, MessageKey, PluralForms } from './entries.ts';

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type EntryTexts<E> = E extends string ? E : E extends PluralForms ? E[keyof E] : never;
type Value = string | number | Phrase;
/** The parameters a key takes: its `{placeholders}`, and `count` for an entry with plural forms. */
export type Params<K extends MessageKey> = {
  [P in
    | Placeholders<EntryTexts<(typeof en)[K]>>
    | ((typeof en)[K] extends PluralForms ? 'count' : never)]: P extends 'count' ? number : Value;
};
type ParamArgs<K extends MessageKey> = [keyof Params<K>] extends [never] ? [] : [params: Params<K>];

/** A message not yet in a language: what an error or a parser says, rendered once the reply's language is known. */
export interface Phrase<K extends MessageKey = MessageKey> {
  readonly key: K;
  readonly params: Readonly<Record<string, Value>>;
}

const CATALOGUES: Record<Lang, Catalogue> = { en, zh };
const PLURALS: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  zh: new Intl.PluralRules('zh'),
};

export function phrase<K extends MessageKey>(key: K, ...params: ParamArgs<K>): Phrase<K> {
  return { key, params: (params[0] ?? {}) as Phrase['params'] };
}

export function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && 'key' in value && 'params' in value;
}

/** The text of `key` in `lang`, its placeholders filled (a parameter that is a phrase is said in `lang` too). */
export function t<K extends MessageKey>(lang: Lang, key: K, ...params: ParamArgs<K>): string {
  return fill(lang, key, (params[0] ?? {}) as Phrase['params']);
}

/** The text of a key picked at run time from a table of keys (a command's summary): no parameters. */
export function textOf(lang: Lang, key: MessageKey): string {
  return fill(lang, key, {});
}

/** A key's text in every language, for a registry read by language (a KPI's `label[lang]`). */
export function inEveryLang(key: MessageKey): Readonly<Record<Lang, string>> {
  return { en: textOf('en', key), zh: textOf('zh', key) };
}

/** A phrase in `lang`. */
export function say(lang: Lang, said: Phrase): string {
  return fill(lang, said.key, said.params);
}

function fill(lang: Lang, key: MessageKey, params: Phrase['params']): string {
  const entry = CATALOGUES[lang][key];
  const text = typeof entry === 'string' ? entry : pluralForm(lang, entry, params.count);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return isPhrase(value) ? say(lang, value) : String(value);
  });
}

function pluralForm(lang: Lang, forms: PluralForms, count: Value | undefined): string {
  const category = typeof count === 'number' ? PLURALS[lang].select(count) : 'other';
  return (category === 'one' ? forms.one : undefined) ?? forms.other;
}

/** The catalogue of `lang`, for the tests that compare the languages key by key. */
export function catalogueOf(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** `SOBOT_LANGUAGE`, or a Slack locale (`zh-CN`, `zh-TW`, `en-US`, …): the language the bot answers in. */
export function langOf(locale: string | null | undefined): Lang | null {
  if (!locale) return null;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' ? 'zh' : primary === 'en' ? 'en' : null;
}
