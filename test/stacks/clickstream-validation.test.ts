/**
 * Every prop and context validation of the clickstream pattern: a clear, named error for bad input,
 * and the context switch to a provisioned stream.
 */
import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CLICKSTREAM_CONTEXT_KEYS, readClickstreamContext } from '../../lib/clickstream/clickstream-context';
import { ClickstreamStack, type ClickstreamStackProps } from '../../lib/clickstream/clickstream-stack';
import { InvalidContextError } from '../../lib/common/invalid-context-error';
import { InvalidPropError } from '../../lib/common/invalid-prop-error';
import { CLICKSTREAM_PATTERN, buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

function buildStack(props: ClickstreamStackProps): ClickstreamStack {
  return new ClickstreamStack(new App({ context: SKIP_BUNDLING }), 'Clickstream', props);
}

/** The error `build` throws (fails the test when it throws nothing). */
function errorOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

describe('ClickstreamStack prop validation', () => {
  it.each<[string, ClickstreamStackProps, RegExp]>([
    ['retention under 24 h', { retentionPeriod: Duration.hours(23) }, /ClickstreamStream: retentionPeriod \(hours\) must be an integer from 24 to 8760 .*got 23/],
    ['retention over 8760 h', { retentionPeriod: Duration.hours(8761) }, /retentionPeriod \(hours\) must be an integer from 24 to 8760 .*got 8761/],
    ['retention in partial hours', { retentionPeriod: Duration.minutes(24 * 60 + 30) }, /retentionPeriod \(hours\) must be an integer .*got 24\.5/],
    ['zero shards', { shardCount: 0 }, /ClickstreamStream: shardCount must be an integer ≥ 1 .*got 0/],
    ['fractional shards', { shardCount: 1.5 }, /shardCount must be an integer ≥ 1 .*got 1\.5/],
    ['parallelization factor 0', { parallelizationFactor: 0 }, /ClickstreamProcessor: parallelizationFactor must be an integer from 1 to 10 .*got 0/],
    ['parallelization factor 11', { parallelizationFactor: 11 }, /parallelizationFactor must be an integer from 1 to 10 .*got 11/],
    ['unbounded retries (-1)', { processorRetryAttempts: -1 }, /retryAttempts must be an integer from 0 to 10000 .*stall the shard.*got -1/],
    ['retries over 10,000', { processorRetryAttempts: 10_001 }, /retryAttempts must be an integer from 0 to 10000 .*got 10001/],
    ['batch size 0', { processorBatchSize: 0 }, /batchSize must be an integer from 1 to 10000 .*got 0/],
    ['batch size over 10,000', { processorBatchSize: 10_001 }, /batchSize must be an integer from 1 to 10000 .*got 10001/],
    ['max record age under 60 s', { processorMaxRecordAge: Duration.seconds(59) }, /maxRecordAge \(seconds\) must be an integer from 60 to 604800 .*got 59/],
    [
      'max record age over 7 days',
      { processorMaxRecordAge: Duration.days(8), retentionPeriod: Duration.days(30) },
      /maxRecordAge \(seconds\) must be an integer from 60 to 604800 .*got 691200/,
    ],
    [
      'max record age not below the retention',
      { processorMaxRecordAge: Duration.hours(24), retentionPeriod: Duration.hours(24) },
      /maxRecordAge \(seconds\) must be less than the stream retention of 86400 s.*got 86400/,
    ],
    ['0 top pages', { topPagesCount: 0 }, /ClickstreamDashboardConsumer: topPagesCount must be an integer from 1 to 100 .*got 0/],
    ['101 top pages', { topPagesCount: 101 }, /topPagesCount must be an integer from 1 to 100 .*got 101/],
    ['Glacier transition after 0 days', { glacierTransitionDays: 0 }, /HardenedBucket: glacierTransitionDays must be an integer ≥ 1 .*got 0/],
    ['Glacier transition in partial days', { glacierTransitionDays: 1.5 }, /glacierTransitionDays must be an integer ≥ 1 .*got 1\.5/],
  ])('rejects %s with an InvalidPropError naming the prop', (_case, props, message) => {
    const error = errorOf(() => buildStack(props));

    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).message).toMatch(message);
  });

  it('accepts the limits themselves (24 h retention, 10 batches per shard, 0 retries, 60 s max age)', () => {
    const stack = buildStack({
      retentionPeriod: Duration.hours(24),
      parallelizationFactor: 10,
      processorRetryAttempts: 0,
      processorMaxRecordAge: Duration.seconds(60),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ParallelizationFactor: 10,
      MaximumRetryAttempts: 0,
      MaximumRecordAgeInSeconds: 60,
    });
  });
});

describe('clickstream context', () => {
  it('switches the stream to provisioned with -c clickstreamShards=N (through the app)', () => {
    const app = new App({ context: { ...SKIP_BUNDLING, [CLICKSTREAM_CONTEXT_KEYS.shards]: '3', stage: 'ctx' } });

    const { clickstream } = buildQueueOrStreamApp(app, {});

    expect(clickstream.stackName).toBe(`QueueOrStream-ctx-${CLICKSTREAM_PATTERN}`);
    Template.fromStack(clickstream).hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      ShardCount: 3,
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('reads retention and parallelization factor from context', () => {
    const app = new App({
      context: { [CLICKSTREAM_CONTEXT_KEYS.retentionHours]: '168', [CLICKSTREAM_CONTEXT_KEYS.parallelizationFactor]: 4 },
    });

    const props = readClickstreamContext(app.node);

    expect(props.retentionPeriod?.toHours()).toBe(168);
    expect(props.parallelizationFactor).toBe(4);
    expect(props.shardCount).toBeUndefined();
  });

  it.each([
    [CLICKSTREAM_CONTEXT_KEYS.shards, 'two'],
    [CLICKSTREAM_CONTEXT_KEYS.retentionHours, '-5'],
    [CLICKSTREAM_CONTEXT_KEYS.parallelizationFactor, '2.5'],
  ])('rejects -c %s=%s with an InvalidContextError naming the key', (key, value) => {
    const app = new App({ context: { [key]: value } });

    const error = errorOf(() => readClickstreamContext(app.node));

    expect(error).toBeInstanceOf(InvalidContextError);
    expect((error as InvalidContextError).message).toContain(`Invalid context ${key}=`);
  });

  it('names every physical name per stage, so two stages deploy side by side', () => {
    const namesOf = (stage: string): unknown[] => {
      const app = new App({ context: { ...SKIP_BUNDLING, stage } });
      const template = Template.fromStack(buildQueueOrStreamApp(app, {}).clickstream);
      return [
        ...Object.values(template.findResources('AWS::Kinesis::StreamConsumer')).map((r) => r.Properties.ConsumerName),
        ...Object.values(template.findResources('AWS::SQS::Queue', { Properties: { QueueName: Match.anyValue() } })).map(
          (r) => r.Properties.QueueName,
        ),
      ];
    };

    const blue = namesOf('blue');
    const green = namesOf('green');

    expect(blue).toHaveLength(3);
    for (const name of blue) expect(green).not.toContain(name);
  });
});
