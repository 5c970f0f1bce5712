/**
 * Builds the whole CDK app from its context: the stacks, named per stage, and cdk-nag's AWS
 * Solutions checks. `bin/app.ts`, `local/` and the stack tests all build the app through here, so
 * they see exactly the same stacks.
 */
import { type App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readAppContext } from './common/app-context';
import { CLICKSTREAM_PATTERN, EMAIL_WORKER_PATTERN, stackName } from './common/stack-name';
import { EmailWorkerStack } from './email-worker/email-worker-stack';
import { readClickstreamContext } from './clickstream/clickstream-context';
import { ClickstreamStack } from './clickstream/clickstream-stack';
import { KAFKA_PATTERN } from '../lambda/shared/kafka-names';
import { readKafkaContext } from './kafka/kafka-context';
import { KafkaStack } from './kafka/kafka-stack';

/** The stacks of the app. */
export interface QueueOrStreamStacks {
  /** The email worker pattern (SQS task queue). */
  readonly emailWorker: EmailWorkerStack;
  /** The clickstream pattern (Kinesis stream with three consumers). */
  readonly clickstream: ClickstreamStack;
  /** The clickstream on Kafka (Amazon MSK: a Lambda group and a Fargate group on one topic). */
  readonly kafka: KafkaStack;
}

export { CLICKSTREAM_PATTERN, EMAIL_WORKER_PATTERN } from './common/stack-name';

/**
 * Creates every stack from `app`'s context (see lib/common/app-context.ts for the keys) and checks
 * them with cdk-nag; synthesis fails on any unacknowledged finding.
 * @param processEnv source of CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION (tests pass `{}`)
 */
export function buildQueueOrStreamApp(app: App, processEnv: NodeJS.ProcessEnv = process.env): QueueOrStreamStacks {
  const context = readAppContext(app.node, processEnv);
  const env = { account: context.account, region: context.region };
  const email = context.email;
  const seconds = (value: number | undefined): Duration | undefined => (value === undefined ? undefined : Duration.seconds(value));
  const emailWorker = new EmailWorkerStack(app, stackName(EMAIL_WORKER_PATTERN, context.stage), {
    env,
    description: 'queue-or-stream: email worker (SQS task queue + DLQ + autoscaled consumers)',
    consumers: email.consumers,
    queueType: email.queue,
    // A standard SNS topic cannot deliver to a FIFO queue: the fan-out comes with the standard variant.
    signupFanout: email.queue === 'standard',
    emailFrom: email.emailFrom,
    jobTimeout: seconds(email.jobTimeoutSeconds),
    retryBaseDelay: seconds(email.retryBaseDelaySeconds),
    maxReceiveCount: email.maxReceiveCount,
    lambdaConsumer: email.consumers === 'lambda' ? { maxConcurrency: email.maxConcurrency } : undefined,
    fargateConsumer: email.consumers === 'fargate' ? { minCapacity: email.minTasks, maxCapacity: email.maxTasks } : undefined,
  });
  const clickstream = new ClickstreamStack(app, stackName(CLICKSTREAM_PATTERN, context.stage), {
    env,
    description: 'queue-or-stream: clickstream (Kinesis stream + processor, Firehose archive, EFO dashboard)',
    ...readClickstreamContext(app.node),
  });
  const kafka = new KafkaStack(app, stackName(KAFKA_PATTERN, context.stage), {
    env,
    description: 'queue-or-stream: clickstream on Kafka (Amazon MSK, Lambda sessionizer group, Fargate analytics group)',
    ...readKafkaContext(app.node),
  });
  // cdk-nag v3 is a CDK policy-validation plugin (it replaced the v2 Aspect): it runs at synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { emailWorker, clickstream, kafka };
}
