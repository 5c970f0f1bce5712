import { Duration, Names } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DASHBOARD_SERVICE_NAME } from '../../runtime/clickstream/dashboard-lambda/metric-names';
import { CLICKSTREAM_DASHBOARD_DEFAULTS, CLICKSTREAM_DASHBOARD_ENV } from '../../runtime/clickstream/dashboard-lambda/settings';
import { handlerEntry } from '../common/package-paths';
import { ClickstreamFunction } from './clickstream-function';

/** Props of {@link ClickstreamDashboardConsumer}. */
export interface ClickstreamDashboardConsumerProps {
  /** The stream to register the enhanced fan-out consumer on. */
  readonly stream: kinesis.IStream;

  /**
   * On-failure destination for batches the dashboard gives up on (shard id and sequence range only;
   * the records stay in the stream until retention expires).
   */
  readonly onFailureQueue: sqs.IQueue;

  /**
   * How many pages per minute get a `TopPageViews` datapoint. Each distinct page is its own
   * CloudWatch custom metric (billed per metric-month), hence the cap of 100 (checked by Clickstream).
   * @default 5
   */
  readonly topPagesCount?: number;
}

/**
 * Consumer 3 of 3: an enhanced fan-out (EFO) consumer feeding the dashboard Lambda, which turns
 * events into per-minute business metrics (page views, active users, top pages) as CloudWatch EMF.
 *
 * EFO gives this reader its own 2 MB/s per shard pushed over HTTP/2, instead of sharing the
 * shard's 2 MB/s and 5 GetRecords calls/s with the processor and Firehose; it costs consumer-shard
 * hours plus data retrieved. A stream takes up to 20 EFO consumers.
 *
 * No tumbling window: the handler aggregates each batch by the event's own minute, and EMF datapoints
 * for the same minute add up in CloudWatch, so no state has to be carried between invocations.
 */
export class ClickstreamDashboardConsumer extends Construct {
  /** Records per invocation: more records per batch means fewer, fuller EMF documents. */
  public static readonly BATCH_SIZE = 1000;
  /** Wait up to 5 s to fill a batch: far below the 1-minute resolution of the metrics it feeds. */
  public static readonly MAX_BATCHING_WINDOW = Duration.seconds(5);
  /** Two retries then give up: a metric that is late by minutes is worth little, and bisect isolates poison. */
  public static readonly RETRY_ATTEMPTS = 2;
  /**
   * A dashboard more than an hour behind skips ahead (the on-failure record documents the gap)
   * instead of staying behind; the iterator-age alarm fires long before that.
   */
  public static readonly MAX_RECORD_AGE = Duration.hours(1);

  /** The registered EFO consumer (`AWS::Kinesis::StreamConsumer`). */
  public readonly streamConsumer: kinesis.StreamConsumer;
  /** The dashboard function. */
  public readonly function: nodejs.NodejsFunction;
  /** The event source mapping; its EventSourceArn is the consumer's ARN. */
  public readonly eventSource: eventSources.KinesisConsumerEventSource;

  constructor(scope: Construct, id: string, props: ClickstreamDashboardConsumerProps) {
    super(scope, id);
    const topPagesCount = props.topPagesCount ?? CLICKSTREAM_DASHBOARD_DEFAULTS.topPagesCount;

    this.streamConsumer = new kinesis.StreamConsumer(this, 'StreamConsumer', {
      stream: props.stream,
      // Consumer names are scoped to their stream; deriving it from the construct path keeps it unique
      // per stack and stable across deployments without hard-coding it.
      streamConsumerName: Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
    });

    this.function = new ClickstreamFunction(this, 'Handler', {
      entry: handlerEntry('clickstream', 'dashboard-lambda', 'handler.ts'),
      serviceName: DASHBOARD_SERVICE_NAME,
      // Aggregating up to 1,000 records is CPU-bound; more memory means more CPU.
      memorySize: 512,
      environment: { [CLICKSTREAM_DASHBOARD_ENV.topPagesCount]: String(topPagesCount) },
    }).function;

    this.eventSource = new eventSources.KinesisConsumerEventSource(this.streamConsumer, {
      // Same start as the processor: both readers see the same records, so their numbers agree.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: ClickstreamDashboardConsumer.BATCH_SIZE,
      maxBatchingWindow: ClickstreamDashboardConsumer.MAX_BATCHING_WINDOW,
      bisectBatchOnError: true,
      retryAttempts: ClickstreamDashboardConsumer.RETRY_ATTEMPTS,
      maxRecordAge: ClickstreamDashboardConsumer.MAX_RECORD_AGE,
      reportBatchItemFailures: true,
      onFailure: new eventSources.SqsDlq(props.onFailureQueue),
    });
    this.function.addEventSource(this.eventSource);
  }
}
