/**
 * The README's code blocks work as written. TypeScript blocks are an app of their own: written to
 * a temporary folder whose `queue-or-stream` import resolves to this repository's lib/ (a tsconfig
 * path, as the packed package would; test/package/pack-reuse.test.ts proves the package itself),
 * type-checked strictly and synthesized. Shell blocks are checked without running anything long:
 * every npm script exists and accepts the flags given (its `--help`), every cdk stack and context
 * value is one the app accepts, every file run exists, every `cd` goes somewhere that exists.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { checkShellBlock, type ScriptFlags } from './readme-shell-checks';
import { fencedBlocks } from './markdown-blocks';
import { commandFor, npmScripts, REPO_ROOT } from './npm-script-command';

interface Template {
  readonly Parameters?: Record<string, { readonly Default?: string; readonly AllowedPattern?: string }>;
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const blocks = fencedBlocks(README);
const typeScriptBlocks = blocks.filter((block) => block.language === 'ts' || block.language === 'typescript');
const shellBlocks = blocks.filter((block) => block.language === 'bash' || block.language === 'sh');

/**
 * A folder holding `source` as app.ts, where `queue-or-stream` is this repository's lib/. It lies in
 * the repository's git-ignored .local-state/, so packages resolve from the repository's node_modules
 * and NodejsFunction finds the handlers under its project root (the lock file's folder), as it does
 * in the reader's app with the package installed in node_modules.
 */
function appFolder(source: string): string {
  const parent = path.join(REPO_ROOT, '.local-state');
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'readme-app-'));
  fs.writeFileSync(path.join(dir, 'app.ts'), source);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    extends: path.join(REPO_ROOT, 'tsconfig.json'),
    compilerOptions: { noEmit: true, strict: true, skipLibCheck: true, paths: { 'queue-or-stream': [path.join(REPO_ROOT, 'lib', 'index.ts')] } },
    files: ['app.ts'],
    include: [],
  }));
  return dir;
}

/** Synthesizes app.ts as `cdk synth --app "npx tsx app.ts"` would (the CLI sets CDK_OUTDIR); the templates by stack. */
async function synthesize(dir: string): Promise<Record<string, Template>> {
  const outdir = path.join(dir, 'cdk.out');
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  await promisify(execFile)(tsx, ['app.ts'], { cwd: dir, env: { ...process.env, CDK_OUTDIR: outdir } });
  const templates = fs.readdirSync(outdir).filter((file) => file.endsWith('.template.json'));
  return Object.fromEntries(templates.map((file) => [file.replace('.template.json', ''), JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8')) as Template]));
}

const resourcesOf = (template: Template, type: string) => Object.values(template.Resources).filter((resource) => resource.Type === type);

// Ask every script for its help while the TypeScript block is checked: each is a Node start.
beforeAll(() => {
  for (const block of shellBlocks) {
    for (const used of checkShellBlock(block.body).scriptFlags) if (used.flags.length > 0) helpOf(used.script).catch(() => undefined);
  }
});

describe('the README', () => {
  it('has at most 400 lines', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(400);
  });

  it('holds the blocks this test checks', () => {
    expect(typeScriptBlocks.length).toBeGreaterThanOrEqual(1);
    expect(shellBlocks.length).toBeGreaterThanOrEqual(3);
  });
});

/** Strict type check of the app folder: tsc's output (empty when clean) and exit code. */
async function typeCheck(dir: string): Promise<{ readonly output: string; readonly status: number }> {
  try {
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
    return { output: '', status: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    return { output: failed.stdout ?? String(error), status: failed.code ?? 1 };
  }
}

describe.each(typeScriptBlocks.map((block) => [block.line, block] as const))('the TypeScript block at README line %i', (_line, block) => {
  let dir: string;
  // Both start at once: each loads aws-cdk-lib, which takes most of their time on 2 cores.
  let checked: Promise<{ readonly output: string; readonly status: number }>;
  let synthesized: Promise<Record<string, Template>>;
  beforeAll(() => {
    dir = appFolder(block.body);
    checked = typeCheck(dir);
    synthesized = synthesize(dir);
    // Awaited in the tests; a rejection before then must not count as unhandled.
    synthesized.catch(() => undefined);
  });
  afterAll(async () => {
    await Promise.allSettled([checked, synthesized]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks strictly, as written', async () => {
    expect(await checked).toEqual({ output: '', status: 0 });
  }, 90_000);

  it('synthesizes: every construct it names, with values the constructs accept', async () => {
    const templates = Object.values(await synthesized);
    expect(templates.length).toBeGreaterThanOrEqual(1);
    const named = (name: string) => block.body.includes(`new ${name}(`);

    for (const template of templates) {
      for (const parameter of Object.values(template.Parameters ?? {})) {
        // The construct's own check, e.g. emailFrom against the EmailFrom parameter's pattern.
        if (parameter.AllowedPattern !== undefined && parameter.Default !== undefined) expect(parameter.Default).toMatch(new RegExp(parameter.AllowedPattern));
      }
    }
    const all = (type: string) => templates.flatMap((template) => resourcesOf(template, type));
    if (named('EmailWorker')) expect(all('AWS::SQS::Queue').length).toBeGreaterThanOrEqual(2);
    if (named('Clickstream')) expect(all('AWS::Kinesis::Stream')).toHaveLength(1);
    if (named('KafkaClickstream')) expect(all('AWS::MSK::Cluster')).toHaveLength(1);
  }, 90_000);
});

describe('the shell-block checks', () => {
  it.each([
    ['cd ../my-app && npm install ../queue-or-stream/queue-or-stream-0.1.0.tgz', 'cd ../my-app: no such folder'],
    ['npm run no-such-script', 'no script "no-such-script"'],
    ['npx cdk deploy QueueOrStream-EmailWorker -c emailFrom=me@my-verified-domain', 'emailFrom'],
    ['npx cdk deploy QueueOrStream-EmailWorker -c emailFrom=a@b.example -c emailQueu=fifo', 'unknown context key emailQueu'],
    ['npx cdk deploy QueueOrStream-Queues', 'neither a stack'],
    ['npx tsx local/no-such-file.ts', 'no file local/no-such-file.ts'],
    ['npm install "$OLDPWD/queue-or-stream-9.9.9.tgz"', 'npm pack writes'],
    ['curl http://127.0.0.1:1/status', 'a command this test does not know'],
  ])('refuses %s', (line, problem) => {
    expect(checkShellBlock(line).problems.join('\n')).toContain(problem);
  });

  it("refuses a flag the script's help does not list, and accepts the ones it does", async () => {
    expect(await unknownFlags({ script: 'test:aws', flags: ['--stag', '--stage', '--kafka'] })).toEqual(['npm run test:aws: --stag is not in its --help']);
  });

  it('accepts a cd into a folder the block created, and returns the flags to check', () => {
    const checked = checkShellBlock('mkdir ../my-app && cd ../my-app\nnpm start -- --jobs 100 --json-file=result.json   # a comment');

    expect(checked.problems).toEqual([]);
    expect(checked.scriptFlags).toEqual([{ script: 'start', flags: ['--jobs', '--json-file'] }]);
  });
});

describe.each(shellBlocks.map((block) => [block.line, block] as const))('the shell block at README line %i', (_line, block) => {
  it('runs only commands that exist, with flags and values they accept', async () => {
    const { problems, scriptFlags } = checkShellBlock(block.body);
    const flagProblems = await Promise.all(scriptFlags.map(unknownFlags));

    expect([...problems, ...flagProblems.flat()]).toEqual([]);
  });
});

/** Each script's help, asked once for all blocks. */
const helpTexts = new Map<string, Promise<string>>();
function helpOf(script: string): Promise<string> {
  const known = helpTexts.get(script) ?? scriptHelp(script);
  helpTexts.set(script, known);
  return known;
}

/** What a script says it accepts: its `--help` (TypeScript CLIs) or, for a bash script, its source. */
async function scriptHelp(script: string): Promise<string> {
  const command = npmScripts()[script];
  const bash = /^bash (\S+)$/.exec(command);
  if (bash !== null) return fs.readFileSync(path.join(REPO_ROOT, bash[1]), 'utf8');
  const { file, args } = commandFor({ script, args: ['--help'] });
  const { stdout } = await promisify(execFile)(file, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  return stdout;
}

async function unknownFlags(used: ScriptFlags): Promise<string[]> {
  if (used.flags.length === 0) return [];
  const help = await helpOf(used.script);
  return used.flags.filter((flag) => !new RegExp(`(^|[\\s\\[|(])${flag}\\b`).test(help)).map((flag) => `npm run ${used.script}: ${flag} is not in its --help`);
}
