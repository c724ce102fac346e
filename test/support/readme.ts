// The README's generated tables, read back for the tests that keep them equal to their source.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The cells of the Markdown table right after the `<!-- marker ... -->` comment, without its titles. */
export function readmeTable(marker: string): string[][] {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const lines = readme
    .slice(readme.indexOf(`<!-- ${marker}`))
    .split('\n')
    .slice(1);
  return lines
    .slice(0, lines.indexOf(''))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}
