/**
 * The SNS→SQS fan-out, observed: signups published to the topic, each subscriber queue consumed
 * by its own poller. Counts, per subscriber, the copies received against what its filter policy
 * lets through, duplicates, and what is left afterwards (a consumed copy is gone: no replay). The
 * email subscriber fails every message until the analytics subscriber has consumed all of its
 * copies: a failing subscriber must not hold the other back.
 */
import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqsPoller } from '../../runtime/shared/sqs-poller/poller';
import { SIGNUP_EMAIL_OPT_IN_ATTRIBUTE } from '../../lib/fanout/signup-fanout';
import { chunk } from '../../runtime/shared/chunk';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';

/** SNS PublishBatch takes at most 10 entries. */
const SNS_MAX_BATCH_ENTRIES = 10;

/** What to run. */
export interface FanoutVariantRunOptions {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly topicArn: string;
  /** The subscriber queues by name; `email` has the opt-in filter. */
  readonly subscribers: { readonly email: string; readonly analytics: string };
  /** Prefix of every signup id. */
  readonly runId: string;
  /** Signups to publish. @default 100 */
  readonly signups?: number;
  /** Every how-manyth signup opted out of email (filtered out of the email subscription). @default 4 */
  readonly optOutEvery?: number;
  /** Give up after this long. @default 60000 */
  readonly deadlineMs?: number;
}

/** One subscriber's view. */
export interface FanoutSubscriberResult {
  /** Distinct signups it consumed. */
  readonly received: number;
  /** What its filter policy lets through. */
  readonly expected: number;
  /** Copies of a signup it had already consumed. */
  readonly duplicates: number;
  /** Failed attempts (the email subscriber's until analytics was done). */
  readonly failedAttempts: number;
  /** Messages a receive still found after the run: 0 when each copy was consumed once and gone. */
  readonly leftAfterRun: number;
}

/** What the run observed. */
export interface FanoutVariantRunResult {
  readonly published: number;
  readonly subscribers: { readonly email: FanoutSubscriberResult; readonly analytics: FanoutSubscriberResult };
  /** Signups the email subscriber had consumed when analytics had all of its copies (0: it was failing). */
  readonly emailConsumedWhenAnalyticsDone: number;
  readonly finished: boolean;
}

interface SubscriberCount {
  readonly seen: Set<string>;
  duplicates: number;
  failedAttempts: number;
}

export async function runFanoutVariant(options: FanoutVariantRunOptions): Promise<FanoutVariantRunResult> {
  const signups = options.signups ?? 100;
  const optOutEvery = options.optOutEvery ?? 4;
  const optedIn = (index: number): boolean => index % optOutEvery !== optOutEvery - 1;
  const expected = { email: Array.from({ length: signups }, (_, index) => index).filter(optedIn).length, analytics: signups };
  const counts: Record<'email' | 'analytics', SubscriberCount> = {
    email: { seen: new Set(), duplicates: 0, failedAttempts: 0 },
    analytics: { seen: new Set(), duplicates: 0, failedAttempts: 0 },
  };
  let emailConsumedWhenAnalyticsDone: number | undefined;
  const consume = (name: 'email' | 'analytics') => async (body: string): Promise<void> => {
    const count = counts[name];
    if (name === 'email' && counts.analytics.seen.size < expected.analytics) {
      count.failedAttempts += 1;
      throw new Error('the email subscriber fails until analytics has every copy');
    }
    const { jobId } = JSON.parse(body) as { jobId: string };
    if (count.seen.has(jobId)) count.duplicates += 1;
    count.seen.add(jobId);
    if (name === 'analytics' && count.seen.size === expected.analytics) emailConsumedWhenAnalyticsDone ??= counts.email.seen.size;
  };
  const quiet = new Logger({ logLevel: 'SILENT' });
  const pollers = (['email', 'analytics'] as const).map((name) => new SqsPoller({
    sqs: options.sqs,
    queueUrl: options.subscribers[name],
    processMessage: (message) => consume(name)(message.Body ?? ''),
    // The variant template's queues (1 s job timeout × 2): a failed copy returns after 2 s.
    visibilityTimeoutSeconds: 2,
    waitTimeSeconds: 1,
    logger: quiet,
  }));
  for (const poller of pollers) poller.start();

  const entries = Array.from({ length: signups }, (_, index) => ({
    Id: String(index),
    // A signup event that is also a valid welcome-email job (raw delivery: the queue gets this body as is).
    Message: JSON.stringify({
      jobId: `${options.runId}-signup-${index}`,
      to: `new-user${index}@example.com`,
      subject: 'Welcome',
      body: 'Thanks for signing up.',
      userId: `user-${index}`,
    }),
    MessageAttributes: { [SIGNUP_EMAIL_OPT_IN_ATTRIBUTE]: { DataType: 'String', StringValue: String(optedIn(index)) } },
  }));
  let published = 0;
  for (const batch of chunk(entries, SNS_MAX_BATCH_ENTRIES)) {
    const result = await options.sns.send(new PublishBatchCommand({ TopicArn: options.topicArn, PublishBatchRequestEntries: batch }));
    published += result.Successful?.length ?? 0;
  }

  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  let finished = false;
  try {
    while (Date.now() < deadline) {
      if (counts.email.seen.size >= expected.email && counts.analytics.seen.size >= expected.analytics) {
        finished = true;
        break;
      }
      await sleep(100);
    }
  } finally {
    await Promise.all(pollers.map((poller) => poller.stop()));
  }
  const leftAfterRun = async (queueUrl: string): Promise<number> => {
    const { Messages } = await options.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries, WaitTimeSeconds: 1 }));
    return Messages?.length ?? 0;
  };
  const result = async (name: 'email' | 'analytics'): Promise<FanoutSubscriberResult> => ({
    received: counts[name].seen.size,
    expected: expected[name],
    duplicates: counts[name].duplicates,
    failedAttempts: counts[name].failedAttempts,
    leftAfterRun: await leftAfterRun(options.subscribers[name]),
  });
  return {
    published,
    subscribers: { email: await result('email'), analytics: await result('analytics') },
    emailConsumedWhenAnalyticsDone: emailConsumedWhenAnalyticsDone ?? counts.email.seen.size,
    finished,
  };
}
