/**
 * Turns an `npm run NAME -- ARGS` (or `npm start -- ARGS`) line into the command npm would run,
 * from package.json's scripts, with the repository's local binaries, so a test can run it
 * without npm's banner and check what it prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shellWords } from './shell-words';

export const REPO_ROOT = path.join(__dirname, '..', '..');

/** package.json's scripts. */
export function npmScripts(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return manifest.scripts;
}

/** An npm invocation: the script it runs and the arguments after `--`. */
export interface NpmScriptCall {
  readonly script: string;
  readonly args: readonly string[];
}

/** `npm [-s] run NAME [-- ARGS]`, `npm start|test [-- ARGS]`; undefined for any other npm command. */
export function parseNpmScriptCall(words: readonly string[]): NpmScriptCall | undefined {
  if (words[0] !== 'npm') return undefined;
  const rest = words.slice(1).filter((word) => word !== '-s' && word !== '--silent');
  const separator = rest.indexOf('--');
  const before = separator === -1 ? rest : rest.slice(0, separator);
  const args = separator === -1 ? [] : rest.slice(separator + 1);
  if (before[0] === 'run' && before.length === 2) return { script: before[1], args };
  if ((before[0] === 'start' || before[0] === 'test') && before.length === 1) return { script: before[0], args };
  return undefined;
}

/** The program and arguments npm would run for `call` (its script's first word from node_modules/.bin). */
export function commandFor(call: NpmScriptCall): { readonly file: string; readonly args: string[] } {
  const script = npmScripts()[call.script];
  if (script === undefined) throw new Error(`package.json has no script "${call.script}"`);
  // `exec` only replaces npm's shell with the program (so a signal reaches it directly): skip it.
  const words = shellWords(script);
  const [program, ...scriptArgs] = words[0] === 'exec' ? words.slice(1) : words;
  const local = path.join(REPO_ROOT, 'node_modules', '.bin', program);
  return { file: fs.existsSync(local) ? local : program, args: [...scriptArgs, ...call.args] };
}
