import { Duration, Size, Stack, Validations } from 'aws-cdk-lib';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HardenedBucket } from '../common/hardened-bucket';

/** Props of {@link ClickstreamArchive}. */
export interface ClickstreamArchiveProps {
  /** The stream to archive; Firehose reads it as its source. */
  readonly stream: kinesis.IStream;

  /**
   * Days after which archived objects move to S3 Glacier Flexible Retrieval (whole days, ≥ 1).
   * @default 90 - raw events are queried in the first weeks, then kept for replays and audits
   */
  readonly glacierTransitionDays?: number;
}

/** S3 key prefix of delivered records: one folder per UTC hour, which Athena can prune (partition projection). */
export const ARCHIVE_DATA_PREFIX = 'clickstream/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/';
/** S3 key prefix of records Firehose could not deliver, split by failure type and hour. */
export const ARCHIVE_ERROR_PREFIX =
  'errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/';

/**
 * Consumer 2 of 3: Amazon Data Firehose reads the stream and writes GZIP-compressed,
 * hour-partitioned objects of newline-delimited JSON (one event per line, what Athena's and Glue's
 * JSON readers expect) into a hardened S3 bucket, which moves them to Glacier with age.
 * No code to run: Firehose has its own shared-throughput iterator on the stream.
 */
export class ClickstreamArchive extends Construct {
  /**
   * Deliver when 5 minutes have passed (the default and the freshness a daily/hourly analysis
   * needs), so data is at most ~5 minutes behind in S3.
   */
  public static readonly BUFFERING_INTERVAL = Duration.seconds(300);
  /**
   * ...or when 128 MiB (the maximum) have accumulated: large objects mean fewer S3 PUTs, fewer small
   * files for Athena, and less of Glacier's per-object overhead (about 40 KB of metadata per object).
   */
  public static readonly BUFFERING_SIZE = Size.mebibytes(128);

  /** The archive bucket. */
  public readonly bucket: s3.Bucket;
  /** The delivery stream. */
  public readonly deliveryStream: firehose.DeliveryStream;

  constructor(scope: Construct, id: string, props: ClickstreamArchiveProps) {
    super(scope, id);

    this.bucket = new HardenedBucket(this, 'Bucket', {
      glacierTransitionDays: props.glacierTransitionDays ?? 90,
    }).bucket;

    // Our own destination role (the construct would create one otherwise) so the wildcard findings
    // below can be acknowledged on exactly this role.
    const destinationRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
    });

    this.deliveryStream = new firehose.DeliveryStream(this, 'DeliveryStream', {
      source: new firehose.KinesisStreamSource(props.stream),
      destination: new firehose.S3Bucket(this.bucket, {
        role: destinationRole,
        // Repetitive JSON events typically shrink 5-10x, cutting S3 storage and Athena scan cost alike.
        compression: firehose.Compression.GZIP,
        dataOutputPrefix: ARCHIVE_DATA_PREFIX,
        errorOutputPrefix: ARCHIVE_ERROR_PREFIX,
        bufferingInterval: ClickstreamArchive.BUFFERING_INTERVAL,
        bufferingSize: ClickstreamArchive.BUFFERING_SIZE,
        // Firehose concatenates records as they are; this built-in processor (no Lambda, and not one of
        // Firehose's billed options) ends each with "\n". Done here rather than in the producer so the
        // record bytes the processor and dashboard read stay unchanged.
        processors: [new firehose.AppendDelimiterToRecordProcessor()],
        // No encryptionKey: objects get the bucket's default encryption (SSE-S3, see HardenedBucket).
      }),
      // No `encryption`: Firehose rejects server-side encryption when a Kinesis stream is the source.
      // The data stays encrypted at rest in the KMS-encrypted stream and in the SSE bucket.
    });

    // Firehose writes (and on retry, overwrites or aborts) objects under keys it generates at run time,
    // so the bucket grant (CDK's grantReadWrite) needs object wildcards; it is scoped to this bucket.
    for (const finding of [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
    ]) {
      Validations.of(destinationRole).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: 'Firehose delivery role: object-level access under generated keys of the archive bucket only (grantReadWrite).',
      });
    }

    Validations.of(this.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason:
        'Firehose does not accept DeliveryStreamEncryptionConfigurationInput with a Kinesis stream source; records ' +
        'are encrypted at rest by the source stream (KMS) and by the destination bucket (SSE-S3).',
    });
  }
}
