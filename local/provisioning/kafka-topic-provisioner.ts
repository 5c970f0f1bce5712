/**
 * Creates the template's Kafka topics on a broker (the local one, or KAFKA_BOOTSTRAP_SERVERS) with
 * the partitions and topic configs the template declares (kafka-topic-resources.ts reads them), and
 * stands the MSK cluster in for `Ref` with a local ARN, so the event-source mapping that reads it
 * resolves. Not emulated, each said in a note: replication (one local broker, one replica), and the
 * cluster itself (brokers, storage, authentication).
 */
import { Admin } from '@platformatic/kafka';
import { resourcesOfType, type CfnTemplate } from './cfn-template';
import type { PhysicalResource, ResolutionScope } from './intrinsic-resolver';
import type { ProvisionedResource, ProvisionResult, TemplateProvisioner } from './provision-template';
import { MSK_TOPIC_TYPE, SERVERLESS_TOPICS_TYPE, templateKafkaTopics, type TemplateKafkaTopic } from './kafka-topic-resources';
import { ProvisioningError } from './template-errors';

/** MSK cluster types whose `Ref` (the cluster ARN) the provisioner answers. */
export const MSK_CLUSTER_TYPES = ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'] as const;

/** Settings of the topic provisioner. */
export interface KafkaTopicProvisionerProps {
  readonly bootstrapServers: readonly string[];
  /** Appended to every topic name, so several runs share one broker. @default '' */
  readonly suffix?: string;
  /** Partition counts that replace the template's, by template topic name (a command-line flag). @default none */
  readonly partitionOverrides?: Readonly<Record<string, number>>;
}

/** One topic as created: the template's values, the local name, and where its partition count came from. */
export interface ProvisionedKafkaTopic extends TemplateKafkaTopic {
  /** The name on the broker (template name plus suffix). */
  readonly physicalName: string;
  /** `template` unless a partition override replaced the declared count. */
  readonly partitionsSource: 'template' | 'flag';
  /** The count the template declares (equal to `partitions` unless overridden). */
  readonly declaredPartitions: number;
}

/** Creates MSK topics (`Ref` = topic ARN, `TopicArn`) and answers the cluster's `Ref` (`Arn`). */
export class KafkaTopicProvisioner implements TemplateProvisioner {
  readonly resourceTypes = [...MSK_CLUSTER_TYPES, MSK_TOPIC_TYPE, SERVERLESS_TOPICS_TYPE];
  /** The topics created by the last `provision` call. */
  topics: readonly ProvisionedKafkaTopic[] = [];

  constructor(private readonly props: KafkaTopicProvisionerProps) {}

  async provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult> {
    const resources = new Map<string, PhysicalResource>(mskClusterResources(template, scope));
    const topics = templateKafkaTopics(template, { ...scope, resources: new Map([...scope.resources, ...resources]) }).map((topic) => this.planned(topic));
    await this.createTopics(topics);
    const created: ProvisionedResource[] = [];
    for (const topic of topics) {
      const arn = localArn(scope, `topic/local/${topic.physicalName}`);
      if (topic.resourceType === MSK_TOPIC_TYPE) resources.set(topic.logicalId, { ref: arn, attributes: { TopicArn: arn } });
      created.push({ logicalId: topic.logicalId, type: topic.resourceType, physicalName: topic.physicalName });
    }
    this.topics = topics;
    const clusterNotes = [...mskClusterResources(template, scope).keys()].map(
      (logicalId) => `${logicalId}: one local Apache Kafka broker stands in for the MSK cluster (no brokers per AZ, storage, encryption or IAM authentication)`,
    );
    return { resources, created, notes: [...clusterNotes, ...notes(topics)] };
  }

  private planned(topic: TemplateKafkaTopic): ProvisionedKafkaTopic {
    const override = this.props.partitionOverrides?.[topic.name];
    return {
      ...topic,
      physicalName: `${topic.name}${this.props.suffix ?? ''}`,
      partitions: override ?? topic.partitions,
      declaredPartitions: topic.partitions,
      partitionsSource: override === undefined ? 'template' : 'flag',
    };
  }

  private async createTopics(topics: readonly ProvisionedKafkaTopic[]): Promise<void> {
    const admin = new Admin({ clientId: 'queue-or-stream-topics', bootstrapBrokers: [...this.props.bootstrapServers] });
    try {
      for (const topic of topics) {
        const configs = Object.entries(topic.configs).map(([name, value]) => ({ name, value }));
        await admin
          .createTopics({ topics: [topic.physicalName], partitions: topic.partitions, replicas: 1, configs })
          .catch((error: unknown) => {
            throw new ProvisioningError(topic.logicalId, topic.physicalName, error instanceof Error ? error.message : String(error));
          });
      }
    } finally {
      await admin.close();
    }
  }
}

/** The template's MSK clusters, each answering `Ref` and `Arn` with a local ARN (nothing is created: the broker stands in). */
export function mskClusterResources(template: CfnTemplate, scope: Pick<ResolutionScope, 'pseudoParameters'>): Map<string, PhysicalResource> {
  return new Map(
    MSK_CLUSTER_TYPES.flatMap((type) => resourcesOfType(template, type)).map(({ logicalId }) => {
      const arn = localArn(scope, `cluster/local/${logicalId}`);
      return [logicalId, { ref: arn, attributes: { Arn: arn } }];
    }),
  );
}

/** An MSK ARN in the run's region and account (`cluster/local/<logicalId>`, `topic/local/<name>`). */
function localArn(scope: Pick<ResolutionScope, 'pseudoParameters'>, resource: string): string {
  const region = scope.pseudoParameters?.region ?? 'us-east-1';
  const account = scope.pseudoParameters?.accountId ?? '000000000000';
  return `arn:aws:kafka:${region}:${account}:${resource}`;
}

function notes(topics: readonly ProvisionedKafkaTopic[]): string[] {
  const replicated = topics.filter((topic) => (topic.replicationFactor ?? 1) > 1);
  return [
    ...replicated.map((topic) => `${topic.name}: ReplicationFactor ${topic.replicationFactor} not emulated (one local broker, one replica)`),
    ...topics
      .filter((topic) => topic.partitionsSource === 'flag')
      .map((topic) => `${topic.name}: ${topic.partitions} partitions from the command line (the template declares ${topic.declaredPartitions})`),
  ];
}
