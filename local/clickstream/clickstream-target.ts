/**
 * What the clickstream run needs from a target: the clients and resources (a provisioned local
 * stack or the deployed one), the compute that plays the consumers, and where outcomes are read.
 * The embedded target adds what only a local run can see (the records each consumer was handed);
 * a deployed target has none of it, and the figures only it gives are null there.
 */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import type { MetricSource } from '../target/metric-source';
import type { ConsumerObserver } from './consumer-observer';

/** The stream, table, queue and bucket the run reads. */
export interface ClickstreamResources {
  readonly streamName: string;
  readonly sessionTableName: string;
  readonly processorFailureQueueUrl: string;
  /** The Firehose archive: its bucket, and its prefixes with their `!{...}` expressions. */
  readonly archive: { readonly bucketName: string; readonly prefix: string; readonly errorOutputPrefix: string };
}

/** The size of the traffic, from the run's options. */
export interface ClickstreamTrafficRequest {
  readonly events: number;
  readonly users: number;
}

/** The events a target is sent, and how to recognise and fold them. */
export interface PlannedClickstreamTraffic {
  /** Valid events in production order. */
  readonly events: readonly ClickstreamEvent[];
  readonly hotUserId: string | undefined;
  /** Every partition key of this run starts with it; '' on a stream only this run writes to. */
  readonly partitionKeyPrefix: string;
  /** The processor's session timeout, for the expected fold of the events. */
  readonly sessionTimeoutSeconds: number;
}

/** What the local consumers were handed: the one view a deployed target does not give. */
export interface ClickstreamDeliveries {
  readonly processor: ConsumerObserver;
  readonly dashboard: ConsumerObserver;
  /** Shards the processor's runner polls, as it reported them when it started. */
  readonly shards: number;
}

/** The consumers, as far as the run controls them. */
export interface ClickstreamCompute {
  /** Waits until the consumers have read what was written and the archive delivered its buffer (no-op where the platform runs them). */
  settle(): Promise<void>;
  /** @default null: the deployed functions are observed by their effects */
  readonly deliveries: ClickstreamDeliveries | null;
  /** Processor invocations that failed (retried, bisected or given up on), or null when not observable. */
  failedProcessorInvocations(): number | null;
  stop(): Promise<void>;
}

/** One pattern on one target, ready for traffic. */
export interface ClickstreamTargetSession {
  /** Prefix of the run's log lines. */
  readonly label: string;
  readonly kinesis: KinesisClient;
  readonly sqs: SQSClient;
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly resources: ClickstreamResources;
  readonly metrics: MetricSource;
  /** Delete this run's on-failure records once counted (else release them for a look). */
  readonly deleteOnFailureRecords: boolean;
  /** Long-poll wait of each on-failure receive; 0 suits an emulator, which answers exactly. */
  readonly receiveWaitSeconds: number;
  /** What differs from AWS, and what is not emulated. */
  readonly environmentReport: readonly string[];
  /** The events to send for `request`. */
  planTraffic(request: ClickstreamTrafficRequest, runId: string): PlannedClickstreamTraffic;
  /** Starts the compute before any traffic, observing `produced`. */
  startCompute(produced: readonly ClickstreamEvent[]): Promise<ClickstreamCompute>;
  close(): Promise<void>;
}

/** What the run asks of a target before any traffic. */
export interface ClickstreamTargetPlan {
  readonly log: (line: string) => void;
}

/** A target of the clickstream pattern. */
export interface ClickstreamTarget {
  open(plan: ClickstreamTargetPlan): Promise<ClickstreamTargetSession>;
}
