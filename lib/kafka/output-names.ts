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
  /** The topics (names are constants today; read from the stack so a remote run never assumes them). */
  clickstreamTopic: 'ClickstreamTopic',
  sessionsTopic: 'SessionsTopic',
  deadLetterTopic: 'DeadLetterTopic',
  /** Where a client must run to reach the brokers (they have no public endpoint). */
  vpcId: 'VpcId',
  /** Comma-separated subnet ids of the brokers' subnets (a client machine goes in one of them). */
  clientSubnetIds: 'ClientSubnetIds',
  /** A security group the brokers admit on 9098 (the analytics members'): attach it to that client. */
  clientSecurityGroupId: 'ClientSecurityGroupId',
} as const;
