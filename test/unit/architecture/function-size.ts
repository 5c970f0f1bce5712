/**
 * Function lengths, read with the TypeScript compiler's own parser: every function-like node with a
 * body (declarations, methods, accessors, constructors, function expressions and arrow functions
 * with a block body), measured from the line of its opening brace to the line of its closing one.
 * A nested function counts inside its parent too: a factory is as long as the closures it holds.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';
import { sourceFilesUnder } from './import-graph';

/** A function whose body is longer than the limit. */
export interface LongFunction {
  /** Repository-relative path, forward slashes. */
  readonly file: string;
  /** 1-based line of the function's first token. */
  readonly line: number;
  /** The function's name, or how it is bound (`<anonymous>` when nothing names it). */
  readonly name: string;
  /** Lines of the body, braces included. */
  readonly bodyLines: number;
}

/** The name a reader would search for: the function's own, or the variable, property or class member it is bound to. */
function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name !== undefined) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name !== undefined) {
    return parent.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '<anonymous>';
}

/** Every function in one source text whose block body is longer than `maxLines`. */
export function findLongFunctionsInSource(file: string, text: string, maxLines: number): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined && ts.isBlock(node.body)) {
      const bodyLines = lineOf(node.body.getEnd()) - lineOf(node.body.getStart(source)) + 1;
      if (bodyLines > maxLines) {
        found.push({ file, line: lineOf(node.getStart(source)), name: functionName(node as ts.FunctionLikeDeclaration), bodyLines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every function over `maxLines` in the TypeScript files under `folders` (relative to `root`), longest first. */
export function findLongFunctions(root: string, folders: readonly string[], maxLines: number): LongFunction[] {
  return folders
    .flatMap((folder) => sourceFilesUnder(join(root, folder)))
    .flatMap((path) => findLongFunctionsInSource(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'), maxLines))
    .sort((a, b) => b.bodyLines - a.bodyLines);
}
