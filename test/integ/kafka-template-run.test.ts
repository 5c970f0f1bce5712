/**
 * The local Kafka run creates the topics the synthesized Kafka stack declares, on a real broker:
 * change a Kafka prop (kafkaPartitions through context) and the broker's topics follow; the
 * cleanup policy and the other configs come from the template too. `--partitions` still overrides,
 * and says so.
 */
import { randomUUID } from 'node:crypto';
import { Admin, ConfigResourceTypes } from '@platformatic/kafka';
import { provisionKafkaStack } from '../../local/kafka/kafka-stack-template';
import { describeWithKafka } from '../factories/kafka-broker-suite';

describeWithKafka('Kafka topics from the synthesized stack', (broker) => {
  let admin: Admin;
  beforeAll(() => {
    admin = new Admin({ clientId: 'kafka-template-run-test', bootstrapBrokers: [...broker().bootstrapServers] });
  });
  afterAll(async () => {
    await admin?.close();
  });

  async function partitionsOf(topic: string): Promise<number> {
    return (await admin.metadata({ topics: [topic], forceUpdate: true })).topics.get(topic)?.partitionsCount ?? 0;
  }

  async function configOf(topic: string, key: string): Promise<string | null | undefined> {
    const [description] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: [key] }] });
    return description?.configs.find((config) => config.name === key)?.value;
  }

  it('kafkaPartitions=4 in context: the broker gets 4 partitions, the compacted sessions topic and the sessionizer mapping of the template', async () => {
    // Act
    const stack = await provisionKafkaStack({ bootstrapServers: broker().bootstrapServers, suffix: `-ctx-${randomUUID().slice(0, 8)}`, context: { kafkaPartitions: '4' } });

    // Assert
    expect(stack.clickstream).toMatchObject({ partitions: 4, partitionsSource: 'template' });
    expect(await partitionsOf(stack.topics.clickstream)).toBe(4);
    expect(await partitionsOf(stack.topics.sessions)).toBe(4);
    expect(await partitionsOf(stack.topics.deadLetter)).toBe(1);
    expect(await configOf(stack.topics.sessions, 'cleanup.policy')).toBe('compact');
    expect(await configOf(stack.topics.clickstream, 'retention.ms')).toBe(String(7 * 24 * 3600 * 1000));
    expect(stack.sessionizer).toMatchObject({ topic: stack.topics.clickstream, deadLetterTopic: stack.topics.deadLetter });
    expect(stack.notes.some((note) => note.startsWith('not emulated: AWS::EC2::VPC'))).toBe(true);
  });

  it('the stack as declared by default (6 partitions); --partitions replaces it and the run says where the value came from', async () => {
    // Act
    const declared = await provisionKafkaStack({ bootstrapServers: broker().bootstrapServers, suffix: `-default-${randomUUID().slice(0, 8)}` });
    const flagged = await provisionKafkaStack({ bootstrapServers: broker().bootstrapServers, suffix: `-flag-${randomUUID().slice(0, 8)}`, partitions: 2 });

    // Assert
    expect(declared.clickstream).toMatchObject({ partitions: 6, partitionsSource: 'template' });
    expect(await partitionsOf(declared.topics.clickstream)).toBe(6);
    expect(flagged.clickstream).toMatchObject({ partitions: 2, partitionsSource: 'flag', declaredPartitions: 6 });
    expect(await partitionsOf(flagged.topics.sessions)).toBe(2);
    expect(await partitionsOf(flagged.topics.deadLetter)).toBe(1);
  });
});
