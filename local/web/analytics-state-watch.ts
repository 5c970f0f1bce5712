/**
 * Tails the analytics group's `clickstream-sessions` topic while the Kafka run goes, for the live
 * page: each state record the members write says who processed which partition, so the page gets
 * the partitions' owners, records per partition and the rebalance as the run observes them (no
 * guess from the session timeout). Its own throwaway group reads from the earliest offset and
 * commits nothing, so the run's groups and figures are untouched.
 */
import { randomUUID } from 'node:crypto';
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import { parseUserLatestState } from '../../runtime/kafka/analytics-member/session-state-record';
import { AnalyticsStateTracker } from './analytics-state-tracker';
import type { RunEventSink } from './run-event-sink';

/** What to tail. */
export interface AnalyticsStateWatchProps {
  readonly bootstrapServers: readonly string[];
  /** The state topic the members write. */
  readonly topic: string;
  readonly sink: RunEventSink;
  /** How often changed per-partition counts are sent. @default 250 */
  readonly flushIntervalMs?: number;
}

/** A running watch. */
export interface AnalyticsStateWatch {
  /** The run SIGKILLed `memberId`: its partitions' next owner marks the rebalance. */
  memberKilled(memberId: string): void;
  /** Sends the last counts and stops reading. */
  stop(): Promise<void>;
}

/** Sends the partitions whose count changed since the last flush. */
function countFlusher(tracker: AnalyticsStateTracker, sink: RunEventSink): () => void {
  const sent = new Map<number, number>();
  return () => {
    for (const [partition, records] of tracker.recordsPerPartition()) {
      if (sent.get(partition) === records) continue;
      sent.set(partition, records);
      sink.emit({ kind: 'kafka-partition', partition, records });
    }
  };
}

/** Starts tailing `props.topic` (which must exist). */
export async function watchAnalyticsState(props: AnalyticsStateWatchProps): Promise<AnalyticsStateWatch> {
  const tracker = new AnalyticsStateTracker();
  const consumer = new Consumer({ clientId: 'queue-or-stream-live-page', groupId: `live-page-${randomUUID()}`, bootstrapBrokers: [...props.bootstrapServers], deserializers: stringDeserializers });
  // A consumer that never got its stream is still connected: close it before the error goes on.
  const stream = await consumer.consume({ topics: [props.topic], mode: 'earliest', autocommit: false }).catch(async (error: unknown) => {
    await consumer.close(true).catch(() => undefined);
    throw error;
  });
  stream.on('data', (message: { value: string }) => {
    let observations;
    try {
      observations = tracker.observe(parseUserLatestState(message.value));
    } catch {
      // Not a state record (the compaction check's segment-roll records): nothing to draw.
      return;
    }
    for (const observation of observations) props.sink.emit(observation);
  });
  // A read error only costs the page its Kafka lanes; the run's figures come from its own reads.
  stream.on('error', () => undefined);
  const flush = countFlusher(tracker, props.sink);
  const timer = setInterval(flush, props.flushIntervalMs ?? 250);
  return {
    memberKilled: (memberId) => tracker.memberKilled(memberId),
    async stop() {
      clearInterval(timer);
      flush();
      await stream.close().catch(() => undefined);
      await consumer.close(true).catch(() => undefined);
    },
  };
}
