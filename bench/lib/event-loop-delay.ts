/**
 * Event-loop delay of this process over an interval: how late timers and I/O callbacks ran. High
 * delay with low CPU use means the process waited for a core (other processes had it), not that
 * its own code was slow.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Event-loop delay percentiles over one interval, in milliseconds. */
export interface EventLoopDelaySample {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** 10 ms is the histogram's default sampling resolution: fine enough for 20 ms jobs. */
const RESOLUTION_MS = 10;
const NANOSECONDS_PER_MILLISECOND = 1e6;

/** Starts recording; call the returned function at the end of the interval. */
export function startEventLoopDelaySample(): () => EventLoopDelaySample {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // Each sample is the whole interval between two checks, so an idle loop records the resolution itself.
  const lateMs = (percentile: number): number =>
    Math.max(0, histogram.percentile(percentile) / NANOSECONDS_PER_MILLISECOND - RESOLUTION_MS);
  return () => {
    histogram.disable();
    return { p50Ms: lateMs(50), p99Ms: lateMs(99) };
  };
}
