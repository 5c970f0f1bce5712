/**
 * CloudFormation output keys of ClickstreamStack. Plain constants (no aws-cdk-lib import) so that
 * `local/` and the integration tests find deployed resources by the same names the stack writes.
 */
export const CLICKSTREAM_OUTPUTS = {
  streamName: 'StreamName',
  streamArn: 'StreamArn',
  dashboardConsumerArn: 'DashboardConsumerArn',
  sessionTableName: 'SessionTableName',
  archiveBucketName: 'ArchiveBucketName',
  processorFailureQueueUrl: 'ProcessorFailureQueueUrl',
  dashboardFailureQueueUrl: 'DashboardFailureQueueUrl',
  alarmTopicArn: 'AlarmTopicArn',
  dashboardName: 'DashboardName',
} as const;
