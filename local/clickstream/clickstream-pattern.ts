/**
 * The clickstream on a Kinesis stream, as it registers with the pattern registry: provisioned from
 * the synthesized ClickstreamStack, three consumers (processor, dashboard, Firehose archive) and a
 * replay reader, the shared clickstream traffic with poison records halfway through.
 */
import type { ClickstreamComparison } from '../comparison/comparison-result';
import { condensedReport } from '../comparison/condensed-report';
import { clickstreamDevComponent } from '../dev/clickstream-dev-component';
import { sampleClickstreamRecordBytes } from '../patterns/clickstream-traffic';
import type { PatternEntry, PatternRunOutcome } from '../patterns/pattern-entry';
import type { PatternRunContext } from '../patterns/pattern-run-context';
import { CLICKSTREAM_FIGURES, clickstreamCells, unmetClickstreamExpectations } from './clickstream-pattern-cells';
import { runClickstreamPattern } from './clickstream-pattern-run';
import type { ClickstreamPatternOutcome } from './clickstream-pattern-outcome';
import type { ClickstreamDeliveries } from './clickstream-target';
import { watchClickstreamDeliveries } from '../web/clickstream-live-events';

/** 0.5 % poison records, written halfway through so valid records follow them on their shards. */
const POISON_RATIO = 0.005;

/** What a local run plays differently from AWS. */
const EMBEDDED_CLICKSTREAM_NOTES = [
  'clickstream: enhanced fan-out is read by polling (kinesis-local has no SubscribeToShard)',
  'clickstream: Firehose is played by the local archive delivery runner (stack settings; what it still buffers at the end is delivered then, not after 300 s); the bucket is fauxqs S3',
];

/** The run itself: a thin call, the same on every target. */
function runClickstream(context: PatternRunContext): Promise<ClickstreamPatternOutcome> {
  const { options, progress, target, liveEvents: live } = context;
  const bar = progress.bar({ pattern: 'clickstream', label: 'Kinesis clickstream', unit: 'events written' });
  return runClickstreamPattern(target.clickstream, {
    events: options.events,
    users: options.users,
    poisonRatio: POISON_RATIO,
    poisonPlacement: 'middle',
    ...(target.deadlines === undefined ? {} : { deadlineMs: target.deadlines.consumersMs, metricsDeadlineMs: target.deadlines.metricsMs }),
    onProduced: (written, total) => {
      bar(written, total, written < total ? 'producing' : 'produced; consumers catching up');
      live?.emit({ kind: 'kinesis-produced', written, total });
    },
    onPoisonWritten: (written) => live?.emit({ kind: 'kinesis-poison', written, destination: 'on-failure destination (SQS)' }),
    // Only a page reads the deliveries while they happen; without one the run samples nothing.
    ...(live === undefined ? {} : { watchDeliveries: (deliveries: ClickstreamDeliveries) => watchClickstreamDeliveries(deliveries, live, options.events) }),
    log: (line) => {
      if (!line.includes('not emulated') && !line.includes('RetryAttemptsExhausted')) progress.log(line);
    },
  });
}

async function run(context: PatternRunContext): Promise<PatternRunOutcome<ClickstreamComparison>> {
  const { notes, details, ...figures } = await runClickstream(context);
  const targetNotes = context.target.name === 'embedded' ? EMBEDDED_CLICKSTREAM_NOTES : [];
  return { outcome: figures, notes: [...notes, ...targetNotes, ...condensedReport('clickstream', details.environmentReport)] };
}

export const clickstreamPattern: PatternEntry<ClickstreamComparison> = {
  key: 'clickstream',
  heading: 'Kinesis stream (clickstream)',
  description: {
    provisioning: 'ClickstreamStack synthesized; its stream, enhanced fan-out consumer, session table, on-failure queue and archive bucket created on kinesis-local, dynalite and fauxqs; event-source settings from its mappings',
    consumers: ['processor (Lambda handler through the local Kinesis event source)', 'dashboard (enhanced fan-out, polled locally)', 'archive (Firehose, played by the local delivery runner)', 'a replay reader from TRIM_HORIZON'],
    traffic: 'the shared generated clickstream (local/patterns/clickstream-traffic.ts): same users and hot user as the Kafka pattern',
    faults: '0.5 % poison records written halfway through, so valid records follow them on their shards',
    observation: 'the session table, the on-failure queue, a replay of the stream, the archive bucket\'s objects, the handlers\' EMF metric lines, and what each local consumer was handed',
  },
  figures: CLICKSTREAM_FIGURES,
  schedule: 'always',
  run,
  cells: clickstreamCells,
  expectations: unmetClickstreamExpectations,
  workload: (clickstream) => ({
    recordBytes: sampleClickstreamRecordBytes(),
    consumers: Math.max(1, Object.values(clickstream.consumers).filter((consumer) => consumer !== null).length),
    ordering: 'per-key',
    work: 'event',
    // The replay reader re-reads from TRIM_HORIZON: the stream's 24 h minimum retention covers it.
    replayHours: clickstream.consumers.replay === null ? 0 : 24,
  }),
  dev: clickstreamDevComponent,
};
