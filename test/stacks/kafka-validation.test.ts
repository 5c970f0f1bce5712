/**
 * The Kafka pattern's bad inputs: each context key and each prop is rejected with an error that
 * names it and the rule it broke. Constructs are only built (in a bare Stack), never synthesized.
 */
import { Duration } from 'aws-cdk-lib';
import { KAFKA_PATTERN } from '../../runtime/kafka/kafka-names';
import { InvalidContextError } from '../../lib/common/invalid-context-error';
import { InvalidPropError } from '../../lib/common/invalid-prop-error';
import { stackName } from '../../lib/common/stack-name';
import { KAFKA_CONTEXT_KEYS, readKafkaContext } from '../../lib/kafka/kafka-context';
import { KafkaClickstream, type KafkaClickstreamProps } from '../../lib/kafka/kafka-clickstream';
import { KafkaStack, type KafkaStackProps } from '../../lib/kafka/kafka-stack';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { encodeTopicConfigs } from '../../lib/kafka/kafka-topics';
import { bareStack, invalidPropsMessage } from './helpers/bare-stack';
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

describe('KafkaClickstream props (bare Stack)', () => {
  const buildConstruct = (props: KafkaClickstreamProps): KafkaClickstream => new KafkaClickstream(bareStack(), 'Kafka', props);
  const message = (...problems: string[]): string => invalidPropsMessage('Test/Kafka', ...problems);

  it.each<[string, KafkaClickstreamProps, string]>([
    ['clickstreamPartitions below 1', { clickstreamPartitions: 0 },
      'clickstreamPartitions must be an integer from 1 to 300 (MSK recommends at most 300 partitions per kafka.t3.small broker, replicas included); got 0'],
    ['clickstreamPartitions above 300', { clickstreamPartitions: 301 },
      'clickstreamPartitions must be an integer from 1 to 300 (MSK recommends at most 300 partitions per kafka.t3.small broker, replicas included); got 301'],
    ['analyticsMembers above 100', { analyticsMembers: 101 },
      'analyticsMembers must be an integer from 0 to 100 (members beyond the partition count idle; more than 100 would only add cost); got 101'],
    ['a batch size of 0', { sessionizerBatchSize: 0 }, 'sessionizerBatchSize must be an integer from 1 to 10000 (MSK event source BatchSize); got 0'],
    ['infinite retries (-1)', { sessionizerRetryAttempts: -1 },
      'sessionizerRetryAttempts must be an integer ≥ 0 (bounded: -1 (infinite) is refused, with a destination Lambda would cap it at 10 anyway); got -1'],
    ['a record age in partial seconds', { sessionizerMaxRecordAge: Duration.millis(60_500) }, 'sessionizerMaxRecordAge must be a whole number of seconds, at least 1; got 60500 ms'],
    ['a lag threshold of 0', { lagAlarmThresholdRecords: 0 },
      'lagAlarmThresholdRecords must be an integer ≥ 1 (a lag of 0 records is the normal state, not an alarm); got 0'],
  ])('rejects %s', (_case, props, problem) => {
    expect(() => buildConstruct(props)).toThrow(InvalidPropError);
    expect(() => buildConstruct(props)).toThrow(message(problem));
  });

  it('lists every problem in one error', () => {
    expect(() => buildConstruct({ clickstreamPartitions: 0, sessionizerBatchSize: 0, lagAlarmThresholdRecords: 0 })).toThrow(message(
      'clickstreamPartitions must be an integer from 1 to 300 (MSK recommends at most 300 partitions per kafka.t3.small broker, replicas included); got 0',
      'sessionizerBatchSize must be an integer from 1 to 10000 (MSK event source BatchSize); got 0',
      'lagAlarmThresholdRecords must be an integer ≥ 1 (a lag of 0 records is the normal state, not an alarm); got 0',
    ));
  });

  it.each<[string, KafkaClickstreamProps, RegExp]>([
    ['a record age under a minute', { sessionizerMaxRecordAge: Duration.seconds(30) }, /maxRecordAge must be between 60 seconds and 7 days inclusive/],
    ['no minimum pollers', { provisionedPollers: { minimumPollers: 0 } }, /Minimum provisioned pollers must be between 1 and 200 inclusive/],
    ['too many pollers', { provisionedPollers: { maximumPollers: 2001 } }, /Maximum provisioned pollers must be between 1 and 2000 inclusive/],
    ['fewer maximum than minimum pollers', { provisionedPollers: { minimumPollers: 4, maximumPollers: 3 } }, /Minimum provisioned pollers must be less than or equal to maximum/],
  ])('leaves %s to aws-cdk-lib, which still rejects it', (_case, props, cdkMessage) => {
    expect(() => buildConstruct(props)).toThrow(cdkMessage);
  });

  it('accepts the largest values AWS allows (in the stack too)', () => {
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
