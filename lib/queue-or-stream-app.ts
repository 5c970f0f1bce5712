/**
 * Builds the whole CDK app from its context: the stacks, named per stage, and cdk-nag's AWS
 * Solutions checks. `bin/app.ts`, `local/` and the stack tests all build the app through here, so
 * they see exactly the same stacks.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readAppContext } from './common/app-context';
import { CLICKSTREAM_PATTERN, EMAIL_WORKER_PATTERN, stackName } from './common/stack-name';
import { emailWorkerPropsFromContext } from './email-worker/email-worker-context';
import { EmailWorkerStack } from './email-worker/email-worker-stack';
import { readClickstreamContext } from './clickstream/clickstream-context';
import { ClickstreamStack } from './clickstream/clickstream-stack';
import { KAFKA_PATTERN } from '../runtime/kafka/kafka-names';
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
  const emailWorker = new EmailWorkerStack(app, stackName(EMAIL_WORKER_PATTERN, context.stage), {
    env,
    description: 'queue-or-stream: email worker (SQS task queue + DLQ + autoscaled consumers)',
    ...emailWorkerPropsFromContext(context.email),
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
