/**
 * SignupFanout: SNS→SQS fan-out. One user-signup topic delivers a copy of every event to each
 * subscriber queue: the email jobs queue (welcome emails, filtered to users who opted in) and an
 * analytics queue (every signup). Each subscriber consumes its own copy once; nothing is replayed
 * (the difference from a Kinesis stream, where every consumer reads the same retained records).
 *
 * - Raw message delivery: subscribers get the published body as is, not SNS's JSON envelope, so
 *   the email worker reads a signup exactly like any job.
 * - A filter policy on the email subscription (message attribute `emailOptIn` = "true").
 * - A dead-letter queue per subscription: a message SNS cannot deliver (queue policy or key
 *   refused, queue deleted) is kept there 14 days instead of being dropped after SNS's retries,
 *   and an alarm says so at once: a filling subscription DLQ is otherwise silent (SNS reports
 *   nothing to the publisher, and the subscriber just sees fewer messages).
 * - Encryption: customer managed KMS keys, one for the topic and one for the analytics queue and
 *   the subscription DLQs, which SNS may use for this topic only; every queue and the topic are TLS-only.
 *   (The email queue keeps its own SSE-SQS encryption, which SNS can write to without a key policy.)
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';

/** The message attribute the email subscription filters on. */
export const SIGNUP_EMAIL_OPT_IN_ATTRIBUTE = 'emailOptIn';

/** Props of {@link SignupFanout}. */
export interface SignupFanoutProps {
  /**
   * The email jobs queue that receives welcome emails. Must be a standard queue: a standard SNS
   * topic cannot deliver to a FIFO queue (EmailWorker checks this before it builds the fan-out).
   */
  readonly emailQueue: IQueue;
  /**
   * KMS key for the analytics queue and the subscription DLQs. The subscriptions add the statement
   * that lets SNS use it for this topic; an imported key's policy must allow that already.
   * @default a new key with yearly rotation
   */
  readonly encryptionKey?: IKey;
  /** Where the alarms on the subscription dead-letter queues go. */
  readonly alarmTopic: AlarmTopic;
}

/** Retention of a subscription DLQ: the SQS maximum, time to fix a policy and redrive. */
const SUBSCRIPTION_DLQ_RETENTION = Duration.seconds(SQS_LIMITS.maxRetentionSeconds);

/** The topic, the analytics subscriber and the two subscriptions. */
export class SignupFanout extends Construct {
  /** The user-signup topic publishers send to. */
  public readonly topic: Topic;
  /** The topic's key. */
  public readonly topicKey: Key;
  /** The key of the analytics queue and the subscription DLQs, which SNS may use for this topic. */
  public readonly encryptionKey: IKey;
  /** The analytics subscriber (every signup) and its own processing DLQ. */
  public readonly analytics: EncryptedQueue;
  /** Where SNS keeps what it could not deliver to the email queue. */
  public readonly emailSubscriptionDeadLetterQueue: Queue;
  /** Where SNS keeps what it could not deliver to the analytics queue. */
  public readonly analyticsSubscriptionDeadLetterQueue: Queue;
  /** One alarm per subscription DLQ (depth > 0), sent to the alarm topic. */
  public readonly subscriptionDeadLetterAlarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: SignupFanoutProps) {
    super(scope, id);
    this.topicKey = new Key(this, 'TopicKey', {
      description: 'Encrypts the user-signup topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY, // SNS keeps no messages: nothing outlives the stack
      pendingWindow: Duration.days(7), // KMS's shortest deletion window
    });
    this.encryptionKey = props.encryptionKey ?? new Key(this, 'QueueKey', {
      description: 'Encrypts the user-signup analytics queue and the subscription dead-letter queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // Two keys: SqsSubscription lets sns.amazonaws.com use the queues' key for this topic only
    // (aws:SourceArn = the topic's ARN), and the topic's own key cannot name the topic in its
    // policy without a cycle (topic → key → topic). Publishers get the topic key through grantPublish.
    this.topic = new Topic(this, 'Topic', { masterKey: this.topicKey, enforceSSL: true });
    this.analytics = new EncryptedQueue(this, 'AnalyticsQueue', { encryptionKey: this.encryptionKey });
    this.emailSubscriptionDeadLetterQueue = this.subscriptionDeadLetterQueue('EmailSubscriptionDeadLetterQueue', 'the email queue', props.alarmTopic);
    this.analyticsSubscriptionDeadLetterQueue = this.subscriptionDeadLetterQueue('AnalyticsSubscriptionDeadLetterQueue', 'the analytics queue', props.alarmTopic);
    // SqsSubscription adds the queue policy that lets this topic send (aws:SourceArn = topic), and
    // the DLQ's policy that lets SNS dead-letter into it.
    this.topic.addSubscription(new SqsSubscription(props.emailQueue, {
      rawMessageDelivery: true,
      deadLetterQueue: this.emailSubscriptionDeadLetterQueue,
      filterPolicy: { [SIGNUP_EMAIL_OPT_IN_ATTRIBUTE]: SubscriptionFilter.stringFilter({ allowlist: ['true'] }) },
    }));
    this.topic.addSubscription(new SqsSubscription(this.analytics.queue, {
      rawMessageDelivery: true,
      deadLetterQueue: this.analyticsSubscriptionDeadLetterQueue,
    }));
  }

  private subscriptionDeadLetterQueue(id: string, subscriber: string, alarmTopic: AlarmTopic): Queue {
    // A subscription DLQ of a standard topic is a standard queue (SNS rule).
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: SUBSCRIPTION_DLQ_RETENTION,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'It is a dead-letter queue: the SNS subscription\'s RedrivePolicy targets it, which cdk-nag does not recognise (it looks only at SQS redrive policies).',
    });
    const alarm = new Alarm(this, `${id}NotEmpty`, {
      alarmDescription: `SNS could not deliver signups to ${subscriber} (its queue policy or key refused them, or the queue is gone): ` +
        'fix the cause, then replay the messages kept in this subscription dead-letter queue',
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1, // every message here is a signup its subscriber never saw
      treatMissingData: TreatMissingData.NOT_BREACHING, // an idle queue publishes nothing
    });
    alarmTopic.notifyOn(alarm);
    this.subscriptionDeadLetterAlarms.push(alarm);
    return queue;
  }
}
