/**
 * The `lambda` consumer: a function from the project's factory (lib/common/nodejs-function.ts) fed
 * by an SQS event source with partial batch responses, so one failed job is retried without
 * re-sending its batch mates. Its props are checked by EmailWorker (email-worker-validation.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { createNodejsFunction } from '../common/nodejs-function';
import { handlerEntry } from '../common/package-paths';
import { type EmailConsumer, type EmailConsumerResources, grantEmailConsumerAccess } from './email-consumer-resources';

/** The Lambda consumer's tuning knobs (also EmailWorkerProps.lambdaConsumer). */
export interface EmailLambdaConsumerTuning {
  /**
   * Messages per invocation: 1–10, or up to 10,000 with a batching window (SQS event source limits).
   * @default 10 (one ReceiveMessage call's worth)
   */
  readonly batchSize?: number;
  /**
   * How long Lambda waits to fill a batch (0–300 s).
   * @default none: emails go out as soon as they arrive
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Most concurrent invocations the event source starts (2–1000). Caps the send rate so a backlog
   * cannot exceed the SES sending quota or exhaust the account's Lambda concurrency.
   * @default 5
   */
  readonly maxConcurrency?: number;
  /**
   * Function memory in MB (CPU scales with it).
   * @default 512 (the work is network-bound; 512 MB keeps cold starts of the bundle short)
   */
  readonly memorySize?: number;
}

/** Props of {@link EmailLambdaConsumer}. */
export interface EmailLambdaConsumerProps extends EmailLambdaConsumerTuning, EmailConsumerResources {
  /** The function timeout (the queue's visibility timeout is at least 6 × this, see consumer-timing.ts). */
  readonly functionTimeout: Duration;
}

/** The Lambda function and its SQS event source. */
export class EmailLambdaConsumer extends Construct implements EmailConsumer {
  /** The handler function. */
  public readonly function: NodejsFunction;
  /** The function name (stack output ConsumerName). */
  public readonly consumerName: string;
  /** Concurrent executions of the function: the dashboard's consumer count. */
  public readonly consumerCountMetric: IMetric;

  constructor(scope: Construct, id: string, props: EmailLambdaConsumerProps) {
    super(scope, id);
    this.function = createNodejsFunction(this, {
      entry: handlerEntry('email-worker', 'handler.ts'),
      // The work is network-bound; 512 MB keeps cold starts of the bundle short.
      memorySize: props.memorySize ?? 512,
      timeout: props.functionTimeout,
      environment: props.environment,
      // A failed email job is diagnosed from its stack trace in the logs: worth the larger bundle.
      sourceMap: true,
    }).function;
    // batchSize and maxConcurrency ranges are checked by aws-cdk-lib's SqsEventSource.
    this.function.addEventSource(new SqsEventSource(props.queue, {
      batchSize: props.batchSize ?? 10,
      maxBatchingWindow: props.maxBatchingWindow,
      reportBatchItemFailures: true,
      maxConcurrency: props.maxConcurrency ?? 5,
    }));
    // The handler also delays retries itself (ChangeMessageVisibility), so it gets full consume rights.
    props.queue.grantConsumeMessages(this.function);
    grantEmailConsumerAccess(props, this.function);
    this.consumerName = this.function.functionName;
    this.consumerCountMetric = this.function.metric('ConcurrentExecutions', { statistic: 'Maximum', period: Duration.minutes(1) });
  }
}
