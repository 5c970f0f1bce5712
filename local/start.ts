/**
 * `npm start`: every registered pattern (local/patterns/pattern-registry.ts) side by side, then a
 * comparison table of what the run observed. `--json` prints the run's JSON alone on stdout;
 * `--json-file PATH` also writes it to a file (npm prints its banner on stdout unless run as
 * `npm -s start`). The embedded target starts its own emulators on free 127.0.0.1 ports and stops
 * them before returning; `--target localstack|aws` sends the traffic to deployed stacks (local/remote/).
 * Either way the run is the same code: the registry's patterns against the target (run-patterns.ts).
 * Exit codes: 0 when every check of the run held, 1 when one did not or the run failed, 2 for a
 * usage problem (bad flag, unknown target, missing stack or stack output), 3 when the target does
 * not answer or has no region or credentials, or when a pattern could not run from this machine
 * (MSK brokers outside its network, MSK absent on LocalStack; the other patterns still run).
 */
import { writeFileSync } from 'node:fs';
import { figureDefinitions, formatComparisonTable } from './comparison/comparison-table';
import { createComparisonProgress } from './comparison/comparison-progress';
import { comparisonJson, completedRunExitCode, notesOf, unmetExpectations, type ComparisonRun } from './comparison/comparison-run';
import { exitCodeFor, FAILURE_EXIT_CODE, UsageError } from '../runtime/shared/errors';
import { runPatterns } from './patterns/run-patterns';
import { withDeployedTarget } from './remote/run-remote';
import { EMBEDDED_TARGET } from './target/embedded-target';
import type { RunTarget } from './target/run-target';
import { nodeVersionProblem } from '../scripts/check-node.cjs';
import { parseStartOptions, START_USAGE, type StartOptions } from './start-options';
import { adviseLineForRun } from './comparison/advise-command';
import { withLivePage } from './web/with-live-page';
import type { LivePage } from './web/live-page';

async function runComparison(options: StartOptions, page: LivePage): Promise<ComparisonRun> {
  // With --json, stdout carries the JSON alone: progress goes to stderr.
  const stream = options.json ? process.stderr : process.stdout;
  const runOn = async (target: RunTarget): Promise<ComparisonRun> => {
    page.started({ jobs: options.jobs, maxWorkers: options.workers, events: options.events, partitions: options.partitions, members: options.members });
    const progress = page.observe(createComparisonProgress({ stream }));
    try {
      return await runPatterns(target, { ...options, progress, liveEvents: page.sink });
    } finally {
      progress.stop();
    }
  };
  const { target } = options;
  if (target === 'embedded') return runOn(EMBEDDED_TARGET);
  return withDeployedTarget({ target, stage: options.stage, log: (line) => void stream.write(`${line}\n`) }, runOn);
}

/** The text a person reads: the table, each pattern's own table, the notes, what each figure counts, the verdict, the advise line. */
function printReport(run: ComparisonRun, unmet: readonly string[]): void {
  console.log(`\n${formatComparisonTable(run, process.stdout.columns)}\n`);
  for (const report of run.reports) if (report.details !== undefined) console.log(`\n${report.details}\n`);
  for (const note of notesOf(run)) console.log(`  note: ${note}`);
  console.log('\nWhat each figure counts:');
  for (const definition of figureDefinitions(run)) console.log(`  ${definition}`);
  console.log(unmet.length === 0 ? '\nEvery expectation held.' : `\nNot as expected:\n${unmet.map((line) => `  - ${line}`).join('\n')}`);
  console.log(`\n${adviseLineForRun(run)}`);
}

async function main(argv: readonly string[]): Promise<number> {
  // Usage first: it must print on any Node, even one too old to run the comparison.
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(START_USAGE);
    return 0;
  }
  const nodeProblem = nodeVersionProblem('npm start', process.versions.node);
  if (nodeProblem !== undefined) {
    console.error(nodeProblem);
    return 1;
  }
  const options = parseStartOptions(argv);
  const say = (line: string): void => void (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  return withLivePage(options.web, say, (page) => runAndReport(options, page));
}

async function runAndReport(options: StartOptions, page: LivePage): Promise<number> {
  const run = await runComparison(options, page);
  const unmet = unmetExpectations(run);
  const json = `${JSON.stringify(comparisonJson(run), null, 2)}\n`;
  if (options.jsonFile !== undefined) writeFileSync(options.jsonFile, json);
  if (options.json) {
    process.stdout.write(json);
    if (unmet.length > 0) console.error(`not as expected:\n${unmet.join('\n')}`);
  } else printReport(run, unmet);
  const exitCode = completedRunExitCode(run, unmet);
  page.finished(run, exitCode);
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = exitCodeFor(error);
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    // Only a command-line mistake needs the usage; a configuration error's message says what to change.
    if (error instanceof UsageError) console.error(START_USAGE);
    // A stack trace helps only with the unexpected; the other codes' messages say what to do.
    else if (code === FAILURE_EXIT_CODE && error instanceof Error && error.stack !== undefined) console.error(error.stack);
    process.exit(code);
  },
);
