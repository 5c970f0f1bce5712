/**
 * HardenedBucket (lib/common) options the clickstream archive does not use by default: SSE-KMS with
 * a bucket key, server access logs, versioning. The defaults are asserted in clickstream-stack.test.ts.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HardenedBucket } from '../../lib/common/hardened-bucket';

describe('HardenedBucket options', () => {
  let stack: Stack;
  let hardened: HardenedBucket;
  let logBucket: s3.IBucket;
  let key: kms.Key;

  beforeAll(() => {
    stack = new Stack(new App(), 'BucketOptions');
    key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    logBucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-access-logs');
    hardened = new HardenedBucket(stack, 'Archive', {
      encryptionKey: key,
      serverAccessLogsBucket: logBucket,
      versioned: true,
      glacierTransitionDays: 30,
    });
  });

  it('encrypts with the given KMS key and a bucket key, versions, logs access, and uses the given Glacier age', () => {
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(key.keyArn) },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: 'central-access-logs' },
      LifecycleConfiguration: { Rules: [{ Id: 'ArchiveToGlacier', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }], AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }] },
    });
    expect(hardened.glacierTransitionDays).toBe(30);
  });

  it('needs no access-log acknowledgement when access logs are on (cdk-nag clean without it)', () => {
    const result = new AwsSolutionsChecks().validateScope(stack);
    const acknowledged = hardened.bucket.node.metadata.filter((entry) => JSON.stringify(entry.data ?? '').includes('AwsSolutions-S1'));

    expect(result.violations).toEqual([]);
    expect(acknowledged).toEqual([]);
  });
});
