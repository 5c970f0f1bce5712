/**
 * What an email job means on an SQS FIFO queue: which message group it joins (order is kept per
 * group) and which id SQS deduplicates it by. One place, so the producer, the consumers and the
 * local runs agree.
 */
import { createHash } from 'node:crypto';
import type { EmailJob } from './email-job';

/** An email job that may name its tenant: its jobs then share one group, in order, across recipients. */
export type EmailJobWithTenant = EmailJob & { readonly tenantId?: unknown };

/**
 * `MessageGroupId`: the tenant when the job names one (a non-empty string), else the recipient
 * (lower-cased: one mailbox). Hashed, because SQS returns group ids in message attributes, logs and
 * the console (keep addresses out of them) and allows at most 128 characters (an address may have 254).
 */
export function messageGroupIdFor(job: EmailJobWithTenant): string {
  const tenant = typeof job.tenantId === 'string' && job.tenantId.trim() !== '' ? job.tenantId : undefined;
  const [kind, value] = tenant === undefined ? ['to', job.to.toLowerCase()] : ['tenant', tenant];
  return `${kind}-${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
}

/**
 * `MessageDeduplicationId`: the jobId (its pattern, 1–128 of `[A-Za-z0-9._:-]`, fits SQS's rule for
 * this id). A resend of the same job within SQS's 5-minute window is then dropped by SQS itself;
 * later ones are stopped by the consumers' idempotency store.
 */
export function messageDeduplicationIdFor(job: EmailJob): string {
  return job.jobId;
}
