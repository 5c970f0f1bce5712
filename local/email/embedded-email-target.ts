/**
 * The email pattern on the embedded target: fauxqs, dynalite and an SMTP sink on loopback ports,
 * resources provisioned from the synthesized EmailWorkerStack, and consumer processes running the
 * real worker (or the local SQS event-source runner with the real handler). Outcomes are read as on
 * AWS (table, DLQ, EMF lines from the consumers' output), plus the sink: the mailbox a deployed
 * target does not have.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbEmulator } from '../emulators/dynamodb-emulator';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../emulators/emulator-clients';
import { startSmtpSink, type SmtpSink } from '../emulators/smtp-sink';
import { startSqsEmulator } from '../emulators/sqs-emulator';
import { startAllOrNothing } from '../emulators/start-all-or-nothing';
import type { RunningEmulator } from '../emulators/child-emulator';
import { EmfMetricLog } from '../target/emf-metric-log';
import { consumerProcessSpecs } from './consumer-environment';
import { ConsumerProcessCompute } from './consumer-process-compute';
import type { ConsumerProcess } from './consumer-processes';
import { countDeliveryOrderInversions } from './delivery-order';
import { TRANSIENT_RECIPIENT_PATTERN } from './email-job-mix';
import type { EmailTarget, EmailTargetPlan, EmailTargetSession, Mailbox } from './email-target';
import { provisionLocalEmailResources, type LocalEmailResources } from './local-email-resources';
import { RetryLogCounter } from './retry-log-counter';

/** What fault injection gets on the embedded target. */
export interface EmailRunInProgress {
  readonly consumers: readonly ConsumerProcess[];
  readonly sink: SmtpSink;
  /** Resolves once the sink has acknowledged at least `count` messages. */
  waitForDeliveries(count: number): Promise<void>;
}

interface EmbeddedEmailParts {
  readonly emulators: RunningEmulator[];
  sink?: SmtpSink;
  sqs?: SQSClient;
  dynamoDb?: DynamoDBClient;
}

/** The embedded email target. */
export const embeddedEmailTarget: EmailTarget<EmailRunInProgress> = {
  async open(plan) {
    const parts: EmbeddedEmailParts = { emulators: [] };
    const close = async (): Promise<void> => {
      parts.sqs?.destroy();
      parts.dynamoDb?.destroy();
      await Promise.all([...parts.emulators.map((emulator) => emulator.stop()), parts.sink?.stop()]);
    };
    try {
      return await openSession(plan, parts, close);
    } catch (error) {
      await close();
      throw error;
    }
  },
};

async function openSession(plan: EmailTargetPlan, parts: EmbeddedEmailParts, close: () => Promise<void>): Promise<EmailTargetSession<EmailRunInProgress>> {
  const [sqsEmulator, dynamoDbEmulator, sink] = await startAllOrNothing([
    startSqsEmulator(),
    startDynamoDbEmulator(),
    startSmtpSink({
      transientRejection: { recipientPattern: TRANSIENT_RECIPIENT_PATTERN, attempts: plan.transientAttempts },
      dataResponseDelayMs: plan.smtpDataResponseDelayMs,
    }),
  ]);
  parts.emulators.push(sqsEmulator, dynamoDbEmulator);
  parts.sink = sink;
  const sqs = (parts.sqs = emulatorSqsClient(sqsEmulator.endpoint));
  const dynamoDb = (parts.dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint));
  const resources = await provisionLocalEmailResources({ consumers: plan.consumers, sqs, dynamoDb, context: plan.context });
  const endpoints = { sqs: sqsEmulator.endpoint, dynamoDb: dynamoDbEmulator.endpoint, smtpUrlFor: sink.urlForUser };
  const metrics = new EmfMetricLog();
  let compute: ConsumerProcessCompute | undefined;
  return {
    label: plan.consumers,
    sqs,
    documents: DynamoDBDocumentClient.from(dynamoDb),
    resources,
    recipient: undefined,
    metrics,
    mailbox: sinkMailbox(sink),
    ownsSourceQueue: true,
    deleteDeadLetters: true,
    environmentReport: resources.environmentReport,
    startCompute(initialWorkers, maxWorkers) {
      const retryCounter = new RetryLogCounter();
      const specs = consumerProcessSpecs(plan.consumers, resources, endpoints, maxWorkers);
      const onLine = (line: string): void => {
        retryCounter.onLine(line);
        metrics.onLine(line);
      };
      const started = new ConsumerProcessCompute(specs, onLine, retryCounter, stopGraceMs(resources));
      for (let count = 0; count < Math.min(initialWorkers, specs.length); count += 1) started.startWorker();
      compute = started;
      return started;
    },
    faults: (waitForDeliveries) => ({ consumers: compute?.consumers ?? [], sink, waitForDeliveries }),
    close,
  };
}

function stopGraceMs(resources: LocalEmailResources): number {
  return 1000 * (resources.stopTimeoutSeconds ?? resources.lambda?.timeoutSeconds ?? 30);
}

function sinkMailbox(sink: SmtpSink): Mailbox {
  return {
    received: () => sink.messages.length,
    copiesPerJob: () => {
      const copies = new Map<string, number>();
      for (const mail of sink.messages) if (mail.jobId !== undefined) copies.set(mail.jobId, (copies.get(mail.jobId) ?? 0) + 1);
      return copies;
    },
    perWorker: () => {
      const counts: Record<string, number> = {};
      for (const mail of sink.messages) counts[mail.clientUser ?? 'anonymous'] = (counts[mail.clientUser ?? 'anonymous'] ?? 0) + 1;
      return counts;
    },
    orderInversions: () => countDeliveryOrderInversions(sink.messages),
  };
}
