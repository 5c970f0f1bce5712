/** Delivers on-failure records to an SQS queue, as Lambda does for a `DestinationConfig.OnFailure` queue. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ResolutionScope } from '../../provisioning/intrinsic-resolver';
import type { OnFailureSender } from './kinesis-event-source-runner';
import { ConfigurationError } from '../../../runtime/shared/errors';

/**
 * The destination ARN names no locally provisioned SQS queue (SNS and S3 destinations are not played):
 * the mapping's destination is what the user changes, exit 2.
 */
export class UnknownOnFailureDestinationError extends ConfigurationError {
  constructor(readonly destinationArn: string) {
    super(`on-failure destination ${destinationArn} is not a locally provisioned SQS queue`);
  }
}

/** The URL of the provisioned queue whose `Arn` attribute is `queueArn`. */
export function queueUrlForArn(scope: ResolutionScope, queueArn: string): string {
  for (const resource of scope.resources.values()) {
    if (resource.attributes['Arn'] === queueArn && resource.attributes['QueueUrl'] !== undefined) return resource.attributes['QueueUrl'];
  }
  throw new UnknownOnFailureDestinationError(queueArn);
}

/** A sender that writes each on-failure record as one SQS message (JSON body, like AWS). */
export function sqsOnFailureDestination(sqs: SQSClient, queueUrl: string): OnFailureSender {
  return async (record) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(record) }));
  };
}
