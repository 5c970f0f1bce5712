/**
 * What the live page watches of a Kafka run on a broker it can reach: the analytics group's state
 * topic (partitions' owners, records per partition, the rebalance: analytics-state-watch.ts) and the
 * lag of the groups that commit offsets on the clickstream topic, the sessionizer's (the local MSK
 * event source) and the analytics group's (group-lag-sampler.ts). Both are read-only. Started only
 * with the page; stopped before the broker, with a last lag sample first.
 */
import type { ProvisionedKafkaStack } from '../kafka/kafka-stack-template';
import { watchAnalyticsState, type AnalyticsStateWatch } from './analytics-state-watch';
import { startGroupLagSampler } from './group-lag-sampler';
import type { RunEventSink } from './run-event-sink';

/** What to watch. */
export interface KafkaRunWatchProps {
  readonly bootstrapServers: readonly string[];
  /** The run's topics, partitions and group names, as provisioned from the Kafka template. */
  readonly stack: Pick<ProvisionedKafkaStack, 'topics' | 'clickstream' | 'groups'>;
  readonly sink: RunEventSink;
  /** How often the groups' lag is sampled. @default 500 */
  readonly lagIntervalMs?: number;
}

/** Starts both watches (the state topic must exist). */
export async function watchKafkaRun(props: KafkaRunWatchProps): Promise<AnalyticsStateWatch> {
  const { bootstrapServers, stack, sink } = props;
  const state = await watchAnalyticsState({ bootstrapServers, topic: stack.topics.sessions, sink });
  let lag: ReturnType<typeof startGroupLagSampler>;
  try {
    lag = startLagSampler(props);
  } catch (error) {
    await state.stop();
    throw error;
  }
  return {
    memberKilled: (memberId) => state.memberKilled(memberId),
    async stop() {
      await lag.stop();
      await state.stop();
    },
  };
}

/** The lag of the groups that commit offsets on the clickstream topic. */
function startLagSampler(props: KafkaRunWatchProps): ReturnType<typeof startGroupLagSampler> {
  const { bootstrapServers, stack, sink } = props;
  return startGroupLagSampler({
    bootstrapServers,
    topic: stack.topics.clickstream,
    partitions: stack.clickstream.partitions,
    // The replay readers commit nothing (throwaway groups reading a range): the broker holds no lag for them.
    groups: { sessionizer: stack.groups.sessionizer, analytics: stack.groups.analytics },
    sink,
    ...(props.lagIntervalMs === undefined ? {} : { intervalMs: props.lagIntervalMs }),
  });
}
