import { join } from 'node:path';
import { findLongFunctions, findLongFunctionsInSource } from './function-size';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['bin', 'lib', 'runtime', 'local', 'bench', 'advisor'];
/** The project's rule: a function body longer than this is split into named steps. */
const MAX_BODY_LINES = 60;

/** A function whose body, braces included, spans `bodyLines` lines. */
function sourceWithBody(declaration: string, bodyLines: number): string {
  const statements = Array.from({ length: bodyLines - 2 }, (_, index) => `  const v${index} = ${index};`);
  return [`${declaration} {`, ...statements, '}'].join('\n');
}

describe('function size', () => {
  it('finds a long declaration, method, arrow function and constructor, and names each', () => {
    const source = [
      sourceWithBody('function declared()', 12),
      `const bound = () => ${sourceWithBody('', 12).trimStart()};`,
      `class Holder {\n${sourceWithBody('constructor()', 12)}\n${sourceWithBody('method()', 12)}\n}`,
    ].join('\n');
    const found = findLongFunctionsInSource('sample.ts', source, 10);
    expect(found.map(({ name, bodyLines }) => `${name} ${bodyLines}`).sort()).toEqual(['bound 12', 'constructor 12', 'declared 12', 'method 12']);
    expect(found.find((entry) => entry.name === 'declared')?.line).toBe(1);
  });

  it('leaves a body at the limit alone and counts a nested function inside its parent', () => {
    expect(findLongFunctionsInSource('sample.ts', sourceWithBody('function atLimit()', 10), 10)).toEqual([]);
    const nested = `function outer() {\n${sourceWithBody('  function inner()', 9)}\n  return inner;\n}`;
    expect(findLongFunctionsInSource('sample.ts', nested, 10).map((entry) => entry.name)).toEqual(['outer']);
  });

  it(`finds no function body over ${MAX_BODY_LINES} lines in ${SCANNED.join(', ')}`, () => {
    const long = findLongFunctions(ROOT, SCANNED, MAX_BODY_LINES).map(
      ({ file, line, name, bodyLines }) => `${file}:${line} ${name} (${bodyLines} lines)`,
    );
    expect(long).toEqual([]);
  });
});
