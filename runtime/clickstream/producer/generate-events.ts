/**
 * Synthetic clickstream traffic for the CLI, the local demo, benchmarks and tests. Deterministic for
 * a given seed and start time, so a run can be reproduced and its expected aggregates computed.
 */
import type { ClickstreamEvent } from '../../shared/clickstream-events';

/** Options of generateClickstreamEvents. */
export interface GenerateEventsOptions {
  /** How many events. */
  readonly events: number;
  /** How many distinct users (`user-0001`, …) the events are spread over. */
  readonly users: number;
  /**
   * Seed of the pseudo-random choices; also prefixes event ids, so two seeds never share an id.
   * @default 1
   */
  readonly seed?: number;
  /**
   * Event time of the first event (epoch ms). Pin it to reproduce a run exactly.
   * @default now minus the events' span (`events × stepMs`), so the last event happens now
   */
  readonly startTimeMs?: number;
  /**
   * Event time between consecutive events, in ms: each user's events are in increasing time order.
   * @default 250
   */
  readonly stepMs?: number;
}

const PAGES = ['/', '/products', '/products/kinesis', '/products/sqs', '/pricing', '/docs', '/docs/getting-started', '/blog', '/cart', '/checkout'];
const SEARCH_TERMS = ['shards', 'partition key', 'retention', 'fan-out', 'dead-letter queue', 'ordering'];
const ELEMENTS = ['buy-button', 'nav-docs', 'nav-pricing', 'signup', 'add-to-cart'];
/** 4 events/s of event time: 2,000 events span a bit over 8 minutes, enough for several dashboard minutes. */
export const DEFAULT_STEP_MS = 250;

/** Generates `events` events spread over `users` users: about 70 % page views, 20 % clicks, 10 % searches. */
export function generateClickstreamEvents(options: GenerateEventsOptions): ClickstreamEvent[] {
  return Array.from(clickstreamEventStream(options));
}

/**
 * The same events as {@link generateClickstreamEvents}, one at a time: memory stays flat however
 * many are asked for (the CLI sends up to 10,000,000 this way).
 */
export function* clickstreamEventStream(options: GenerateEventsOptions): Generator<ClickstreamEvent, void, undefined> {
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const stepMs = options.stepMs ?? DEFAULT_STEP_MS;
  // Relative to now, never to a calendar date: events must stay within what the consumers accept
  // (no more than 5 minutes ahead of arrival) and CloudWatch graphs (the last 14 days).
  const startTimeMs = options.startTimeMs ?? Date.now() - options.events * stepMs;
  const userIdWidth = String(options.users).length;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  for (let index = 0; index < options.events; index++) {
    const common = {
      eventId: `evt-${seed}-${index}`,
      userId: `user-${String(Math.floor(random() * options.users) + 1).padStart(userIdWidth, '0')}`,
      timestamp: new Date(startTimeMs + index * stepMs).toISOString(),
      page: pick(PAGES),
    };
    const roll = random();
    if (roll < 0.7) yield { ...common, type: 'page_view' };
    else if (roll < 0.9) yield { ...common, type: 'click', elementId: pick(ELEMENTS) };
    else yield { ...common, type: 'search', query: pick(SEARCH_TERMS), resultCount: Math.floor(random() * 50) };
  }
}

/** mulberry32: a tiny, well-known seeded PRNG (uniform in [0, 1)); good enough for test traffic. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
