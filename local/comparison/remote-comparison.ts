/**
 * `--target localstack|aws`: hands the run to local/remote/ (`runRemoteComparison`), which sends
 * the same traffic to the deployed stacks; each registered pattern then takes its part of what it
 * observed (comparison-run-of-result.ts).
 */
import { runRemoteComparison } from '../remote/run-remote';
import type { StartOptions } from '../start-options';
import { PATTERNS } from '../patterns/pattern-registry';
import type { Pattern } from '../patterns/pattern';
import type { ComparisonRun } from './comparison-run';
import { comparisonRunOf } from './comparison-run-of-result';

/** Runs the comparison against deployed stacks; progress lines go to `log`. */
export async function runRemoteTargetComparison(
  options: StartOptions & { readonly target: 'localstack' | 'aws' },
  log: (line: string) => void,
  patterns: readonly Pattern[] = PATTERNS,
): Promise<ComparisonRun> {
  const result = await runRemoteComparison({ target: options.target, stage: options.stage, events: options.events, jobs: options.jobs, users: options.users, log });
  return comparisonRunOf(result, patterns);
}
