/**
 * What the clickstream's local consumers are handed, as live observations while the run goes: the
 * shards the processor polls (its empty lanes, drawn before the first record), the
 * records each shard has delivered to the processor so far (its lanes), and how many of the run's
 * valid events the processor and the dashboard have seen (their positions). Read from the run's own
 * consumer observers every `intervalMs`; only what changed is emitted.
 */
import type { ClickstreamDeliveries } from '../clickstream/clickstream-target';
import type { RunEventSink } from './run-event-sink';

/** How often the observers are read: often enough to look live, rarely enough to cost nothing. @default 500 */
const DEFAULT_INTERVAL_MS = 500;

/** Reads the observers now, emitting what changed since the last read. */
function sampler(deliveries: ClickstreamDeliveries, sink: RunEventSink, expected: number): () => void {
  const shardCounts = new Map<string, number>();
  const emittedShards = new Map<string, number>();
  const seenBy = new Map<string, number>();
  let read = 0;
  return () => {
    const shardDeliveries = deliveries.processor.shardDeliveries;
    for (; read < shardDeliveries.length; read += 1) {
      const shardId = shardDeliveries[read]?.shardId ?? '';
      shardCounts.set(shardId, (shardCounts.get(shardId) ?? 0) + 1);
    }
    for (const [shardId, records] of shardCounts) {
      if (emittedShards.get(shardId) === records) continue;
      emittedShards.set(shardId, records);
      sink.emit({ kind: 'kinesis-shard', shardId, records });
    }
    for (const [consumer, observer] of [['processor', deliveries.processor], ['dashboard', deliveries.dashboard]] as const) {
      const seen = observer.observation().uniqueEventsSeen;
      if (seenBy.get(consumer) === seen) continue;
      seenBy.set(consumer, seen);
      sink.emit({ kind: 'kinesis-consumer', consumer, seen, caughtUp: seen >= expected });
    }
  };
}

/**
 * Starts reading `deliveries` for `sink`; `expected` is the run's valid events (a reader that has
 * seen them all has caught up). Returns the stop, which reads once more first.
 */
export function watchClickstreamDeliveries(deliveries: ClickstreamDeliveries, sink: RunEventSink, expected: number, intervalMs = DEFAULT_INTERVAL_MS): () => void {
  sink.emit({ kind: 'kinesis-stream', shards: deliveries.shards });
  const sample = sampler(deliveries, sink, expected);
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    sample();
  };
}
