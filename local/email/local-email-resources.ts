/**
 * Synthesizes EmailWorkerStack for one consumer mode and provisions its queues and table on the
 * emulators. Returns what the consumers need: their resolved environment, and in lambda mode the
 * function's timeout and the event-source mapping's settings, all read from the template.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { stackName } from '../../lib/common/stack-name';
import { buildQueueOrStreamApp, EMAIL_WORKER_PATTERN } from '../../lib/queue-or-stream-app';
import { TableProvisioner } from '../provisioning/table-provisioner';
import { QueueProvisioner } from '../provisioning/queue-provisioner';
import { sqsEventSourceSettings, type SqsEventSourceSettings } from './sqs-event-source/sqs-event-source-settings';
import { ecsContainers, eventSourceMappings, lambdaFunctions } from '../provisioning/compute-resources';
import { newRunPrefix } from '../provisioning/physical-names';
import { provisionTemplate } from '../provisioning/provision-template';
import { synthesizeTemplates, templateOf } from '../provisioning/synthesize-templates';
import { formatUnemulatedResourceTypes, unemulatedResourceTypes } from '../provisioning/unemulated-resources';
import type { CfnTemplate } from '../provisioning/cfn-template';
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import { ConfigurationError } from '../../runtime/shared/errors';


/** Inputs of the local email stack. */
export interface LocalEmailResourcesProps {
  readonly consumers: EmailConsumerMode;
  readonly sqs: SQSClient;
  readonly dynamoDb: DynamoDBClient;
  /** Extra CDK context (e.g. `emailJobTimeoutSeconds`). @default {} */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** Lambda mode: the function and its SQS mapping, as declared. */
export interface LocalLambdaConsumer {
  readonly functionName: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number | undefined;
  readonly queueArn: string;
  readonly settings: SqsEventSourceSettings;
}

/** What the consumers run with. */
export interface LocalEmailResources {
  /** The consumer's environment, intrinsics resolved to the local resources. */
  readonly environment: Readonly<Record<string, string>>;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly idempotencyTableName: string;
  /** Fargate mode: SIGTERM-to-SIGKILL grace of the container. @default undefined in lambda mode */
  readonly stopTimeoutSeconds: number | undefined;
  /** Lambda mode only. */
  readonly lambda: LocalLambdaConsumer | undefined;
  /** `not emulated: ...` lines and provisioning notes, to print. */
  readonly environmentReport: readonly string[];
}

/** The template lacks something the email consumers need. */
export class EmailTemplateError extends ConfigurationError {
  constructor(
    readonly consumers: EmailConsumerMode,
    readonly problem: string,
  ) {
    super(`EmailWorkerStack (${consumers}) template: ${problem}`);
  }
}

/** The sender address used locally when the context gives none (the SMTP sink accepts any). */
const LOCAL_EMAIL_FROM = 'sender@example.com';

function emailTemplate(props: LocalEmailResourcesProps): CfnTemplate {
  const templates = synthesizeTemplates({
    buildApp: (app) => {
      buildQueueOrStreamApp(app, {});
    },
    context: { emailFrom: LOCAL_EMAIL_FROM, ...props.context, emailConsumers: props.consumers },
  });
  const stage = props.context?.['stage'];
  return templateOf(templates, stackName(EMAIL_WORKER_PATTERN, typeof stage === 'string' ? stage : undefined));
}

function requireVariable(environment: Readonly<Record<string, string>>, name: string, consumers: EmailConsumerMode): string {
  const value = environment[name];
  if (value === undefined) throw new EmailTemplateError(consumers, `the consumer has no ${name} variable`);
  return value;
}

/** Synthesizes, provisions, and resolves the consumer's settings. */
export async function provisionLocalEmailResources(props: LocalEmailResourcesProps): Promise<LocalEmailResources> {
  const template = emailTemplate(props);
  const namePrefix = newRunPrefix();
  const provisioned = await provisionTemplate(template, [
    new QueueProvisioner({ sqs: props.sqs, namePrefix }),
    new TableProvisioner({ dynamoDb: props.dynamoDb, namePrefix }),
  ]);
  const environmentReport = [
    ...formatUnemulatedResourceTypes(
      unemulatedResourceTypes(template, {
        emulatedTypes: provisioned.emulatedTypes,
        substitutedTypes: {
          'AWS::Lambda::Function': 'its handler runs in the local SQS event-source runner',
          'AWS::Lambda::EventSourceMapping': 'followed by the local SQS event-source runner',
          'AWS::ECS::TaskDefinition': 'its worker runs as a local child process',
          'AWS::ECS::Service': 'N local worker processes',
        },
      }),
    ),
    ...provisioned.notes,
  ];

  let environment: Readonly<Record<string, string>>;
  let stopTimeoutSeconds: number | undefined;
  let lambda: LocalLambdaConsumer | undefined;
  if (props.consumers === 'lambda') {
    const [mapping, ...otherMappings] = eventSourceMappings(template, provisioned.scope);
    if (mapping === undefined || otherMappings.length > 0) throw new EmailTemplateError('lambda', 'expected exactly one event-source mapping');
    const fn = lambdaFunctions(template, provisioned.scope).find(({ logicalId }) => logicalId === mapping.functionLogicalId);
    if (fn === undefined) throw new EmailTemplateError('lambda', `mapping ${mapping.logicalId} targets no function in the template`);
    environment = fn.environment;
    lambda = {
      functionName: fn.logicalId,
      timeoutSeconds: fn.timeoutSeconds,
      memorySizeMb: fn.memorySizeMb,
      queueArn: mapping.eventSourceArn,
      settings: sqsEventSourceSettings(mapping),
    };
  } else {
    const [container, ...otherContainers] = ecsContainers(template, provisioned.scope);
    if (container === undefined || otherContainers.length > 0) throw new EmailTemplateError('fargate', 'expected exactly one container');
    environment = container.environment;
    stopTimeoutSeconds = container.stopTimeoutSeconds;
  }
  return {
    environment,
    queueUrl: requireVariable(environment, EMAIL_WORKER_ENV.queueUrl, props.consumers),
    deadLetterQueueUrl: requireVariable(environment, EMAIL_WORKER_ENV.deadLetterQueueUrl, props.consumers),
    idempotencyTableName: requireVariable(environment, EMAIL_WORKER_ENV.idempotencyTableName, props.consumers),
    stopTimeoutSeconds,
    lambda,
    environmentReport,
  };
}
