/**
 * An SNS topic for CloudWatch alarms: encrypted with a customer managed KMS key (CloudWatch cannot
 * publish to a topic encrypted with the AWS managed `alias/aws/sns` key, because that key's policy
 * cannot be changed to let CloudWatch use it) and reachable over TLS only.
 *
 * A topic policy replaces SNS's default policy, so the TLS-only policy must also allow
 * `cloudwatch.amazonaws.com` to publish, or every alarm action fails with "not authorized to
 * perform: SNS:Publish". Both that statement and the key statement are limited to this account's
 * alarms (`aws:SourceAccount`, `aws:SourceArn`): no confused deputy across accounts.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { AlarmBase } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type Conditions, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /**
   * KMS key for the topic. Its key policy must let `cloudwatch.amazonaws.com` use it: the construct
   * adds that statement to a key it creates, but cannot change the policy of an imported key.
   * @default a new key with yearly rotation
   */
  readonly encryptionKey?: IKey;
}

/** Where a stack's alarms go. Subscribe e-mail, chat or paging endpoints to {@link topic}. */
export class AlarmTopic extends Construct {
  /** The topic alarms notify. */
  public readonly topic: Topic;
  /** The key the topic is encrypted with. */
  public readonly encryptionKey: IKey;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey ?? new Key(this, 'Key', {
      description: 'Encrypts the alarm notification topic',
      enableKeyRotation: true,
      // Encrypts only notifications in transit through SNS (SNS keeps no messages), so nothing
      // outlives the stack that needs it; 7 days is KMS's shortest deletion window.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new Topic(this, 'Topic', { masterKey: this.encryptionKey, enforceSSL: true });
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const fromThisAccountsAlarms = thisAccountsAlarms(Stack.of(this));
    this.topic.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [cloudWatch],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: fromThisAccountsAlarms,
    }));
    // CloudWatch encrypts the notifications it publishes with the topic's key, so it needs the key too.
    this.encryptionKey.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToUseTheKey',
      principals: [cloudWatch],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'], // in a key policy, "*" means this key
      conditions: fromThisAccountsAlarms,
    }));
  }

  /** Sends the alarm's ALARM and OK transitions to the topic. */
  public notifyOn(alarm: AlarmBase): void {
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}

/** Conditions that let a service act only for the CloudWatch alarms of `stack`'s account and region. */
function thisAccountsAlarms(stack: Stack): Conditions {
  return {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
  };
}
