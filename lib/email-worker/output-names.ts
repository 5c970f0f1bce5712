/**
 * CloudFormation output keys of EmailWorkerStack. Plain constants (no aws-cdk-lib import) so that
 * `local/` and the integration tests find deployed resources by the same names the stack writes.
 */
export const EMAIL_WORKER_OUTPUTS = {
  queueUrl: 'QueueUrl',
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  idempotencyTableName: 'IdempotencyTableName',
  alarmTopicArn: 'AlarmTopicArn',
  dashboardName: 'DashboardName',
  /** Name of the consumer: the Lambda function name or the ECS service name. */
  consumerName: 'ConsumerName',
  /** The `aws sqs start-message-move-task` command that redrives the DLQ into the jobs queue. */
  redriveCommand: 'RedriveCommand',
} as const;
