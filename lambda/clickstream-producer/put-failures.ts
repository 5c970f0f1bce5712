/** How the producer classifies a failed PutRecords entry or call. */

/** Why one entry was not written, and whether trying again can help. */
export interface EntryFailure {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly retryable: boolean;
}

/** Error code of events held back because an earlier event of the same user was undeliverable. */
export const PRECEDING_RECORD_UNDELIVERABLE = 'PrecedingRecordUndeliverable';

/** Call-level errors that are worth another try after a backoff (the SDK already retried them briefly). */
const RETRYABLE_CALL_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'KMSThrottlingException',
  'InternalFailure',
  'InternalFailureException',
  'ServiceUnavailable',
  'ThrottlingException',
]);

/**
 * Classifies an error thrown by a whole PutRecords call. Throttling, server errors (5xx) and network
 * errors (no HTTP response) are retryable; anything else (ResourceNotFound, AccessDenied,
 * ValidationException, …) would fail again the same way.
 */
export function describeCallFailure(error: unknown): EntryFailure {
  if (!(error instanceof Error)) return { errorCode: 'UnknownError', errorMessage: String(error), retryable: true };
  const statusCode = httpStatusCode(error);
  const retryable = RETRYABLE_CALL_ERRORS.has(error.name) || statusCode === undefined || statusCode >= 500;
  return { errorCode: error.name, errorMessage: error.message, retryable };
}

function httpStatusCode(error: Error): number | undefined {
  if (!('$metadata' in error)) return undefined;
  const metadata = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('httpStatusCode' in metadata)) return undefined;
  return typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}
