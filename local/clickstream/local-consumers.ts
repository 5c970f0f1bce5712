/**
 * The clickstream's consumers on this machine: the real processor and dashboard handlers through
 * the local Kinesis event-source runner (standard iterator and enhanced fan-out, polled), and the
 * archive delivery runner playing Firehose. Each handler is watched for what it is handed.
 */
import { createArchiveDeliveryRunner } from './archive/archive-delivery-runner';
import { caughtUpLine } from './caught-up-line';
import type { ClickstreamEnvironment } from './clickstream-environment';
import type { ClickstreamCompute } from './clickstream-target';
import { ConsumerObserver, productionIndexLookup } from './consumer-observer';
import { createKinesisEventSourceRunner, type KinesisEventSourceRunner, type KinesisHandler } from './kinesis-event-source/kinesis-event-source-runner';
import type { LocalKinesisMapping } from './kinesis-event-source/kinesis-mappings';
import { queueUrlForArn, sqsOnFailureDestination } from './kinesis-event-source/sqs-on-failure-destination';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/** Longest wait for a consumer to catch up, in ms (a ceiling, not a measurement). */
const CATCH_UP_TIMEOUT_MS = 180_000;

/** A local event-source runner for one of the stack's mappings (also used by `npm run dev`). */
export function runnerFor(
  environment: ClickstreamEnvironment,
  mapping: LocalKinesisMapping,
  handler: KinesisHandler,
  log: (line: string) => void,
  name: string = mapping.function.logicalId,
  onShards?: (shards: number) => void,
): KinesisEventSourceRunner {
  const onFailureArn = mapping.settings.onFailureDestinationArn;
  return createKinesisEventSourceRunner({
    kinesis: environment.kinesis,
    streamName: mapping.streamName,
    streamArn: mapping.streamArn,
    eventSourceArn: mapping.eventSourceArn,
    settings: mapping.settings,
    handler,
    function: { functionName: name, region: environment.region, timeoutSeconds: mapping.function.timeoutSeconds },
    ...(onFailureArn === undefined ? {} : { onFailure: sqsOnFailureDestination(environment.sqs, queueUrlForArn(environment.scope, onFailureArn)) }),
    log,
    onShards,
  });
}

/** Starts the three consumers, watching what the processor and the dashboard are handed of `produced`. */
export async function startLocalConsumers(environment: ClickstreamEnvironment, produced: readonly ClickstreamEvent[], log: (line: string) => void): Promise<ClickstreamCompute> {
  const indexOf = productionIndexLookup(produced);
  const deliveries = { processor: new ConsumerObserver(indexOf), dashboard: new ConsumerObserver(indexOf) };
  let shards = 0;
  const processor = runnerFor(environment, environment.processor, deliveries.processor.wrap(environment.processorHandler), log, 'processor', (count) => (shards = count));
  const dashboard = runnerFor(environment, environment.dashboard, deliveries.dashboard.wrap(environment.dashboardHandler), log, 'dashboard');
  const archive = createArchiveDeliveryRunner({ kinesis: environment.kinesis, s3: environment.s3, streamName: environment.streamName, settings: environment.archive, log });
  const stop = async (): Promise<void> => {
    await Promise.all([processor.stop(), dashboard.stop()]);
    await archive.stop().catch((error: unknown) => log(`clickstream: archive delivery failed while stopping: ${String(error)}`));
  };
  try {
    await Promise.all([processor.start(), dashboard.start(), archive.start()]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    deliveries: { ...deliveries, shards },
    failedProcessorInvocations: () => processor.stats().failedInvocations,
    async settle() {
      for (const [name, runner, observer] of [['processor', processor, deliveries.processor], ['dashboard', dashboard, deliveries.dashboard]] as const) {
        await runner.waitUntilCaughtUp({ timeoutMs: CATCH_UP_TIMEOUT_MS });
        log(caughtUpLine(name, observer.observation(), runner.stats()));
      }
      // The stack buffers up to 300 s; at the end of a run the runner delivers what it still holds.
      await archive.flushWhenCaughtUp({ timeoutMs: CATCH_UP_TIMEOUT_MS });
    },
    stop,
  };
}
