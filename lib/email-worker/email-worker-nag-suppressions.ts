/**
 * The cdk-nag AwsSolutions findings EmailWorkerStack accepts, each acknowledged on the one resource
 * it concerns with the reason a reviewer needs. Everything else must pass.
 */
import { Validations } from 'aws-cdk-lib';
import { EmailFargateConsumer } from './email-fargate-consumer';
import type { EmailLambdaConsumer } from './email-lambda-consumer';

/** Acknowledges the Fargate consumer's accepted findings (the Lambda consumer has none). */
export function acknowledgeEmailConsumerNagFindings(consumer: EmailFargateConsumer | EmailLambdaConsumer): void {
  if (!(consumer instanceof EmailFargateConsumer)) return;
  const taskDefinition = consumer.service.taskDefinition;
  Validations.of(taskDefinition).acknowledge({
    id: 'AwsSolutions-ECS2',
    reason: 'The environment holds only non-secret configuration (queue URLs, table name, sender address, timeouts); AWS access comes from the task role, not from variables.',
  });
  const executionRolePolicy = taskDefinition.obtainExecutionRole().node.tryFindChild('DefaultPolicy');
  if (executionRolePolicy !== undefined) {
    Validations.of(executionRolePolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken supports no resource-level permissions, so it must be "*"; the image pull actions are scoped to the CDK asset repository.',
    });
  }
}
