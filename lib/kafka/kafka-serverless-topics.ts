/**
 * The clickstream's topics on MSK Serverless, created at deploy time by a custom resource: AWS::MSK::Topic
 * and MSK's topic API serve MSK Provisioned only ("Topic Operations: requirements", MSK developer
 * guide: "These APIs are not available for MSK Serverless clusters"), so a Lambda function in the
 * cluster's VPC creates them with Kafka's admin API over IAM authentication
 * (runtime/kafka/topics-lambda/handler.ts: idempotent on update, nothing on delete). AWS's own Data Solutions
 * Framework does the same for its MskServerless construct (awslabs/data-solutions-framework-on-aws,
 * msk-helpers.ts `mskIamCrudProviderSetup`: a provider function in the cluster's VPC, admitted on 9098).
 *
 * Network path: the function reaches only the brokers (its group → the cluster group on 9098). It
 * needs nothing outside the VPC, so no NAT gateway or endpoint: its IAM token is signed locally from
 * its role's credentials (no STS call), Lambda ships its logs, and the CDK Provider's own function,
 * outside the VPC, invokes it and answers CloudFormation's response URL.
 *
 * Cost: two functions that run for seconds per deployment (well inside Lambda's free tier) and
 * their log groups; the function's network interfaces are free. Next to nothing a month.
 */
import { type CfnElement, CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import { handlerEntry } from '../common/package-paths';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import { TOPICS_RESOURCE_PROPERTIES } from '../../runtime/kafka/topics-lambda/topics-resource-properties';
import { ClickstreamFunction } from '../clickstream/clickstream-function';
import { MSK_IAM_TLS_PORT, MSK_SERVERLESS_TOPIC_CONFIGS } from './aws-limits';
import type { KafkaMskCluster } from './kafka-msk-cluster';
import type { KafkaNetwork } from './kafka-network';
import type { KafkaTopicSpec } from './kafka-topic-specs';

/** Props of {@link KafkaServerlessTopics}. */
export interface KafkaServerlessTopicsProps {
  /** The serverless cluster. */
  readonly cluster: KafkaMskCluster;
  /** Its VPC, subnets and security group. */
  readonly network: KafkaNetwork;
  /** SASL/IAM bootstrap string (`host:9098,...`). */
  readonly bootstrapServers: string;
  /** The topics; configs MSK Serverless does not accept are left out (see {@link serverlessTopicSpecs}). */
  readonly specs: readonly KafkaTopicSpec[];
}

/**
 * Kafka actions the function needs, each for one admin call ("Semantics of IAM authorization policy
 * actions and resources", MSK developer guide): Metadata → DescribeTopic, CreateTopics → CreateTopic,
 * CreatePartitions → AlterTopic, DescribeConfigs → DescribeTopicDynamicConfiguration,
 * IncrementalAlterConfigs → AlterTopicDynamicConfiguration.
 */
export const TOPIC_ADMIN_ACTIONS = [
  'kafka-cluster:CreateTopic',
  'kafka-cluster:DescribeTopic',
  'kafka-cluster:AlterTopic',
  'kafka-cluster:DescribeTopicDynamicConfiguration',
  'kafka-cluster:AlterTopicDynamicConfiguration',
] as const;

/** The specs with only the configs MSK Serverless accepts (it rejects `segment.ms`, for one). */
export function serverlessTopicSpecs(specs: readonly KafkaTopicSpec[]): KafkaTopicSpec[] {
  return specs.map((spec) => ({
    ...spec,
    configs: Object.fromEntries(Object.entries(spec.configs).filter(([key]) => MSK_SERVERLESS_TOPIC_CONFIGS.includes(key))),
  }));
}

/** The topic-creating function, its provider and the custom resource. */
export class KafkaServerlessTopics extends Construct {
  /** The function that talks to the brokers. */
  public readonly function: nodejs.NodejsFunction;
  /** The function's security group (egress to the brokers on 9098 only). */
  public readonly securityGroup: SecurityGroup;
  /** The custom resource; depend on it to wait for the topics. */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: KafkaServerlessTopicsProps) {
    super(scope, id);
    const { network, cluster } = props;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: network.vpc,
      description: 'Topics custom resource: out to the MSK brokers (IAM over TLS) only',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(network.clusterSecurityGroup, Port.tcp(MSK_IAM_TLS_PORT), 'Kafka admin API (SASL/IAM over TLS)');
    network.clusterSecurityGroup.addIngressRule(this.securityGroup, Port.tcp(MSK_IAM_TLS_PORT), 'Topics custom resource (SASL/IAM over TLS)');

    const handler = new ClickstreamFunction(this, 'Handler', {
      entry: handlerEntry('kafka', 'topics-lambda', 'handler.ts'),
      serviceName: 'kafka-topics',
      environment: { [KAFKA_ENV.auth]: 'iam' },
      // A VPC function's first invocation waits for its network interface; a few admin calls follow.
      timeout: Duration.minutes(2),
      bundleAwsSdk: true,
      // @platformatic/kafka's checksum and compression code reads dist/native.wasm next to its own
      // module, which a bundle lacks; the `bundled` entry carries the same WebAssembly inline.
      moduleAliases: { '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
      vpcPlacement: {
        vpc: network.vpc,
        subnets: network.subnetSelection,
        securityGroups: [this.securityGroup],
        // The default VPC has public subnets only; the function reaches nothing but the brokers.
        allowPublicSubnet: network.membersNeedPublicIp,
      },
    });
    this.function = handler.function;
    this.grantTopicAdmin(handler.role, cluster, props.specs);

    const provider = new Provider(this, 'Provider', { onEventHandler: this.function });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::KafkaTopics',
      properties: {
        [TOPICS_RESOURCE_PROPERTIES.clusterArn]: cluster.clusterArn,
        [TOPICS_RESOURCE_PROPERTIES.bootstrapServers]: props.bootstrapServers,
        [TOPICS_RESOURCE_PROPERTIES.topics]: JSON.stringify(serverlessTopicSpecs(props.specs)),
      },
    });
    // The ingress rule is its own resource that nothing references: without this the first
    // invocation could race it and time out on the brokers.
    this.resource.node.addDependency(this.securityGroup, network.clusterSecurityGroup);
    this.acknowledgeFindings(provider);
  }

  private grantTopicAdmin(role: IRole, cluster: KafkaMskCluster, specs: readonly KafkaTopicSpec[]): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kafka-cluster:Connect'], resources: [cluster.clusterArn] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: [...TOPIC_ADMIN_ACTIONS], resources: specs.map((spec) => cluster.topicArn(spec.name)) }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
      reason: 'A VPC function needs the EC2 network-interface actions this AWS policy holds; they support no resource-level permissions.',
    });
  }

  private acknowledgeFindings(provider: Provider): void {
    const framework = provider.node.tryFindChild('framework-onEvent') as IConstruct | undefined;
    if (framework === undefined) return;
    const functionLogicalId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement);
    Validations.of(framework).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The CDK Provider framework's function writes its own logs with AWS's basic execution policy; CDK owns that role.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
        reason: 'The Provider framework invokes the topics function and its versions (":*"); nothing else.',
      },
      { id: 'AwsSolutions-L1', reason: "The Provider framework's function runtime is chosen by aws-cdk-lib." },
    );
  }
}
