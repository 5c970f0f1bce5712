/**
 * The email worker's idempotency store: one item per processed job, so a redelivered job sends no
 * second email. The schema is Powertools idempotency's default: partition key `id` (S) and TTL
 * attribute `expiration`, so the runtime needs no table configuration.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Powertools idempotency's default key and TTL attribute names. */
export const IDEMPOTENCY_TABLE_SCHEMA = { partitionKey: 'id', timeToLiveAttribute: 'expiration' } as const;

/** Props of {@link EmailIdempotencyTable}. */
export interface EmailIdempotencyTableProps {
  /**
   * Use this table instead of creating one. It must have Powertools' schema (partition key `id` of
   * type string, TTL attribute `expiration`): an ITable does not expose its schema, so this cannot
   * be checked at synth. Excludes `removalPolicy`.
   * @default a new table
   */
  readonly existingTable?: ITable;
  /**
   * What happens to the table when the stack is deleted.
   * @default DESTROY: it holds only dedupe keys that expire within days; keeping it would orphan cost
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** On-demand DynamoDB table with TTL and point-in-time recovery, or the existing table given. */
export class EmailIdempotencyTable extends Construct {
  /** The table (created or existing). */
  public readonly table: ITable;

  constructor(scope: Construct, id: string, props: EmailIdempotencyTableProps = {}) {
    super(scope, id);
    if (props.existingTable !== undefined) {
      this.table = props.existingTable;
      return;
    }
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: IDEMPOTENCY_TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_TABLE_SCHEMA.timeToLiveAttribute,
      // Pay per request: traffic follows the queue's bursts, and an idle sandbox costs nothing.
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }
}
