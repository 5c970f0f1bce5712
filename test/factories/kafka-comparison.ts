/** Record factory: a Kafka column where every promise held, with overrides. */
import type { KafkaComparison } from '../../local/comparison/kafka-comparison';

export function kafkaComparison(overrides: Partial<KafkaComparison> = {}): KafkaComparison {
  return {
    produced: 200,
    poisonWritten: 2,
    partitions: 3,
    topic: { name: 'clickstream', partitions: 3, partitionsSource: 'flag', configs: { 'cleanup.policy': 'delete' } },
    notEmulated: [],
    members: 4,
    brokerStartMs: 6100,
    groups: { sessionizer: { seen: 200 }, analytics: { seen: 200 }, 'replay-earliest': { seen: 200 } },
    perMember: { 'member-1': 60, 'member-2': 80, 'member-3': 70, 'member-4': 50 },
    idleMembers: 1,
    replayFromTimestamp: { seen: 100, expected: 100 },
    perKeyOrderInversions: 0,
    crossPartitionInterleavings: 73,
    killedMember: 'member-2',
    rebalance: { lost: 0, duplicates: 60, producedAfterKill: 750 },
    replayAggregatesEqual: true,
    deadLettered: 2,
    deadLetterTopicRecords: 13,
    failedInvocations: 6,
    recordsAfterPoisonOnItsPartition: 41,
    perPartition: { '0': 90, '1': 62, '2': 50 },
    hotKey: { userId: 'user-hot', shareOfRecords: 0.2, partition: 0, shareOfPartition: 0.44 },
    compaction: { keys: 21, recordsAfter: 21 },
    analyticsDuplicates: 60,
    settled: true,
    ...overrides,
  };
}
