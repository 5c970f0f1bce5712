import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Props of {@link ClickstreamSessionTable}. */
export interface ClickstreamSessionTableProps {
  /**
   * Use this table instead of creating one (partition key `userId`, string; TTL attribute
   * `expiresAt`: an ITable does not expose its schema, so this is not checked at synth).
   * Excludes `removalPolicy`.
   * @default a new table
   */
  readonly existingTable?: dynamodb.ITable;

  /**
   * What happens to the table when it is removed from the stack.
   * @default RemovalPolicy.DESTROY - session state is derived data, rebuilt by replaying the stream
   *   (within its retention) or the archive
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Per-user session state written by the processor: one item per `userId` (session id, page count,
 * last seen). `expiresAt` (epoch seconds) lets DynamoDB delete idle users' items at no cost.
 */
export class ClickstreamSessionTable extends Construct {
  /** Partition key: the same `userId` the producer uses as the Kinesis partition key. */
  public static readonly PARTITION_KEY = 'userId';
  /** TTL attribute, epoch seconds. */
  public static readonly TTL_ATTRIBUTE = 'expiresAt';

  /** The table (created or existing). */
  public readonly table: dynamodb.ITable;

  constructor(scope: Construct, id: string, props: ClickstreamSessionTableProps = {}) {
    super(scope, id);
    if (props.existingTable !== undefined) {
      this.table = props.existingTable;
      return;
    }

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: ClickstreamSessionTable.PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      // Clickstream traffic is bursty and follows the stream's on-demand capacity; no capacity planning.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ClickstreamSessionTable.TTL_ATTRIBUTE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }
}

/**
 * What the session store calls (runtime/clickstream/processor-lambda/session-store.ts, shared by the
 * Kinesis processor and the Kafka sessionizer): a consistent GetItem to load a user's session and a
 * conditional PutItem to save it. No Query, Scan, Batch*, UpdateItem, DeleteItem or stream reads,
 * which `grantReadWriteData` would also give.
 */
export const SESSION_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem'] as const;

/** Lets `grantee` load and save sessions in `table` (and use its customer managed key, if it has one). */
export function grantSessionStoreAccess(table: dynamodb.ITable, grantee: IGrantable): Grant {
  table.encryptionKey?.grantEncryptDecrypt(grantee);
  return table.grant(grantee, ...SESSION_TABLE_ACTIONS);
}
