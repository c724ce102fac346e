// The actions an "unknown action" error offers are words the command takes, in the asker's language:
// every word the Chinese list shows is one `canonical` accepts, for the same actions the English lists.

import { describe, expect, it } from 'vitest';
import { ACTION_WORDS, canonical } from '../../commands/words.ts';
import { t } from '../../src/i18n/catalogue.ts';

const words = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

describe('the actions offered by an unknown-action error', () => {
  it.each(['command.actions.digest', 'command.actions.alerts'] as const)(
    '%s: the same actions in zh as in en',
    (key) => {
      const english = words(t('en', key));
      const chinese = words(t('zh', key));
      expect(english.length).toBeGreaterThan(1);
      for (const word of english) expect(Object.keys(ACTION_WORDS), word).toContain(word);
      for (const word of chinese) expect(word, 'a Chinese word').toMatch(/\p{Script=Han}/u);
      expect(chinese.map((word) => canonical(word, ACTION_WORDS))).toEqual(english);
    },
  );
});
