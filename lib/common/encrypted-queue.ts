/**
 * A standard SQS queue and its dead-letter queue, secure by default: encrypted at rest (SSE-SQS, or a
 * KMS key you pass), TLS-only access policies, long polling, and a DLQ that only its own source
 * queue may use. Or, if you already have both queues, the same interface over them.
 *
 * Redrive (move dead-lettered messages back once the cause is fixed) uses SQS's
 * StartMessageMoveTask. The destination is named explicitly: without `--destination-arn` SQS sends
 * messages back to "their original source queues", which messages a consumer copied into the DLQ
 * itself (permanent failures) do not have:
 *
 *     aws sqs start-message-move-task --source-arn <DLQ arn> --destination-arn <queue arn>
 *
 * {@link EncryptedQueue.redriveCommand} holds that command with the real ARNs filled in.
 */
import { Duration, Fn, Names, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  DeduplicationScope, FifoThroughputLimit, type IQueue, Queue, QueueEncryption, type QueueProps, RedrivePermission,
} from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type IntegerRule, PropProblems } from './prop-problems';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';

/** Props of {@link EncryptedQueue}: either both existing queues, or the settings to create them. */
export interface EncryptedQueueProps {
  /**
   * Use this queue instead of creating one. Requires `existingDeadLetterQueue`; excludes every
   * creation prop below.
   * @default a new queue
   */
  readonly existingQueue?: IQueue;
  /**
   * The dead-letter queue of `existingQueue`.
   * @default a new dead-letter queue
   */
  readonly existingDeadLetterQueue?: IQueue;
  /**
   * How long a received message stays hidden from other consumers. Derive it from the consumer's
   * timeout rather than typing a number.
   * @default 30 seconds (the SQS default)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Receives before SQS moves a message to the DLQ.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * How long the source queue keeps a message (SQS allows 60 s to 14 days).
   * @default 4 days (the SQS default)
   */
  readonly retentionPeriod?: Duration;
  /**
   * Customer managed KMS key for both queues (for key policies, audit trails or cross-account use).
   * @default SSE-SQS (SQS-managed keys: encrypted at rest, no key cost, no KMS request quota)
   */
  readonly encryptionKey?: IKey;
  /**
   * Make both queues FIFO: order per `MessageGroupId`, and SQS drops a second message with the
   * same `MessageDeduplicationId` within 5 minutes. Content-based deduplication stays off, so the
   * producer's id (the jobId) decides what a duplicate is, not the body's hash. High-throughput
   * mode (deduplication and throughput limit per message group) is on: it lifts the 300
   * requests/s per queue of plain FIFO, and ordering is only ever promised per group anyway.
   * A FIFO source queue needs a FIFO DLQ (SQS refuses a standard one), so the DLQ follows.
   * @default false (standard queues)
   */
  readonly fifo?: boolean;
}

/** The props that only make sense when the construct creates the queues. */
const CREATION_PROPS = ['visibilityTimeout', 'maxReceiveCount', 'retentionPeriod', 'encryptionKey', 'fifo'] as const;
/** Long polling: the SQS maximum wait, so empty receives cost one request per 20 s, not a busy loop. */
const LONG_POLL_WAIT = Duration.seconds(SQS_LIMITS.maxWaitTimeSeconds);
/** SQS's longest retention: the DLQ keeps messages this long. */
const MAX_RETENTION = Duration.seconds(SQS_LIMITS.maxRetentionSeconds);
/** SQS's redrive policy range; aws-cdk-lib checks only the lower end. */
export const MAX_RECEIVE_COUNT_RULE: IntegerRule = { min: 1, max: SQS_LIMITS.maxReceiveCount, reason: 'SQS redrive policy maxReceiveCount' };
/** SQS's queue name length limit. */
const MAX_QUEUE_NAME_LENGTH = SQS_LIMITS.maxQueueNameLength;
/** A FIFO queue's name must end in `.fifo` (SQS CreateQueue rule), within the same 80 characters. */
const FIFO_SUFFIX = '.fifo';

/** A secure source queue and DLQ (created or existing). */
export class EncryptedQueue extends Construct {
  /** The source queue consumers read. */
  public readonly queue: IQueue;
  /** Its dead-letter queue. */
  public readonly deadLetterQueue: IQueue;
  /** The visibility timeout the source queue was created with; undefined for an existing queue. */
  public readonly visibilityTimeout?: Duration;
  /** The source queue's retention; undefined for an existing queue. */
  public readonly retentionPeriod?: Duration;
  /** Receives before dead-lettering; undefined for an existing queue. */
  public readonly maxReceiveCount?: number;
  /** The exact AWS CLI command that moves every dead-lettered message back into the queue. */
  public readonly redriveCommand: string;
  /** True when both queues were created as FIFO queues; false for standard or existing queues. */
  public readonly fifo: boolean;

  constructor(scope: Construct, id: string, props: EncryptedQueueProps = {}) {
    super(scope, id);
    const existing = validate(this, props);
    if (existing !== undefined) {
      this.queue = existing.queue;
      this.deadLetterQueue = existing.deadLetterQueue;
      this.fifo = existing.queue.fifo;
    } else {
      // Visibility and retention ranges are checked by aws-cdk-lib's Queue itself.
      this.fifo = props.fifo ?? false;
      this.visibilityTimeout = props.visibilityTimeout ?? Duration.seconds(30);
      this.retentionPeriod = props.retentionPeriod ?? Duration.days(4);
      this.maxReceiveCount = props.maxReceiveCount ?? 5;
      const created = this.createQueues(this.visibilityTimeout, this.retentionPeriod, this.maxReceiveCount, props.encryptionKey, this.fifo);
      this.queue = created.queue;
      this.deadLetterQueue = created.deadLetterQueue;
    }
    this.redriveCommand = Fn.join('', [
      'aws sqs start-message-move-task --source-arn ',
      this.deadLetterQueue.queueArn,
      ' --destination-arn ',
      this.queue.queueArn,
    ]);
  }

  private createQueues(visibilityTimeout: Duration, retentionPeriod: Duration, maxReceiveCount: number, key: IKey | undefined, fifo: boolean) {
    const encryption = key === undefined
      ? { encryption: QueueEncryption.SQS_MANAGED }
      : { encryption: QueueEncryption.KMS, encryptionMasterKey: key };
    const fifoProps = fifoQueueProps(fifo);
    // The DLQ may only be used by its own source queue, but the source queue's redrive policy already
    // references the DLQ's ARN: naming the source queue (stack-unique, from its construct path) lets
    // the DLQ's redrive-allow policy name the source's ARN without a CloudFormation dependency cycle.
    const suffix = fifo ? FIFO_SUFFIX : '';
    const sourceQueueName = Names.uniqueResourceName(this, { maxLength: MAX_QUEUE_NAME_LENGTH - suffix.length, separator: '-' }) + suffix;
    const sourceQueueArn = Stack.of(this).formatArn({ service: 'sqs', resource: sourceQueueName });
    const deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...encryption,
      ...fifoProps.deadLetterQueue,
      enforceSSL: true,
      // The maximum: a standard queue keeps the original enqueue time when dead-lettering, so the DLQ
      // must retain messages longer than the source queue does or they expire on arrival.
      retentionPeriod: MAX_RETENTION,
      receiveMessageWaitTime: LONG_POLL_WAIT,
      redriveAllowPolicy: {
        redrivePermission: RedrivePermission.BY_QUEUE,
        sourceQueues: [Queue.fromQueueArn(this, 'SourceQueueArn', sourceQueueArn)],
      },
    });
    const queue = new Queue(this, 'Queue', {
      ...encryption,
      ...fifoProps.queue,
      queueName: sourceQueueName,
      enforceSSL: true,
      visibilityTimeout,
      retentionPeriod,
      receiveMessageWaitTime: LONG_POLL_WAIT,
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount },
    });
    return { queue, deadLetterQueue };
  }
}

/** The FIFO settings of both queues (none for standard queues). */
function fifoQueueProps(fifo: boolean): { queue: Partial<QueueProps>; deadLetterQueue: Partial<QueueProps> } {
  if (!fifo) return { queue: {}, deadLetterQueue: {} };
  return {
    queue: {
      fifo: true,
      contentBasedDeduplication: false,
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
    },
    // The DLQ takes a trickle of failures: plain FIFO limits are plenty. Dead-lettered copies the
    // consumer sends itself carry their source message id as deduplication id.
    deadLetterQueue: { fifo: true, contentBasedDeduplication: false },
  };
}

/** Checks the props (one error listing every problem); returns the existing queues when given. */
function validate(scope: Construct, props: EncryptedQueueProps): { queue: IQueue; deadLetterQueue: IQueue } | undefined {
  const problems = new PropProblems();
  if (props.maxReceiveCount !== undefined) problems.integer('maxReceiveCount', props.maxReceiveCount, MAX_RECEIVE_COUNT_RULE);
  const { existingQueue, existingDeadLetterQueue } = props;
  if (existingQueue === undefined && existingDeadLetterQueue === undefined) {
    problems.throwIfAny(scope);
    return undefined;
  }
  const creation = Object.fromEntries(CREATION_PROPS.map((prop) => [prop, props[prop]]));
  problems.existingOrNew(existingQueue === undefined ? 'existingDeadLetterQueue' : 'existingQueue', true, creation);
  if (existingQueue === undefined || existingDeadLetterQueue === undefined) {
    problems.add(existingQueue === undefined ? 'existingQueue' : 'existingDeadLetterQueue', 'undefined',
      'given together with the other existing queue (existingQueue and existingDeadLetterQueue go together)');
  }
  problems.throwIfAny(scope);
  return existingQueue === undefined || existingDeadLetterQueue === undefined ? undefined : { queue: existingQueue, deadLetterQueue: existingDeadLetterQueue };
}
