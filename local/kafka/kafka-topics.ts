/**
 * Creates the Kafka clickstream's topics on a broker as the stack declares them (the synthesized
 * template's topics: names, partitions, configs; see kafka-stack-template.ts):
 * - `clickstream`: the events, keyed by userId;
 * - `clickstream-sessions`: each user's latest state, `cleanup.policy=compact`;
 * - `clickstream-dlq`: the sessionizer's on-failure destination.
 * Names can carry a suffix, so several runs (test files, the three patterns) share one broker.
 */
import { provisionKafkaStack, type ClickstreamTopicNames, type ProvisionedKafkaStack, type ProvisionKafkaStackOptions } from './kafka-stack-template';

export type { ClickstreamTopicNames } from './kafka-stack-template';

/** The topic names of one run, and everything else the run takes from the template. */
export interface CreatedClickstreamTopics extends ClickstreamTopicNames {
  readonly stack: ProvisionedKafkaStack;
}

/** Creates the stack's topics (partitions from the template unless `partitions` overrides them); returns their names. */
export async function createClickstreamTopics(options: ProvisionKafkaStackOptions): Promise<CreatedClickstreamTopics> {
  const stack = await provisionKafkaStack(options);
  return { ...stack.topics, stack };
}
