/** SQS service limits the worker and the producer size themselves by (checked November 2026). */

/** SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch and ReceiveMessage: 10 entries per call. */
export const SQS_MAX_BATCH_ENTRIES = 10;
/** Largest message, and largest total payload of one batch call: 1 MiB. */
export const SQS_MAX_MESSAGE_BYTES = 1_048_576;
/** Longest long poll: 20 s. */
export const SQS_MAX_WAIT_TIME_SECONDS = 20;
