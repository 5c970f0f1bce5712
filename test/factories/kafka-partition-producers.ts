/**
 * The producers the broker tracks on each partition of a topic (Kafka's DescribeProducers API), as
 * it keeps them for idempotent and transactional producers only: a producer id and the last
 * sequence number it wrote. A plain (non-idempotent) producer leaves no entry.
 */
import { Connection, describeProducersV0 } from '@platformatic/kafka';

/** One partition's active producers. */
export interface PartitionProducers {
  readonly partition: number;
  readonly producers: readonly { readonly producerId: bigint; readonly lastSequence: number }[];
}

/** Asks the broker at `bootstrapServer` (the partitions' leader: a one-broker cluster) about `partitions` of `topic`. */
export async function describePartitionProducers(bootstrapServer: string, topic: string, partitions: number): Promise<PartitionProducers[]> {
  const [host = '', port = ''] = bootstrapServer.split(':');
  const connection = new Connection('queue-or-stream-test');
  try {
    await connection.connect(host, Number(port));
    const response = await describeProducersV0.api.async(connection, [{ name: topic, partitionIndexes: Array.from({ length: partitions }, (_, index) => index) }]);
    return (response.topics[0]?.partitions ?? []).map((entry) => ({
      partition: entry.partitionIndex,
      producers: entry.activeProducers.map((producer) => ({ producerId: producer.producerId, lastSequence: producer.lastSequence })),
    }));
  } finally {
    await connection.close();
  }
}
