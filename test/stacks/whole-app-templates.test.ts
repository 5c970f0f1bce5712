/**
 * Checks on the synthesized templates of EVERY stack of the app (whatever buildQueueOrStreamApp
 * creates, so a stack added later is covered without editing this file), in both email consumer
 * modes. The app is synthesized once per mode into a temporary folder, removed afterwards.
 * - Alarm notifications: every alarm's actions lead to SNS topics whose policy lets CloudWatch
 *   publish (for this account's alarms) and whose KMS key CloudWatch may use. Issue 7 found no alarm
 *   could: the topic policy held only the TLS Deny, which replaces SNS's default policy.
 * - Service roles: every role that ECS tasks, VPC Flow Logs or Firehose assume carries the trust
 *   conditions that service documents against the confused deputy (lib/common/service-role.ts).
 * - cfn-lint: zero findings, apart from the checks .cfnlintrc.yaml ignores with a reason. Skipped
 *   with a message when cfn-lint is not installed, except under CI=true where that is a failure.
 */
import { EMAIL_CONSUMER_MODES, type EmailConsumerMode } from '../../lib/common/app-context';
import { alarmNotificationProblems } from './helpers/alarm-notification-check';
import { CFN_LINT_INSTALL_HINT, cfnLintFindings, findCfnLint } from './helpers/cfn-lint';
import { serviceTrusts } from './helpers/service-trust-check';
import { type CloudFormationTemplate, type SynthesizedApp, synthesizeApp } from './helpers/synthesized-app';

const synthesized = new Map<EmailConsumerMode, SynthesizedApp>();
beforeAll(() => {
  for (const emailConsumers of EMAIL_CONSUMER_MODES) synthesized.set(emailConsumers, synthesizeApp({ emailConsumers }));
});
afterAll(() => {
  for (const app of synthesized.values()) app.remove();
});
const stacksOf = (mode: EmailConsumerMode) => synthesized.get(mode)?.stacks ?? [];

describe.each(EMAIL_CONSUMER_MODES)('every stack (emailConsumers=%s)', (mode) => {
  it('is more than one stack (the checks below run on each)', () => {
    expect(stacksOf(mode).length).toBeGreaterThan(1);
  });

  it('lets every alarm reach its topics, through the topic policy and the topic key', () => {
    const problems = stacksOf(mode).flatMap((stack) =>
      alarmNotificationProblems(stack.template).map((problem) => `${stack.stackName}: ${problem}`));

    expect(problems).toEqual([]);
  });

  it('lets ECS tasks, VPC Flow Logs and Firehose assume their roles only for this account', () => {
    const trusts = stacksOf(mode).flatMap((stack) => serviceTrusts(stack.template).map((trust) => ({ ...trust, stackName: stack.stackName })));

    // Each service hands out at least one role in the app, so the check below is not vacuous.
    expect(new Set(trusts.map((trust) => trust.service))).toEqual(new Set(['ecsTasks', 'vpcFlowLogs', 'firehose']));
    expect(trusts.filter((trust) => trust.problems.length > 0)).toEqual([]);
  });
});

const cfnLint = findCfnLint();
if (cfnLint === undefined && process.env.CI !== 'true') {
  console.log(`cfn-lint: skipped: install with \`${CFN_LINT_INSTALL_HINT}\` (or put cfn-lint on PATH)`);
}

describe('cfn-lint', () => {
  if (cfnLint === undefined) {
    (process.env.CI === 'true' ? it : it.skip)('is installed (CI=true requires it)', () => {
      throw new Error(`cfn-lint is not installed: ${CFN_LINT_INSTALL_HINT}`);
    });
    return;
  }
  it.each(EMAIL_CONSUMER_MODES)('finds nothing in any stack template (emailConsumers=%s)', (mode) => {
    const templates = stacksOf(mode).map((stack) => stack.templatePath);
    expect(templates.length).toBeGreaterThan(1);

    expect(cfnLintFindings(cfnLint, templates)).toEqual([]);
  });
});

describe('alarmNotificationProblems (the check itself can fail)', () => {
  /** The first stack of the lambda mode: the check passes on it (above); each test breaks one thing. */
  const template = (): CloudFormationTemplate => stacksOf('lambda')[0].template;

  /** A deep copy of the template with `edit` applied to each resource of `type`. */
  function edited(type: string, edit: (properties: Record<string, unknown>) => void): CloudFormationTemplate {
    const copy = structuredClone(template()) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    for (const resource of Object.values(copy.Resources)) if (resource.Type === type) edit(resource.Properties);
    return copy;
  }

  /** Drops every statement that names CloudWatch as principal from `document`. */
  function withoutCloudWatch(document: unknown): unknown {
    const { Statement } = document as { Statement: unknown[] };
    return { ...(document as object), Statement: Statement.filter((statement) => !JSON.stringify(statement).includes('cloudwatch.amazonaws.com')) };
  }

  it('fails a template whose topic policy holds only the TLS Deny (the bug of issue 7)', () => {
    const broken = edited('AWS::SNS::TopicPolicy', (properties) => { properties.PolicyDocument = withoutCloudWatch(properties.PolicyDocument); });

    expect(alarmNotificationProblems(broken)).toContainEqual(expect.stringContaining('sns:Publish'));
  });

  it('fails a template whose topic key does not let CloudWatch use it', () => {
    const broken = edited('AWS::KMS::Key', (properties) => { properties.KeyPolicy = withoutCloudWatch(properties.KeyPolicy); });

    expect(alarmNotificationProblems(broken)).toContainEqual(expect.stringContaining('kms:Decrypt'));
  });

  it('fails a topic encrypted with the AWS managed key', () => {
    const broken = edited('AWS::SNS::Topic', (properties) => { properties.KmsMasterKeyId = 'alias/aws/sns'; });

    expect(alarmNotificationProblems(broken)).toContainEqual(expect.stringContaining('alias/aws/sns'));
  });

  it('fails a publish statement without the source conditions', () => {
    const broken = edited('AWS::SNS::TopicPolicy', (properties) => {
      const { Statement } = properties.PolicyDocument as { Statement: { Condition?: unknown; Action?: unknown }[] };
      for (const statement of Statement) if (statement.Action === 'sns:Publish') delete statement.Condition;
    });

    expect(alarmNotificationProblems(broken)).toContainEqual(expect.stringContaining('aws:SourceAccount'));
  });

  it('fails when an action does not lead to a topic of the template, or an alarm has no action', () => {
    const elsewhere = edited('AWS::CloudWatch::Alarm', (properties) => { properties.AlarmActions = ['arn:aws:sns:eu-west-1:111111111111:other']; });
    const silent = edited('AWS::CloudWatch::Alarm', (properties) => { delete properties.AlarmActions; delete properties.OKActions; });

    expect(alarmNotificationProblems(elsewhere)).toContainEqual(expect.stringContaining('not a Ref to an AWS::SNS::Topic'));
    expect(alarmNotificationProblems(silent)).toContainEqual(expect.stringContaining('no alarm, OK or insufficient-data action'));
  });

  it('fails a template with no alarm at all', () => {
    expect(alarmNotificationProblems({ Resources: {} })).toEqual(['no AWS::CloudWatch::Alarm in the template']);
  });
});

describe('serviceTrusts (the check itself can fail)', () => {
  it('reports every checked role whose trust statement lost its conditions', () => {
    const stripped = structuredClone(stacksOf('fargate').flatMap((stack) => Object.entries(stack.template.Resources)));
    for (const [, resource] of stripped) {
      const document = resource.Properties?.AssumeRolePolicyDocument as { Statement?: { Condition?: unknown }[] } | undefined;
      for (const statement of document?.Statement ?? []) delete statement.Condition;
    }
    const trusts = serviceTrusts({ Resources: Object.fromEntries(stripped) });

    expect(trusts.length).toBeGreaterThan(0);
    for (const trust of trusts) expect(trust.problems).toContainEqual(expect.stringMatching(/aws:SourceAccount|sts:ExternalId/));
    expect(trusts.filter((trust) => trust.service !== 'firehose').flatMap((trust) => trust.problems))
      .toContainEqual(expect.stringContaining('aws:SourceArn'));
  });
});
