import { describe, expect, it } from 'vitest';
import {
  type Catalogue,
  catalogueOf,
  type Entry,
  LANGS,
  langOf,
  phrase,
  say,
  t,
} from '../../src/i18n/catalogue.ts';
import { durationText, listText, pointsText, spanText } from '../../src/i18n/units.ts';
import { englishWords } from '../support/english.ts';

const texts = (entry: Entry): string[] => (typeof entry === 'string' ? [entry] : Object.values(entry));
const placeholders = (entry: Entry) =>
  [...new Set(texts(entry).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();

/** What is wrong with `other` measured against the English catalogue: missing, extra, mismatched keys. */
function catalogueProblems(english: Record<string, Entry>, other: Record<string, Entry>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) if (!(key in other)) problems.push(`missing ${key}`);
  for (const [key, entry] of Object.entries(other)) {
    const source = english[key];
    if (source === undefined) {
      problems.push(`extra ${key}`);
      continue;
    }
    if (texts(entry).some((text) => text.trim() === '')) problems.push(`empty ${key}`);
    if (placeholders(entry).join() !== placeholders(source).join()) problems.push(`placeholders of ${key}`);
    if (typeof entry !== 'string' && typeof source === 'string') problems.push(`plural forms of ${key}`);
  }
  return problems;
}

const en = catalogueOf('en') as Record<string, Entry>;

describe('the catalogues', () => {
  it.each(LANGS)(
    '%s has every key of the English catalogue, no other, with the same placeholders',
    (lang) => {
      expect(catalogueProblems(en, catalogueOf(lang) as Record<string, Entry>)).toEqual([]);
    },
  );

  it('would catch a missing, an extra and a mistyped entry', () => {
    const broken: Record<string, Entry> = { ...catalogueOf('zh') };
    delete broken['button.share'];
    broken['button.shaer'] = '分享';
    broken['notice.queued'] = '排队中 {minute}';
    expect(catalogueProblems(en, broken)).toEqual([
      'missing button.share',
      'placeholders of notice.queued',
      'extra button.shaer',
    ]);
    // English missing a key Chinese has is the same check the other way round.
    expect(catalogueProblems(broken, en)).toContain('extra button.share');
  });

  it('gives every English plural both forms', () => {
    const plurals = Object.entries(en).filter(([, entry]) => typeof entry !== 'string');
    expect(plurals.length).toBeGreaterThan(0);
    for (const [key, entry] of plurals) expect(Object.keys(entry).sort(), key).toEqual(['one', 'other']);
  });

  it('has no English left in the Chinese catalogue, and no entry merely copied', () => {
    const zh = catalogueOf('zh') as Catalogue;
    const english: string[] = [];
    for (const [key, entry] of Object.entries(zh)) {
      for (const text of texts(entry)) {
        const words = englishWords(text);
        if (words.length) english.push(`${key}: ${words.join(' ')}`);
      }
      const same =
        texts(entry).join() === texts(en[key] as Entry).join() && /[A-Za-z]/.test(texts(entry).join());
      if (same) english.push(`${key}: copied`);
    }
    expect(english).toEqual([]);
  });
});

describe('t', () => {
  it('fills placeholders and picks the plural form by count', () => {
    expect(t('en', 'error.rateLimited.what', { count: 1, time: '09:42' })).toBe(
      'Sobot is rate-limiting this company for 1 more minute (until 09:42).',
    );
    expect(t('en', 'error.rateLimited.what', { count: 3, time: '09:42' })).toContain('3 more minutes');
    expect(t('zh', 'error.rateLimited.what', { count: 1, time: '09:42' })).toBe(
      '智齿正在对本公司限流，还需 1 分钟（至 09:42）。',
    );
  });

  it('says a phrase in the language it is asked for, phrases inside it too', () => {
    const outage = phrase('notice.outage.circuit', { time: '09:12' });
    const stale = phrase('notice.stale', { outage, time: '08:40', age: '32' });
    expect(say('en', stale)).toBe(
      ':warning: Sobot is not answering since 09:12; cached figures from 08:40 (32) shown.',
    );
    expect(say('zh', stale)).toBe(':warning: 智齿自 09:12 起无响应；显示的是 08:40 的缓存数据（32）。');
  });
});

describe('units', () => {
  it('writes durations the way each language does', () => {
    expect([950, 41_000, 65_000, 3_725_000].map((ms) => durationText('en', ms))).toEqual([
      '1s',
      '41s',
      '1m 05s',
      '1h 02m',
    ]);
    expect([950, 41_000, 65_000, 3_725_000].map((ms) => durationText('zh', ms))).toEqual([
      '1秒',
      '41秒',
      '1分05秒',
      '1小时02分',
    ]);
  });

  it('writes spans, points and lists per language', () => {
    expect(spanText('en', 26 * 3_600_000 + 5 * 60_000)).toBe('1 d 2 h 5 min');
    expect(spanText('zh', 26 * 3_600_000 + 5 * 60_000)).toBe('1 天 2 小时 5 分钟');
    expect(spanText('zh', 30_000)).toBe('30 秒');
    expect(pointsText('en', 1.25)).toBe('1.3 pts');
    expect(pointsText('zh', 1.25)).toBe('1.3 个百分点');
    expect(listText('zh', ['甲', '乙'])).toBe('甲、乙');
  });
});

describe('langOf', () => {
  it('reads Slack locales and SOBOT_LANGUAGE; other languages have none of their own', () => {
    expect(['zh-CN', 'zh-TW', 'zh', 'en-US', 'en-GB', 'ja-JP', '', null].map(langOf)).toEqual([
      'zh',
      'zh',
      'zh',
      'en',
      'en',
      null,
      null,
      null,
    ]);
  });
});

describe('englishWords', () => {
  it('finds prose and units, not commands, links, ids or product names', () => {
    expect(
      englishWords(
        '试试 `/sobot agents yesterday`，或看 <https://x.io|Sobot> :warning: agents-2026-11-20.csv',
      ),
    ).toEqual([]);
    expect(englishWords('智齿 Sobot 的 valid_reception_rate')).toEqual([]);
    expect(englishWords('平均 41s，变化 1.2 pts')).toEqual(['41s', 'pts']);
    expect(englishWords('Showing 15 of 75')).toEqual(['Showing', 'of']);
  });
});
