import type { Node } from 'constructs';
import { parseEnumContext, parseIntegerContext, readContextValue } from '../common/app-context';
import { KAFKA_CLUSTER_MODES } from './kafka-cluster-mode';
import type { KafkaStackProps } from './kafka-stack';

/** The context keys of the Kafka pattern (`-c key=value`). */
export const KAFKA_CONTEXT_KEYS = {
  /** `provisioned` (2 × kafka.t3.small) or `serverless` (cluster-hours billed before any traffic). @default provisioned */
  cluster: 'kafkaCluster',
  /** Partitions of the `clickstream` topic (and of `clickstream-sessions`). @default 6 */
  partitions: 'kafkaPartitions',
  /** Analytics group members (Fargate tasks). @default 2 */
  analyticsMembers: 'kafkaAnalyticsMembers',
  /** Sessionizer event source mapping: fewest provisioned pollers (1–200). @default 1 */
  minPollers: 'kafkaMinPollers',
  /** Sessionizer event source mapping: most provisioned pollers (1–2000). @default 2 */
  maxPollers: 'kafkaMaxPollers',
} as const;

/** The KafkaStack props that come from context. */
export type KafkaContextProps = Pick<
  KafkaStackProps,
  'clusterMode' | 'clickstreamPartitions' | 'analyticsMembers' | 'provisionedPollers'
>;

/**
 * Reads the Kafka pattern's context keys. A cluster mode other than provisioned|serverless, or a
 * number that is not a non-negative integer, throws InvalidContextError here; AWS range checks
 * happen in the constructs the values feed.
 */
export function readKafkaContext(node: Node): KafkaContextProps {
  const read = (key: string): unknown => readContextValue(node, key);
  const integer = (key: string): number | undefined => parseIntegerContext(key, read(key));
  const minimumPollers = integer(KAFKA_CONTEXT_KEYS.minPollers);
  const maximumPollers = integer(KAFKA_CONTEXT_KEYS.maxPollers);
  return {
    clusterMode: parseEnumContext(KAFKA_CONTEXT_KEYS.cluster, read(KAFKA_CONTEXT_KEYS.cluster), KAFKA_CLUSTER_MODES, 'provisioned'),
    clickstreamPartitions: integer(KAFKA_CONTEXT_KEYS.partitions),
    analyticsMembers: integer(KAFKA_CONTEXT_KEYS.analyticsMembers),
    provisionedPollers: minimumPollers === undefined && maximumPollers === undefined ? undefined : { minimumPollers, maximumPollers },
  };
}
