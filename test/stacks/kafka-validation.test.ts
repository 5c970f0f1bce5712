/**
 * The Kafka pattern's bad inputs: each context key and each prop is rejected with an error that
 * names it and the rule it broke. Stacks are only constructed, never synthesized.
 */
import { Duration } from 'aws-cdk-lib';
import { KAFKA_PATTERN } from '../../lambda/shared/kafka-names';
import { InvalidContextError } from '../../lib/common/invalid-context-error';
import { InvalidPropError } from '../../lib/common/invalid-prop-error';
import { stackName } from '../../lib/common/stack-name';
import { KAFKA_CONTEXT_KEYS, readKafkaContext } from '../../lib/kafka/kafka-context';
import { KafkaStack, type KafkaStackProps } from '../../lib/kafka/kafka-stack';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { encodeTopicConfigs } from '../../lib/kafka/kafka-topics';
import { newTestApp } from './helpers/email-worker-app';

const build = (props: KafkaStackProps): KafkaStack => new KafkaStack(newTestApp(), stackName(KAFKA_PATTERN, 'test'), props);
const context = (values: Record<string, unknown>): ReturnType<typeof readKafkaContext> => readKafkaContext(newTestApp(values).node);

describe('Kafka context keys', () => {
  it('defaults to the provisioned cluster and leaves the rest to the construct defaults', () => {
    expect(context({})).toEqual({ clusterMode: 'provisioned', clickstreamPartitions: undefined, analyticsMembers: undefined, provisionedPollers: undefined });
  });

  it('reads every key, numbers given as strings as `-c` gives them', () => {
    expect(context({
      [KAFKA_CONTEXT_KEYS.cluster]: 'serverless',
      [KAFKA_CONTEXT_KEYS.partitions]: '12',
      [KAFKA_CONTEXT_KEYS.analyticsMembers]: '3',
      [KAFKA_CONTEXT_KEYS.minPollers]: '2',
    })).toEqual({ clusterMode: 'serverless', clickstreamPartitions: 12, analyticsMembers: 3, provisionedPollers: { minimumPollers: 2, maximumPollers: undefined } });
  });

  it('rejects an unknown cluster type, naming the key and both choices', () => {
    expect(() => context({ [KAFKA_CONTEXT_KEYS.cluster]: 'dedicated' })).toThrow(InvalidContextError);
    expect(() => context({ [KAFKA_CONTEXT_KEYS.cluster]: 'dedicated' })).toThrow('Invalid context kafkaCluster="dedicated": expected provisioned|serverless');
  });

  it.each([KAFKA_CONTEXT_KEYS.partitions, KAFKA_CONTEXT_KEYS.analyticsMembers, KAFKA_CONTEXT_KEYS.minPollers, KAFKA_CONTEXT_KEYS.maxPollers])(
    'rejects %s that is not a non-negative integer',
    (key) => {
      expect(() => context({ [key]: 'six' })).toThrow(`Invalid context ${key}="six": expected a non-negative integer`);
    },
  );
});

describe('the app', () => {
  it('builds QueueOrStream-<stage>-Kafka from the Kafka context keys', () => {
    const { kafka } = buildQueueOrStreamApp(newTestApp({ stage: 'ci', [KAFKA_CONTEXT_KEYS.cluster]: 'serverless', [KAFKA_CONTEXT_KEYS.partitions]: '3' }), {});

    expect(kafka.stackName).toBe('QueueOrStream-ci-Kafka');
    expect(kafka.clickstream.cluster.mode).toBe('serverless');
    expect(kafka.clickstream.cluster.brokerCount).toBe(0);
  });

  it('refuses a malformed Kafka key before building any stack', () => {
    expect(() => buildQueueOrStreamApp(newTestApp({ [KAFKA_CONTEXT_KEYS.analyticsMembers]: '-1' }), {})).toThrow(InvalidContextError);
  });
});

describe('KafkaStack props', () => {
  it.each<[string, KafkaStackProps, string]>([
    ['clickstreamPartitions below 1', { clickstreamPartitions: 0 }, 'KafkaClickstream: clickstreamPartitions must be an integer from 1 to 300'],
    ['clickstreamPartitions above 300', { clickstreamPartitions: 301 }, 'clickstreamPartitions must be an integer from 1 to 300'],
    ['analyticsMembers above 100', { analyticsMembers: 101 }, 'KafkaAnalyticsService: members must be an integer from 0 to 100'],
    ['a batch size of 0', { sessionizerBatchSize: 0 }, 'KafkaSessionizer: batchSize must be an integer from 1 to 10000 (MSK event source BatchSize)'],
    ['negative retries', { sessionizerRetryAttempts: -1 }, 'retryAttempts must be an integer from 0 to 10000'],
    ['a record age under a minute', { sessionizerMaxRecordAge: Duration.seconds(30) }, 'maxRecordAge (seconds) must be an integer from 60 to 604800'],
    ['no minimum pollers', { provisionedPollers: { minimumPollers: 0 } }, 'provisionedPollers.minimumPollers must be an integer from 1 to 200'],
    ['too many pollers', { provisionedPollers: { maximumPollers: 2001 } }, 'provisionedPollers.maximumPollers must be an integer from 1 to 2000'],
    ['fewer maximum than minimum pollers', { provisionedPollers: { minimumPollers: 4, maximumPollers: 3 } }, 'maximumPollers must be ≥ minimumPollers (4); got 3'],
    ['a lag threshold of 0', { lagAlarmThresholdRecords: 0 }, 'KafkaMonitoring: lagThresholdRecords must be an integer ≥ 1'],
  ])('rejects %s', (_case, props, message) => {
    expect(() => build(props)).toThrow(InvalidPropError);
    expect(() => build(props)).toThrow(message);
  });

  it('accepts the largest values AWS allows', () => {
    expect(() => build({
      clickstreamPartitions: 300,
      sessionizerBatchSize: 10_000,
      sessionizerMaxRecordAge: Duration.days(7),
      provisionedPollers: { minimumPollers: 200, maximumPollers: 2000 },
    })).not.toThrow();
  });
});

describe('topic configs', () => {
  it('are a Base64-encoded JSON object, as the MSK topic API reads them', () => {
    const encoded = encodeTopicConfigs({ 'cleanup.policy': 'compact', 'segment.ms': '3600000' });

    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual({ 'cleanup.policy': 'compact', 'segment.ms': '3600000' });
  });
});
