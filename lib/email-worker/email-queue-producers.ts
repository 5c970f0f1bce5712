/**
 * Who may enqueue email jobs. A queue policy that only denies non-TLS access leaves sending to IAM:
 * any principal of the account whose identity policy allows `sqs:SendMessage` on the queue (for
 * example through `sqs:*` on `*`) can enqueue, which makes the worker a mail relay for the account.
 * With named producers, the queue policy denies `sqs:SendMessage` (which also authorizes
 * SendMessageBatch) to every other principal and grants it to the producers.
 *
 * Only SendMessage is denied: consumers keep receiving, deleting and changing visibility, and
 * administrators keep managing the queue and its policy. The account root user stays exempt, as
 * a break-glass path.
 */
import { Aws } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { InvalidPropError } from '../common/invalid-prop-error';

/** Lets only `producers` (and the account root user) send to `queue`, and grants them SendMessage. */
export function restrictQueueToProducers(queue: IQueue, producers: readonly IGrantable[]): void {
  if (producers.length === 0) {
    throw new InvalidPropError('EmailWorkerStack', 'producers', '[]',
      'at least one principal, or left unset (an empty list would let nobody but the account root user enqueue)');
  }
  const producerArns = producers.flatMap(principalArnsOf);
  const accountRoot = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root`;
  queue.addToResourcePolicy(new PolicyStatement({
    sid: 'DenySendToAllButProducers',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ['sqs:SendMessage'],
    resources: [queue.queueArn],
    // aws:PrincipalArn is the role ARN for a role session. A request without it (an AWS service
    // sending on its own behalf) matches ArnNotEquals too, so it is denied as well.
    conditions: { ArnNotEquals: { 'aws:PrincipalArn': [...producerArns, accountRoot] } },
  }));
  for (const producer of producers) queue.grantSendMessages(producer);
}

/** The ARNs `aws:PrincipalArn` takes for `producer`: IAM roles, users and ARN principals. */
function principalArnsOf(producer: IGrantable): string[] {
  const arns = producer.grantPrincipal.policyFragment.principalJson.AWS ?? [];
  if (arns.length === 0) {
    throw new InvalidPropError('EmailWorkerStack', 'producers', producer.grantPrincipal.toString(),
      'IAM roles, users or ARN principals (aws:PrincipalArn names them); a service principal has no principal ARN');
  }
  return arns;
}
