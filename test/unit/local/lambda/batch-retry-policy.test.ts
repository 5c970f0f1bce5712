import {
  classifyResponse,
  decideNextStep,
  freshBatch,
  splitExpiredRecords,
  type PendingBatch,
  type RetryPolicy,
} from '../../../../local/lambda/batch-retry-policy';

/** Record factory: sequence numbers are the record names here, which keeps assertions readable. */
function batchOf(names: string[], overrides: Partial<PendingBatch<string>> = {}): PendingBatch<string> {
  return { ...freshBatch(names), ...overrides };
}

function policyWith(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { bisectBatchOnFunctionError: false, maximumRetryAttempts: 2, reportBatchItemFailures: true, ...overrides };
}

const SEQUENCE = ['s1', 's2', 's3', 's4'];

describe('classifyResponse (partial batch response rules)', () => {
  it.each([
    ['undefined (void handler)', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('treats %s as a complete success', (_label, response) => {
    expect(classifyResponse(response, SEQUENCE, true)).toEqual({ kind: 'success' });
  });

  it('checkpoints at the lowest reported sequence number, whatever the order of the list', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 's4' }, { itemIdentifier: 's2' }] };

    expect(classifyResponse(response, SEQUENCE, true)).toEqual({ kind: 'partialFailure', firstFailedIndex: 1, failedIndexes: [1, 3] });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a bad key name', { batchItemFailures: [{ itemId: 's2' }] }],
    ['an unknown sequence number', { batchItemFailures: [{ itemIdentifier: 's9' }] }],
    ['a list that is not a list', { batchItemFailures: 's2' }],
  ])('treats %s as a complete failure', (_label, response) => {
    expect(classifyResponse(response, SEQUENCE, true)).toMatchObject({ kind: 'functionError', reason: expect.stringContaining('invalid batch response') });
  });

  it('ignores the response when ReportBatchItemFailures is off', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 's2' }] };

    expect(classifyResponse(response, SEQUENCE, false)).toEqual({ kind: 'success' });
  });
});

describe('decideNextStep', () => {
  it('completes a successful batch', () => {
    expect(decideNextStep(batchOf(SEQUENCE), { kind: 'success' }, policyWith())).toEqual({ kind: 'completed' });
  });

  it('retries only the records from the first failure on, spending one retry', () => {
    const step = decideNextStep(batchOf(SEQUENCE), { kind: 'partialFailure', firstFailedIndex: 2, failedIndexes: [2] }, policyWith());

    expect(step).toEqual({ kind: 'retry', batches: [batchOf(['s3', 's4'], { retriesUsed: 1 })] });
  });

  it('retries only the reported records on Kafka (failedRecordsOnly), and discards only them once retries are spent', () => {
    const outcome = { kind: 'partialFailure', firstFailedIndex: 1, failedIndexes: [1, 3] } as const;
    const kafka = policyWith({ partialBatchRetries: 'failedRecordsOnly', maximumRetryAttempts: 1 });

    const retry = decideNextStep(batchOf(SEQUENCE), outcome, kafka);
    const exhausted = decideNextStep(batchOf(['s2', 's4'], { retriesUsed: 1 }), { kind: 'partialFailure', firstFailedIndex: 0, failedIndexes: [0] }, kafka);

    expect(retry).toEqual({ kind: 'retry', batches: [batchOf(['s2', 's4'], { retriesUsed: 1 })] });
    expect(exhausted).toEqual({ kind: 'discard', batch: batchOf(['s2'], { retriesUsed: 2 }), condition: 'RetryAttemptsExhausted' });
  });

  it('cuts at the returned number (not in halves) on a partial response even with bisect on', () => {
    const step = decideNextStep(
      batchOf(SEQUENCE),
      { kind: 'partialFailure', firstFailedIndex: 1, failedIndexes: [1] },
      policyWith({ bisectBatchOnFunctionError: true }),
    );

    expect(step).toEqual({ kind: 'retry', batches: [batchOf(['s2', 's3', 's4'], { retriesUsed: 1 })] });
  });

  it('bisects a failed batch into ordered halves without spending a retry', () => {
    const step = decideNextStep(
      batchOf(['s1', 's2', 's3', 's4', 's5'], { retriesUsed: 1, invokeCount: 2 }),
      { kind: 'functionError', reason: 'boom' },
      policyWith({ bisectBatchOnFunctionError: true }),
    );

    expect(step).toEqual({
      kind: 'retry',
      batches: [
        batchOf(['s1', 's2', 's3'], { retriesUsed: 1, invokeCount: 2 }),
        batchOf(['s4', 's5'], { retriesUsed: 1, invokeCount: 2 }),
      ],
    });
  });

  it('retries a single failing record (nothing left to bisect) and spends a retry', () => {
    const step = decideNextStep(batchOf(['s3']), { kind: 'functionError', reason: 'boom' }, policyWith({ bisectBatchOnFunctionError: true }));

    expect(step).toEqual({ kind: 'retry', batches: [batchOf(['s3'], { retriesUsed: 1 })] });
  });

  it('retries the whole batch when bisect is off', () => {
    const step = decideNextStep(batchOf(['s1', 's2']), { kind: 'functionError', reason: 'boom' }, policyWith());

    expect(step).toEqual({ kind: 'retry', batches: [batchOf(['s1', 's2'], { retriesUsed: 1 })] });
  });

  it('discards once MaximumRetryAttempts retries have been spent', () => {
    const exhausted = batchOf(['s3'], { retriesUsed: 2, invokeCount: 3 });

    const step = decideNextStep(exhausted, { kind: 'functionError', reason: 'boom' }, policyWith({ maximumRetryAttempts: 2 }));

    expect(step).toEqual({ kind: 'discard', batch: batchOf(['s3'], { retriesUsed: 3, invokeCount: 3 }), condition: 'RetryAttemptsExhausted' });
  });

  it('discards the unprocessed tail of a partial failure once retries are spent', () => {
    const step = decideNextStep(
      batchOf(['s2', 's3'], { retriesUsed: 0 }),
      { kind: 'partialFailure', firstFailedIndex: 1, failedIndexes: [1] },
      policyWith({ maximumRetryAttempts: 0 }),
    );

    expect(step).toEqual({ kind: 'discard', batch: batchOf(['s3'], { retriesUsed: 1 }), condition: 'RetryAttemptsExhausted' });
  });

  it('keeps retrying without limit when MaximumRetryAttempts is -1', () => {
    const step = decideNextStep(batchOf(['s1'], { retriesUsed: 10_000 }), { kind: 'functionError', reason: 'boom' }, policyWith({ maximumRetryAttempts: -1 }));

    expect(step.kind).toBe('retry');
  });

  it('isolates one poison record among eight: every good record completes, only the poison is discarded', () => {
    // Prepare: a handler that fails whenever the batch contains the poison record.
    const policy = policyWith({ bisectBatchOnFunctionError: true, maximumRetryAttempts: 1, reportBatchItemFailures: false });
    const records = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'];
    const completed: string[] = [];
    const discarded: string[] = [];
    let invocations = 0;
    const queue: PendingBatch<string>[] = [freshBatch(records)];

    // Act: drive the state machine as the runner does (front of the queue first).
    while (queue.length > 0) {
      const batch = queue.shift() as PendingBatch<string>;
      invocations += 1;
      const outcome = batch.records.includes('r6') ? ({ kind: 'functionError', reason: 'poison' } as const) : ({ kind: 'success' } as const);
      const step = decideNextStep({ ...batch, invokeCount: batch.invokeCount + 1 }, outcome, policy);
      if (step.kind === 'completed') completed.push(...batch.records);
      if (step.kind === 'retry') queue.unshift(...step.batches);
      if (step.kind === 'discard') discarded.push(...step.batch.records);
    }

    // Assert: order kept, nothing lost, nothing duplicated; 8 → 4 → 2 → 1, then one retry.
    expect(completed).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r7', 'r8']);
    expect(discarded).toEqual(['r6']);
    expect(invocations).toBe(1 + 2 + 2 + 2 + 1);
  });
});

describe('splitExpiredRecords', () => {
  const arrivals: Record<string, number> = { old1: 1_000, old2: 2_000, fresh1: 50_000, fresh2: 60_000 };
  const arrivalOf = (name: string): number => arrivals[name] ?? 0;

  it('splits off the records older than MaximumRecordAgeInSeconds', () => {
    const split = splitExpiredRecords(['old1', 'old2', 'fresh1', 'fresh2'], arrivalOf, 70_000, 60);

    expect(split).toEqual({ expired: ['old1', 'old2'], live: ['fresh1', 'fresh2'] });
  });

  it('keeps everything when the age limit is -1', () => {
    const split = splitExpiredRecords(['old1', 'fresh1'], arrivalOf, 10_000_000, -1);

    expect(split).toEqual({ expired: [], live: ['old1', 'fresh1'] });
  });

  it('expires the whole batch when every record is too old', () => {
    const split = splitExpiredRecords(['old1', 'old2'], arrivalOf, 1_000_000, 60);

    expect(split).toEqual({ expired: ['old1', 'old2'], live: [] });
  });
});
