/**
 * The package entry of queue-or-stream: the patterns as constructs for your own CDK app, and the
 * stacks and app builder this repository deploys.
 *
 *     import { EmailWorker, Clickstream } from 'queue-or-stream';
 *     new EmailWorker(stack, 'Emails');
 *     new Clickstream(stack, 'Clicks');
 */
export { EmailWorker, type EmailWorkerProps } from './email-worker/email-worker';
export { Clickstream, type ClickstreamProps } from './clickstream/clickstream';
export { KafkaClickstream, type KafkaClickstreamProps } from './kafka/kafka-clickstream';
export type { KafkaPollerRange } from './kafka/kafka-sessionizer';
export type { KafkaClusterMode } from './kafka/kafka-cluster-mode';
export type { EmailConsumerMode, EmailQueueType } from './common/app-context';
export type { EmailLambdaConsumerTuning } from './email-worker/email-lambda-consumer';
export type { EmailFargateConsumerTuning } from './email-worker/email-fargate-consumer';
export type { EmailIdempotencyTableProps } from './email-worker/email-idempotency-table';
export type { ClickstreamSessionTableProps } from './clickstream/clickstream-session-table';
export { InvalidPropError, type PropProblem } from './common/invalid-prop-error';
export { InvalidContextError } from './common/invalid-context-error';
export { EmailWorkerStack, type EmailWorkerStackProps } from './email-worker/email-worker-stack';
export { ClickstreamStack, type ClickstreamStackProps } from './clickstream/clickstream-stack';
export { KafkaStack, type KafkaStackProps } from './kafka/kafka-stack';
export { buildQueueOrStreamApp, type QueueOrStreamStacks } from './queue-or-stream-app';
