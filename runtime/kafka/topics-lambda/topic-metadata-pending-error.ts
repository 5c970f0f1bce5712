/**
 * The broker answered a topic's metadata without the topic, although it exists (the controller
 * said TOPIC_ALREADY_EXISTS): the broker's metadata has not caught up with its controller yet.
 * Retriable, like Kafka's own UNKNOWN_TOPIC_OR_PARTITION, which it stands for.
 */
export class TopicMetadataPendingError extends Error {
  // A literal, not the class name: the Lambda bundle is minified.
  override readonly name = 'TopicMetadataPendingError';
  /** Read by the retry decision, the same flag @platformatic/kafka's errors carry. */
  readonly canRetry = true;
  /** Kafka's id for the condition, so failures read like the broker's own. */
  readonly apiId = 'UNKNOWN_TOPIC_OR_PARTITION';

  constructor(readonly topic: string, options?: ErrorOptions) {
    super(`the broker's metadata does not list topic ${topic} yet`, options);
  }
}
