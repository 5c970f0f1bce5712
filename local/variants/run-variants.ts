/**
 * The variants run behind `npm start`'s second table: SQS standard, SQS FIFO and SNS→SQS fan-out,
 * each provisioned on its own fauxqs from the synthesized EmailWorkerStack template of its variant
 * (`-c emailQueue=standard|fifo`; the fan-out comes with the standard one), then driven with the
 * same workload. Everything it starts, it stops.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { emulatorSnsClient, emulatorSqsClient } from '../emulators/emulator-clients';
import type { EmailQueueType } from '../../lib/common/app-context';
import { startSqsEmulator } from '../emulators/sqs-emulator';
import { emailVariantTemplate } from './email-variant-template';
import { runFanoutVariant, type FanoutVariantRunResult } from './fanout-variant-run';
import { provisionVariant } from './provisioned-variant';
import { runQueueVariant, type QueueVariantRunResult } from './queue-variant-run';

/** The `variants` part of `npm start --json`. */
export interface VariantsResult {
  readonly standard: QueueVariantRunResult;
  readonly fifo: QueueVariantRunResult;
  readonly fanout: FanoutVariantRunResult;
  /** Where the local run differs from AWS. */
  readonly notes: readonly string[];
}

/** What fauxqs does not do, whatever the figures. */
const VARIANT_NOTES = [
  'variants: fauxqs hands out at most one message per FIFO group per receive (SQS may return several, in order); the poller\'s one-per-group rule is unit-tested for that case',
  'variants: SNS subscription dead-letter queues are provisioned but fauxqs never fails a delivery, so none is used locally',
  'variants: KMS is not emulated (per-resource notes below); FIFO deduplication expiry (5 minutes) is not waited out',
];

async function withEmulator<T>(run: (clients: { sqs: SQSClient; sns: SNSClient }) => Promise<T>): Promise<T> {
  const emulator = await startSqsEmulator();
  const sqs = emulatorSqsClient(emulator.endpoint);
  const sns = emulatorSnsClient(emulator.endpoint);
  try {
    return await run({ sqs, sns });
  } finally {
    sqs.destroy();
    sns.destroy();
    await emulator.stop();
  }
}

/** Runs the three variants one after another (each has its own emulator, so none slows another). */
export async function runVariants(log: (line: string) => void = () => undefined): Promise<VariantsResult> {
  const notes: string[] = [...VARIANT_NOTES];
  const queueVariant = (queueType: EmailQueueType) => withEmulator(async (clients) => {
    log(`variants: SQS ${queueType}`);
    const provisioned = await provisionVariant(emailVariantTemplate(queueType), clients);
    notes.push(...provisioned.notes.map((note) => `variants (${queueType}): ${note}`));
    const queue = await runQueueVariant({ sqs: clients.sqs, queueUrl: provisioned.emailQueueUrl, runId: queueType, holdOneJob: true });
    if (queueType !== 'standard') return { queue };
    if (provisioned.signupTopicArn === undefined || provisioned.analyticsQueueUrl === undefined) {
      throw new Error('the standard email template has no signup fan-out (SignupFanout/Topic and AnalyticsQueue)');
    }
    log('variants: SNS→SQS fan-out');
    const fanout = await runFanoutVariant({
      ...clients,
      topicArn: provisioned.signupTopicArn,
      subscribers: { email: provisioned.emailQueueUrl, analytics: provisioned.analyticsQueueUrl },
      runId: 'fanout',
    });
    return { queue, fanout };
  });
  const standard = await queueVariant('standard');
  const fifo = await queueVariant('fifo');
  if (standard.fanout === undefined) throw new Error('the fan-out did not run');
  return { standard: standard.queue, fifo: fifo.queue, fanout: standard.fanout, notes };
}
