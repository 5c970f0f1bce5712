/**
 * What both email consumers (Lambda and Fargate) are given, and the access both need beyond
 * consuming the queue: moving permanent failures to the DLQ, the idempotency table, and sending mail.
 */
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { EmailSenderIdentity } from './email-sender-identity';

/**
 * What Powertools idempotency's DynamoDBPersistenceLayer calls (@aws-lambda-powertools/idempotency
 * 2.35, lib/cjs/persistence/DynamoDBPersistenceLayer.js): GetItem, PutItem (conditional), UpdateItem
 * and DeleteItem, on single keys. No Scan, Query, Batch* or DescribeTable.
 */
export const IDEMPOTENCY_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

/** What the stack needs from either consumer: its output name and its dashboard metric. */
export interface EmailConsumer {
  /** The function or ECS service name (stack output ConsumerName). */
  readonly consumerName: string;
  /** Running consumers (concurrent executions or tasks) for the dashboard. */
  readonly consumerCountMetric: IMetric;
}

/** The resources a consumer works with. */
export interface EmailConsumerResources {
  /** The jobs queue. */
  readonly queue: IQueue;
  /** The dead-letter queue the consumer moves permanent failures to itself. */
  readonly deadLetterQueue: IQueue;
  /** The idempotency table. */
  readonly idempotencyTable: ITable;
  /** The sender identity (send permission). */
  readonly sender: EmailSenderIdentity;
  /** Environment variables (see emailWorkerEnvironment). */
  readonly environment: Record<string, string>;
}

/**
 * Grants `grantee` everything but consuming the queue (the event source or the ecs-patterns service
 * grants that, including ChangeMessageVisibility for heartbeats and retry backoff).
 */
export function grantEmailConsumerAccess(resources: EmailConsumerResources, grantee: IGrantable): void {
  resources.deadLetterQueue.grantSendMessages(grantee);
  resources.idempotencyTable.grant(grantee, ...IDEMPOTENCY_TABLE_ACTIONS);
  resources.sender.grantSend(grantee);
}
