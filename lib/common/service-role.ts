/**
 * IAM roles that an AWS service assumes, with the trust-policy conditions that service documents
 * against the confused deputy problem: the service may assume the role only on behalf of this
 * account's resources, never because another account's resource names this role.
 *
 * Each service documents its own keys, and not every service supports every key: a condition a
 * service does not send in its AssumeRole request would make the role unusable. So each entry below
 * uses exactly the keys its service's documentation shows for the trust policy:
 *
 * - ECS tasks: `aws:SourceAccount` and `aws:SourceArn` (ArnLike, every ECS resource of this account
 *   and region; the docs note that a single cluster's ARN is not supported).
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 * - VPC Flow Logs: `aws:SourceAccount` and `aws:SourceArn` (the flow log's ARN, a wildcard for the
 *   flow log id, which is unknown until the flow log exists).
 *   https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 * - Amazon Data Firehose: `sts:ExternalId` equal to the account id ("This ensures that only you can
 *   request Firehose to assume the IAM role"); its trust policy examples show no `aws:Source*` key.
 *   https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3
 */
import { Stack } from 'aws-cdk-lib';
import { type Conditions, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** The services this project hands a role to, by their service principal. */
export const TRUSTED_SERVICES = {
  ecsTasks: 'ecs-tasks.amazonaws.com',
  vpcFlowLogs: 'vpc-flow-logs.amazonaws.com',
  firehose: 'firehose.amazonaws.com',
} as const;

/** One of {@link TRUSTED_SERVICES}' keys. */
export type TrustedService = keyof typeof TRUSTED_SERVICES;

/** The trust-policy conditions `service` documents, for the account and region of `stack`. */
export function confusedDeputyConditions(stack: Stack, service: TrustedService): Conditions {
  const thisAccount = { 'aws:SourceAccount': stack.account };
  switch (service) {
    case 'ecsTasks':
      return { StringEquals: thisAccount, ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ecs', resource: '*' }) } };
    case 'vpcFlowLogs':
      return {
        StringEquals: thisAccount,
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }) },
      };
    case 'firehose':
      return { StringEquals: { 'sts:ExternalId': stack.account } };
  }
}

/** A role only `service` may assume, and only for this account's resources. */
export function serviceRole(scope: Construct, id: string, service: TrustedService, description?: string): Role {
  const principal = new ServicePrincipal(TRUSTED_SERVICES[service]).withConditions(confusedDeputyConditions(Stack.of(scope), service));
  return new Role(scope, id, { assumedBy: principal, description });
}
