/**
 * Follows every CloudWatch alarm of a synthesized template to the SNS topics its actions name, and
 * lists what would stop the notification at deploy time:
 * - the topic policy does not allow `cloudwatch.amazonaws.com` to `sns:Publish` for this account's
 *   alarms (a topic policy replaces SNS's default one, so a TLS-only policy blocks CloudWatch);
 * - the topic is encrypted with a key whose policy does not let CloudWatch use it (or with the AWS
 *   managed `alias/aws/sns` key, whose policy cannot).
 * Actions that name a scaling policy (queue-depth step scaling) are scaling, not notifications, and
 * are skipped. A template with no alarm or no notified topic, or an alarm with no action at all, is
 * a problem too: nothing would notify.
 */
import type { CloudFormationTemplate } from './synthesized-app';

/** The actions of an alarm that can notify. */
const ACTION_PROPERTIES = ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const;
const CLOUDWATCH = 'cloudwatch.amazonaws.com';
/** Alarm actions that scale something rather than notify anyone. */
const SCALING_POLICY_TYPES = ['AWS::ApplicationAutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScalingPolicy'];

interface Statement {
  readonly Effect?: string;
  readonly Principal?: { readonly Service?: string | string[] } | string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Every reason an alarm of `template` could not notify; empty when every alarm can. */
export function alarmNotificationProblems(template: CloudFormationTemplate): string[] {
  const resources = template.Resources;
  const alarms = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm');
  if (alarms.length === 0) return ['no AWS::CloudWatch::Alarm in the template'];
  const problems: string[] = [];
  const notifiedTopics = new Set<string>();
  for (const [alarmId, alarm] of alarms) {
    const actions = ACTION_PROPERTIES.flatMap((property) => (alarm.Properties?.[property] as unknown[] | undefined) ?? []);
    if (actions.length === 0) problems.push(`${alarmId}: no alarm, OK or insufficient-data action`);
    for (const action of actions.filter((candidate) => !isScalingAction(template, candidate))) {
      const topicId = topicIdOf(template, action);
      if (topicId === undefined) {
        problems.push(`${alarmId}: action ${JSON.stringify(action)} is not a Ref to an AWS::SNS::Topic of this template`);
        continue;
      }
      notifiedTopics.add(topicId);
      problems.push(...topicProblems(template, topicId).map((problem) => `${alarmId} -> ${topicId}: ${problem}`));
    }
  }
  if (notifiedTopics.size === 0) problems.push('no alarm action leads to an SNS topic');
  return problems;
}

function isScalingAction(template: CloudFormationTemplate, action: unknown): boolean {
  const ref = (action as { Ref?: unknown } | null)?.Ref;
  return typeof ref === 'string' && SCALING_POLICY_TYPES.includes(template.Resources[ref]?.Type ?? '');
}

function topicIdOf(template: CloudFormationTemplate, action: unknown): string | undefined {
  const ref = (action as { Ref?: unknown } | null)?.Ref;
  return typeof ref === 'string' && template.Resources[ref]?.Type === 'AWS::SNS::Topic' ? ref : undefined;
}

function topicProblems(template: CloudFormationTemplate, topicId: string): string[] {
  const problems: string[] = [];
  const topicRef = JSON.stringify({ Ref: topicId });
  const topicStatements = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::SNS::TopicPolicy')
    .filter((policy) => ((policy.Properties?.Topics as unknown[] | undefined) ?? []).some((topic) => JSON.stringify(topic) === topicRef))
    .flatMap((policy) => statementsOf(policy.Properties?.PolicyDocument));
  const publishes = topicStatements.some((statement) =>
    allowsCloudWatch(statement, ['sns:Publish']) && resourceNames(statement.Resource).includes(topicRef) && limitedToThisAccountsAlarms(statement));
  if (!publishes) {
    problems.push('no topic policy statement allows cloudwatch.amazonaws.com to sns:Publish to it with aws:SourceAccount and aws:SourceArn (alarms) conditions');
  }
  const keyReference = template.Resources[topicId].Properties?.KmsMasterKeyId;
  if (keyReference !== undefined) problems.push(...keyProblems(template, keyReference));
  return problems;
}

function keyProblems(template: CloudFormationTemplate, keyReference: unknown): string[] {
  const keyId = (keyReference as { 'Fn::GetAtt'?: [string, string] } | null)?.['Fn::GetAtt']?.[0]
    ?? (keyReference as { Ref?: string } | null)?.Ref;
  const key = keyId === undefined ? undefined : template.Resources[keyId];
  if (key?.Type !== 'AWS::KMS::Key') {
    return [`encrypted with ${JSON.stringify(keyReference)}, not a key of this template whose policy lets CloudWatch use it`];
  }
  const usable = statementsOf(key.Properties?.KeyPolicy)
    .some((statement) => allowsCloudWatch(statement, ['kms:Decrypt', 'kms:GenerateDataKey*']) && limitedToThisAccountsAlarms(statement));
  return usable ? [] : [`the policy of its key ${keyId} does not let cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* for this account's alarms`];
}

function statementsOf(document: unknown): Statement[] {
  const statements = (document as { Statement?: Statement | Statement[] } | undefined)?.Statement ?? [];
  return Array.isArray(statements) ? statements : [statements];
}

function allowsCloudWatch(statement: Statement, actions: string[]): boolean {
  const principal = statement.Principal;
  const services = typeof principal === 'object' ? list(principal.Service) : [];
  const granted = list(statement.Action);
  return statement.Effect === 'Allow' && services.includes(CLOUDWATCH) && actions.every((action) => granted.includes(action));
}

/** `aws:SourceAccount` is this account and `aws:SourceArn` names CloudWatch alarms. */
function limitedToThisAccountsAlarms(statement: Statement): boolean {
  const sourceAccount = statement.Condition?.StringEquals?.['aws:SourceAccount'];
  const sourceArn = JSON.stringify(statement.Condition?.ArnLike?.['aws:SourceArn'] ?? statement.Condition?.ArnEquals?.['aws:SourceArn'] ?? null);
  return JSON.stringify(sourceAccount) === JSON.stringify({ Ref: 'AWS::AccountId' })
    && sourceArn.includes(':cloudwatch:') && sourceArn.includes(':alarm:');
}

function resourceNames(resource: unknown): string[] {
  return (Array.isArray(resource) ? resource : [resource]).map((entry) => JSON.stringify(entry));
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
