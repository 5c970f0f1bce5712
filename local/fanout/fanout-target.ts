/**
 * What the signup fan-out run needs from a target: the SNS and SQS clients, the signup topic and its
 * subscriber queues (as the EmailWorkerStack template declares them), the compute that plays one
 * worker per subscriber queue, and where outcomes are read: the subscriber queues after the run,
 * and what each worker's handler (the run's own) records. The embedded target provisions the
 * standard EmailWorkerStack on a fauxqs of its own and plays the workers with in-process pollers.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** The subscribers of the signup topic: `email` has the opt-in filter, `analytics` gets every signup. */
export type SubscriberName = 'email' | 'analytics';
export const SUBSCRIBERS: readonly SubscriberName[] = ['email', 'analytics'];

/** The fan-out on one target, ready for traffic. */
export interface FanoutSession {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly topicArn: string;
  /** Each subscriber's queue URL. */
  readonly subscriberQueues: Readonly<Record<SubscriberName, string>>;
  /** What differs from AWS, and what is not emulated. */
  readonly environmentReport: readonly string[];
  /**
   * Starts one worker per subscriber queue, each running its handler on a message body (throwing
   * leaves the copy to that queue's retries); `stop` lets running handlers finish.
   */
  startSubscriberWorkers(handlers: Readonly<Record<SubscriberName, (body: string) => Promise<void>>>): { stop(): Promise<void> };
  close(): Promise<void>;
}

/** A target of the signup fan-out pattern. */
export interface FanoutTarget {
  open(): Promise<FanoutSession>;
}
