import { Duration } from 'aws-cdk-lib';
import { ArnPrincipal } from 'aws-cdk-lib/aws-iam';
import type { EmailWorkerContext } from '../common/app-context';
import type { EmailWorkerStackProps } from './email-worker-stack';

/** The EmailWorkerStack props that come from context (the email keys of lib/common/app-context.ts). */
export type EmailWorkerContextProps = Pick<
  EmailWorkerStackProps,
  | 'consumers'
  | 'queueType'
  | 'signupFanout'
  | 'emailFrom'
  | 'jobTimeout'
  | 'retryBaseDelay'
  | 'maxReceiveCount'
  | 'lambdaConsumer'
  | 'fargateConsumer'
  | 'producers'
>;

/** Turns the parsed email context into stack props; an absent value keeps the stack's default. */
export function emailWorkerPropsFromContext(email: EmailWorkerContext): EmailWorkerContextProps {
  const seconds = (value: number | undefined): Duration | undefined => (value === undefined ? undefined : Duration.seconds(value));
  return {
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
    producers: email.producerArns?.map((arn) => new ArnPrincipal(arn)),
  };
}
