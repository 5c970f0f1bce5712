/**
 * A Kafka admin call of the topics custom resource failed for good: a permanent broker error, or a
 * retriable one that outlasted the retries. The message names the topic, the call and each Kafka
 * error code, because it is what CloudFormation shows as the stack event's reason.
 */
import { EnvironmentError } from '../../shared/errors';
import { describeKafkaFailures, type KafkaFailure } from './kafka-failures';

export class TopicAdminError extends EnvironmentError {
  // A literal, not the class name: the Lambda bundle is minified.
  override readonly name = 'TopicAdminError';

  constructor(
    /** What was being done, e.g. `topic events: CreateTopics`. */
    readonly step: string,
    /** The failures of the last attempt. */
    readonly failures: readonly KafkaFailure[],
    /** Attempts made, the first included. */
    readonly attempts: number,
    /** Why no further attempt was made. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${step} failed after ${attempts} attempt${attempts === 1 ? '' : 's'} (${reason}): ${describeKafkaFailures(failures)}`, options);
  }

  /** The Kafka error ids of the last attempt, e.g. `['NOT_CONTROLLER']`. */
  get kafkaErrorIds(): string[] {
    return [...new Set(this.failures.map((failure) => failure.id))];
  }
}
