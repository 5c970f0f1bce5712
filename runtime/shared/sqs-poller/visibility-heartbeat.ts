/**
 * The poller's visibility heartbeat: every quarter of the visibility timeout it re-arms held
 * messages with half of it or less left. So a message whose job starts has at least a quarter of
 * the timeout left, and a worker killed then lets it reappear that soon.
 */
export const VISIBILITY_HEARTBEAT = { intervalFraction: 1 / 4, rearmBelowFraction: 1 / 2 } as const;

/** Soonest redelivery of a message whose worker heartbeats its visibility: a quarter of the timeout. */
export function earliestRedeliveryWithHeartbeat(visibilityTimeoutSeconds: number): number {
  return visibilityTimeoutSeconds * (VISIBILITY_HEARTBEAT.rearmBelowFraction - VISIBILITY_HEARTBEAT.intervalFraction);
}
