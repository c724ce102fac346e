// The README as GitHub renders it: every table keeps all its rows (a stray blank line turns the rest of
// a table into a paragraph), and its tables name every command and every setting the bot has.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { createCommands } from '../commands/index.ts';
import type { CommandDeps } from '../commands/types.ts';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const tokens = marked.lexer(readme);

/** Every token, nested ones (list items, quotes) included. */
function walk(list: readonly unknown[]): Tokens.Generic[] {
  return (list as Tokens.Generic[]).flatMap((token) => [
    token,
    ...walk((token.tokens as unknown[]) ?? []),
    ...walk((token.items as unknown[]) ?? []),
  ]);
}
const tables = walk(tokens).filter((t): t is Tokens.Table => t.type === 'table');

/** Lines that look like table rows (start with `|`), outside fenced code blocks. */
function pipeLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    return !fenced && /^\s*\|/.test(line);
  });
}

const cellText = (cell: Tokens.TableCell) => cell.text;

describe('README.md', () => {
  it('renders every table row as part of a table', () => {
    const rendered = tables.reduce((sum, table) => sum + table.rows.length + 2, 0);
    expect(rendered).toBe(pipeLines(readme).length);
  });

  it('gives every row of every table as many cells as its header', () => {
    for (const table of tables) {
      for (const row of table.rows)
        expect(row.length, row.map(cellText).join(' | ')).toBe(table.header.length);
    }
  });

  it('lists every /sobot subcommand in the Commands table', () => {
    const commandsTable = tables.find((t) => t.header.map(cellText).join() === 'command,what you get');
    const documented = (commandsTable?.rows ?? [])
      .map((row) => cellText(row[0] as Tokens.TableCell))
      .join('\n');
    // Only the names are read here: the handlers are never run.
    const { commands } = createCommands({} as CommandDeps);
    for (const { name } of commands) expect(documented, name).toContain(`/sobot ${name}`);
  });

  it('documents every setting of .env.example in the Configuration table', () => {
    const config = tables.find((t) => t.header.map(cellText).join() === 'variable,meaning,default');
    const documented = (config?.rows ?? []).map((row) => cellText(row[0] as Tokens.TableCell)).join(' ');
    const settings = [
      ...readFileSync(join(ROOT, '.env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm),
    ].map((m) => m[1] as string);
    expect(settings).toContain('SHUTDOWN_TIMEOUT');
    for (const name of settings) expect(documented, name).toContain(`\`${name}\``);
  });

  it('asks for one install before both fresh-machine commands', () => {
    const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('## Commands'));
    expect(tryIt.match(/npm ci/g)).toHaveLength(1);
    expect(tryIt).toContain('redis-server');
  });
});
