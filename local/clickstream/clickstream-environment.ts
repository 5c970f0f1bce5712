/**
 * The embedded environment of the clickstream pattern: starts kinesis-local, fauxqs and dynalite,
 * synthesizes ClickstreamStack in-process, provisions what the template declares (stream, EFO
 * consumer, on-failure queues, session table) and loads the real handlers with the environment the
 * template gives them. The Firehose archive's bucket is created on fauxqs's S3 and its delivery
 * settings read, for the local archive delivery runner. Everything it starts, `stop()` stops.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { App } from 'aws-cdk-lib';
import { readProcessorSettings } from '../../runtime/clickstream/processor-lambda/settings-reader';
import { CLICKSTREAM_OUTPUTS } from '../../lib/clickstream/output-names';
import { stackName } from '../../lib/common/stack-name';
import { buildQueueOrStreamApp, CLICKSTREAM_PATTERN } from '../../lib/queue-or-stream-app';
import { deliveryStreamsReading, type DeliveryStreamSettings } from './archive/delivery-stream-settings';
import { TableProvisioner } from '../provisioning/table-provisioner';
import type { RunningEmulator } from '../emulators/child-emulator';
import { startDynamoDbEmulator } from '../emulators/dynamodb-emulator';
import { startKinesisEmulator } from '../emulators/kinesis-emulator';
import { startSqsEmulator } from '../emulators/sqs-emulator';
import { startAllOrNothing } from '../emulators/start-all-or-nothing';
import {
  EMULATOR_REGION,
  emulatorDynamoDbClient,
  emulatorEnvironment,
  emulatorKinesisClient,
  emulatorS3Client,
  emulatorSqsClient,
  type EmulatorEndpoints,
} from '../emulators/emulator-clients';
import type { KinesisHandler } from './kinesis-event-source/kinesis-event-source-runner';
import { kinesisMappings, type LocalKinesisMapping } from './kinesis-event-source/kinesis-mappings';
import { StreamProvisioner } from '../provisioning/stream-provisioner';
import { QueueProvisioner } from '../provisioning/queue-provisioner';
import type { CfnTemplate } from '../provisioning/cfn-template';
import { resolveToString, type ResolutionScope } from '../provisioning/intrinsic-resolver';
import { newRunPrefix } from '../provisioning/physical-names';
import { provisionTemplate } from '../provisioning/provision-template';
import { BucketProvisioner } from '../provisioning/s3-bucket-provisioner';
import { synthesizeTemplates, templateOf } from '../provisioning/synthesize-templates';
import { MalformedTemplateError } from '../provisioning/template-errors';
import { formatUnemulatedResourceTypes, unemulatedResourceTypes } from '../provisioning/unemulated-resources';
import { ConfigurationError } from '../../runtime/shared/errors';

/** Options of the environment. */
export interface ClickstreamEnvironmentOptions {
  /** Powertools log level of the handlers. @default 'ERROR' (tests stay quiet; npm run dev passes 'WARN') */
  readonly handlerLogLevel?: string;
  /** The handlers print their EMF metric lines (for a reader of this process's stdout). @default false: they would only flood it */
  readonly emitMetrics?: boolean;
}

/** A running environment. */
export interface ClickstreamEnvironment {
  readonly region: string;
  readonly kinesisEndpoint: string;
  readonly kinesis: KinesisClient;
  readonly sqs: SQSClient;
  readonly dynamoDb: DynamoDBClient;
  /** Path-style client of fauxqs's S3 (the same endpoint as SQS). */
  readonly s3: S3Client;
  /** fauxqs: SQS and S3. */
  readonly sqsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly streamName: string;
  readonly streamArn: string;
  readonly sessionTableName: string;
  readonly sessionTimeoutSeconds: number;
  readonly processorFailureQueueUrl: string;
  /** Answers `Ref`/`Fn::GetAtt` for everything provisioned (e.g. on-failure queue ARN → URL). */
  readonly scope: ResolutionScope;
  /** The standard-iterator mapping of the processor. */
  readonly processor: LocalKinesisMapping;
  /** The enhanced fan-out mapping of the dashboard. */
  readonly dashboard: LocalKinesisMapping;
  /** The Firehose archive's settings as declared (its bucket is provisioned on fauxqs's S3). */
  readonly archive: DeliveryStreamSettings;
  readonly processorHandler: KinesisHandler;
  readonly dashboardHandler: KinesisHandler;
  /** Provisioning notes (what differs from AWS), then `not emulated: ...` lines. */
  readonly report: readonly string[];
  stop(): Promise<void>;
}

/** The template lacks a consumer the pattern needs. */
export class ClickstreamMappingMissingError extends ConfigurationError {
  constructor(readonly consumer: string) {
    super(`the synthesized ClickstreamStack has no ${consumer} Kinesis event source mapping`);
  }
}

/** The template has no Firehose delivery stream reading the clickstream. */
export class ClickstreamArchiveMissingError extends ConfigurationError {
  constructor() {
    super('the synthesized ClickstreamStack has no Firehose delivery stream (Kinesis source, S3 destination) reading its stream');
  }
}

/**
 * Synthesizes the app as `cdk synth` would (the same context parsing, stack names and cdk-nag checks;
 * asset bundling skipped) and returns the clickstream stack's template.
 */
function synthesizeClickstreamTemplate(context: Readonly<Record<string, unknown>> = {}): CfnTemplate {
  const templates = synthesizeTemplates({
    buildApp: (app: App) => void buildQueueOrStreamApp(app, {}),
    context,
  });
  const stage = context['stage'];
  return templateOf(templates, stackName(CLICKSTREAM_PATTERN, typeof stage === 'string' ? stage : undefined));
}

function outputValue(template: CfnTemplate, scope: ResolutionScope, key: string): string {
  const output = template.Outputs?.[key];
  if (output === undefined) throw new MalformedTemplateError(`Outputs.${key}`, 'a stack output');
  return resolveToString(output.Value, scope, `Outputs.${key}.Value`);
}

function handlerEnvironment(mappings: readonly LocalKinesisMapping[], endpoints: EmulatorEndpoints, options: ClickstreamEnvironmentOptions): Record<string, string> {
  return {
    ...Object.assign({}, ...mappings.map((mapping) => mapping.function.environment)),
    ...emulatorEnvironment(endpoints),
    POWERTOOLS_METRICS_DISABLED: options.emitMetrics === true ? 'false' : 'true',
    POWERTOOLS_LOG_LEVEL: options.handlerLogLevel ?? 'ERROR',
  };
}

/** What plays the resources the emulators do not have. */
const SUBSTITUTED_TYPES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'handler run in-process',
  'AWS::Lambda::EventSourceMapping': 'played by the local Kinesis event-source runner',
  'AWS::KinesisFirehose::DeliveryStream': 'played by the local archive delivery runner',
};

/** Creates what the template declares on the emulators, under a fresh name prefix. */
function provisionClickstream(template: CfnTemplate, clients: { kinesis: KinesisClient; sqs: SQSClient; dynamoDb: DynamoDBClient; s3: S3Client }) {
  const namePrefix = newRunPrefix();
  const provisioners = [
    new StreamProvisioner({ kinesis: clients.kinesis, namePrefix }),
    new QueueProvisioner({ sqs: clients.sqs, namePrefix }),
    new TableProvisioner({ dynamoDb: clients.dynamoDb, namePrefix }),
    new BucketProvisioner({ s3: clients.s3, namePrefix }),
  ];
  return provisionTemplate(template, provisioners, { region: EMULATOR_REGION });
}

/** The consumers the template declares: both Kinesis mappings and the Firehose archive. */
function consumersOf(template: CfnTemplate, scope: ResolutionScope) {
  const mappings = kinesisMappings(template, scope);
  const processor = mappings.find((mapping) => !mapping.enhancedFanOut);
  const dashboard = mappings.find((mapping) => mapping.enhancedFanOut);
  if (processor === undefined) throw new ClickstreamMappingMissingError('processor (standard iterator)');
  if (dashboard === undefined) throw new ClickstreamMappingMissingError('dashboard (enhanced fan-out)');
  const [archive] = deliveryStreamsReading(template, scope, processor.streamArn);
  if (archive === undefined) throw new ClickstreamArchiveMissingError();
  return { mappings, processor, dashboard, archive };
}

/** Starts Kinesis, SQS (which also serves S3) and DynamoDB emulators with a client for each; both lists get what to stop. */
async function startClickstreamEmulators(emulators: RunningEmulator[], clients: { destroy(): void }[]) {
  const [kinesisEmulator, sqsEmulator, dynamoDbEmulator] = await startAllOrNothing([startKinesisEmulator(), startSqsEmulator(), startDynamoDbEmulator()]);
  emulators.push(kinesisEmulator, sqsEmulator, dynamoDbEmulator);
  const kinesis = emulatorKinesisClient(kinesisEmulator.endpoint);
  const sqs = emulatorSqsClient(sqsEmulator.endpoint);
  const dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint);
  const s3 = emulatorS3Client(sqsEmulator.endpoint);
  clients.push(kinesis, sqs, dynamoDb, s3);
  return {
    endpoints: { kinesis: kinesisEmulator.endpoint, sqs: sqsEmulator.endpoint, dynamoDb: dynamoDbEmulator.endpoint },
    kinesis,
    sqs,
    dynamoDb,
    s3,
  };
}

/** Starts the emulators, provisions the stack's resources and loads the handlers. */
export async function startClickstreamEnvironment(options: ClickstreamEnvironmentOptions = {}): Promise<ClickstreamEnvironment> {
  const template = synthesizeClickstreamTemplate();
  const emulators: RunningEmulator[] = [];
  const savedEnvironment = { ...process.env };
  const clients: { destroy(): void }[] = [];
  const stopAll = async (): Promise<void> => {
    clients.forEach((client) => client.destroy());
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    for (const key of Object.keys(process.env)) if (!(key in savedEnvironment)) delete process.env[key];
    Object.assign(process.env, savedEnvironment);
  };
  try {
    const { endpoints, ...emulatorClients } = await startClickstreamEmulators(emulators, clients);
    const { kinesis, sqs, dynamoDb, s3 } = emulatorClients;
    const provisioned = await provisionClickstream(template, emulatorClients);
    const { mappings, processor, dashboard, archive } = consumersOf(template, provisioned.scope);

    Object.assign(process.env, handlerEnvironment(mappings, endpoints, options));
    // Imported only now: Powertools reads its settings when the handler module loads.
    const processorModule = await import('../../runtime/clickstream/processor-lambda/handler');
    const dashboardModule = await import('../../runtime/clickstream/dashboard-lambda/handler');

    return {
      region: EMULATOR_REGION,
      kinesisEndpoint: endpoints.kinesis,
      kinesis,
      sqs,
      dynamoDb,
      s3,
      sqsEndpoint: endpoints.sqs,
      dynamoDbEndpoint: endpoints.dynamoDb,
      streamName: outputValue(template, provisioned.scope, CLICKSTREAM_OUTPUTS.streamName),
      streamArn: outputValue(template, provisioned.scope, CLICKSTREAM_OUTPUTS.streamArn),
      sessionTableName: outputValue(template, provisioned.scope, CLICKSTREAM_OUTPUTS.sessionTableName),
      sessionTimeoutSeconds: readProcessorSettings(processor.function.environment).sessionTimeoutSeconds,
      processorFailureQueueUrl: outputValue(template, provisioned.scope, CLICKSTREAM_OUTPUTS.processorFailureQueueUrl),
      scope: provisioned.scope,
      processor,
      dashboard,
      archive,
      processorHandler: processorModule.handler,
      dashboardHandler: dashboardModule.handler,
      report: [...provisioned.notes, ...formatUnemulatedResourceTypes(unemulatedResourceTypes(template, { emulatedTypes: provisioned.emulatedTypes, substitutedTypes: SUBSTITUTED_TYPES }))],
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
