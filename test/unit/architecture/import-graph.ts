/**
 * The project's import graph, read with the TypeScript compiler's own scanner (`preProcessFile`:
 * `import`, `import type`, `export … from`, dynamic `import()` and `require()`), and the two checks
 * the layout promises: no import circle, no import from a layer into one above it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/** Repository-relative paths (forward slashes): importing file → the project files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** For each top-level folder, the top-level folders its files may import (itself included). */
export type LayerRules = Readonly<Record<string, readonly string[]>>;

/** An import that breaks {@link LayerRules}. */
export interface UpwardImport {
  readonly from: string;
  readonly to: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '__snapshots__', 'cdk.out', 'dist']);

/** Every TypeScript source under `folder` (declaration files, dependencies and build output left out). */
export function sourceFilesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFilesUnder(path);
    return /\.(c|m)?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A relative specifier resolved as the TypeScript/CommonJS resolution does for this project. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

const toPosix = (path: string): string => path.split(sep).join('/');

/**
 * Reads every TypeScript file under `folders` of `root`. Package imports are left out; a relative
 * import that resolves to no file is kept as `?<specifier>` so a caller can see it.
 */
export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => sourceFilesUnder(join(root, folder)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => {
        const target = resolveRelative(file, specifier);
        return target === undefined ? `?${specifier}` : toPosix(relative(root, target));
      });
    graph.set(toPosix(relative(root, file)), [...new Set(targets)]);
  }
  return graph;
}

/** Every import circle (a strongly connected component of two or more files, or a file importing itself). */
export function findImportCircles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    lowLink.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = (graph.get(frame.node) ?? []).filter((target) => graph.has(target));
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!;
        if (!index.has(target)) {
          index.set(target, next);
          lowLink.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfImport = component.length === 1 && (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfImport) circles.push(component.sort());
    }
  }
  return circles;
}

const topFolderOf = (path: string): string => path.split('/')[0]!;

/**
 * Imports from a ruled folder into a folder its rule does not list. A target outside every ruled
 * folder (e.g. `scripts/`, `package.json`) is allowed, except the folders in `forbidden`.
 */
export function findUpwardImports(graph: ImportGraph, rules: LayerRules, forbidden: readonly string[]): UpwardImport[] {
  const ruled = new Set(Object.keys(rules));
  const found: UpwardImport[] = [];
  for (const [from, targets] of graph) {
    const allowed = rules[topFolderOf(from)];
    if (allowed === undefined) continue;
    for (const to of targets) {
      const layer = topFolderOf(to);
      const upward = forbidden.includes(layer) || (ruled.has(layer) && !allowed.includes(layer));
      if (upward) found.push({ from, to });
    }
  }
  return found;
}
