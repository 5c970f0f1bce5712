import { Duration, Names } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { handlerEntry } from '../common/package-paths';
import { CLICKSTREAM_PROCESSOR_DEFAULTS, CLICKSTREAM_PROCESSOR_ENV } from '../../runtime/clickstream/processor-lambda/settings';
import { ClickstreamFunction } from './clickstream-function';
import { ClickstreamSessionTable, type ClickstreamSessionTableProps, grantSessionStoreAccess } from './clickstream-session-table';
import { grantStandardIteratorRead } from './standard-iterator-read';

/** Props of {@link ClickstreamProcessor}. */
export interface ClickstreamProcessorProps {
  /** The stream to read, through a standard (shared-throughput) iterator. */
  readonly stream: kinesis.IStream;

  /**
   * An existing session table (partition key `userId`, string; TTL attribute `expiresAt`).
   * @default a new ClickstreamSessionTable
   */
  readonly existingSessionTable?: dynamodb.ITable;

  /**
   * Settings of the session table created here (ignored with `existingSessionTable`).
   * @default ClickstreamSessionTable's defaults
   */
  readonly sessionTableProps?: Omit<ClickstreamSessionTableProps, 'existingTable'>;

  /**
   * On-failure destination: Lambda sends it the shard id and sequence-number range of every batch it
   * gives up on (after `retryAttempts` or `maxRecordAge`), so the records can be re-read while the
   * stream still retains them.
   */
  readonly onFailureQueue: sqs.IQueue;

  /**
   * Records per invocation, 1 to 10,000 (Kinesis event source BatchSize limit).
   * @default 100 - enough to amortise the invocation, small enough that a bisected poison batch
   *   isolates its record in ~7 halvings
   */
  readonly batchSize?: number;

  /**
   * Retries of a failing batch before it goes to the on-failure destination; 0 to 10,000. Bisecting
   * does not consume retries.
   * @default 3
   */
  readonly retryAttempts?: number;

  /**
   * Records older than this are not processed but sent to the on-failure destination; 60 s to 7 days,
   * and less than the stream's retention so the failure record still points at readable data.
   * @default Duration.hours(1)
   */
  readonly maxRecordAge?: Duration;

  /**
   * Concurrent batches per shard, 1 to 10. Above 1, Lambda still processes records with the same
   * partition key (`userId`) in order, so per-user session state stays correct.
   * @default 1
   */
  readonly parallelizationFactor?: number;

  /**
   * Inactivity after which a user's next event starts a new session.
   * @default Duration.minutes(30) - the web-analytics convention
   */
  readonly sessionTimeout?: Duration;
}

/**
 * Consumer 1 of 3: keeps per-user session state in DynamoDB. A Lambda on a standard Kinesis event
 * source from TRIM_HORIZON, with every failure bounded: bisect on error, partial batch responses,
 * limited retries, a maximum record age and an SQS on-failure destination, so a poison record can
 * never stall its shard.
 */
export class ClickstreamProcessor extends Construct {
  /** The session-state table. */
  public readonly sessionTable: ClickstreamSessionTable;
  /** The processor function. */
  public readonly function: nodejs.NodejsFunction;
  /** The event source mapping from the stream to the function (a standard iterator). */
  public readonly eventSourceMapping: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: ClickstreamProcessorProps) {
    super(scope, id);

    // Ranges are checked by Clickstream (clickstream-validation.ts) and by aws-cdk-lib's mapping.
    const maxRecordAge = props.maxRecordAge ?? Duration.hours(1);
    const sessionTimeout = props.sessionTimeout ?? Duration.seconds(CLICKSTREAM_PROCESSOR_DEFAULTS.sessionTimeoutSeconds);

    this.sessionTable = new ClickstreamSessionTable(this, 'SessionTable', { ...props.sessionTableProps, existingTable: props.existingSessionTable });

    this.function = new ClickstreamFunction(this, 'Handler', {
      entry: handlerEntry('clickstream', 'processor-lambda', 'handler.ts'),
      serviceName: 'clickstream-processor',
      environment: {
        [CLICKSTREAM_PROCESSOR_ENV.sessionTableName]: this.sessionTable.table.tableName,
        [CLICKSTREAM_PROCESSOR_ENV.sessionTimeoutSeconds]: String(sessionTimeout.toSeconds()),
      },
    }).function;
    grantSessionStoreAccess(this.sessionTable.table, this.function);

    // A mapping rather than KinesisEventSource: that one grants the stream's full read set, enhanced
    // fan-out actions included, which a standard iterator never calls. The id is KinesisEventSource's
    // own, so an update keeps the deployed mapping (a new one would re-read from TRIM_HORIZON).
    this.eventSourceMapping = this.function.addEventSourceMapping(`KinesisEventSource:${Names.nodeUniqueId(props.stream.node)}`, {
      eventSourceArn: props.stream.streamArn,
      // Nothing the stream retains is skipped when the mapping is first created.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? 100,
      bisectBatchOnError: true,
      retryAttempts: props.retryAttempts ?? 3,
      maxRecordAge,
      reportBatchItemFailures: true,
      parallelizationFactor: props.parallelizationFactor ?? 1,
      onFailure: new eventSources.SqsDlq(props.onFailureQueue), // grants the function SendMessage to it
    });
    grantStandardIteratorRead(props.stream, this.function);
  }
}
