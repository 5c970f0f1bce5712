import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';

/** Props of {@link ClickstreamStream}. */
export interface ClickstreamStreamProps {
  /**
   * Use this stream instead of creating one. Excludes every other prop.
   * @default a new stream
   */
  readonly existingStream?: kinesis.IStream;

  /**
   * Number of shards. When set, the stream is PROVISIONED with exactly this many shards (each takes
   * 1 MB/s or 1,000 records/s in, 2 MB/s out); when absent, it is ON_DEMAND and Kinesis scales the
   * shards itself.
   * @default - on-demand capacity
   */
  readonly shardCount?: number;

  /**
   * How long records stay readable, and therefore how far back any consumer can replay.
   * Whole hours, 24 to 8760 (Kinesis retention limit, checked by aws-cdk-lib).
   * @default Duration.hours(24) - the free tier of retention; longer retention is billed per shard-hour
   */
  readonly retentionPeriod?: Duration;

  /**
   * What happens to the stream when it is removed from the stack.
   * @default RemovalPolicy.DESTROY - the archive bucket, not the stream, is the durable copy
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The clickstream's Kinesis data stream: partitioned by `userId`, KMS-encrypted, on-demand unless a
 * shard count is given.
 *
 * Encryption uses the AWS-managed key `alias/aws/kinesis`, not a customer-managed key: it costs
 * nothing (a CMK bills a monthly key fee plus KMS requests that grow with every producer and consumer), and its key
 * policy already lets any principal in the account that may read or write the stream use it through
 * Kinesis, so Lambda and Firehose need no `kms:Decrypt` grants. (cdk-nag AwsSolutions-KDS3 recommends
 * the same.) Choose a CMK only when compliance requires control of the key policy or cross-account
 * consumers.
 */
export class ClickstreamStream extends Construct {
  /** The stream (created or existing). */
  public readonly stream: kinesis.IStream;

  constructor(scope: Construct, id: string, props: ClickstreamStreamProps = {}) {
    super(scope, id);
    if (props.existingStream !== undefined) {
      this.stream = props.existingStream;
      return;
    }
    // Clickstream checks shardCount; aws-cdk-lib checks the retention range.
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamMode: props.shardCount === undefined ? kinesis.StreamMode.ON_DEMAND : kinesis.StreamMode.PROVISIONED,
      shardCount: props.shardCount,
      retentionPeriod: props.retentionPeriod ?? Duration.hours(24),
      encryption: kinesis.StreamEncryption.MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }
}
