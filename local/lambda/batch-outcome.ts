/**
 * What the SQS event source does with a batch after the invocation, per the Lambda docs
 * ("Handling errors for an SQS event source in Lambda"):
 * - the function threw (or timed out): the whole batch failed; nothing is deleted and the
 *   messages reappear after the visibility timeout;
 * - without ReportBatchItemFailures: any return deletes the whole batch;
 * - with it: a null/empty response or an empty/null `batchItemFailures` list is full success;
 *   otherwise every `itemIdentifier` must be a message id of the batch, or the whole batch failed;
 *   on a valid report only the messages not listed are deleted.
 */

/** The verdict on one batch. */
export type BatchOutcome =
  | { readonly kind: 'all-succeeded' }
  | { readonly kind: 'partial'; readonly failedMessageIds: ReadonlySet<string> }
  | { readonly kind: 'all-failed'; readonly reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Interprets a handler's return value for a batch of `messageIds`. */
export function interpretBatchResponse(
  response: unknown,
  messageIds: readonly string[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!reportBatchItemFailures || response === undefined || response === null) return { kind: 'all-succeeded' };
  if (!isObject(response)) return { kind: 'all-failed', reason: 'invalid batch response: not an object' };
  const failures = response['batchItemFailures'];
  if (failures === undefined || failures === null) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) return { kind: 'all-failed', reason: 'invalid batch response: batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'all-succeeded' };
  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = isObject(failure) ? failure['itemIdentifier'] : undefined;
    if (typeof id !== 'string' || id === '' || !known.has(id)) {
      return { kind: 'all-failed', reason: `invalid batch response: itemIdentifier ${JSON.stringify(id)} is not a message of this batch` };
    }
    failed.add(id);
  }
  return { kind: 'partial', failedMessageIds: failed };
}
