import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
import { KINESIS_STREAM_PROP_LIMITS } from './aws-limits';
import { requireInteger } from '../common/require-integer';

/** Props of {@link ClickstreamStream}. */
export interface ClickstreamStreamProps {
  /**
   * Number of shards. When set, the stream is PROVISIONED with exactly this many shards (each takes
   * 1 MB/s or 1,000 records/s in, 2 MB/s out); when absent, it is ON_DEMAND and Kinesis scales the
   * shards itself.
   * @default - on-demand capacity
   */
  readonly shardCount?: number;

  /**
   * How long records stay readable, and therefore how far back any consumer can replay.
   * Whole hours, 24 to 8760 (Kinesis retention limit).
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
 * nothing (a CMK is $1/month plus KMS requests that grow with every producer and consumer), and its key
 * policy already lets any principal in the account that may read or write the stream use it through
 * Kinesis, so Lambda and Firehose need no `kms:Decrypt` grants. (cdk-nag AwsSolutions-KDS3 recommends
 * the same.) Choose a CMK only when compliance requires control of the key policy or cross-account
 * consumers.
 */
export class ClickstreamStream extends Construct {
  /** The stream. */
  public readonly stream: kinesis.Stream;
  /** The retention the stream was created with, in hours (validated). */
  public readonly retentionHours: number;

  constructor(scope: Construct, id: string, props: ClickstreamStreamProps = {}) {
    super(scope, id);

    const retentionPeriod = props.retentionPeriod ?? Duration.hours(24);
    this.retentionHours = requireInteger(retentionPeriod.toHours({ integral: false }), {
      owner: 'ClickstreamStream',
      prop: 'retentionPeriod (hours)',
      ...KINESIS_STREAM_PROP_LIMITS.retentionHours,
    });
    const shardCount =
      props.shardCount === undefined
        ? undefined
        : requireInteger(props.shardCount, { owner: 'ClickstreamStream', prop: 'shardCount', ...KINESIS_STREAM_PROP_LIMITS.shardCount });

    this.stream = new kinesis.Stream(this, 'Stream', {
      streamMode: shardCount === undefined ? kinesis.StreamMode.ON_DEMAND : kinesis.StreamMode.PROVISIONED,
      shardCount,
      retentionPeriod: Duration.hours(this.retentionHours),
      encryption: kinesis.StreamEncryption.MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }
}
