/**
 * The clickstream in `npm run dev`: kinesis-local, fauxqs (SQS and S3) and dynalite, ClickstreamStack
 * provisioned from its template, and its three consumers reading the stream until stopped: the
 * processor (session table), the dashboard (enhanced fan-out, polled locally) and the Firehose
 * archive (objects in the bucket).
 */
import { createArchiveDeliveryRunner } from '../clickstream/archive/archive-delivery-runner';
import { runnerFor } from '../clickstream/local-consumers';
import { startClickstreamEnvironment } from '../clickstream/clickstream-environment';
import { cliPrefix, DEV_REGION, dummyCredentialVariables } from './dev-cli-examples';
import { StartedResources, type DevComponent, type DevContext, type RunningDevComponent } from './dev-component';

async function start(context: DevContext): Promise<RunningDevComponent> {
  const started = new StartedResources();
  try {
    const environment = started.add(await startClickstreamEnvironment({ handlerLogLevel: 'WARN' }), (it) => it.stop());
    environment.report.forEach((line) => context.log(`clickstream: ${line}`));
    const log = (line: string): void => context.log(`clickstream: ${line}`);
    const processor = started.add(runnerFor(environment, environment.processor, environment.processorHandler, log, 'processor'), (it) => it.stop());
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

    const bufferingSeconds = context.archiveBufferingSeconds ?? environment.archive.bufferingIntervalSeconds;
    const record = JSON.stringify({ eventId: 'cli-1', type: 'page_view', userId: 'user-1', page: '/home', timestamp: '2026-12-02T06:00:00.000Z' });
    return {
      description: {
        endpoints: { kinesis: environment.kinesisEndpoint, sqs: environment.sqsEndpoint, s3: environment.sqsEndpoint, dynamodb: environment.dynamoDbEndpoint },
        queues: { processorOnFailure: environment.processorFailureQueueUrl },
        streams: { clickstream: environment.streamName },
        tables: { sessions: environment.sessionTableName },
        buckets: { archive: environment.archive.bucketName },
        consumers: {
          processor: `session state in table ${environment.sessionTableName}`,
          dashboard: 'per-minute aggregates (enhanced fan-out, polled locally); counts at GET /status',
          archive: `Firehose to s3://${environment.archive.bucketName}/${environment.archive.prefix} every ${bufferingSeconds} s (GZIP, one record per line)`,
        },
        examples: [
          `${cliPrefix(environment.kinesisEndpoint)} kinesis put-record --stream-name ${environment.streamName} --partition-key user-1 --cli-binary-format raw-in-base64-out --data '${record}'`,
          `${dummyCredentialVariables()} npm run produce -- --stream ${environment.streamName} --endpoint ${environment.kinesisEndpoint} --region ${DEV_REGION} --events 1000 --users 50`,
          `${cliPrefix(environment.dynamoDbEndpoint)} dynamodb scan --table-name ${environment.sessionTableName} --max-items 5`,
          `${cliPrefix(environment.sqsEndpoint)} s3 ls s3://${environment.archive.bucketName}/ --recursive`,
        ],
      },
      status: () => ({
        processor: processor.stats().recordsCompleted,
        dashboard: dashboard.stats().recordsCompleted,
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
