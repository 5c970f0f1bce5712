import { Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HardenedBucket } from '../common/hardened-bucket';
import { serviceRole } from '../common/service-role';
import { StandardIteratorStreamSource } from './standard-iterator-read';

/** Id of the mapping aws-cdk-lib's Firehose DeliveryStream adds to its stack (one per stack). */
const FIREHOSE_CIDR_MAPPING_ID = '@aws-cdk/aws-kinesisfirehose.CidrBlocks';

/** Props of {@link ClickstreamArchive}. */
export interface ClickstreamArchiveProps {
  /** The stream to archive; Firehose reads it as its source. */
  readonly stream: kinesis.IStream;

  /**
   * Archive into this bucket instead of creating one. Firehose's role gets put/get/abort rights on
   * it. With cdk-nag, acknowledge AwsSolutions-IAM5 for its `/*` resource yourself unless it is a
   * Bucket of this stack (that case is acknowledged here). Excludes `glacierTransitionDays`.
   * @default a new HardenedBucket
   */
  readonly existingBucket?: s3.IBucket;

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

  /** The archive bucket (created or existing). */
  public readonly bucket: s3.IBucket;
  /** The delivery stream. */
  public readonly deliveryStream: firehose.DeliveryStream;
  /** The role Firehose writes to the bucket with (put, read back, abort uploads; never delete). */
  public readonly deliveryRole: iam.Role;

  constructor(scope: Construct, id: string, props: ClickstreamArchiveProps) {
    super(scope, id);

    this.bucket = props.existingBucket ?? new HardenedBucket(this, 'Bucket', {
      glacierTransitionDays: props.glacierTransitionDays ?? 90,
    }).bucket;

    // Our own destination role, handed to Firehose without policy updates: the S3 destination would
    // grant it CDK's grantReadWrite (DeleteObject*, PutObjectLegalHold, PutObjectRetention, ...), which
    // lets a delivery role delete archived objects. It gets exactly what Firehose's S3 delivery calls.
    const destinationRole = serviceRole(this, 'DeliveryRole', 'firehose', 'Firehose writes the clickstream archive with it');
    this.deliveryRole = destinationRole;
    const deliveryGrants = grantFirehoseS3Delivery(this.bucket, destinationRole);
    // Our own log group too, since the role no longer takes the construct's grants: Firehose logs
    // delivery errors here (one month, like every log group of this project).
    const deliveryLogs = new logs.LogGroup(this, 'DeliveryLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    deliveryGrants.push(deliveryLogs.grantWrite(destinationRole));

    this.deliveryStream = new firehose.DeliveryStream(this, 'DeliveryStream', {
      // Reads with a standard iterator: its role gets no enhanced fan-out actions.
      source: new StandardIteratorStreamSource(props.stream),
      // Our own source role too: the one the construct would create trusts Firehose with no condition.
      role: serviceRole(this, 'SourceRole', 'firehose', 'Firehose reads the clickstream with it'),
      destination: new firehose.S3Bucket(this.bucket, {
        role: destinationRole.withoutPolicyUpdates(),
        loggingConfig: new firehose.EnableLogging(deliveryLogs),
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

    // Firehose checks its access when the delivery stream is created: create the grants' policy first.
    for (const grant of deliveryGrants) grant.applyBefore(this.deliveryStream.node.defaultChild as firehose.CfnDeliveryStream);

    this.acknowledgeNagFindings();
  }

  /** The cdk-nag findings this construct's design accepts, each with its reason. */
  private acknowledgeNagFindings(): void {
    // Firehose writes objects under keys it generates at run time (prefix, hour, random suffix), so the
    // object actions need the bucket's key wildcard; the role can put, read back and abort uploads
    // there, but not delete, tag, or set retention or legal holds.
    if (this.bucket instanceof s3.Bucket && Stack.of(this.bucket) === Stack.of(this)) {
      Validations.of(this.deliveryRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
        reason: 'Firehose delivery role: PutObject, GetObject and AbortMultipartUpload on generated keys of the archive bucket only (no delete, tagging, retention or legal hold).',
      });
    }

    // Firehose's DeliveryStream registers a per-region map of Firehose's CIDR blocks in the stack, for
    // its `connections` (VPC destinations such as Redshift or OpenSearch). This archive delivers to
    // S3, so in an environment-agnostic synth nothing reads the map; it stays, because removing it
    // would break anyone who later uses deliveryStream.connections. CloudFormation validation reports
    // a mapping against its stack, so the stack is where the finding is acknowledged, by the construct
    // that causes it, in whichever stack a user puts it.
    if (Stack.of(this).node.tryFindChild(FIREHOSE_CIDR_MAPPING_ID) !== undefined) {
      Validations.of(Stack.of(this)).acknowledge({
        id: 'CloudFormation-Validate::W7001',
        reason: 'Firehose\'s regional CIDR mapping serves VPC destinations; this archive delivers to S3, so the mapping is unused.',
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

/**
 * What Firehose's S3 delivery calls, and nothing more (Firehose developer guide, "Grant Firehose
 * access to an Amazon S3 destination"): bucket-level listing and location, object put and get, and
 * aborting its own multipart uploads.
 */
export const FIREHOSE_S3_BUCKET_ACTIONS = ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'] as const;
/** Object-level half of the above. */
export const FIREHOSE_S3_OBJECT_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'] as const;

function grantFirehoseS3Delivery(bucket: s3.IBucket, role: iam.IRole): iam.Grant[] {
  return [
    iam.Grant.addToPrincipal({ grantee: role, actions: [...FIREHOSE_S3_BUCKET_ACTIONS], resourceArns: [bucket.bucketArn] }),
    iam.Grant.addToPrincipal({ grantee: role, actions: [...FIREHOSE_S3_OBJECT_ACTIONS], resourceArns: [bucket.arnForObjects('*')] }),
  ];
}
