/**
 * The AWS limits the advisor sizes each option by, each quoted where it comes from (checked
 * November–December 2026, the same checks as /work/shared/DESIGN.md "Facts"). Values the project
 * already enforces elsewhere are imported, not typed twice.
 */
import { KINESIS_EVENT_SOURCE_LIMITS, KINESIS_LIMITS, SQS_EVENT_SOURCE_LIMITS, SQS_LIMITS } from '../runtime/shared/aws-limits';

const MIB = 1_048_576;
const HOUR = 3_600;
const DAY = 86_400;

export const SQS = {
  /** "SendMessageBatch, DeleteMessageBatch … ReceiveMessage: 10 entries per call." */
  batchEntries: SQS_LIMITS.maxBatchEntries,
  /** "Largest message, and largest total payload of one batch call: 1 MiB." */
  maxMessageBytes: SQS_LIMITS.maxMessageBytes,
  /** SQS pricing: "each 64 KB chunk of a payload is billed as 1 request" (a 1 MiB message is 16 requests). */
  billingChunkBytes: 64 * 1_024,
  /** Retention "60 s to 14 days (default 4 days)"; a deleted message cannot be read again. */
  maxRetentionSeconds: SQS_LIMITS.maxRetentionSeconds,
  /** Longest long poll: 20 s, so an idle poller makes at most one empty receive per 20 s. */
  longPollSeconds: SQS_LIMITS.maxWaitTimeSeconds,
  /** The Lambda SQS event source starts with five long-polling connections per queue (AWS Lambda docs, "Scaling behavior"). */
  lambdaPollers: SQS_EVENT_SOURCE_LIMITS.initialPollers,
  /** FIFO: "300 transactions/s per API action … 3,000 messages/s with batches of 10" for one message group (SQS message quotas). */
  fifoTransactionsPerSecondPerGroup: 300,
  /** FIFO high-throughput mode, US East (N. Virginia): up to 70,000 transactions/s per API action per queue (SQS message quotas; a per-region quota). */
  fifoHighThroughputTransactionsPerSecond: 70_000,
  /** The Lambda SQS event source's `MaximumConcurrency` tops out at 1,000; containers polling the queue have no such cap. */
  lambdaMaxConcurrency: SQS_EVENT_SOURCE_LIMITS.maximumConcurrency.max,
} as const;

/** SNS FIFO topics: "300 messages per second or 10 MB per second per FIFO topic" (SNS features page); one topic's message groups share it. */
export const SNS_FIFO = {
  maxMessagesPerSecond: 300,
  maxBytesPerSecond: 10_000_000,
  /** "Each topic supports up to 100 subscriptions" for FIFO topics. */
  maxSubscriptions: 100,
} as const;

export const KINESIS = {
  /** Per shard: "1 MB/s or 1,000 records/s in" (Kinesis Data Streams quotas: 1 MiB/s). */
  shardWriteBytesPerSecond: MIB,
  shardWriteRecordsPerSecond: 1_000,
  /** Per shard: "2 MB/s out", shared by every polling (GetRecords) consumer of the shard. */
  shardReadBytesPerSecond: 2 * MIB,
  /** Per shard: "5 GetRecords calls/s", shared: each polling consumer polls each shard about once a second. */
  shardGetRecordsPerSecond: 5,
  /** "Up to 20 enhanced fan-out consumers per stream", each with its own 2 MB/s per shard. */
  maxEnhancedFanOutConsumers: 20,
  /** On-demand Advantage: up to 50 enhanced fan-out consumers per stream (Kinesis developer guide, how-do-i-size-a-stream). */
  maxEnhancedFanOutConsumersAdvantage: 50,
  /** Lambda's `ParallelizationFactor`: up to 10 concurrent batches per shard, records of one partition key still in order. */
  maxReadersPerShard: KINESIS_EVENT_SOURCE_LIMITS.parallelizationFactor.max,
  /**
   * On-demand Advantage bills a minimum throughput commitment for at least 24 hours. AWS's launch
   * post calls the mode cost-effective from 10 MiB/s of aggregate ingest; the advisor bills at
   * least that much ingest (an ASSUMPTION about where the commitment sits; check the pricing page).
   */
  advantageCommittedIngestBytesPerSecond: 10 * MIB,
  /** Records up to 1 MiB by default (10 MiB only after UpdateMaxRecordSize). */
  maxRecordBytes: KINESIS_LIMITS.defaultMaxRecordBytes,
  /** Retention 24 h to 8,760 h (the stack validates the same range). */
  minRetentionSeconds: KINESIS_LIMITS.retentionHours.min * HOUR,
  maxRetentionSeconds: KINESIS_LIMITS.retentionHours.max * HOUR,
  /** Retention bands of the pricing page: the first 24 h are included, then extended (to 7 days), then long-term. */
  extendedRetentionEndSeconds: 7 * DAY,
  /** On-demand: "accommodates up to double its previous peak"; the default write quota of an on-demand stream is 200 MiB/s and 200,000 records/s. */
  onDemandMaxWriteBytesPerSecond: 200 * MIB,
  onDemandMaxWriteRecordsPerSecond: 200_000,
  /** On-demand starts at 4 MB/s (4 shards' worth) and keeps room for twice the previous peak. */
  onDemandMinShards: 4,
  onDemandPeakHeadroom: 2,
} as const;

export const MSK_SERVERLESS = {
  /** MSK Serverless quotas: 200 MiB/s ingress and 400 MiB/s egress per cluster. */
  maxIngressBytesPerSecond: 200 * MIB,
  maxEgressBytesPerSecond: 400 * MIB,
  /** Per partition: 5 MiB/s ingress, 10 MiB/s egress. */
  partitionIngressBytesPerSecond: 5 * MIB,
  partitionEgressBytesPerSecond: 10 * MIB,
  /** 2,400 partitions per cluster (replicas excluded). */
  maxPartitions: 2_400,
  /** Maximum message size: 8 MiB. */
  maxMessageBytes: 8 * MIB,
} as const;

/** One broker type the advisor can size MSK provisioned with. */
export interface MskBrokerType {
  readonly name: 'kafka.t3.small' | 'kafka.m7g.large';
  /**
   * ASSUMPTION, not an AWS quota: the sustained ingress one broker is planned for (leader traffic,
   * with replication and a few consumers). Size real clusters with AWS's "right-size your cluster"
   * guidance and a load test.
   */
  readonly assumedIngressBytesPerSecond: number;
  /** MSK best practice: partitions per broker, replicas included. */
  readonly maxPartitionsPerBroker: number;
}

export const MSK_PROVISIONED = {
  /**
   * Broker types, smallest first. kafka.t3.small is burstable (AWS suggests it for development and
   * testing); the project's own stack deploys two of them. kafka.m7g.large is the smallest
   * Graviton type for steady production load.
   */
  brokerTypes: [
    { name: 'kafka.t3.small', assumedIngressBytesPerSecond: 2 * MIB, maxPartitionsPerBroker: 300 },
    { name: 'kafka.m7g.large', assumedIngressBytesPerSecond: 10 * MIB, maxPartitionsPerBroker: 1_000 },
  ] as readonly MskBrokerType[],
  /** Brokers come one per Availability Zone: 2 or 3 zones, then multiples of 3. */
  minBrokers: 2,
  /** MSK quota: brokers per provisioned cluster (ZooKeeper mode); larger clusters are not priced here. */
  maxBrokers: 30,
  /** Kafka's default largest message (`message.max.bytes`, about 1 MiB); it can be raised. */
  defaultMaxMessageBytes: MIB,
  /** The broker volume the project's stack provisions per broker (MSK bills provisioned EBS, used or not). */
  sandboxVolumeGiB: 10,
} as const;

/**
 * The Lambda Kafka event source in provisioned poller mode (Lambda developer guide, "Apache Kafka
 * event poller scaling modes"): each poller carries up to 5 MB/s or 5 concurrent invocations, and
 * up to 10 pollers share one Event Poller Unit (EPU), billed per EPU-hour whether records flow or not.
 */
export const KAFKA_EVENT_SOURCE = {
  pollerBytesPerSecond: 5_000_000,
  pollerConcurrentInvocations: 5,
  pollersPerEpu: 10,
} as const;

/** The Lambda SQS event source's provisioned mode: each poller up to 1 MB/s or 10 concurrent invocations (same guide). */
export const SQS_PROVISIONED_POLLERS = {
  pollerConcurrentInvocations: 10,
} as const;

/** The month AWS prices with: 730 hours (AWS Pricing Calculator). */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * HOUR;
