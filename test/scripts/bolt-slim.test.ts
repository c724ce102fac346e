// The bundle's stand-in for Bolt's index (scripts/bolt-slim.cjs): every value the bot's sources import
// from @slack/bolt is there, and is the very object Bolt's index exports. The bundled bot itself is
// run by test/lifecycle.int.test.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as bolt from '@slack/bolt';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const slim = createRequire(import.meta.url)('../../scripts/bolt-slim.cjs') as Record<string, unknown>;

/** Names imported as values (not `type`) from '@slack/bolt' in the TypeScript under `dir`. */
function boltValueImports(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(join(ROOT, dir, file), 'utf8');
    for (const [, specifiers = ''] of source.matchAll(/import\s+\{([^}]*)\}\s+from\s+'@slack\/bolt'/g)) {
      for (const specifier of specifiers.split(',').map((s) => s.trim())) {
        if (specifier !== '' && !specifier.startsWith('type '))
          names.add(specifier.split(/\s+as\s+/)[0] as string);
      }
    }
  }
  return names;
}

describe("the bundle's @slack/bolt (scripts/bolt-slim.cjs)", () => {
  it('has every value the bot imports from @slack/bolt, the same object as the index has', () => {
    const used = new Set([
      ...boltValueImports('src'),
      ...boltValueImports('commands'),
      ...boltValueImports('reports'),
    ]);
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      expect(slim[name], name).toBeDefined();
      expect(slim[name], name).toBe((bolt as Record<string, unknown>)[name]);
    }
  });

  it('exports nothing the index does not', () => {
    for (const [name, value] of Object.entries(slim))
      expect(value).toBe((bolt as Record<string, unknown>)[name]);
  });
});
