import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, layeringViolations, productImports } from '../scripts/import-graph.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the import graph of src/, commands/ and reports/', () => {
  const edges = productImports(root);

  it('reads the imports of the product modules', () => {
    // The composition root imports the Slack app and the commands: a graph without them read nothing.
    expect(edges).toContainEqual({ from: 'src/compose/bot.ts', to: 'src/slack/app.ts', typeOnly: false });
    expect(edges).toContainEqual({
      from: 'src/compose/workers.ts',
      to: 'commands/index.ts',
      typeOnly: false,
    });
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('has no import against the documented layering (scripts/import-graph.ts LAYERING)', () => {
    expect(layeringViolations(edges)).toEqual([]);
  });
});

describe('layeringViolations', () => {
  const edge = (from: string, to: string) => ({ from, to, typeOnly: true });

  it('refuses a wrong-way import, type-only or not, and says which rule it breaks', () => {
    expect(layeringViolations([edge('src/alerts/checker.ts', 'src/slack/channel-post.ts')])).toEqual([
      expect.stringContaining(
        'src/alerts/checker.ts → src/slack/channel-post.ts: Slack transport sits above',
      ),
    ]);
    expect(layeringViolations([edge('src/stats/service.ts', 'reports/overview.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('src/simulator/server.ts', 'src/sobot/http.ts')])).toHaveLength(1);
  });

  it('lets the composition root wire commands/ and reports/, and a folder import itself', () => {
    expect(layeringViolations([edge('src/compose/workers.ts', 'commands/index.ts')])).toEqual([]);
    expect(layeringViolations([edge('src/sobot/v5/backend.ts', 'src/sobot/errors.ts')])).toEqual([]);
  });
});

describe('importCycles', () => {
  const edge = (from: string, to: string) => ({ from, to, typeOnly: false });

  it('finds each cycle once, with every module on it', () => {
    const edges = [
      edge('a', 'b'),
      edge('b', 'c'),
      edge('c', 'a'),
      edge('c', 'd'),
      edge('d', 'e'),
      edge('e', 'd'),
    ];
    expect(importCycles(edges)).toEqual([
      ['d', 'e'],
      ['a', 'b', 'c'],
    ]);
  });

  it('counts a module importing itself, and nothing in a graph without cycles', () => {
    expect(importCycles([edge('a', 'a')])).toEqual([['a']]);
    expect(importCycles([edge('a', 'b'), edge('b', 'c'), edge('a', 'c')])).toEqual([]);
  });
});
