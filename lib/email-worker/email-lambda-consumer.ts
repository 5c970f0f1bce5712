/**
 * The `lambda` consumer: a NodejsFunction (esbuild, ARM64, Node 24) fed by an SQS event source with
 * partial batch responses, so one failed job is retried without re-sending its batch mates.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InvalidPropError } from '../common/invalid-prop-error';
import { requireInteger } from '../common/require-integer';
import { LAMBDA_VISIBILITY_MULTIPLIER } from './consumer-timing';
import { type EmailConsumer, type EmailConsumerResources, grantEmailConsumerAccess } from './email-consumer-resources';
import { SQS_EVENT_SOURCE_LIMITS } from '../../lambda/shared/aws-limits';

/** The Lambda consumer's tuning knobs (also EmailWorkerStackProps.lambdaConsumer). */
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
  /** The queue's visibility timeout; must be ≥ 6 × functionTimeout. */
  readonly queueVisibilityTimeout: Duration;
  /** The function timeout. */
  readonly functionTimeout: Duration;
}

const OWNER = 'EmailLambdaConsumer';
/** The SQS event source's limits (lambda/shared/aws-limits.ts). */
const MAX_BATCH_WITHOUT_WINDOW = SQS_EVENT_SOURCE_LIMITS.maxBatchSizeWithoutWindow;
const MAX_BATCH_WITH_WINDOW = SQS_EVENT_SOURCE_LIMITS.maxBatchSizeWithWindow;

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
    const settings = validate(props);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // Own role instead of the AWSLambdaBasicExecutionRole managed policy: it may write to its own
    // log group only, not to every log group in the account.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(__dirname, '..', '..', 'lambda', 'email-worker', 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64, // Graviton: about 20% cheaper per GB-second than x86
      memorySize: settings.memorySize,
      timeout: props.functionTimeout,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      logGroup,
      role,
      bundling: {
        format: OutputFormat.CJS,
        minify: true,
        sourceMap: true,
        forceDockerBundling: false, // esbuild from node_modules: synth needs no Docker
      },
    });
    this.function.addEventSource(new SqsEventSource(props.queue, {
      batchSize: settings.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      reportBatchItemFailures: true,
      maxConcurrency: settings.maxConcurrency,
    }));
    // The handler also delays retries itself (ChangeMessageVisibility), so it gets full consume rights.
    props.queue.grantConsumeMessages(this.function);
    grantEmailConsumerAccess(props, this.function);
    this.consumerName = this.function.functionName;
    this.consumerCountMetric = this.function.metric('ConcurrentExecutions', { statistic: 'Maximum', period: Duration.minutes(1) });
  }
}

function validate(props: EmailLambdaConsumerProps) {
  const requiredVisibility = LAMBDA_VISIBILITY_MULTIPLIER * props.functionTimeout.toSeconds();
  if (props.queueVisibilityTimeout.toSeconds() < requiredVisibility) {
    throw new InvalidPropError(OWNER, 'queueVisibilityTimeout', `${props.queueVisibilityTimeout.toSeconds()} s`,
      `at least 6 × the function timeout = ${requiredVisibility} s (AWS guidance for SQS event sources)`);
  }
  const window = props.maxBatchingWindow?.toSeconds() ?? 0;
  const maxBatch = window > 0 ? MAX_BATCH_WITH_WINDOW : MAX_BATCH_WITHOUT_WINDOW;
  return {
    batchSize: requireInteger(props.batchSize ?? 10, {
      owner: OWNER, prop: 'batchSize', min: 1, max: maxBatch,
      reason: window > 0 ? 'SQS event source limit with a batching window' : 'SQS event source limit without maxBatchingWindow',
    }),
    maxConcurrency: requireInteger(props.maxConcurrency ?? 5, {
      owner: OWNER, prop: 'maxConcurrency', ...SQS_EVENT_SOURCE_LIMITS.maximumConcurrency, reason: 'SQS event source MaximumConcurrency',
    }),
    memorySize: requireInteger(props.memorySize ?? 512, {
      owner: OWNER, prop: 'memorySize', min: 128, max: 10_240, reason: 'Lambda memory limits in MB',
    }),
  };
}
