/**
 * An SNS topic for CloudWatch alarms: encrypted with a customer managed KMS key (CloudWatch cannot
 * publish to a topic encrypted with the AWS managed `alias/aws/sns` key, because that key's policy
 * cannot be changed to let CloudWatch use it) and reachable over TLS only.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { AlarmBase } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
    // CloudWatch publishes alarm notifications itself, so it needs the key to encrypt them; the
    // conditions limit that to alarms of this account (no confused deputy across accounts).
    const stack = Stack.of(this);
    this.encryptionKey.addToResourcePolicy(new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'], // in a key policy, "*" means this key
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }));
  }

  /** Sends the alarm's ALARM and OK transitions to the topic. */
  public notifyOn(alarm: AlarmBase): void {
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
