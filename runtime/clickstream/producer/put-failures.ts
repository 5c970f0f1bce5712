/** How the producer classifies a failed PutRecords entry or call. */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/** Why one entry was not written, and whether trying again can help. */
export interface EntryFailure {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly retryable: boolean;
}

/** Error code of events held back because an earlier event of the same user was undeliverable. */
export const PRECEDING_RECORD_UNDELIVERABLE = 'PrecedingRecordUndeliverable';

/**
 * Call-level error names worth another try besides what the SDK's own classification knows
 * (`@smithy/core/retry`): KMS throttling and Kinesis' InternalFailure spellings.
 */
const RETRYABLE_CALL_ERRORS = new Set(['KMSThrottlingException', 'InternalFailure', 'InternalFailureException', 'ServiceUnavailable']);

type SdkErrorLike = Parameters<typeof isTransientError>[0];

/**
 * Classifies an error thrown by a whole PutRecords call with the SDK's own retry classification:
 * throttling, transient (timeouts, connection resets, 5xx) and server errors are retryable.
 * Anything else would fail again the same way: a missing region or credentials (the request never
 * left), ResourceNotFound, AccessDenied, ValidationException...
 */
export function describeCallFailure(error: unknown): EntryFailure {
  if (!(error instanceof Error)) return { errorCode: 'UnknownError', errorMessage: String(error), retryable: false };
  const sdkError = error as SdkErrorLike;
  const retryable =
    isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError) || RETRYABLE_CALL_ERRORS.has(error.name);
  return { errorCode: error.name, errorMessage: error.message, retryable };
}
