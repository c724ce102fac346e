// The bot's import graph: every relative import between the product folders (src/, commands/, reports/),
// its cycles, and the imports that run against the layering the folder READMEs document (LAYERING). Run by
// test/layering.test.ts so a cycle or a wrong-way import fails `npm test`; `npx tsx scripts/import-graph.ts`
// prints the same findings. Type-only imports count: a type cycle is still two modules that cannot be read
// (or moved) one without the other.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const PRODUCT_ROOTS = ['src', 'commands', 'reports'] as const;

export interface ImportEdge {
  /** Importing module, relative to the repository root (`src/main.ts`). */
  from: string;
  /** Imported module, relative to the repository root. */
  to: string;
  /** True for `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
}

const sourceFiles = (root: string, dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

const isTypeOnly = (node: ts.ImportDeclaration | ts.ExportDeclaration): boolean => {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
};

/** The relative imports of one file: static imports, re-exports and `import('./x.ts')`. */
const importsOf = (root: string, file: string): ImportEdge[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean): void => {
    if (!specifier.startsWith('.')) return;
    const to = relative(root, resolve(root, dirname(file), specifier))
      .split('\\')
      .join('/');
    edges.push({ from: file.split('\\').join('/'), to, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, isTypeOnly(node));
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
};

/** Every import between product modules (imports of packages and of files outside the roots are left out). */
export const productImports = (root: string): ImportEdge[] => {
  const files = PRODUCT_ROOTS.flatMap((dir) => sourceFiles(root, dir));
  const known = new Set(files.map((file) => file.split('\\').join('/')));
  return files.flatMap((file) => importsOf(root, file)).filter((edge) => known.has(edge.to));
};

/**
 * The import cycles, one per strongly connected component of more than one module (Tarjan), each listed
 * as its modules in order. A module importing itself is a cycle of one.
 */
export const importCycles = (edges: readonly ImportEdge[]): string[][] => {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].sort()) {
    if (!index.has(node)) connect(node);
  }
  return cycles;
};

/**
 * The documented direction of imports (DESIGN.md, the folder READMEs), as rules on module paths: the
 * modules a rule covers (path prefixes), the prefixes they may not import (`not`) or the only ones they
 * may (`only`, besides their own folder), and why. A module the rule `except`s is outside it.
 */
export interface LayerRule {
  modules: readonly string[];
  except?: readonly string[];
  not?: readonly string[];
  only?: readonly string[];
  because: string;
}

/** What the composition root is: it alone wires commands/ and reports/ into src/. */
const COMPOSITION = ['src/main.ts', 'src/compose/', 'src/demo.ts', 'src/demo/'];

export const LAYERING: readonly LayerRule[] = [
  {
    modules: ['src/'],
    except: COMPOSITION,
    not: ['commands/', 'reports/'],
    because: 'commands/ and reports/ depend on src/, never the reverse; only the composition root wires them',
  },
  {
    modules: ['reports/'],
    not: ['commands/', 'src/slack/', 'src/sobot/', 'src/store/', 'src/simulator/', ...COMPOSITION],
    because: 'reports are pure layouts: no transport, no Sobot, no store',
  },
  {
    modules: [
      'src/stats/',
      'src/sobot/',
      'src/store/',
      'src/alerts/',
      'src/charts/',
      'src/message/',
      'src/i18n/',
      'src/metrics/',
    ],
    not: ['src/slack/'],
    because: 'Slack transport sits above the engine: it reaches it through ports (message/poster.ts)',
  },
  {
    modules: ['src/stats/'],
    not: ['src/sobot/', 'src/alerts/', 'src/scheduler/', 'src/home/', 'src/charts/'],
    because: 'stats is backend-neutral: a Sobot API implements its port (stats/backend.ts)',
  },
  {
    modules: ['src/sobot/'],
    only: [
      'src/stats/',
      'src/store/',
      'src/metrics/',
      'src/clock.ts',
      'src/command-context.ts',
      'src/errors.ts',
      'src/logger.ts',
      'src/redact.ts',
    ],
    because: 'sobot/ speaks the wire format and nothing else',
  },
  {
    modules: ['src/message/'],
    only: ['src/charts/spec.ts', 'src/config-file.ts'],
    because: 'the message model is a leaf that every layer may import',
  },
  {
    modules: ['src/simulator/'],
    only: ['src/clock.ts'],
    because: 'the simulator is written from the API documents, not from the bot',
  },
  {
    modules: ['src/i18n/'],
    only: [],
    because: 'the catalogue imports nothing of the bot; anything may import it',
  },
  {
    modules: ['src/', 'commands/', 'reports/'],
    except: ['src/simulator/', 'src/demo.ts', 'src/demo/'],
    not: ['src/simulator/'],
    because: "the simulator is for the demo, tests and the bench, never the bot's runtime path",
  },
];

const covers = (prefixes: readonly string[], path: string) =>
  prefixes.some((prefix) => path.startsWith(prefix));
/** A module's own folder (`src/sobot/v5/` counts as `src/sobot/`): what `only` always allows. */
const ownFolder = (path: string) =>
  path.startsWith('src/') ? `${path.split('/').slice(0, 2).join('/')}/` : `${path.split('/')[0]}/`;

/** Every import that runs against a rule, as `from → to: because`. */
export function layeringViolations(edges: readonly ImportEdge[], rules = LAYERING): string[] {
  return edges.flatMap(({ from, to }) =>
    rules
      .filter((rule) => covers(rule.modules, from) && !covers(rule.except ?? [], from))
      .filter((rule) =>
        rule.only ? !to.startsWith(ownFolder(from)) && !covers(rule.only, to) : covers(rule.not ?? [], to),
      )
      .map((rule) => `${from} → ${to}: ${rule.because}`),
  );
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const edges = productImports(repositoryRoot);
  const cycles = importCycles(edges);
  const runtimeCycles = importCycles(edges.filter((edge) => !edge.typeOnly));
  console.log(
    `${edges.length} imports, ${cycles.length} cycles (${runtimeCycles.length} without type-only imports)`,
  );
  for (const cycle of cycles) console.log(`  cycle of ${cycle.length}: ${cycle.join(' ')}`);
  const violations = layeringViolations(edges);
  console.log(`${violations.length} imports against the layering`);
  for (const violation of violations) console.log(`  ${violation}`);
  process.exitCode = cycles.length > 0 || violations.length > 0 ? 1 : 0;
}
