/**
 * Read access for a standard (shared-throughput) Kinesis reader, which polls with GetShardIterator
 * and GetRecords: the processor's event source mapping and the Firehose archive.
 *
 * CDK's `stream.grantRead` also grants the enhanced fan-out actions (`SubscribeToShard`,
 * `DescribeStreamConsumer`) and `ListStreams`, which such a reader never calls; least privilege
 * grants only what it does. (Lambda's Kinesis execution-role permissions and Firehose's Kinesis
 * source permissions list these read actions; SubscribeToShard is only for enhanced fan-out.)
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';

/** The calls of a standard iterator: find the shards, get an iterator, read records. */
export const STANDARD_ITERATOR_READ_ACTIONS = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:GetShardIterator',
  'kinesis:GetRecords',
] as const;

/** Lets `grantee` read `stream` through a standard iterator (and decrypt it, for a customer managed key). */
export function grantStandardIteratorRead(stream: kinesis.IStream, grantee: iam.IGrantable): iam.Grant {
  const grant = iam.Grant.addToPrincipal({ grantee, actions: [...STANDARD_ITERATOR_READ_ACTIONS], resourceArns: [stream.streamArn] });
  stream.encryptionKey?.grantDecrypt(grantee);
  return grant;
}

/** Firehose's Kinesis stream source, granting its role only the standard iterator's read actions. */
export class StandardIteratorStreamSource extends firehose.KinesisStreamSource {
  constructor(private readonly sourceStream: kinesis.IStream) {
    super(sourceStream);
  }

  /** Grants the standard iterator's read actions only (the delivery stream calls this for its role). */
  public override grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantStandardIteratorRead(this.sourceStream, grantee);
  }
}
