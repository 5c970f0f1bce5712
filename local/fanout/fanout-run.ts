/**
 * The signup fan-out's run on any fan-out target: signups published to the topic, each subscriber
 * queue consumed by its own worker (the target plays it). Counts, per subscriber, the copies
 * received against what its filter policy lets through, duplicates, and what is left afterwards (a
 * consumed copy is gone: no replay). The email subscriber fails every message until the analytics
 * subscriber has consumed all of its copies: a failing subscriber must not hold the other back.
 */
import { PublishBatchCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNUP_EMAIL_OPT_IN_ATTRIBUTE } from '../../lib/fanout/signup-fanout';
import { chunk } from '../../runtime/shared/chunk';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { meanBytes } from '../patterns/observed-workload';
import { SUBSCRIBERS, type FanoutSession, type SubscriberName } from './fanout-target';

/** SNS PublishBatch takes at most 10 entries. */
const SNS_MAX_BATCH_ENTRIES = 10;

/** Every 4th signup opts out of email: the email subscription's filter policy must keep it off that queue. */
export const DEFAULT_OPT_OUT_EVERY = 4;

/** What to run. */
export interface FanoutRunOptions {
  /** Prefix of every signup id. */
  readonly runId: string;
  /** Signups to publish. @default 100 */
  readonly signups?: number;
  /** Every how-manyth signup opted out of email (filtered out of the email subscription). @default DEFAULT_OPT_OUT_EVERY */
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

/** What the run observed: the `fanout` part of `npm start -- --variants --json`. */
export interface FanoutOutcome {
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

/** Publishes the signups, lets every subscriber's worker consume its copies, and counts. */
export async function runFanout(session: FanoutSession, options: FanoutRunOptions): Promise<FanoutOutcome> {
  const signups = options.signups ?? 100;
  const optOutEvery = options.optOutEvery ?? DEFAULT_OPT_OUT_EVERY;
  const optedIn = (index: number): boolean => index % optOutEvery !== optOutEvery - 1;
  const tally = new FanoutTally({ email: Array.from({ length: signups }, (_, index) => index).filter(optedIn).length, analytics: signups });
  const workers = session.startSubscriberWorkers({
    email: async (body) => tally.consume('email', body),
    analytics: async (body) => tally.consume('analytics', body),
  });
  const published = await publishSignups(session, options.runId, signups, optedIn);
  const finished = await waitForEveryCopy(tally, Date.now() + (options.deadlineMs ?? 60_000)).finally(() => workers.stop());
  const result = async (name: SubscriberName): Promise<FanoutSubscriberResult> => ({
    ...tally.resultOf(name),
    leftAfterRun: await leftAfterRun(session, name),
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

/** A signup event that is also a valid welcome-email job (raw delivery: the queue gets this body as is). */
function signupMessage(runId: string, index: number): string {
  return JSON.stringify({ jobId: `${runId}-signup-${index}`, to: `new-user${index}@example.com`, subject: 'Welcome', body: 'Thanks for signing up.', userId: `user-${index}` });
}

/** Mean size of the signup messages a run publishes (the same builder the run uses). */
export function sampleSignupBytes(): number {
  return meanBytes(Array.from({ length: 100 }, (_, index) => Buffer.byteLength(signupMessage('fanout', index))));
}

/** Publishes the signups in SNS batches; returns how many SNS accepted. */
async function publishSignups(session: FanoutSession, runId: string, signups: number, optedIn: (index: number) => boolean): Promise<number> {
  const entries = Array.from({ length: signups }, (_, index) => ({
    Id: String(index),
    Message: signupMessage(runId, index),
    MessageAttributes: { [SIGNUP_EMAIL_OPT_IN_ATTRIBUTE]: { DataType: 'String', StringValue: String(optedIn(index)) } },
  }));
  let published = 0;
  for (const batch of chunk(entries, SNS_MAX_BATCH_ENTRIES)) {
    const result = await session.sns.send(new PublishBatchCommand({ TopicArn: session.topicArn, PublishBatchRequestEntries: batch }));
    published += result.Successful?.length ?? 0;
  }
  return published;
}

/** True once both subscribers have what they expect, false at the deadline. */
async function waitForEveryCopy(tally: FanoutTally, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (tally.everyCopyConsumed()) return true;
    await sleep(100);
  }
  return false;
}

/** Messages a receive still finds in the subscriber's queue: 0 when every copy was consumed once and is gone. */
async function leftAfterRun(session: FanoutSession, name: SubscriberName): Promise<number> {
  const queueUrl = session.subscriberQueues[name];
  const { Messages } = await session.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries, WaitTimeSeconds: 1 }));
  return Messages?.length ?? 0;
}
