import type { EmailJob } from '../../runtime/email-worker/email-job';

let sequence = 0;

/** A valid email job; override any field. Each call gets a fresh jobId. */
export function anEmailJob(overrides: Partial<EmailJob> = {}): EmailJob {
  sequence += 1;
  return {
    jobId: `job-${sequence}`,
    to: `user${sequence}@example.com`,
    subject: `Order ${sequence} confirmed`,
    body: `Thanks for order ${sequence}.`,
    ...overrides,
  };
}

/** `count` valid jobs whose ids start with `prefix` (so a test can find its own mail). */
export function emailJobs(count: number, prefix: string): EmailJob[] {
  return Array.from({ length: count }, (_, index) => anEmailJob({ jobId: `${prefix}-${index}` }));
}
