/**
 * The clickstream events of a run against a deployed stack: generated events for run-unique users
 * (so a stack that served earlier runs still gives exact per-user figures) and one hot user carrying
 * a large share, dense in event time.
 */
import { randomInt } from 'node:crypto';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/**
 * 10 ms of event time between events: even 20,000 events span 200 s, far below any sensible session
 * timeout (the stack's default is 30 minutes), so each user has one session whose expected state
 * does not depend on the deployed timeout.
 */
export const DENSE_EVENT_STEP_MS = 10;
/** Every 5th event belongs to the hot user: 20 % of the traffic on one partition key, hence one shard. */
const HOT_USER_EVERY = 5;

/** What to generate. */
export interface RunScopedEventsPlan {
  /** Prefix of every userId of this run. */
  readonly runId: string;
  /** Seed of the generator; event ids are `evt-<seed>-<index>`. */
  readonly seed: number;
  readonly events: number;
  readonly users: number;
  /** Event time of the first event (epoch ms); `now` keeps EMF timestamps inside CloudWatch's window. */
  readonly startTimeMs: number;
}

/** A random positive 31-bit seed, so two runs never share event ids. */
export function newTrafficSeed(): number {
  return randomInt(1, 2 ** 31);
}

/** The plan's events: generated, renamed per run, every 5th moved to the hot user. */
export function planClickstreamEvents(plan: RunScopedEventsPlan): { events: ClickstreamEvent[]; hotUserId: string } {
  const hotUserId = `${plan.runId}-hot-user`;
  const generated = generateClickstreamEvents({ events: plan.events, users: plan.users, seed: plan.seed, startTimeMs: plan.startTimeMs, stepMs: DENSE_EVENT_STEP_MS });
  const events = generated.map((event, index) => ({ ...event, userId: index % HOT_USER_EVERY === 0 ? hotUserId : `${plan.runId}-${event.userId}` }));
  return { events, hotUserId };
}
