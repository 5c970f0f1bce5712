/**
 * The email worker's deployment choices, one list each: the stacks read them from context, the
 * local harness from its flags, the tests iterate over them.
 */

/** The email worker's consumer runtimes. */
export const EMAIL_CONSUMER_MODES = ['fargate', 'lambda'] as const;
/** One of {@link EMAIL_CONSUMER_MODES}. */
export type EmailConsumerMode = (typeof EMAIL_CONSUMER_MODES)[number];
/** The stacks' default consumer runtime. */
export const DEFAULT_EMAIL_CONSUMER_MODE: EmailConsumerMode = 'fargate';

/** The email jobs queue's types: SQS standard (at-least-once, best-effort order) or FIFO (order per group, dedup). */
export const EMAIL_QUEUE_TYPES = ['standard', 'fifo'] as const;
/** One of {@link EMAIL_QUEUE_TYPES}. */
export type EmailQueueType = (typeof EMAIL_QUEUE_TYPES)[number];
/** The stacks' default queue type. */
export const DEFAULT_EMAIL_QUEUE_TYPE: EmailQueueType = 'standard';
