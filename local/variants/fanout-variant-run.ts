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

type SubscriberName = 'email' | 'analytics';
const SUBSCRIBERS: readonly SubscriberName[] = ['email', 'analytics'];

export async function runFanoutVariant(options: FanoutVariantRunOptions): Promise<FanoutVariantRunResult> {
  const signups = options.signups ?? 100;
  const optOutEvery = options.optOutEvery ?? 4;
  const optedIn = (index: number): boolean => index % optOutEvery !== optOutEvery - 1;
  const tally = new FanoutTally({ email: Array.from({ length: signups }, (_, index) => index).filter(optedIn).length, analytics: signups });
  const pollers = startSubscribers(options, tally);
  const published = await publishSignups(options, signups, optedIn);
  const finished = await waitForEveryCopy(tally, pollers, Date.now() + (options.deadlineMs ?? 60_000));
  const result = async (name: SubscriberName): Promise<FanoutSubscriberResult> => ({
    ...tally.resultOf(name),
    leftAfterRun: await leftAfterRun(options.sqs, options.subscribers[name]),
  });
  return {
    published,
    subscribers: { email: await result('email'), analytics: await result('analytics') },
    emailConsumedWhenAnalyticsDone: tally.emailConsumedWhenAnalyticsDone(),
    finished,
  };
}

/** What each subscriber consumed; the email subscriber fails until analytics has every copy. */
class FanoutTally {
  private readonly counts: Record<SubscriberName, SubscriberCount> = {
    email: { seen: new Set(), duplicates: 0, failedAttempts: 0 },
    analytics: { seen: new Set(), duplicates: 0, failedAttempts: 0 },
  };
  private emailConsumedWhenAnalyticsWasDone: number | undefined;

  constructor(private readonly expected: Readonly<Record<SubscriberName, number>>) {}

  consume(name: SubscriberName, body: string): void {
    const count = this.counts[name];
    if (name === 'email' && this.counts.analytics.seen.size < this.expected.analytics) {
      count.failedAttempts += 1;
      throw new Error('the email subscriber fails until analytics has every copy');
    }
    const { jobId } = JSON.parse(body) as { jobId: string };
    if (count.seen.has(jobId)) count.duplicates += 1;
    count.seen.add(jobId);
    if (name === 'analytics' && count.seen.size === this.expected.analytics) this.emailConsumedWhenAnalyticsWasDone ??= this.counts.email.seen.size;
  }

  everyCopyConsumed(): boolean {
    return SUBSCRIBERS.every((name) => this.counts[name].seen.size >= this.expected[name]);
  }

  emailConsumedWhenAnalyticsDone(): number {
    return this.emailConsumedWhenAnalyticsWasDone ?? this.counts.email.seen.size;
  }

  resultOf(name: SubscriberName): Omit<FanoutSubscriberResult, 'leftAfterRun'> {
    const count = this.counts[name];
    return { received: count.seen.size, expected: this.expected[name], duplicates: count.duplicates, failedAttempts: count.failedAttempts };
  }
}

function startSubscribers(options: FanoutVariantRunOptions, tally: FanoutTally): SqsPoller[] {
  const quiet = new Logger({ logLevel: 'SILENT' });
  const pollers = SUBSCRIBERS.map((name) => new SqsPoller({
    sqs: options.sqs,
    queueUrl: options.subscribers[name],
    processMessage: async (message) => tally.consume(name, message.Body ?? ''),
    // The variant template's queues (1 s job timeout × 2): a failed copy returns after 2 s.
    visibilityTimeoutSeconds: 2,
    waitTimeSeconds: 1,
    logger: quiet,
  }));
  for (const poller of pollers) poller.start();
  return pollers;
}

/** Publishes the signups in SNS batches; returns how many SNS accepted. */
async function publishSignups(options: FanoutVariantRunOptions, signups: number, optedIn: (index: number) => boolean): Promise<number> {
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
  return published;
}

/** Polls until both subscribers have what they expect or the deadline passes; stops the pollers either way. */
async function waitForEveryCopy(tally: FanoutTally, pollers: readonly SqsPoller[], deadline: number): Promise<boolean> {
  try {
    while (Date.now() < deadline) {
      if (tally.everyCopyConsumed()) return true;
      await sleep(100);
    }
    return false;
  } finally {
    await Promise.all(pollers.map((poller) => poller.stop()));
  }
}

async function leftAfterRun(sqs: FanoutVariantRunOptions['sqs'], queueUrl: string): Promise<number> {
  const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries, WaitTimeSeconds: 1 }));
  return Messages?.length ?? 0;
}
