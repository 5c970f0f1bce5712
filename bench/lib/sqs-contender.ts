/**
 * The contract between the SQS benchmark runner and each consumer it compares. The runner owns
 * the queue, the client (with its call counter) and the simulated job; a contender only consumes.
 */
import type { Message, SQSClient } from '@aws-sdk/client-sqs';

/** The simulated work for one message; resolves when the message may be deleted. */
export type SimulatedJob = (message: Message) => Promise<void>;

/** What the runner hands a contender when it starts it. */
export interface SqsContenderContext {
  /** The client to use for every SQS call (the runner counts calls on it). */
  readonly sqs: SQSClient;
  /** The contender's own fresh, pre-filled queue. */
  readonly queueUrl: string;
  /** The queue's visibility timeout in seconds (consumers with a heartbeat need it). */
  readonly visibilityTimeoutSeconds: number;
  /** The job to run for each message; a message counts as done once it is deleted. */
  readonly job: SimulatedJob;
  /** Reports a consumer-side error (the runner counts them and prints the first). */
  readonly onError: (error: unknown) => void;
}

/** A started contender. */
export interface RunningSqsContender {
  /** Stops consuming; resolves once the contender has let go of the client. */
  stop(): Promise<void>;
}

/** One consumer implementation under test, with the settings it runs at. */
export interface SqsContender {
  /** Short label for context lines, e.g. `sqs-consumer (handleMessageBatch)`. */
  readonly label: string;
  /** The settings, printed as a context line so the figures can be reproduced. */
  readonly settings: string;
  start(context: SqsContenderContext): RunningSqsContender;
}
