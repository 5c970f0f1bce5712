/**
 * The tie-in with `npm start`: the ready `npm run advise` command of every pattern of the run that
 * has a workload to price, one per line (each fits a narrow terminal better than one long line), so
 * users can price the same workloads at their own rate.
 */
import type { ComparisonRun } from './comparison-run';

/** The lines `npm start` ends with: every pattern of the run with a workload, ready to price. */
export function adviseLineForRun(run: ComparisonRun): string {
  const commands = run.reports.flatMap((report) => (report.adviseCommand === undefined ? [] : [`${report.key}: ${report.adviseCommand}`]));
  return ['Price this run at your own rate (change --rate):', ...commands.map((command) => `  ${command}`)].join('\n');
}
