/**
 * The clickstream in `npm run dev`: kinesis-local, fauxqs (SQS and S3) and dynalite, ClickstreamStack
 * provisioned from its template, and its three consumers reading the stream until stopped: the
 * processor (session table), the dashboard (enhanced fan-out, polled locally) and the Firehose
 * archive (objects in the bucket).
 */
import { createArchiveDeliveryRunner } from '../clickstream/archive/archive-delivery-runner';
import { runnerFor } from '../clickstream/local-consumers';
import { startClickstreamEnvironment } from '../clickstream/clickstream-environment';
import type { KinesisEventSourceRunner } from '../clickstream/kinesis-event-source/kinesis-event-source-runner';
import { cliPrefix, DEV_REGION, dummyCredentialVariables, writeEventWithCurrentTime } from './dev-cli-examples';
import { StartedResources, type DevComponent, type DevContext, type RunningDevComponent } from './dev-component';
import { startLiveSampler } from './live-sampler';
import { countRecordsPerShard, type ShardRecordCounter } from './shard-record-counter';
import type { ArchiveDeliveryRunner } from '../clickstream/archive/archive-delivery-runner';
import type { RunObservation } from '../web/live-observation';

/** Where the example record is written before `put-record` reads it. */
const EXAMPLE_RECORD_FILE = '/tmp/qos-record.json';

/** A Kinesis consumer's counters at GET /status, named as the Kafka sessionizer's. */
function consumerStatus(runner: KinesisEventSourceRunner): Record<string, number> {
  const stats = runner.stats();
  return {
    recordsCompleted: stats.recordsCompleted,
    failedInvocations: stats.failedInvocations,
    // Records of batches given up on (retries or record age exhausted), each batch described to the on-failure destination.
    recordsDiscarded: stats.recordsDiscarded,
    onFailureBatches: stats.onFailureRecords.length,
  };
}

/** What the live page draws for the clickstream: records per shard the processor was handed, and what each reader handled. */
function clickstreamObservations(shards: ShardRecordCounter, readers: { processor: KinesisEventSourceRunner; dashboard: KinesisEventSourceRunner; archive: ArchiveDeliveryRunner }): RunObservation[] {
  return [
    ...[...shards.counts()].map(([shardId, records]): RunObservation => ({ kind: 'kinesis-shard', shardId, records })),
    { kind: 'kinesis-consumer', consumer: 'processor', seen: readers.processor.stats().recordsCompleted, caughtUp: false },
    { kind: 'kinesis-consumer', consumer: 'dashboard', seen: readers.dashboard.stats().recordsCompleted, caughtUp: false },
    { kind: 'kinesis-consumer', consumer: 'archive', seen: readers.archive.stats().recordsRead, caughtUp: false },
  ];
}

async function start(context: DevContext): Promise<RunningDevComponent> {
  const started = new StartedResources();
  try {
    const environment = started.add(await startClickstreamEnvironment({ handlerLogLevel: 'WARN' }), (it) => it.stop());
    environment.report.forEach((line) => context.log(`clickstream: ${line}`));
    const log = (line: string): void => context.log(`clickstream: ${line}`);
    const shards = countRecordsPerShard(environment.processorHandler);
    const drawLanes = (count: number): void => context.liveEvents?.emit({ kind: 'kinesis-stream', shards: count });
    const processor = started.add(runnerFor(environment, environment.processor, shards.handler, log, 'processor', drawLanes), (it) => it.stop());
    const dashboard = started.add(runnerFor(environment, environment.dashboard, environment.dashboardHandler, log, 'dashboard'), (it) => it.stop());
    const archive = started.add(
      createArchiveDeliveryRunner({
        kinesis: environment.kinesis,
        s3: environment.s3,
        streamName: environment.streamName,
        settings: environment.archive,
        ...(context.archiveBufferingSeconds === undefined ? {} : { bufferingIntervalSeconds: context.archiveBufferingSeconds }),
        log,
      }),
      (it) => it.stop(),
    );
    await Promise.all([processor.start(), dashboard.start(), archive.start()]);
    const live = context.liveEvents;
    if (live !== undefined) started.add(startLiveSampler({ sink: live, sample: () => clickstreamObservations(shards, { processor, dashboard, archive }) }), (sampler) => sampler.stop());

    const bufferingSeconds = context.archiveBufferingSeconds ?? environment.archive.bufferingIntervalSeconds;
    const writeRecord = writeEventWithCurrentTime({ eventId: 'cli-1', type: 'page_view', userId: 'user-1', page: '/home' }, EXAMPLE_RECORD_FILE);
    return {
      description: {
        endpoints: { kinesis: environment.kinesisEndpoint, sqs: environment.sqsEndpoint, s3: environment.sqsEndpoint, dynamodb: environment.dynamoDbEndpoint },
        queues: { processorOnFailure: environment.processorFailureQueueUrl },
        streams: { clickstream: environment.streamName },
        tables: { sessions: environment.sessionTableName },
        buckets: { archive: environment.archive.bucketName },
        consumers: {
          processor: `session state in table ${environment.sessionTableName}; batches it gives up on are described to ${environment.processorFailureQueueUrl}`,
          dashboard: 'per-minute aggregates (enhanced fan-out, polled locally); counts at GET /status',
          archive: `Firehose to s3://${environment.archive.bucketName}/${environment.archive.prefix} every ${bufferingSeconds} s (GZIP, one record per line)`,
        },
        examples: [
          `${writeRecord} && ${cliPrefix(environment.kinesisEndpoint)} kinesis put-record --stream-name ${environment.streamName} --partition-key user-1 --data fileb://${EXAMPLE_RECORD_FILE}`,
          `${dummyCredentialVariables()} npm run produce -- --stream ${environment.streamName} --endpoint ${environment.kinesisEndpoint} --region ${DEV_REGION} --events 1000 --users 50`,
          `${cliPrefix(environment.dynamoDbEndpoint)} dynamodb scan --table-name ${environment.sessionTableName} --max-items 5`,
          `${cliPrefix(environment.sqsEndpoint)} s3 ls s3://${environment.archive.bucketName}/ --recursive`,
        ],
      },
      status: () => ({
        processor: consumerStatus(processor),
        dashboard: consumerStatus(dashboard),
        archive: archive.stats(),
      }),
      stop: () => started.stopAll(),
    };
  } catch (error) {
    await started.stopAll();
    throw error;
  }
}

/** The clickstream (Kinesis stream, three consumers). */
export const clickstreamDevComponent: DevComponent = { name: 'clickstream', start };
