/**
 * The run's observations, numbered and stamped, kept in order and pushed to every open page. A page
 * opened late (or reloaded) first gets everything so far, so it draws the same timeline as one open
 * from the start.
 */
import type { LiveEvent, LiveObservation } from './live-event';
import type { RunEventSink } from './run-event-sink';

/** A subscriber: one open page. */
export type LiveEventListener = (event: LiveEvent) => void;

/** Keeps the run's events and fans them out. */
export class LiveEventHub implements RunEventSink {
  private readonly history: LiveEvent[] = [];
  private readonly listeners = new Set<LiveEventListener>();
  private readonly startedAt: number;
  private sent = 0;

  /**
   * @param now milliseconds of a monotonic clock @default performance.now
   * @param historyLimit events kept for pages opened later; beyond it the oldest go, except the
   *   first (it says what is running). `npm run dev` runs for hours. @default Infinity: a run has an end
   */
  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly historyLimit = Number.POSITIVE_INFINITY,
  ) {
    this.startedAt = now();
  }

  emit(observation: LiveObservation): void {
    this.sent += 1;
    const event: LiveEvent = { ...observation, seq: this.sent, atMs: Math.round(this.now() - this.startedAt) };
    this.history.push(event);
    if (this.history.length > this.historyLimit) this.history.splice(1, 1);
    for (const listener of this.listeners) listener(event);
  }

  /** Sends the history to `listener`, then every new event; returns the unsubscribe function. */
  subscribe(listener: LiveEventListener): () => void {
    for (const event of this.history) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events so far (a copy). */
  events(): readonly LiveEvent[] {
    return [...this.history];
  }
}
