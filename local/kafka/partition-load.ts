/** Records per partition of a topic read back, and the hot key's share of its partition. Pure. */
import type { KafkaComparison } from '../comparison/kafka-comparison';
import type { ReadRecord } from './read-topic';

export function partitionLoad(records: readonly ReadRecord[], hotUserId: string): Pick<KafkaComparison, 'perPartition' | 'hotKey'> {
  const perPartition: Record<string, number> = {};
  for (const record of records) perPartition[String(record.partition)] = (perPartition[String(record.partition)] ?? 0) + 1;
  const hotRecords = records.filter((record) => record.key === hotUserId);
  const partition = hotRecords[0]?.partition;
  if (partition === undefined || records.length === 0) return { perPartition, hotKey: null };
  return {
    perPartition,
    hotKey: {
      userId: hotUserId,
      shareOfRecords: hotRecords.length / records.length,
      partition,
      shareOfPartition: hotRecords.length / (perPartition[String(partition)] ?? 1),
    },
  };
}
