/**
 * Static checks of a README shell block, command by command, without running anything long:
 * npm scripts exist (their flags are returned for a `--help` check), `npm pack`'s tarball is the
 * one installed, cdk stacks and context values are ones the app accepts, files run exist, and a
 * `cd` goes to a folder that exists or that the block created. An unknown command is a problem,
 * so a new kind of command gets a check before it reaches the README.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { CLICKSTREAM_CONTEXT_KEYS, readClickstreamContext } from '../../lib/clickstream/clickstream-context';
import { CONTEXT_KEYS, readAppContext } from '../../lib/common/app-context';
import { APP_STACK_PREFIX, CLICKSTREAM_PATTERN, EMAIL_WORKER_PATTERN } from '../../lib/common/stack-name';
import { KAFKA_CONTEXT_KEYS, readKafkaContext } from '../../lib/kafka/kafka-context';
import { KAFKA_PATTERN } from '../../runtime/kafka/kafka-names';
import { npmScripts, parseNpmScriptCall, REPO_ROOT } from './npm-script-command';
import { shellCommands } from './shell-words';

/** The flags one npm script call passes after `--`. */
export interface ScriptFlags {
  readonly script: string;
  readonly flags: readonly string[];
}

interface BlockState {
  readonly createdDirs: Set<string>;
  readonly problems: string[];
  readonly scriptFlags: ScriptFlags[];
}

const CONTEXT_KEY_NAMES = new Set<string>([...Object.values(CONTEXT_KEYS), ...Object.values(CLICKSTREAM_CONTEXT_KEYS), ...Object.values(KAFKA_CONTEXT_KEYS)]);
const STACK_NAME = new RegExp(`^${APP_STACK_PREFIX}(-[A-Za-z0-9-]+)?-(${[EMAIL_WORKER_PATTERN, CLICKSTREAM_PATTERN, KAFKA_PATTERN].join('|')})$`);
const CDK_SUBCOMMANDS = new Set(['synth', 'deploy', 'destroy', 'diff', 'bootstrap']);
/** Files a README block tells the reader to write, so a later block may run them. */
const README_WRITTEN_FILES = new Set(['app.ts']);

function packedTarball(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return `${manifest.name}-${manifest.version}.tgz`;
}

function checkNpm(words: readonly string[], state: BlockState): void {
  const call = parseNpmScriptCall(words);
  if (call !== undefined) {
    if (npmScripts()[call.script] === undefined) state.problems.push(`${words.join(' ')}: package.json has no script "${call.script}"`);
    else state.scriptFlags.push({ script: call.script, flags: call.args.filter((arg) => arg.startsWith('--')).map((arg) => arg.split('=')[0]) });
    return;
  }
  const [, subcommand, ...rest] = words;
  if (subcommand === 'pack' || subcommand === 'init' || subcommand === 'ci') return;
  if (subcommand !== 'install' && subcommand !== 'i') {
    state.problems.push(`${words.join(' ')}: an npm command this test does not know`);
    return;
  }
  for (const tarball of rest.filter((arg) => arg.endsWith('.tgz'))) {
    if (path.basename(tarball) !== packedTarball()) state.problems.push(`${words.join(' ')}: npm pack writes ${packedTarball()}, not ${path.basename(tarball)}`);
  }
}

/** Problems of one `-c key=value` set: unknown keys, and whatever the app's own context parsers refuse. */
function contextProblems(context: Record<string, string>): string[] {
  const unknown = Object.keys(context).filter((key) => !CONTEXT_KEY_NAMES.has(key)).map((key) => `unknown context key ${key}`);
  const app = new App({ context });
  try {
    readAppContext(app.node, {});
    readClickstreamContext(app.node);
    readKafkaContext(app.node);
    return unknown;
  } catch (error) {
    return [...unknown, error instanceof Error ? error.message : String(error)];
  }
}

function checkCdk(words: readonly string[], state: BlockState): void {
  const [, , subcommand, ...args] = words;
  const problem = (message: string) => state.problems.push(`${words.join(' ')}: ${message}`);
  if (!CDK_SUBCOMMANDS.has(subcommand)) problem(`unknown cdk command ${subcommand}`);
  const context: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '-c' || arg === '--context') {
      const [key, ...value] = (args[index + 1] ?? '').split('=');
      context[key] = value.join('=');
      index += 1;
    } else if (arg === '--app') {
      checkRunnable(args[index + 1] ?? '', state);
      index += 1;
    } else if (arg !== '--all' && arg !== '--quiet' && !STACK_NAME.test(arg)) {
      problem(`${arg} is neither a stack of this app nor a flag this test knows`);
    }
  }
  for (const message of contextProblems(context)) problem(message);
}

/** `npx tsx FILE`: FILE exists in the repository, or is one the README has the reader write. */
function checkRunnable(command: string, state: BlockState): void {
  for (const words of shellCommands(command)) {
    if (words[0] !== 'npx' || words[1] !== 'tsx') {
      state.problems.push(`${command}: only npx tsx FILE is checked`);
      continue;
    }
    const file = words[2];
    if (!README_WRITTEN_FILES.has(file) && !fs.existsSync(path.join(REPO_ROOT, file))) state.problems.push(`${command}: no file ${file}`);
  }
}

function checkCommand(words: readonly string[], state: BlockState): void {
  const [program] = words;
  if (program === 'npm') checkNpm(words, state);
  else if (program === 'npx' && words[1] === 'cdk') checkCdk(words, state);
  else if (program === 'npx' && words[1] === 'tsx') checkRunnable(words.join(' '), state);
  else if (program === 'mkdir') words.slice(1).filter((arg) => !arg.startsWith('-')).forEach((dir) => state.createdDirs.add(dir));
  else if (program === 'cd') {
    const dir = words[1] ?? '';
    if (!state.createdDirs.has(dir) && !fs.existsSync(path.join(REPO_ROOT, dir))) state.problems.push(`cd ${dir}: no such folder, and the block does not create it`);
  } else state.problems.push(`${words.join(' ')}: a command this test does not know`);
}

/** Problems of a shell block, and the script flags to check against each script's `--help`. */
export function checkShellBlock(body: string): { problems: string[]; scriptFlags: ScriptFlags[] } {
  const state: BlockState = { createdDirs: new Set(), problems: [], scriptFlags: [] };
  for (const line of body.split('\n')) {
    for (const words of shellCommands(line)) checkCommand(words, state);
  }
  return { problems: state.problems, scriptFlags: state.scriptFlags };
}
