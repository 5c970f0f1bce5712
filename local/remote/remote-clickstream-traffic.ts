/**
 * The clickstream traffic of a remote run: generated events for run-unique users (so a stack that
 * served earlier runs still gives exact per-user figures), one hot user carrying a large share, and
 * a few poison records written raw after them.
 */
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { randomInt } from 'node:crypto';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { ClickstreamProducer, type ProducerResult } from '../../runtime/clickstream/producer/producer';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/** Poison: truncated JSON. The processor cannot parse it; it must end at the on-failure destination. */
export const POISON_RECORD_DATA = Buffer.from('{"type":"page_view","userId":');
/**
 * 10 ms of event time between events: even 20,000 events span 200 s, far below any sensible session
 * timeout (the stack's default is 30 minutes), so each user has one session whose expected state
 * does not depend on the deployed timeout.
 */
export const DENSE_EVENT_STEP_MS = 10;
/** Every 5th event belongs to the hot user: 20 % of the traffic on one partition key, hence one shard. */
const HOT_USER_EVERY = 5;

/** What to generate. */
export interface ClickstreamTrafficPlan {
  /** Prefix of every userId and poison partition key of this run. */
  readonly runId: string;
  /** Seed of the generator; event ids are `evt-<seed>-<index>`. */
  readonly seed: number;
  readonly events: number;
  readonly users: number;
  readonly poisonRecords: number;
  /** Event time of the first event (epoch ms); `now` keeps EMF timestamps inside CloudWatch's window. */
  readonly startTimeMs: number;
}

/** A poison record as Kinesis stored it. */
export interface WrittenPoisonRecord {
  readonly partitionKey: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** What was produced. */
export interface ClickstreamTraffic {
  readonly plan: ClickstreamTrafficPlan;
  /** The events, in production order (index = position in the event id). */
  readonly events: readonly ClickstreamEvent[];
  readonly hotUserId: string;
  readonly production: ProducerResult;
  readonly poison: readonly WrittenPoisonRecord[];
}

/** A random positive 31-bit seed, so two runs never share event ids. */
export function newTrafficSeed(): number {
  return randomInt(1, 2 ** 31);
}

/** The plan's events: generated, renamed per run, every 5th moved to the hot user. */
export function planClickstreamEvents(plan: ClickstreamTrafficPlan): { events: ClickstreamEvent[]; hotUserId: string } {
  const hotUserId = `${plan.runId}-hot-user`;
  const generated = generateClickstreamEvents({ events: plan.events, users: plan.users, seed: plan.seed, startTimeMs: plan.startTimeMs, stepMs: DENSE_EVENT_STEP_MS });
  const events = generated.map((event, index) => ({ ...event, userId: index % HOT_USER_EVERY === 0 ? hotUserId : `${plan.runId}-${event.userId}` }));
  return { events, hotUserId };
}

/** Produces the plan's events with the real producer, then writes its poison records. */
export async function sendClickstreamTraffic(kinesis: KinesisClient, streamName: string, plan: ClickstreamTrafficPlan): Promise<ClickstreamTraffic> {
  const { events, hotUserId } = planClickstreamEvents(plan);
  const production = await new ClickstreamProducer({ client: kinesis, streamName }).send(events);
  const poison = await writePoisonRecords(kinesis, streamName, plan);
  return { plan, events, hotUserId, production, poison };
}

async function writePoisonRecords(kinesis: KinesisClient, streamName: string, plan: ClickstreamTrafficPlan): Promise<WrittenPoisonRecord[]> {
  if (plan.poisonRecords === 0) return [];
  const partitionKeys = Array.from({ length: plan.poisonRecords }, (_unused, index) => `${plan.runId}-poison-${index}`);
  const { Records: entries = [] } = await kinesis.send(
    new PutRecordsCommand({ StreamName: streamName, Records: partitionKeys.map((PartitionKey) => ({ Data: POISON_RECORD_DATA, PartitionKey })) }),
  );
  return entries.flatMap((entry, index) => {
    const partitionKey = partitionKeys[index];
    return entry.ErrorCode === undefined && entry.ShardId !== undefined && entry.SequenceNumber !== undefined && partitionKey !== undefined
      ? [{ partitionKey, shardId: entry.ShardId, sequenceNumber: entry.SequenceNumber }]
      : [];
  });
}
