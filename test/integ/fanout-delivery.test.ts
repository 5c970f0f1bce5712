/**
 * SNS→SQS fan-out against fauxqs (SNS and SQS), provisioned from the synthesized EmailWorkerStack
 * template: every subscriber gets its copy (the email one only what its filter policy lets
 * through), each copy is consumed once and then gone, and a failing subscriber does not hold the
 * other back. fauxqs never fails an SNS delivery, so the subscription DLQs stay unused here.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { emailVariantTemplate } from '../../local/variants/email-variant-template';
import { runFanoutVariant, type FanoutVariantRunResult } from '../../local/variants/fanout-variant-run';
import { provisionVariant } from '../../local/variants/provisioned-variant';
import { emulatorSnsClient, emulatorSqsClient } from '../../local/emulators/emulator-clients';

let emulator: RunningEmulator;
let sqs: SQSClient;
let sns: SNSClient;
let result: FanoutVariantRunResult;

/** Synthesis takes most of this on a busy 2-core machine; a ceiling, not a timing assertion. */
const SETUP_TIMEOUT_MS = 300_000;

beforeAll(async () => {
  emulator = await startSqsEmulator();
  sqs = emulatorSqsClient(emulator.endpoint);
  sns = emulatorSnsClient(emulator.endpoint);
  const provisioned = await provisionVariant(emailVariantTemplate('standard'), { sqs, sns });
  if (provisioned.signupTopicArn === undefined || provisioned.analyticsQueueUrl === undefined) throw new Error('no signup fan-out in the template');
  result = await runFanoutVariant({
    sqs,
    sns,
    topicArn: provisioned.signupTopicArn,
    subscribers: { email: provisioned.emailQueueUrl, analytics: provisioned.analyticsQueueUrl },
    runId: 'integ',
    signups: 40,
  });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  sqs?.destroy();
  sns?.destroy();
  await emulator?.stop();
});

describe('SignupFanout on fauxqs', () => {
  it('publishes every signup and delivers a copy to every subscriber its filter policy admits', () => {
    expect(result.finished).toBe(true);
    expect(result.published).toBe(40);
    expect(result.subscribers.analytics).toMatchObject({ received: 40, expected: 40 });
    // Every 4th signup opted out of email: the filter policy keeps it off the email queue.
    expect(result.subscribers.email).toMatchObject({ received: 30, expected: 30 });
  });

  it('consumes each copy once, and then it is gone (no replay)', () => {
    for (const subscriber of Object.values(result.subscribers)) {
      expect(subscriber).toMatchObject({ duplicates: 0, leftAfterRun: 0 });
    }
  });

  it('lets analytics consume all of its copies while the email subscriber is failing', () => {
    expect(result.subscribers.email.failedAttempts).toBeGreaterThan(0);
    expect(result.emailConsumedWhenAnalyticsDone).toBe(0);
  });
});
