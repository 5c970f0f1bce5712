/**
 * `npm start`: both patterns side by side, then a comparison table of what the run observed.
 * `--json` prints the ComparisonResult alone on stdout. The embedded target starts its own
 * emulators on free 127.0.0.1 ports and stops them before returning; `--target localstack|aws`
 * sends the traffic to deployed stacks (local/remote/).
 * Exit codes: 0 when every check of the run held, 1 when one did not or the run failed, 2 for a
 * usage problem (bad flag, unknown target, missing stack or stack output).
 */
import { formatComparisonTable } from './comparison/comparison-table';
import { createComparisonProgress } from './comparison/comparison-progress';
import type { ComparisonResult } from './comparison/comparison-result';
import { exitCodeFor, USAGE_EXIT_CODE } from './comparison/exit-code';
import { runEmbeddedComparison } from './comparison/run-embedded-comparison';
import { runRemoteTargetComparison } from './comparison/remote-comparison';
import { unmetExpectations } from './comparison/expectations';
import { parseStartOptions, START_USAGE, type StartOptions } from './start-options';
import { runVariants } from './variants/run-variants';
import { formatVariantsTable, unmetVariantExpectations } from './variants/variants-table';

async function runComparison(options: StartOptions): Promise<ComparisonResult> {
  // With --json, stdout carries the JSON alone: progress goes to stderr.
  const stream = options.json ? process.stderr : process.stdout;
  const { target } = options;
  if (target !== 'embedded') return runRemoteTargetComparison({ ...options, target }, (line) => void stream.write(`${line}\n`));
  const progress = createComparisonProgress({ stream });
  try {
    return await runEmbeddedComparison({ ...options, progress });
  } finally {
    progress.stop();
  }
}

/** The project's floor (package.json engines): CDK dropped Node 20, and fauxqs needs ≥ 22.5. */
const MINIMUM_NODE_MAJOR = 22;

async function main(argv: readonly string[]): Promise<number> {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < MINIMUM_NODE_MAJOR) {
    console.error(`npm start: Node ${process.versions.node} is too old; use Node ${MINIMUM_NODE_MAJOR} or newer (.nvmrc says 24: \`nvm use\`).`);
    return 1;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(START_USAGE);
    return 0;
  }
  const options = parseStartOptions(argv);
  const comparison = await runComparison(options);
  // --variants: after the main run (each variant starts its own emulator), so neither slows the other.
  const progressStream = options.json ? process.stderr : process.stdout;
  const variants = options.variants ? await runVariants((line) => void progressStream.write(`${line}\n`)) : undefined;
  const result = variants === undefined ? comparison : { ...comparison, variants };
  const unmet = [...unmetExpectations(result), ...(variants === undefined ? [] : unmetVariantExpectations(variants))];
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    console.log(`\n${formatComparisonTable(result)}\n`);
    for (const note of result.notes) console.log(`  note: ${note}`);
    if (variants !== undefined) {
      console.log(`\nSQS standard vs SQS FIFO vs SNS→SQS fan-out (same workload, each from its synthesized template):\n\n${formatVariantsTable(variants)}\n`);
      for (const note of variants.notes) console.log(`  note: ${note}`);
    }
    console.log(unmet.length === 0 ? '\nEvery expectation held.' : `\nNot as expected:\n${unmet.map((line) => `  - ${line}`).join('\n')}`);
  }
  if (options.json && unmet.length > 0) console.error(`not as expected:\n${unmet.join('\n')}`);
  return unmet.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = exitCodeFor(error);
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    if (code === USAGE_EXIT_CODE) console.error(START_USAGE);
    else if (error instanceof Error && error.stack !== undefined) console.error(error.stack);
    process.exit(code);
  },
);
