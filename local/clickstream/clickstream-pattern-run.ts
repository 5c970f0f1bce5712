/**
 * The clickstream pattern's run, written once for every target: the planned events written with the
 * real producer and poison records among them, the consumers the target supplies (the local
 * event-source runners and archive delivery, or the deployed functions and Firehose), and the
 * outcome read back from the session table, the on-failure queue, a replay of the stream, the
 * archive bucket and the handlers' EMF metrics.
 */
import { ConfigurationError } from '../../runtime/shared/errors';
import { newRunPrefix } from '../provisioning/physical-names';
import { observeClickstream } from './clickstream-observation';
import { clickstreamOutcomeOf, type ClickstreamPatternOutcome } from './clickstream-pattern-outcome';
import { produceClickstream } from './clickstream-production';
import type { ClickstreamDeliveries, ClickstreamTarget, ClickstreamTargetSession } from './clickstream-target';

/** Options of one run. */
export interface ClickstreamPatternOptions {
  /** Valid events to produce. */
  readonly events: number;
  /** Distinct users (partition keys). */
  readonly users: number;
  /** Poison records to add, as a fraction of `events` (0 to 0.1); at least one when > 0. */
  readonly poisonRatio: number;
  /** Write the poison records after all events, or halfway (so valid records follow them on their shards). @default 'end' */
  readonly poisonPlacement?: 'end' | 'middle';
  /** Progress and report lines. @default console.log */
  readonly log?: (line: string) => void;
  /** Called after each PutRecords call with the events written so far. @default none */
  readonly onProduced?: (written: number, total: number) => void;
  /** Called with how many poison records the stream accepted, right after they are written. @default none */
  readonly onPoisonWritten?: (written: number) => void;
  /** Watches what the local consumers are handed while they run (the embedded target only); returns how to stop watching. @default none */
  readonly watchDeliveries?: (deliveries: ClickstreamDeliveries) => () => void;
  /** Longest wait for the session table and the on-failure queue to account for the run, in ms. @default 180000 */
  readonly deadlineMs?: number;
  /** Longest wait for the handlers' EMF metrics, in ms. @default 0: read once */
  readonly metricsDeadlineMs?: number;
  /** Longest wait for the archive to hold every event, in ms. @default 0: read once (a deployed stack buffers up to 300 s) */
  readonly archiveDeadlineMs?: number;
}

/** Raised for options outside their range. */
export class InvalidClickstreamRunOptionError extends ConfigurationError {
  constructor(
    readonly option: string,
    readonly value: number,
    readonly expected: string,
  ) {
    super(`clickstream run: ${option} must be ${expected}, got ${value}`);
  }
}

const DEFAULT_DEADLINE_MS = 180_000;

function validate(options: ClickstreamPatternOptions): void {
  if (!Number.isSafeInteger(options.events) || options.events < 1) throw new InvalidClickstreamRunOptionError('events', options.events, 'a positive integer');
  if (!Number.isSafeInteger(options.users) || options.users < 1) throw new InvalidClickstreamRunOptionError('users', options.users, 'a positive integer');
  if (!(options.poisonRatio >= 0 && options.poisonRatio <= 0.1)) throw new InvalidClickstreamRunOptionError('poisonRatio', options.poisonRatio, 'from 0 to 0.1');
}

/** Runs the clickstream pattern on `target` and returns its comparison figures with the details behind them. */
export async function runClickstreamPattern(target: ClickstreamTarget, options: ClickstreamPatternOptions): Promise<ClickstreamPatternOutcome> {
  validate(options);
  const log = options.log ?? ((line: string) => console.log(line));
  const session = await target.open({ log });
  try {
    for (const line of session.environmentReport) log(`${session.label}: ${line}`);
    return await runOnSession(session, options, log);
  } finally {
    await session.close();
  }
}

async function runOnSession(session: ClickstreamTargetSession, options: ClickstreamPatternOptions, log: (line: string) => void): Promise<ClickstreamPatternOutcome> {
  const startedAt = new Date();
  const traffic = session.planTraffic({ events: options.events, users: options.users }, newRunPrefix());
  const compute = await session.startCompute(traffic.events);
  const stopWatching = compute.deliveries === null ? undefined : options.watchDeliveries?.(compute.deliveries);
  try {
    const poisonRecords = options.poisonRatio === 0 ? 0 : Math.max(1, Math.round(options.events * options.poisonRatio));
    const production = await produceClickstream(traffic, {
      kinesis: session.kinesis,
      streamName: session.resources.streamName,
      poisonRecords,
      poisonPlacement: options.poisonPlacement ?? 'end',
      label: session.label,
      log,
      onProduced: options.onProduced,
      onPoison: options.onPoisonWritten,
    });
    log(`${session.label}: wrote ${production.sent} events as ${production.kinesisRecords} Kinesis records in ${production.putRecordsCalls} PutRecords calls and ${production.poison.length} poison record(s) (${options.poisonPlacement ?? 'end'})`);
    await compute.settle();
    const observation = await observeClickstream(session, traffic, production, startedAt, {
      settleMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      metricsMs: options.metricsDeadlineMs ?? 0,
      archiveMs: options.archiveDeadlineMs ?? 0,
    });
    log(`${session.label}: archive holds ${observation.archive.objects} object(s) of this run (${observation.archive.errorObjects} under the error prefix)`);
    return clickstreamOutcomeOf({
      label: session.label,
      traffic,
      production,
      observation,
      deliveries: compute.deliveries,
      failedProcessorInvocations: compute.failedProcessorInvocations(),
      environmentReport: session.environmentReport,
      metricsUnavailableReason: session.metrics.unavailableReason,
    });
  } finally {
    stopWatching?.();
    await compute.stop();
  }
}
