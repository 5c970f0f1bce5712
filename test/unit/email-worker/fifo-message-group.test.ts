import { isFifoQueueUrl } from '../../../runtime/shared/sqs-poller/fifo-queue';
import { messageDeduplicationIdFor, messageGroupIdFor } from '../../../runtime/email-worker/fifo-message-group';

describe('messageGroupIdFor', () => {
  const job = { jobId: 'j-1', to: 'Ann@Example.com', subject: 's', body: 'b' };

  it('groups by recipient (case-insensitive), hashed and within 128 characters', () => {
    const group = messageGroupIdFor(job);

    expect(group).toBe(messageGroupIdFor({ ...job, to: 'ann@example.com' }));
    expect(group).not.toContain('ann');
    expect(group).toMatch(/^to-[0-9a-f]{32}$/);
  });

  it('groups by tenant when the job names one', () => {
    expect(messageGroupIdFor({ ...job, tenantId: 'acme' })).toBe(messageGroupIdFor({ ...job, to: 'bob@example.com', tenantId: 'acme' }));
    expect(messageGroupIdFor({ ...job, tenantId: 'acme' })).toMatch(/^tenant-/);
    expect(messageGroupIdFor({ ...job, tenantId: '' })).toBe(messageGroupIdFor(job));
  });
});

describe('messageDeduplicationIdFor', () => {
  it('is the jobId, so SQS drops a resend of the same job', () => {
    expect(messageDeduplicationIdFor({ jobId: 'j-42', to: 'a@example.com', subject: 's', body: 'b' })).toBe('j-42');
  });
});

describe('isFifoQueueUrl', () => {
  it.each([
    ['https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo', true],
    ['arn:aws:sqs:us-east-1:123456789012:jobs.fifo', true],
    ['https://sqs.us-east-1.amazonaws.com/123456789012/jobs', false],
    ['https://sqs.us-east-1.amazonaws.com/123456789012/fifo-jobs', false],
  ])('%s → %s', (url, expected) => {
    expect(isFifoQueueUrl(url)).toBe(expected);
  });
});
