/**
 * The DLQ copy of a permanently failed job, against fauxqs (it checks sizes like SQS, attributes
 * included): the producer's headroom makes every accepted job fit its DLQ copy, a reason that does
 * not fit is dropped rather than the job, and the reason is always text SQS accepts.
 */
import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEAD_LETTER_ATTRIBUTES, MAX_FAILURE_REASON_BYTES } from '../../runtime/email-worker/dead-letter-attributes';
import { maxJobBodyBytes } from '../../runtime/email-worker/enqueue-emails';
import { PermanentJobError } from '../../runtime/email-worker/errors';
import { parseEmailJob } from '../../runtime/email-worker/job';
import { MessageDisposition } from '../../runtime/email-worker/message-disposition';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { findSqsRefusedCharacter } from '../../runtime/shared/sqs-poller/sqs-text';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import { emulatorSqsClient } from '../../local/emulators/emulator-clients';

/** A body of exactly `bytes` UTF-8 bytes that is not a valid job. */
const bodyOf = (bytes: number) => 'x'.repeat(bytes);

describe('dead-letter copies on fauxqs', () => {
  let emulator: RunningEmulator;
  let sqs: SQSClient;
  let deadLetterQueueUrl: string;
  let disposition: MessageDisposition;
  let sequence = 0;

  beforeAll(async () => {
    emulator = await startSqsEmulator();
    sqs = emulatorSqsClient(emulator.endpoint);
  });

  beforeEach(async () => {
    sequence += 1;
    const created = await sqs.send(new CreateQueueCommand({ QueueName: `dead-letter-copy-${process.pid}-${sequence}` }));
    deadLetterQueueUrl = created.QueueUrl ?? '';
    disposition = new MessageDisposition({ sqs, queueUrl: 'unused-for-permanent-failures', deadLetterQueueUrl, retryBaseDelaySeconds: 1 });
  });

  afterEach(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: deadLetterQueueUrl }));
  });

  afterAll(async () => {
    sqs?.destroy();
    await emulator?.stop();
  });

  async function deadLettered() {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }),
    );
    return Messages;
  }

  it('refuses a 1 MiB body with the DLQ attributes (why the producer keeps headroom)', async () => {
    const send = sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MessageBody: bodyOf(SQS_LIMITS.maxMessageBytes),
        MessageAttributes: { [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: 'm-1' } },
      }),
    );
    await expect(send).rejects.toThrow(/Message must be shorter than/);
  });

  it('copies the largest body the producer accepts, with the longest reason, to the DLQ', async () => {
    // Prepare
    const message = { messageId: 'm-largest', body: bodyOf(maxJobBodyBytes(SQS_LIMITS.maxMessageBytes)), receiptHandle: 'rh', receiveCount: 1 };
    const longReason = 'é'.repeat(MAX_FAILURE_REASON_BYTES);
    // Act
    const outcome = await disposition.settleFailure(message, new PermanentJobError(message.messageId, longReason));
    // Assert
    expect(outcome).toMatchObject({ kind: 'dead-lettered' });
    expect(outcome).not.toHaveProperty('reasonDropped');
    const [copy] = await deadLettered();
    expect(copy?.Body?.length).toBe(message.body.length);
    expect(Buffer.byteLength(copy?.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue ?? '', 'utf8')).toBe(MAX_FAILURE_REASON_BYTES);
  });

  it('drops the reason, never the job, when the copy with it would not fit', async () => {
    // Prepare: a message some other producer sent, 1 MiB minus room for the source id only
    const message = { messageId: 'm-full', body: bodyOf(SQS_LIMITS.maxMessageBytes - 200), receiptHandle: 'rh', receiveCount: 1 };
    // Act
    const outcome = await disposition.settleFailure(message, new PermanentJobError(message.messageId, 'r'.repeat(500)));
    // Assert
    expect(outcome).toMatchObject({ kind: 'dead-lettered', reasonDropped: expect.stringMatching(/shorter than/) });
    const copies = await deadLettered();
    expect(copies).toHaveLength(1);
    expect(copies[0]?.MessageAttributes).toEqual({
      [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: expect.objectContaining({ StringValue: 'm-full' }),
    });
  });

  it('stores a reason split inside a surrogate pair by JSON.parse as well-formed, single-line text', async () => {
    // Prepare: Node quotes the first characters of the bad body and cuts an emoji in half
    const body = `x${'\u{1F600}'.repeat(30)}`;
    let error: unknown;
    try {
      parseEmailJob(body, 'm-emoji');
    } catch (caught) {
      error = caught;
    }
    expect((error as PermanentJobError).reason).toMatch(/\p{Cs}/u);
    // Act
    await disposition.settleFailure({ messageId: 'm-emoji', body: 'placeholder', receiptHandle: 'rh', receiveCount: 1 }, error);
    // Assert
    const [copy] = await deadLettered();
    const reason = copy?.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue ?? '';
    expect(reason).toMatch(/^malformed JSON: Unexpected token/);
    expect(reason).not.toMatch(/\p{Cs}/u);
    expect(findSqsRefusedCharacter(reason)).toBeUndefined();
  });
});
