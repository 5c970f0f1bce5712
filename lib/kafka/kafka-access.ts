/**
 * MSK IAM access control, scoped to exact resources: a client gets `kafka-cluster:Connect` on the
 * cluster, topic actions on the topic ARNs it reads or writes, and group actions on its own group
 * ARNs; nothing with a wildcard ("IAM access control", MSK developer guide: resource types
 * cluster, topic and group, `arn:...:topic/<cluster>/<uuid>/<topic>`).
 */
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { KafkaMskCluster } from './kafka-msk-cluster';

/** What one Kafka client does on the cluster. */
export interface KafkaClientAccess {
  /** Topics it consumes. @default none */
  readonly readTopics?: readonly string[];
  /** Topics it produces to. @default none */
  readonly writeTopics?: readonly string[];
  /** Consumer groups it joins and commits offsets in. @default none */
  readonly groups?: readonly string[];
  /**
   * Cluster-level actions beyond Connect, e.g. `kafka-cluster:DescribeClusterDynamicConfiguration`
   * that the Lambda event source mapping documents.
   * @default none
   */
  readonly extraClusterActions?: readonly string[];
}

/** Adds the client's MSK data-plane permissions to `grantee`'s policy. */
export function grantKafkaAccess(grantee: IGrantable, cluster: KafkaMskCluster, access: KafkaClientAccess): void {
  const add = (actions: string[], resources: string[]): void => {
    if (resources.length > 0) grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
  };
  add(['kafka-cluster:Connect', ...(access.extraClusterActions ?? [])], [cluster.clusterArn]);
  add(['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], (access.readTopics ?? []).map((topic) => cluster.topicArn(topic)));
  add(['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'], (access.writeTopics ?? []).map((topic) => cluster.topicArn(topic)));
  add(['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'], (access.groups ?? []).map((group) => cluster.groupArn(group)));
}
