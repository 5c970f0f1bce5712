/**
 * Creates the template's `AWS::S3::Bucket` resources on an S3 endpoint (fauxqs locally). Only the
 * bucket itself is created: its hardening (encryption, versioning, public access block, lifecycle
 * to Glacier) is not emulated, and a note says so for each bucket that declares it.
 */
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { resourcesOfType, type CfnTemplate } from './cfn-template';
import type { PhysicalResource, ResolutionScope } from './intrinsic-resolver';
import { physicalNameFor } from './physical-names';
import type { ProvisionedResource, ProvisionResult, TemplateProvisioner } from './provision-template';

const BUCKET_TYPE = 'AWS::S3::Bucket';

/** Bucket names: 3 to 63 characters (S3 bucket naming rules). */
const BUCKET_NAME_MAX_LENGTH = 63;

/** Declared settings that fauxqs does not enforce: named in the provisioning notes. */
const NOT_EMULATED_PROPERTIES = [
  'BucketEncryption',
  'VersioningConfiguration',
  'PublicAccessBlockConfiguration',
  'OwnershipControls',
  'LifecycleConfiguration',
  'LoggingConfiguration',
];

/** Settings of the bucket provisioner. */
export interface BucketProvisionerProps {
  /** Client of the S3 endpoint to create the buckets on (path-style addressing). */
  readonly s3: S3Client;
  /** Prefix of every physical name (see `newRunPrefix`). */
  readonly namePrefix: string;
}

/** S3 bucket names are lower case, digits, `.` and `-`, and must not end with `-` (S3 naming rules). */
export function bucketNameFor(namePrefix: string, logicalId: string): string {
  return physicalNameFor(namePrefix, logicalId, { maxLength: BUCKET_NAME_MAX_LENGTH })
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/-+$/, '');
}

/** Provisions `AWS::S3::Bucket`; `Ref` is the bucket name, attributes `Arn`, `DomainName`, `RegionalDomainName`. */
export class BucketProvisioner implements TemplateProvisioner {
  readonly resourceTypes = [BUCKET_TYPE];

  constructor(private readonly props: BucketProvisionerProps) {}

  async provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult> {
    const region = scope.pseudoParameters?.region ?? 'us-east-1';
    const resources = new Map<string, PhysicalResource>();
    const created: ProvisionedResource[] = [];
    const notes: string[] = [];
    for (const { logicalId, resource } of resourcesOfType(template, BUCKET_TYPE)) {
      const bucketName = bucketNameFor(this.props.namePrefix, logicalId);
      await this.props.s3.send(new CreateBucketCommand({ Bucket: bucketName }));
      resources.set(logicalId, {
        ref: bucketName,
        attributes: {
          Arn: `arn:aws:s3:::${bucketName}`,
          DomainName: `${bucketName}.s3.amazonaws.com`,
          RegionalDomainName: `${bucketName}.s3.${region}.amazonaws.com`,
        },
      });
      created.push({ logicalId, type: BUCKET_TYPE, physicalName: bucketName });
      const declared = NOT_EMULATED_PROPERTIES.filter((name) => resource.Properties?.[name] !== undefined);
      if (declared.length > 0) notes.push(`${logicalId}: bucket created; ${declared.join(', ')} not emulated by fauxqs`);
    }
    return { resources, created, notes };
  }
}
