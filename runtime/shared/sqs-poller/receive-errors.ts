/**
 * Which ReceiveMessage failures are worth another try. The SDK's own retry classification
 * (`@smithy/core/retry`) decides for throttling, timeouts, network and 5xx errors; only the SQS
 * names it does not know are listed here.
 */
import { ConfigurationError } from '../errors';
import { isClockSkewCorrectedError, isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/**
 * SQS client faults a later retry can clear that the SDK's classification does not name: KMS
 * throttling (`KmsThrottled`, `KMS.ThrottlingException`), the in-flight limit (`OverLimit`: 120,000
 * messages per standard queue) and token expiry the credential provider refreshes by itself.
 */
const SQS_TRANSIENT_CLIENT_FAULTS: ReadonlySet<string> = new Set([
  'KmsThrottled',
  'KMS.ThrottlingException',
  'OverLimit',
  'RequestExpired',
  'RequestTimeTooSkewed',
  'ExpiredToken',
  'ExpiredTokenException',
]);

type SdkErrorLike = Parameters<typeof isTransientError>[0];

/**
 * A receive failure retrying cannot fix: the task is misconfigured (no such queue, no access) and
 * should fail its deployment. A configuration error: exit 2.
 */
export class NonRetryableReceiveError extends ConfigurationError {
  // A literal, not the class name: the bundles are minified.
  override readonly name = 'NonRetryableReceiveError';
  /** The SDK's name of the underlying error (`QueueDoesNotExist`, `KmsAccessDenied`, `AccessDeniedException`, ...). */
  readonly errorName: string;
  constructor(
    readonly queueUrl: string,
    override readonly cause: unknown,
  ) {
    const errorName = cause instanceof Error ? cause.name : 'UnknownError';
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`receiving from ${queueUrl} failed with ${errorName}, which retrying cannot fix: ${detail}`, { cause });
    this.errorName = errorName;
  }
}

/**
 * True for a client fault SQS will answer the same way however often it is retried: access denied,
 * a missing queue (`QueueDoesNotExist`, query code `AWS.SimpleQueueService.NonExistentQueue`), KMS
 * access or key problems, `InvalidAddress`, `InvalidSecurity`... Throttling (HTTP 429 under any
 * name), server faults (5xx) and network errors (no `$fault`: no answer at all) are worth a backoff
 * and another try.
 */
export function isNonRetryableReceiveError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { $fault, name, Code } = error as { $fault?: unknown; name?: unknown; Code?: unknown };
  if ($fault !== 'client') return false;
  const sdkError = error as SdkErrorLike;
  if (isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError) || isClockSkewCorrectedError(sdkError)) {
    return false;
  }
  return ![name, Code].some((code) => typeof code === 'string' && SQS_TRANSIENT_CLIENT_FAULTS.has(code));
}
