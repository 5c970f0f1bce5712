/**
 * Samples what `npm run dev` observes (queue depth, consumer counters) for its live page: every
 * `intervalMs`, and sends an observation when it differs from the last one sent for the same
 * thing, or when `heartbeatMs` has passed, so a chart of a quiet queue still draws a flat line
 * rather than a slope between two distant changes. One sample at a time; a failed one (an
 * emulator busy) is retried at the next tick.
 */
import type { RunObservation } from '../web/live-observation';
import type { RunEventSink } from '../web/run-event-sink';

/** What to sample. */
export interface LiveSamplerProps {
  readonly sink: RunEventSink;
  /** Reads the current observations. */
  readonly sample: () => Promise<readonly RunObservation[]> | readonly RunObservation[];
  /** @default 1000 */
  readonly intervalMs?: number;
  /** @default 5000 */
  readonly heartbeatMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** A running sampler. */
export interface LiveSampler {
  /** Stops after the sample in progress. */
  stop(): Promise<void>;
}

/** What an observation is about: one shard, partition, reader, or the pattern as a whole. */
export function observationKey(observation: RunObservation): string {
  const about = 'shardId' in observation ? observation.shardId : 'partition' in observation ? observation.partition : 'consumer' in observation ? observation.consumer : '';
  return `${observation.kind}:${about}`;
}

/** Keeps what was last sent per key; says whether an observation is news. */
export function changeFilter(heartbeatMs: number, now: () => number): (observation: RunObservation) => boolean {
  const last = new Map<string, { readonly json: string; readonly at: number }>();
  return (observation) => {
    const key = observationKey(observation);
    const json = JSON.stringify(observation);
    const previous = last.get(key);
    if (previous !== undefined && previous.json === json && now() - previous.at < heartbeatMs) return false;
    last.set(key, { json, at: now() });
    return true;
  };
}

/** Starts sampling. */
export function startLiveSampler(props: LiveSamplerProps): LiveSampler {
  const isNews = changeFilter(props.heartbeatMs ?? 5_000, props.now ?? Date.now);
  let sampling: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    for (const observation of await props.sample()) if (isNews(observation)) props.sink.emit(observation);
  };
  const timer = setInterval(() => {
    sampling = sampling.then(tick).catch(() => undefined);
  }, props.intervalMs ?? 1_000);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
    },
  };
}
