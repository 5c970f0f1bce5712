/**
 * The cluster's SASL/IAM bootstrap string, read at deploy time. AWS::MSK::Cluster has no
 * bootstrap-brokers attribute (and AWS::MSK::ServerlessCluster neither), so an AwsCustomResource
 * calls kafka:GetBootstrapBrokers once the cluster exists (again on every update, in case brokers
 * change). Outside CloudFormation the same string comes from
 * `aws kafka get-bootstrap-brokers --cluster-arn <ClusterArn output>` (BootstrapBrokerStringSaslIam).
 */
import { Validations } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import type { KafkaMskCluster } from './kafka-msk-cluster';

/** The response field with the SASL/IAM (port 9098) brokers. */
const SASL_IAM_FIELD = 'BootstrapBrokerStringSaslIam';

/** Props of {@link KafkaBootstrapBrokers}. */
export interface KafkaBootstrapBrokersProps {
  /** The cluster to ask. */
  readonly cluster: KafkaMskCluster;
}

/** `host:9098,host:9098` of the cluster, as a deploy-time token. */
export class KafkaBootstrapBrokers extends Construct {
  /** The bootstrap string (a CloudFormation token). */
  public readonly saslIam: string;

  constructor(scope: Construct, id: string, props: KafkaBootstrapBrokersProps) {
    super(scope, id);
    const call = {
      service: 'Kafka',
      action: 'getBootstrapBrokers',
      parameters: { ClusterArn: props.cluster.clusterArn },
      // Only this field: the whole response could exceed the 4 KB custom resource data limit.
      outputPaths: [SASL_IAM_FIELD],
      physicalResourceId: PhysicalResourceId.of(props.cluster.clusterArn),
    };
    const resource = new AwsCustomResource(this, 'Lookup', {
      onCreate: call,
      onUpdate: call,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [props.cluster.clusterArn] }),
      installLatestAwsSdk: false, // the provider runtime's SDK has the Kafka client; no npm at deploy time
    });
    this.saslIam = resource.getResponseField(SASL_IAM_FIELD);
    // The provider is a stack-wide singleton: acknowledge on its role, where the finding is.
    Validations.of(resource.grantPrincipal as unknown as IConstruct).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "AwsCustomResource's singleton provider writes its own logs with AWS's basic execution policy; CDK owns that role.",
    });
  }
}
