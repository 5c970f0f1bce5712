/**
 * CloudFormation output keys of KafkaStack. Plain constants (no aws-cdk-lib import) so that `local/`
 * and the remote runs find deployed resources by the same names the stack writes.
 */
export const KAFKA_OUTPUTS = {
  clusterArn: 'ClusterArn',
  clusterMode: 'ClusterMode',
  /** SASL/IAM bootstrap string (`host:9098,...`), read at deploy time with kafka:GetBootstrapBrokers. */
  bootstrapBrokersSaslIam: 'BootstrapBrokersSaslIam',
  sessionTableName: 'SessionTableName',
  sessionizerFunctionName: 'SessionizerFunctionName',
  analyticsClusterName: 'AnalyticsClusterName',
  analyticsServiceName: 'AnalyticsServiceName',
  alarmTopicArn: 'AlarmTopicArn',
  dashboardName: 'DashboardName',
} as const;
