/**
 * Samples the lag of the Kafka run's consumer groups for the live page: every `intervalMs`, one
 * Admin client asks the broker for the topic's log start and end offsets and the groups' committed
 * offsets, and a `kafka-lag` event goes out for each group whose lag changed. Read-only: it joins no
 * group and commits nothing, so the run's figures are untouched. Started only with the page.
 */
import { Admin, ListOffsetTimestamps, type ListedOffsetsTopic } from '@platformatic/kafka';
import { committedOffsetsOn, lagPerGroup, type PartitionRange } from './group-lag';
import type { RunEventSink } from './run-event-sink';

/** Often enough for a lag curve over a run of tens of seconds; three small requests to the broker each time. */
const DEFAULT_INTERVAL_MS = 500;
/** A sample waits no longer than this on a busy broker: the next one asks again. */
const REQUEST_TIMEOUT_MS = 5_000;

/** What to sample. */
export interface GroupLagSamplerProps {
  readonly bootstrapServers: readonly string[];
  /** The topic the groups read. */
  readonly topic: string;
  /** Its partitions. */
  readonly partitions: number;
  /** The groups, by the name the page shows (`sessionizer`, `analytics`) → their group id on the broker. */
  readonly groups: Readonly<Record<string, string>>;
  readonly sink: RunEventSink;
  /** @default 500 */
  readonly intervalMs?: number;
}

/** A running sampler. */
export interface GroupLagSampler {
  /** Waits for the sample in progress, takes a last one (the lag the run ended with), and closes the client. */
  stop(): Promise<void>;
}

/** The offsets of `partitions` partitions at `timestamp` (EARLIEST or LATEST), by partition. */
async function offsetsAt(admin: Admin, topic: string, partitions: number, timestamp: bigint): Promise<bigint[]> {
  const answer: ListedOffsetsTopic[] = await admin.listOffsets({ topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp })) }] });
  const offsets = Array.from({ length: partitions }, () => 0n);
  for (const partition of answer.find((one) => one.name === topic)?.partitions ?? []) offsets[partition.partitionIndex] = partition.offset;
  return offsets;
}

/** One sample: each group's lag now. */
async function sampleLag(admin: Admin, props: GroupLagSamplerProps): Promise<Map<string, number>> {
  const [starts, ends, committed] = await Promise.all([
    offsetsAt(admin, props.topic, props.partitions, ListOffsetTimestamps.EARLIEST),
    offsetsAt(admin, props.topic, props.partitions, ListOffsetTimestamps.LATEST),
    admin.listConsumerGroupOffsets({ groups: Object.values(props.groups) }),
  ]);
  const ranges: PartitionRange[] = ends.map((end, partition) => ({ start: starts[partition] ?? 0n, end }));
  return lagPerGroup(props.groups, ranges, committedOffsetsOn(props.topic, committed));
}

/** Starts sampling; the first sample is taken at once. */
export function startGroupLagSampler(props: GroupLagSamplerProps): GroupLagSampler {
  const admin = new Admin({ clientId: 'queue-or-stream-live-lag', bootstrapBrokers: [...props.bootstrapServers], retries: 0, requestTimeout: REQUEST_TIMEOUT_MS });
  const sent = new Map<string, number>();
  const sampleOnce = async (): Promise<void> => {
    try {
      for (const [group, lag] of await sampleLag(admin, props)) {
        if (sent.get(group) === lag) continue;
        sent.set(group, lag);
        props.sink.emit({ kind: 'kafka-lag', group, lag });
      }
    } catch {
      // A sample the broker did not answer only costs the page one point; the next one asks again.
    }
  };
  // One sample at a time: a tick that finds one still waiting on the broker is skipped.
  let inFlight: Promise<void> | undefined;
  const tick = (): void => {
    inFlight ??= sampleOnce().finally(() => (inFlight = undefined));
  };
  tick();
  const timer = setInterval(tick, props.intervalMs ?? DEFAULT_INTERVAL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await sampleOnce();
      await admin.close().catch(() => undefined);
    },
  };
}
