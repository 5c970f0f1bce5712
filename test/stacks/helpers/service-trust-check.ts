/**
 * Reads every AWS::IAM::Role of a synthesized template and lists the trust statements of the
 * services in lib/common/service-role.ts that lack the conditions that service documents against
 * the confused deputy problem: the account (`aws:SourceAccount`, or `sts:ExternalId` for Firehose)
 * and, where documented, the source ARN of this account's resources.
 *
 * For ECS, only task roles (a task definition's TaskRoleArn) are checked: ECS documents the
 * conditions for the task role, not for the task execution role, which the same principal assumes.
 */
import { TRUSTED_SERVICES, type TrustedService } from '../../../lib/common/service-role';
import type { CloudFormationTemplate } from './synthesized-app';

/** `{ Ref: 'AWS::AccountId' }` as the template has it. */
const THIS_ACCOUNT = JSON.stringify({ Ref: 'AWS::AccountId' });

interface TrustStatement {
  readonly Principal?: { readonly Service?: string | string[] };
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** What each service's trust statement must carry; `sourceArnService` is the ARN's service part. */
const REQUIRED: Record<TrustedService, { accountKey: 'aws:SourceAccount' | 'sts:ExternalId'; sourceArn?: string }> = {
  ecsTasks: { accountKey: 'aws:SourceAccount', sourceArn: ':ecs:' },
  vpcFlowLogs: { accountKey: 'aws:SourceAccount', sourceArn: ':vpc-flow-log/' },
  firehose: { accountKey: 'sts:ExternalId' },
};

/** One role trusted by a checked service. */
export interface ServiceTrust {
  readonly roleId: string;
  readonly service: TrustedService;
  readonly problems: readonly string[];
}

/** Every role of `template` that one of the checked services may assume, with what its trust statement lacks. */
export function serviceTrusts(template: CloudFormationTemplate): ServiceTrust[] {
  const trusts: ServiceTrust[] = [];
  const taskRoles = new Set(Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::ECS::TaskDefinition')
    .map((resource) => JSON.stringify(resource.Properties?.TaskRoleArn)));
  for (const [roleId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const isTaskRole = taskRoles.has(JSON.stringify({ 'Fn::GetAtt': [roleId, 'Arn'] }));
    const statements = (resource.Properties?.AssumeRolePolicyDocument as { Statement?: TrustStatement[] } | undefined)?.Statement ?? [];
    for (const statement of statements) {
      const principals = [statement.Principal?.Service ?? []].flat();
      const checked = (Object.keys(TRUSTED_SERVICES) as TrustedService[])
        .filter((key) => principals.includes(TRUSTED_SERVICES[key]) && (key !== 'ecsTasks' || isTaskRole));
      for (const service of checked) {
        trusts.push({ roleId, service, problems: trustProblems(statement, service) });
      }
    }
  }
  return trusts;
}

function trustProblems(statement: TrustStatement, service: TrustedService): string[] {
  const required = REQUIRED[service];
  const problems: string[] = [];
  if (JSON.stringify(statement.Condition?.StringEquals?.[required.accountKey]) !== THIS_ACCOUNT) {
    problems.push(`no StringEquals ${required.accountKey} = this account`);
  }
  const sourceArn = JSON.stringify(statement.Condition?.ArnLike?.['aws:SourceArn'] ?? null);
  if (required.sourceArn !== undefined && !(sourceArn.includes(required.sourceArn) && sourceArn.includes(THIS_ACCOUNT))) {
    problems.push(`no ArnLike aws:SourceArn naming this account's${required.sourceArn} resources`);
  }
  return problems;
}
