import type { CloudFormationCustomResourceCreateEvent } from 'aws-lambda';
import { ConfigurationError } from '../../../runtime/shared/errors';
import { handleTopicsEvent } from '../../../runtime/kafka/topics-lambda/topics-resource';
import { TOPICS_RESOURCE_PROPERTIES } from '../../../runtime/kafka/topics-lambda/topics-resource-properties';

function createEvent(topics: unknown): CloudFormationCustomResourceCreateEvent {
  return {
    RequestType: 'Create',
    ServiceToken: 'token',
    ResponseURL: 'https://example.com',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'Topics',
    ResourceType: 'Custom::KafkaTopics',
    ResourceProperties: {
      ServiceToken: 'token',
      [TOPICS_RESOURCE_PROPERTIES.clusterArn]: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/1',
      [TOPICS_RESOURCE_PROPERTIES.bootstrapServers]: '127.0.0.1:9092',
      [TOPICS_RESOURCE_PROPERTIES.topics]: JSON.stringify(topics),
    },
  };
}

describe('handleTopicsEvent', () => {
  it('refuses malformed topic specs, naming each field and its limit, before connecting', async () => {
    // Prepare
    const admin = jest.fn();
    const event = createEvent([{ name: '', partitions: 0, configs: {} }]);

    // Act
    const handling = handleTopicsEvent(event, admin);

    // Assert
    await expect(handling).rejects.toThrow(ConfigurationError);
    await expect(handling).rejects.toThrow(/0\.name: must not be empty; 0\.partitions: at least 1, got 0/);
    expect(admin).not.toHaveBeenCalled();
  });
});
