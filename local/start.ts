/**
 * `npm start`: both patterns side by side, then a comparison table of what the run observed.
 * `--json` prints the ComparisonResult alone on stdout; `--json-file PATH` also writes it to a file
 * (npm prints its banner on stdout unless run as `npm -s start`). The embedded target starts its
 * own emulators on free 127.0.0.1 ports and stops them before returning; `--target localstack|aws`
 * sends the traffic to deployed stacks (local/remote/).
 * Exit codes: 0 when every check of the run held, 1 when one did not or the run failed, 2 for a
 * usage problem (bad flag, unknown target, missing stack or stack output), 3 when the target does
 * not answer or has no region or credentials, or when the Kafka column could not run from this
 * machine (MSK brokers outside its network, MSK absent on LocalStack; the other columns still run).
 */
import { writeFileSync } from 'node:fs';
import { formatComparisonTable } from './comparison/comparison-table';
import { createComparisonProgress } from './comparison/comparison-progress';
import type { ComparisonResult } from './comparison/comparison-result';
import { exitCodeFor, FAILURE_EXIT_CODE, UsageError } from '../runtime/shared/errors';
import { completedRunExitCode } from './comparison/completed-run-exit-code';
import { runEmbeddedComparison } from './comparison/run-embedded-comparison';
import { runRemoteTargetComparison } from './comparison/remote-comparison';
import { unmetExpectations } from './comparison/expectations';
import { nodeVersionProblem } from '../scripts/check-node.cjs';
import { parseStartOptions, START_USAGE, type StartOptions } from './start-options';
import { adviseLineForRun } from './comparison/advise-command';
import { runVariants } from './variants/run-variants';
import { formatVariantsTable, unmetVariantExpectations } from './variants/variants-table';
import { withLivePage } from './web/with-live-page';
import type { LivePage } from './web/live-page';

async function runComparison(options: StartOptions, page: LivePage): Promise<ComparisonResult> {
  // With --json, stdout carries the JSON alone: progress goes to stderr.
  const stream = options.json ? process.stderr : process.stdout;
  const { target } = options;
  if (target !== 'embedded') return runRemoteTargetComparison({ ...options, target }, (line) => void stream.write(`${line}\n`));
  page.started({ jobs: options.jobs, maxWorkers: options.workers, events: options.events, partitions: options.partitions, members: options.members });
  const progress = page.observe(createComparisonProgress({ stream }));
  try {
    return await runEmbeddedComparison({ ...options, progress });
  } finally {
    progress.stop();
  }
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
  const comparison = await runComparison(options, page);
  // --variants: after the main run (each variant starts its own emulator), so neither slows the other.
  const progressStream = options.json ? process.stderr : process.stdout;
  const variants = options.variants ? await runVariants((line) => void progressStream.write(`${line}\n`)) : undefined;
  const result = variants === undefined ? comparison : { ...comparison, variants };
  const unmet = [...unmetExpectations(result), ...(variants === undefined ? [] : unmetVariantExpectations(variants))];
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.jsonFile !== undefined) writeFileSync(options.jsonFile, json);
  if (options.json) {
    process.stdout.write(json);
  } else {
    console.log(`\n${formatComparisonTable(result)}\n`);
    for (const note of result.notes) console.log(`  note: ${note}`);
    if (variants !== undefined) {
      console.log(`\nSQS standard vs SQS FIFO vs SNS→SQS fan-out (same workload, each from its synthesized template):\n\n${formatVariantsTable(variants)}\n`);
      for (const note of variants.notes) console.log(`  note: ${note}`);
    }
    console.log(unmet.length === 0 ? '\nEvery expectation held.' : `\nNot as expected:\n${unmet.map((line) => `  - ${line}`).join('\n')}`);
    console.log(`\n${adviseLineForRun(result)}`);
  }
  if (options.json && unmet.length > 0) console.error(`not as expected:\n${unmet.join('\n')}`);
  const exitCode = completedRunExitCode(result, unmet);
  page.finished(result, exitCode);
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
