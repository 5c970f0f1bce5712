/**
 * Who may enqueue email jobs. A queue policy that only denies non-TLS access leaves sending to IAM:
 * any principal of the account whose identity policy allows `sqs:SendMessage` on the queue (for
 * example through `sqs:*` on `*`) can enqueue, which makes the worker a mail relay for the account.
 * With named producers, the queue policy denies `sqs:SendMessage` (which also authorizes
 * SendMessageBatch) to every other principal and allows it to the producers.
 *
 * The producers' rights live in the queue's resource policy (and its KMS key's, for a customer
 * managed key), not in their own IAM policies: a producer role from another stack is then only
 * referenced by this stack, never the other way round, so the two stacks have no dependency cycle.
 *
 * Only SendMessage is denied: consumers keep receiving, deleting and changing visibility, and
 * administrators keep managing the queue and its policy. The account root user stays exempt, as
 * a break-glass path.
 *
 * An AWS service that sends on behalf of one of this stack's resources (the signup fan-out's SNS
 * topic) has no principal ARN, so the Deny would block it too and SNS would quietly dead-letter
 * every delivery. Such senders are exempted by `aws:SourceArn`: AWS sets that key only on
 * service-to-service requests, to the ARN of the resource the service acts for, so no IAM principal
 * can claim it, and SNS sets it to the topic's ARN (the same key SqsSubscription's Allow names).
 */
import { Aws } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { PropProblem } from '../common/invalid-prop-error';

/** What a producer calls: enqueueEmails sends with SendMessageBatch (authorized as SendMessage). */
const PRODUCER_QUEUE_ACTIONS = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
/** SQS encrypts each message with a data key from the queue's customer managed key. */
const PRODUCER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** What is wrong with `producers`, if anything (EmailWorker checks it before building). */
export function producersProblems(producers: readonly IGrantable[]): PropProblem[] {
  if (producers.length === 0) {
    return [{ prop: 'producers', value: '[]',
      rule: 'at least one principal, or left unset (an empty list would let nobody but the account root user enqueue)' }];
  }
  return producers.filter((producer) => principalArnsOf(producer).length === 0).map((producer) => ({
    prop: 'producers', value: producer.grantPrincipal.toString(),
    rule: 'IAM roles, users or ARN principals (aws:PrincipalArn names them); a service principal has no principal ARN',
  }));
}

/**
 * Lets only `producers` (and the account root user) send to `queue`, and allows them to.
 * @param serviceSourceArns resources whose AWS service may still send (an SNS topic subscribed to the queue)
 */
export function restrictQueueToProducers(queue: IQueue, producers: readonly IGrantable[], serviceSourceArns: readonly string[] = []): void {
  const producerArns = producers.flatMap(principalArnsOf);
  const accountRoot = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root`;
  // aws:PrincipalArn is the role ARN for a role session. A request without it (an AWS service
  // sending on a resource's behalf) matches ArnNotEquals too, so it is denied as well, unless its
  // aws:SourceArn is one of serviceSourceArns (keys of one operator are ANDed: both must differ).
  const notProducer: Record<string, string[]> = { 'aws:PrincipalArn': [...producerArns, accountRoot] };
  if (serviceSourceArns.length > 0) notProducer['aws:SourceArn'] = [...serviceSourceArns];
  queue.addToResourcePolicy(new PolicyStatement({
    sid: 'DenySendToAllButProducers',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ['sqs:SendMessage'],
    resources: [queue.queueArn],
    conditions: { ArnNotEquals: notProducer },
  }));
  const principals = producers.map((producer) => producer.grantPrincipal);
  queue.addToResourcePolicy(new PolicyStatement({ sid: 'AllowProducersToSend', principals, actions: PRODUCER_QUEUE_ACTIONS, resources: [queue.queueArn] }));
  // In a key policy, "*" means this key. An imported key's policy cannot be changed: grant there.
  queue.encryptionMasterKey?.addToResourcePolicy(new PolicyStatement({ principals, actions: PRODUCER_KEY_ACTIONS, resources: ['*'] }));
}

/** The ARNs `aws:PrincipalArn` takes for `producer` (IAM roles, users and ARN principals); none for a service. */
function principalArnsOf(producer: IGrantable): string[] {
  return producer.grantPrincipal.policyFragment.principalJson.AWS ?? [];
}
