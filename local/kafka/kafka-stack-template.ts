/**
 * The Kafka stack as the local run plays it: the app is synthesized as `cdk synth` would (the same
 * context parsing, stack names and cdk-nag checks; asset bundling skipped), the topics are created
 * on the broker from the template's `AWS::MSK::Topic` resources (or the serverless topics custom
 * resource), and the sessionizer's event-source settings, its on-failure topic and its consumer
 * group come from the template's `AWS::Lambda::EventSourceMapping`. Change a prop in lib/kafka and
 * the local run follows.
 */
import type { App } from 'aws-cdk-lib';
import { stackName } from '../../lib/common/stack-name';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { KAFKA_GROUPS, KAFKA_PATTERN, KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import { ConfigurationError } from '../../runtime/shared/errors';
import type { CfnTemplate } from '../provisioning/cfn-template';
import { eventSourceMappings } from '../provisioning/compute-resources';
import { KafkaTopicProvisioner, type ProvisionedKafkaTopic } from '../provisioning/kafka-topic-provisioner';
import { provisionTemplate } from '../provisioning/provision-template';
import { synthesizeTemplates, templateOf } from '../provisioning/synthesize-templates';
import { formatUnemulatedResourceTypes, unemulatedResourceTypes } from '../provisioning/unemulated-resources';
import { mskEventSourceMappings, type MskEventSourceMapping } from './msk-event-source-settings';

/** Options of {@link provisionKafkaStack}. */
export interface ProvisionKafkaStackOptions {
  readonly bootstrapServers: readonly string[];
  /** Appended to every topic and group name, so several runs share one broker. @default '' */
  readonly suffix?: string;
  /** Partitions of `clickstream` and `clickstream-sessions` instead of the template's (a command-line flag). @default the template's */
  readonly partitions?: number;
  /** Context values, as `-c key=value` gives them (e.g. `{ kafkaPartitions: '4' }`). @default {} */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** Physical topic names of one run. */
export interface ClickstreamTopicNames {
  readonly clickstream: string;
  readonly sessions: string;
  readonly deadLetter: string;
}

/** What the local run uses from the template, with the run's names. */
export interface ProvisionedKafkaStack {
  readonly stackName: string;
  readonly topics: ClickstreamTopicNames;
  /** Every topic created, with its partitions and configs and where the partition count came from. */
  readonly topicSpecs: readonly ProvisionedKafkaTopic[];
  /** The `clickstream` topic as created. */
  readonly clickstream: ProvisionedKafkaTopic;
  /** The sessionizer's mapping, its topic, dead-letter topic and group carrying the run's suffix. */
  readonly sessionizer: MskEventSourceMapping;
  /** Group names of the run. */
  readonly groups: { readonly sessionizer: string; readonly analytics: string };
  /** Where the local resources differ from the template, and the resource types not emulated. */
  readonly notes: readonly string[];
}

/** The template has no MSK mapping or no topic the run needs. */
export class KafkaTemplateIncompleteError extends ConfigurationError {}

/** Types the local run plays rather than creates (listed with the note). */
const SUBSTITUTED_TYPES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'the sessionizer runs in-process under the local MSK event-source runner',
  'AWS::ECS::Service': 'the analytics members run as local processes',
  'AWS::ECS::TaskDefinition': 'the analytics members run as local processes',
  'AWS::DynamoDB::Table': "the local run keeps the sessionizer's sessions in memory",
  'Custom::AWS': "the bootstrap-brokers lookup: the local broker's address stands in",
};

const synthesized = new Map<string, CfnTemplate>();

/** The Kafka stack's template for this context (synthesized once per process and context). */
export function synthesizeKafkaTemplate(context: Readonly<Record<string, unknown>> = {}): { readonly stackName: string; readonly template: CfnTemplate } {
  const stage = context['stage'];
  const name = stackName(KAFKA_PATTERN, typeof stage === 'string' ? stage : undefined);
  const key = JSON.stringify(context);
  let template = synthesized.get(key);
  if (template === undefined) {
    template = templateOf(synthesizeTemplates({ buildApp: (app: App) => void buildQueueOrStreamApp(app, {}), context }), name);
    synthesized.set(key, template);
  }
  return { stackName: name, template };
}

/** Creates the stack's topics on the broker and reads the sessionizer's mapping, for one run. */
export async function provisionKafkaStack(options: ProvisionKafkaStackOptions): Promise<ProvisionedKafkaStack> {
  const suffix = options.suffix ?? '';
  const { stackName: name, template } = synthesizeKafkaTemplate(options.context);
  const overrides = options.partitions === undefined ? undefined : { [KAFKA_TOPICS.clickstream]: options.partitions, [KAFKA_TOPICS.sessions]: options.partitions };
  const provisioner = new KafkaTopicProvisioner({ bootstrapServers: options.bootstrapServers, suffix, ...(overrides === undefined ? {} : { partitionOverrides: overrides }) });
  const provisioned = await provisionTemplate(template, [provisioner]);
  const mapping = mskEventSourceMappings(eventSourceMappings(template, provisioned.scope))[0];
  if (mapping === undefined) throw new KafkaTemplateIncompleteError(`${name} declares no MSK event-source mapping (AWS::Lambda::EventSourceMapping with Topics)`);
  const topic = (templateName: string, role: string): ProvisionedKafkaTopic => {
    const found = provisioner.topics.find((candidate) => candidate.name === templateName);
    if (found === undefined) throw new KafkaTemplateIncompleteError(`${name} declares no ${role} topic "${templateName}"`);
    return found;
  };
  const clickstream = topic(mapping.topic, 'clickstream (the sessionizer mapping reads it)');
  const deadLetter = topic(mapping.deadLetterTopic ?? KAFKA_TOPICS.deadLetter, 'dead-letter');
  const sessions = topic(KAFKA_TOPICS.sessions, 'session-state');
  const notEmulated = unemulatedResourceTypes(template, {
    emulatedTypes: [...provisioned.emulatedTypes, 'AWS::Lambda::EventSourceMapping'],
    substitutedTypes: SUBSTITUTED_TYPES,
  });
  return {
    stackName: name,
    topics: { clickstream: clickstream.physicalName, sessions: sessions.physicalName, deadLetter: deadLetter.physicalName },
    topicSpecs: provisioner.topics,
    clickstream,
    sessionizer: {
      ...mapping,
      topic: clickstream.physicalName,
      deadLetterTopic: mapping.deadLetterTopic === undefined ? undefined : deadLetter.physicalName,
      settings: { ...mapping.settings, consumerGroupId: `${mapping.settings.consumerGroupId}${suffix}` },
    },
    // The analytics group is named in the members' code, not in the template (the task only gets the brokers).
    groups: { sessionizer: `${mapping.settings.consumerGroupId}${suffix}`, analytics: `${KAFKA_GROUPS.analytics}${suffix}` },
    notes: [...provisioned.notes, ...formatUnemulatedResourceTypes(notEmulated)],
  };
}
