/**
 * `--target localstack|aws`: hands the run to local/remote/ (`runRemoteComparison`), which sends
 * the same traffic to the deployed stacks and fills the same ComparisonResult shape.
 */
import { runRemoteComparison } from '../remote/run-remote';
import type { StartOptions } from '../start-options';
import type { ComparisonResult } from './comparison-result';

/** Runs the comparison against deployed stacks; progress lines go to `log`. */
export async function runRemoteTargetComparison(
  options: StartOptions & { readonly target: 'localstack' | 'aws' },
  log: (line: string) => void,
): Promise<ComparisonResult> {
  return runRemoteComparison({ target: options.target, stage: options.stage, events: options.events, jobs: options.jobs, users: options.users, log });
}
