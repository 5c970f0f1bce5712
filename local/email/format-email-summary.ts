/** The human-readable summary of an email run (printed by `npm start`). */
import type { EmailDemoResult } from './email-run';

export function formatEmailSummary(result: EmailDemoResult): string {
  const reasons = Object.entries(result.deadLetterReasons)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `    ${count} × ${reason}`);
  const workers = Object.entries(result.perWorker)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([worker, count]) => `    ${worker}: ${count}`);
  return [
    `email worker (${result.consumers}) — ${result.completed ? 'every job accounted for' : 'INCOMPLETE: deadline reached'}`,
    `  enqueued:      ${result.enqueued} (${result.validJobs} valid, ${result.malformedJobs} malformed)`,
    `  delivered:     ${result.delivered}`,
    `  duplicates:    ${result.duplicates}`,
    `  dead-lettered: ${result.deadLettered}`,
    ...reasons,
    `  lost:          ${result.lost.length}${result.lost.length > 0 ? ` (${result.lost.slice(0, 5).join(', ')}${result.lost.length > 5 ? ', ...' : ''})` : ''}`,
    `  valid jobs dead-lettered: ${result.validJobsDeadLettered.length}`,
    '  delivered per worker:',
    ...workers,
  ].join('\n');
}
