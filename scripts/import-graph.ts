// The bot's import graph: every relative import between the product folders (src/, commands/, reports/),
// its cycles, and the imports that run against the layering the folder READMEs document. Run by
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

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const edges = productImports(repositoryRoot);
  const cycles = importCycles(edges);
  const runtimeCycles = importCycles(edges.filter((edge) => !edge.typeOnly));
  console.log(
    `${edges.length} imports, ${cycles.length} cycles (${runtimeCycles.length} without type-only imports)`,
  );
  for (const cycle of cycles) console.log(`  cycle of ${cycle.length}: ${cycle.join(' ')}`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
