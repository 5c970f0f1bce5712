import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type IntegerRule, PropProblems } from './prop-problems';

/** S3 lifecycle transitions are whole days; aws-cdk-lib takes any Duration and leaves it to CloudFormation. */
export const GLACIER_TRANSITION_DAYS_RULE: IntegerRule = {
  min: 1,
  reason: 'S3 lifecycle transitions are counted in whole days after object creation',
};

/** Props of {@link HardenedBucket}. */
export interface HardenedBucketProps {
  /**
   * Days after creation when objects move to S3 Glacier Flexible Retrieval. Whole days, at least 1.
   * Glacier bills a 90-day minimum per object, so a shorter age only pays off for data that is
   * never deleted early.
   * @default 90
   */
  readonly glacierTransitionDays?: number;

  /**
   * KMS key for SSE-KMS. Without one the bucket uses SSE-S3 (AES-256 with S3-managed keys): free,
   * no KMS request per object and no key policy for writers such as Firehose to get right. Pass a
   * key when compliance requires control over (and an audit trail of) the key.
   * @default - SSE-S3
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Keep every version of every object. An archive written by Firehose never overwrites a key (each
   * object name carries a unique suffix), so versioning only protects against deletes while
   * doubling the storage of anything rewritten; turn it on when the bucket is the system of record.
   * @default false
   */
  readonly versioned?: boolean;

  /**
   * Bucket that receives S3 server access logs. Without one, access logging is off and the cdk-nag
   * finding AwsSolutions-S1 is suppressed with the reason below; pass an organisation-wide log bucket
   * in production.
   * @default - no server access logs
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * What happens to the bucket when it is removed from the stack. A non-empty bucket cannot be
   * deleted by CloudFormation, so DESTROY only helps for empty buckets.
   * @default RemovalPolicy.RETAIN - archived data outlives the stack
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An S3 bucket with the defaults a security review expects: all public access blocked, TLS-only
 * access (`aws:SecureTransport` deny), encryption at rest, bucket-owner-enforced object ownership
 * (no ACLs), incomplete multipart uploads cleaned up, and a lifecycle rule to Glacier.
 */
export class HardenedBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The validated Glacier transition age, in days. */
  public readonly glacierTransitionDays: number;

  constructor(scope: Construct, id: string, props: HardenedBucketProps = {}) {
    super(scope, id);

    const problems = new PropProblems();
    this.glacierTransitionDays = problems.integer('glacierTransitionDays', props.glacierTransitionDays ?? 90, GLACIER_TRANSITION_DAYS_RULE);
    problems.throwIfAny(this);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: props.encryptionKey === undefined ? s3.BucketEncryption.S3_MANAGED : s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      // With SSE-KMS, a bucket key cuts KMS requests (and their cost) by up to 99%.
      bucketKeyEnabled: props.encryptionKey !== undefined,
      versioned: props.versioned ?? false,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ArchiveToGlacier',
          transitions: [
            {
              // Flexible Retrieval: rarely read raw events, restored in bulk (minutes to hours) for replays.
              storageClass: s3.StorageClass.GLACIER,
              transitionAfter: Duration.days(this.glacierTransitionDays),
            },
          ],
          // Parts of failed uploads are billed but invisible; a week is long enough for any retry.
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    if (props.serverAccessLogsBucket === undefined) {
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Access logs need a second bucket (itself unlogged) per stage; a reference deployment leaves that to the ' +
          'operator. Pass serverAccessLogsBucket to enable them, or use CloudTrail S3 data events for object-level audit.',
      });
    }
  }
}
