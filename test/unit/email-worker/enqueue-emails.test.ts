import { DEAD_LETTER_ATTRIBUTE_BYTES } from '../../../runtime/email-worker/dead-letter-attributes';
import { enqueueEmails, maxJobBodyBytes, packBatches } from '../../../runtime/email-worker/enqueue-emails';
import { SQS_LIMITS } from '../../../runtime/shared/aws-limits';
import { InvalidEmailJobsError } from '../../../runtime/email-worker/errors';
import type { EmailJob } from '../../../runtime/email-worker/email-job';
import { recordingSqsClient, type RecordedCommand } from '../../factories/email-fakes';
import { anEmailJob, emailJobs } from '../../factories/email-job';

type BatchEntry = { Id: string; MessageBody: string };

function entriesOf(command: RecordedCommand): BatchEntry[] {
  return command.input.Entries as BatchEntry[];
}

/** SQS accepts every entry. */
function acceptAll(command: RecordedCommand) {
  return { Successful: entriesOf(command).map((entry) => ({ Id: entry.Id })), Failed: [] };
}

const noWait = { baseDelayMs: 0, maxDelayMs: 0 };

describe('enqueueEmails: validation', () => {
  it('sends nothing and lists each bad job with its reasons', async () => {
    // Prepare
    const sqs = recordingSqsClient(acceptAll);
    const jobs = [anEmailJob(), anEmailJob({ to: 'not-an-address' }), anEmailJob(), anEmailJob({ subject: '' })];
    // Act
    const attempt = enqueueEmails(jobs, { queueUrl: 'https://queue', sqs: sqs.client });
    // Assert
    await expect(attempt).rejects.toBeInstanceOf(InvalidEmailJobsError);
    await expect(attempt).rejects.toMatchObject({
      rejected: [
        { index: 1, jobId: jobs[1]?.jobId, problems: ['to is not a valid email address: "not-an-address"'] },
        { index: 3, jobId: jobs[3]?.jobId, problems: ['subject is empty'] },
      ],
    });
    expect(sqs.commands).toEqual([]);
  });

  it('rejects a job whose serialized size exceeds the queue maximum minus the DLQ headroom, in UTF-8 bytes', async () => {
    // Prepare: 300 "é" are 300 characters but 600 bytes; the queue leaves 500 bytes for a body
    const sqs = recordingSqsClient(acceptAll);
    const job = anEmailJob({ body: 'é'.repeat(300) });
    const size = Buffer.byteLength(JSON.stringify(job), 'utf8');
    const maxMessageBytes = DEAD_LETTER_ATTRIBUTE_BYTES + 500;
    // Act
    const attempt = enqueueEmails([job], { queueUrl: 'https://queue', sqs: sqs.client, maxMessageBytes });
    // Assert
    await expect(attempt).rejects.toThrow(
      `serialized job is ${size} bytes, over the 500 bytes allowed: the queue's maximum message size of ${maxMessageBytes} bytes`,
    );
    expect(sqs.commands).toEqual([]);
  });

  it('leaves room for the DLQ attributes: a job of exactly 1 MiB is refused, one at the headroom limit is sent', async () => {
    // Prepare: bodies padded so the serialized jobs are exactly 1 MiB and exactly the allowed size
    const sqs = recordingSqsClient(acceptAll);
    const padTo = (bytes: number, jobId: string) => {
      const job = anEmailJob({ jobId, body: '' });
      return { ...job, body: 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(job), 'utf8')) };
    };
    const oneMiB = padTo(SQS_LIMITS.maxMessageBytes, 'one-mib');
    const atLimit = padTo(maxJobBodyBytes(SQS_LIMITS.maxMessageBytes), 'at-limit');
    // Act
    const refused = enqueueEmails([oneMiB], { queueUrl: 'https://queue', sqs: sqs.client });
    const sent = await enqueueEmails([atLimit], { queueUrl: 'https://queue', sqs: sqs.client });
    // Assert
    await expect(refused).rejects.toThrow(`serialized job is ${SQS_LIMITS.maxMessageBytes} bytes`);
    expect(sent).toEqual({ enqueued: 1, failures: [] });
    expect(maxJobBodyBytes(SQS_LIMITS.maxMessageBytes) + DEAD_LETTER_ATTRIBUTE_BYTES).toBe(SQS_LIMITS.maxMessageBytes);
  });

  it.each([
    ['U+FFFE in the body', { body: 'a\uFFFEb' }, 'body holds a character SQS refuses (U+FFFE at index 1)'],
    ['U+FFFF in the subject', { subject: '\uFFFF' }, 'subject holds a character SQS refuses (U+FFFF at index 0)'],
    ['a lone surrogate in the body', { body: 'x\uD800' }, 'body holds a character SQS refuses (U+D800 at index 1)'],
    ['a vertical tab in the body', { body: 'a\u000Bb' }, 'body holds a character SQS refuses (U+000B at index 1)'],
  ])('refuses %s before sending anything', async (_label, override, problem) => {
    // Prepare
    const sqs = recordingSqsClient(acceptAll);
    const jobs = [anEmailJob(), anEmailJob(override)];
    // Act
    const attempt = enqueueEmails(jobs, { queueUrl: 'https://queue', sqs: sqs.client });
    // Assert
    await expect(attempt).rejects.toMatchObject({ rejected: [{ index: 1, problems: [problem] }] });
    expect(sqs.commands).toEqual([]);
  });

  it('rejects a repeated jobId (the consumer would silently drop the second)', async () => {
    // Prepare
    const sqs = recordingSqsClient(acceptAll);
    const first = anEmailJob();
    // Act
    const attempt = enqueueEmails([first, anEmailJob({ jobId: first.jobId })], { queueUrl: 'https://queue', sqs: sqs.client });
    // Assert
    await expect(attempt).rejects.toThrow('jobId duplicates job #0');
    expect(sqs.commands).toEqual([]);
  });
});

describe('enqueueEmails: sending', () => {
  it('retries only the entries SQS failed on its side, then reports the rest', async () => {
    // Prepare: entry "1" always fails server-side, entry "2" is refused as the sender's fault
    const sqs = recordingSqsClient((command) => {
      const entries = entriesOf(command);
      return {
        Successful: entries.filter((entry) => entry.Id === '0').map((entry) => ({ Id: entry.Id })),
        Failed: entries
          .filter((entry) => entry.Id !== '0')
          .map((entry) =>
            entry.Id === '1'
              ? { Id: '1', Code: 'InternalError', Message: 'try again', SenderFault: false }
              : { Id: '2', Code: 'InvalidParameterValue', Message: 'bad', SenderFault: true },
          ),
      };
    });
    const jobs = emailJobs(3, 'retry');
    // Act
    const result = await enqueueEmails(jobs, { queueUrl: 'https://queue', sqs: sqs.client, maxAttempts: 3, retryBackoff: noWait });
    // Assert
    expect(result).toEqual({
      enqueued: 1,
      failures: [
        { jobId: 'retry-2', code: 'InvalidParameterValue', message: 'bad', senderFault: true },
        { jobId: 'retry-1', code: 'InternalError', message: 'try again', senderFault: false },
      ],
    });
    expect(sqs.commands.map((command) => entriesOf(command).map((entry) => entry.Id))).toEqual([['0', '1', '2'], ['1'], ['1']]);
  });

  it('reports every entry of a call that failed as a whole', async () => {
    // Prepare
    const sqs = recordingSqsClient(() => {
      throw Object.assign(new Error('queue does not exist'), { name: 'QueueDoesNotExist', $fault: 'client' });
    });
    const jobs = emailJobs(2, 'gone');
    // Act
    const result = await enqueueEmails(jobs, { queueUrl: 'https://queue', sqs: sqs.client, retryBackoff: noWait });
    // Assert
    expect(result.failures).toEqual([
      { jobId: 'gone-0', code: 'QueueDoesNotExist', message: 'queue does not exist', senderFault: true },
      { jobId: 'gone-1', code: 'QueueDoesNotExist', message: 'queue does not exist', senderFault: true },
    ]);
    expect(sqs.commands).toHaveLength(1);
  });

  it('sends each job as its JSON body', async () => {
    // Prepare
    const sqs = recordingSqsClient(acceptAll);
    const job: EmailJob = anEmailJob();
    // Act
    await enqueueEmails([job], { queueUrl: 'https://queue', sqs: sqs.client });
    // Assert
    expect(JSON.parse(entriesOf(sqs.commands[0] as RecordedCommand)[0]?.MessageBody ?? '')).toEqual(job);
  });
});

describe('packBatches', () => {
  it('closes a batch at 10 entries', () => {
    const batches = packBatches(Array.from({ length: 25 }, () => ({ bytes: 1 })));
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
  });

  it('closes a batch before its payload would pass the byte limit', () => {
    const batches = packBatches([{ bytes: 400 }, { bytes: 400 }, { bytes: 300 }, { bytes: 100 }], 1000);
    expect(batches.map((batch) => batch.map((entry) => entry.bytes))).toEqual([[400, 400], [300, 100]]);
  });
});
