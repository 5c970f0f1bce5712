/**
 * The local Kafka run reads its topics and the sessionizer's event-source settings from the
 * synthesized Kafka stack, so a prop changed in lib/kafka reaches the local run. Synthesized for
 * real (as `cdk synth` does, bundling skipped); no broker.
 */
import { KAFKA_TOPICS } from '../../../runtime/kafka/kafka-names';
import { resourcesOfType } from '../../../local/provisioning/cfn-template';
import { eventSourceMappings } from '../../../local/provisioning/compute-resources';
import { mskClusterResources } from '../../../local/provisioning/kafka-topic-provisioner';
import { templateKafkaTopics } from '../../../local/provisioning/kafka-topic-resources';
import { synthesizeKafkaTemplate } from '../../../local/kafka/kafka-stack-template';
import { mskEventSourceMappings } from '../../../local/kafka/msk-event-source-settings';
import { MalformedTemplateError } from '../../../local/provisioning/template-errors';
import type { CfnTemplate } from '../../../local/provisioning/cfn-template';

function readTemplate(template: CfnTemplate) {
  const scope = { resources: mskClusterResources(template, {}) };
  return {
    topics: new Map(templateKafkaTopics(template, scope).map((topic) => [topic.name, topic])),
    mappings: mskEventSourceMappings(eventSourceMappings(template, scope)),
  };
}

describe('Kafka stack template → local run settings', () => {
  it('reads the stack defaults: 6 partitions, the configs (cleanup policy included) and the sessionizer mapping', () => {
    // Act
    const { topics, mappings } = readTemplate(synthesizeKafkaTemplate().template);

    // Assert
    expect(topics.get(KAFKA_TOPICS.clickstream)).toMatchObject({ partitions: 6, resourceType: 'AWS::MSK::Topic', configs: { 'cleanup.policy': 'delete' } });
    expect(topics.get(KAFKA_TOPICS.sessions)).toMatchObject({ partitions: 6, configs: { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.1' } });
    expect(topics.get(KAFKA_TOPICS.deadLetter)).toMatchObject({ partitions: 1, configs: { 'cleanup.policy': 'delete' } });
    expect(mappings).toEqual([
      expect.objectContaining({
        topic: KAFKA_TOPICS.clickstream,
        deadLetterTopic: KAFKA_TOPICS.deadLetter,
        settings: {
          batchSize: 100,
          batchingWindowMs: 500,
          startingPosition: 'TRIM_HORIZON',
          maximumRetryAttempts: 2,
          bisectBatchOnFunctionError: true,
          maximumRecordAgeSeconds: 3600,
          reportBatchItemFailures: true,
          consumerGroupId: 'sessionizer',
        },
      }),
    ]);
  });

  it('follows a changed prop: kafkaPartitions=4 on a serverless cluster reaches the topics the custom resource declares', () => {
    // Act
    const { template } = synthesizeKafkaTemplate({ kafkaPartitions: '4', kafkaCluster: 'serverless' });
    const { topics } = readTemplate(template);

    // Assert: no AWS::MSK::Topic on serverless; the custom resource carries the specs.
    expect(resourcesOfType(template, 'AWS::MSK::Topic')).toHaveLength(0);
    expect(topics.get(KAFKA_TOPICS.clickstream)).toMatchObject({ partitions: 4, resourceType: 'Custom::KafkaTopics' });
    expect(topics.get(KAFKA_TOPICS.sessions)).toMatchObject({ partitions: 4, configs: { 'cleanup.policy': 'compact' } });
  });

  it('a mapping property the template leaves out takes the value Lambda gives it', () => {
    // Prepare: the stack's mapping without its retry settings, window or group.
    const [mapping] = eventSourceMappings(synthesizeKafkaTemplate().template, { resources: mskClusterResources(synthesizeKafkaTemplate().template, {}) });
    const { MaximumRetryAttempts, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError, AmazonManagedKafkaEventSourceConfig, FunctionResponseTypes, ...rest } = mapping?.properties ?? {};

    // Act
    const [settings] = mskEventSourceMappings([{ logicalId: 'Mapping', functionLogicalId: 'Fn', eventSourceArn: 'arn', properties: rest }]);

    // Assert
    expect([MaximumRetryAttempts, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError, AmazonManagedKafkaEventSourceConfig, FunctionResponseTypes]).not.toContain(undefined);
    expect(settings?.settings).toMatchObject({ maximumRetryAttempts: -1, maximumRecordAgeSeconds: -1, bisectBatchOnFunctionError: false, reportBatchItemFailures: false, consumerGroupId: 'Mapping' });
  });

  it('refuses an on-failure destination the local runner cannot write to', () => {
    const properties = { Topics: ['clickstream'], StartingPosition: 'LATEST', DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:dlq' } } };
    expect(() => mskEventSourceMappings([{ logicalId: 'Mapping', functionLogicalId: 'Fn', eventSourceArn: 'arn', properties }])).toThrow(MalformedTemplateError);
  });
});
