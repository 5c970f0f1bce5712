/**
 * What the SQS FIFO run needs from a target: the client and the jobs queue of one queue type (the
 * run compares FIFO against a standard queue with the same workload), the compute that plays the
 * competing workers, and where outcomes are read: the queue's attributes, and what the workers'
 * handler (the run's own) records. The embedded target provisions each queue type on a fauxqs of
 * its own and plays the workers with in-process pollers.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EmailQueueType } from '../../../lib/common/app-context';

/** What the run asks of a target. */
export interface FifoTargetPlan {
  readonly queueType: EmailQueueType;
}

/** The competing workers the run wants. */
export interface CompetingWorkersSpec {
  readonly workers: number;
  /** Jobs each worker runs at once. */
  readonly concurrencyPerWorker: number;
  /** Runs one job (the message body); throwing leaves it to SQS, resolving deletes it. */
  readonly process: (body: string) => Promise<void>;
}

/** One queue type on one target, ready for traffic. */
export interface FifoSession {
  readonly queueType: EmailQueueType;
  readonly sqs: SQSClient;
  /** The email jobs queue, as the template declares it for this queue type. */
  readonly queueUrl: string;
  /** The queue's visibility timeout in seconds: a failed job returns after it. */
  readonly visibilityTimeoutSeconds: number;
  /** What differs from AWS, and what is not emulated. */
  readonly environmentReport: readonly string[];
  /** Starts the workers; `stop` lets running jobs finish. */
  startWorkers(spec: CompetingWorkersSpec): { stop(): Promise<void> };
  close(): Promise<void>;
}

/** A target of the SQS FIFO pattern. */
export interface FifoTarget {
  open(plan: FifoTargetPlan): Promise<FifoSession>;
}
