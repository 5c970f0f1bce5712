import { join } from 'node:path';
import { findImportCircles, findUpwardImports, readImportGraph, type ImportGraph, type LayerRules } from './import-graph';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['bin', 'lib', 'runtime', 'local', 'bench', 'advisor'];

/**
 * Who may import whom (README "Layout"): runtime/ is the bottom layer (handlers and the contracts
 * every layer shares); lib/ builds on it and bin/ on lib/; local/ and bench/ run the patterns on
 * this machine (local/ also prints the advisor's commands, bench/ starts local/'s emulators);
 * advisor/ stands alone on runtime/. Nothing outside test/ imports test/.
 */
const LAYERS: LayerRules = {
  runtime: ['runtime'],
  lib: ['runtime', 'lib'],
  bin: ['runtime', 'lib', 'bin'],
  advisor: ['runtime', 'advisor'],
  local: ['runtime', 'lib', 'advisor', 'local'],
  bench: ['runtime', 'lib', 'local', 'bench'],
};
const FORBIDDEN = ['test'];

/**
 * Known upward imports, each with the change that removes it. The test fails when one disappears,
 * so this list cannot outlive its reason.
 */
const KNOWN_UPWARD_IMPORTS: readonly { readonly from: string; readonly to: string; readonly reason: string }[] = [];

describe('import graph checks', () => {
  it('finds a circle, a self-import, and leaves a file that only points into a circle out', () => {
    const graph: ImportGraph = new Map([
      ['local/a.ts', ['local/b.ts']],
      ['local/b.ts', ['local/c.ts']],
      ['local/c.ts', ['local/a.ts', 'runtime/x.ts']],
      ['local/d.ts', ['local/a.ts']],
      ['local/e.ts', ['local/e.ts']],
      ['runtime/x.ts', []],
    ]);
    expect(findImportCircles(graph)).toEqual(expect.arrayContaining([['local/a.ts', 'local/b.ts', 'local/c.ts'], ['local/e.ts']]));
    expect(findImportCircles(graph)).toHaveLength(2);
  });

  it('flags imports into a higher layer and into test/, and allows the rest', () => {
    const graph: ImportGraph = new Map([
      ['lib/stack.ts', ['runtime/handler.ts', 'local/start.ts']],
      ['runtime/handler.ts', ['lib/stack.ts']],
      ['local/run.ts', ['runtime/handler.ts', 'lib/stack.ts', 'scripts/check-node.cjs', 'test/factories/fake.ts']],
      ['advisor/cli.ts', ['local/run.ts']],
    ]);
    expect(findUpwardImports(graph, LAYERS, FORBIDDEN)).toEqual([
      { from: 'lib/stack.ts', to: 'local/start.ts' },
      { from: 'runtime/handler.ts', to: 'lib/stack.ts' },
      { from: 'local/run.ts', to: 'test/factories/fake.ts' },
      { from: 'advisor/cli.ts', to: 'local/run.ts' },
    ]);
  });
});

describe(`the project's imports (${SCANNED.join(', ')})`, () => {
  const graph = readImportGraph(ROOT, SCANNED);

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(250);
    expect(graph.get('local/start.ts')).toContain('local/patterns/run-patterns.ts');
    expect(graph.get('bin/app.ts')).toContain('lib/queue-or-stream-app.ts');
  });

  it('resolves every relative import to a file', () => {
    const unresolved = [...graph].flatMap(([from, targets]) => targets.filter((to) => to.startsWith('?')).map((to) => `${from} → ${to}`));
    expect(unresolved).toEqual([]);
  });

  it('has no import circle', () => {
    expect(findImportCircles(graph)).toEqual([]);
  });

  it('imports no higher layer and nothing under test/', () => {
    const known = (from: string, to: string): boolean => KNOWN_UPWARD_IMPORTS.some((entry) => entry.from === from && entry.to === to);
    const upward = findUpwardImports(graph, LAYERS, FORBIDDEN);
    expect(upward.filter(({ from, to }) => !known(from, to))).toEqual([]);
    // A known exception that no longer occurs must leave the list.
    expect(KNOWN_UPWARD_IMPORTS.filter(({ from, to }) => !upward.some((found) => found.from === from && found.to === to))).toEqual([]);
  });
});
