/**
 * Every prop rule of the Clickstream construct, built in a bare Stack: each case asserts the exact
 * message (the construct path, then one line per problem), one case collects several problems into
 * one error, and the ranges left to aws-cdk-lib are shown to be enforced still. Then the context
 * keys, which the app reads.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Stream } from 'aws-cdk-lib/aws-kinesis';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Clickstream, type ClickstreamProps } from '../../lib/clickstream/clickstream';
import { CLICKSTREAM_CONTEXT_KEYS, readClickstreamContext } from '../../lib/clickstream/clickstream-context';
import { InvalidContextError } from '../../lib/common/invalid-context-error';
import { InvalidPropError } from '../../lib/common/invalid-prop-error';
import { CLICKSTREAM_PATTERN, buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { bareStack, errorOf, invalidPropsMessage } from './helpers/bare-stack';

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

const build = (props: ClickstreamProps | ((stack: Stack) => ClickstreamProps)): { stack: Stack; clickstream: Clickstream } => {
  const stack = bareStack();
  return { stack, clickstream: new Clickstream(stack, 'Clicks', typeof props === 'function' ? props(stack) : props) };
};
/** The message for `problems` of the construct at Test/Clicks. */
const message = (...problems: string[]): string => invalidPropsMessage('Test/Clicks', ...problems);

describe('Clickstream prop validation', () => {
  it.each<[string, ClickstreamProps | ((stack: Stack) => ClickstreamProps), string]>([
    ['zero shards', { shardCount: 0 }, 'shardCount must be an integer ≥ 1 (shards of a provisioned Kinesis stream); got 0'],
    ['fractional shards', { shardCount: 1.5 }, 'shardCount must be an integer ≥ 1 (shards of a provisioned Kinesis stream); got 1.5'],
    ['unbounded retries (-1)', { processorRetryAttempts: -1 },
      'processorRetryAttempts must be an integer ≥ 0 (bounded: -1 (retry until the record expires) would stall the shard); got -1'],
    ['batch size 0', { processorBatchSize: 0 }, 'processorBatchSize must be an integer from 1 to 10000 (Kinesis event source BatchSize); got 0'],
    ['batch size over 10,000', { processorBatchSize: 10_001 }, 'processorBatchSize must be an integer from 1 to 10000 (Kinesis event source BatchSize); got 10001'],
    ['max record age in partial seconds', { processorMaxRecordAge: Duration.millis(90_500) },
      'processorMaxRecordAge must be a whole number of seconds, at least 1; got 90500 ms'],
    ['max record age not below the retention', { processorMaxRecordAge: Duration.hours(24), retentionPeriod: Duration.hours(24) },
      'processorMaxRecordAge must be less than the stream retention of 86400 s, or the on-failure record points at expired data; got 86400 s'],
    ['max record age not below an existing stream\'s retention', (stack) => ({
      existingStream: new Stream(stack, 'Own', { retentionPeriod: Duration.hours(48) }), processorMaxRecordAge: Duration.days(2),
    }), 'processorMaxRecordAge must be less than the stream retention of 172800 s, or the on-failure record points at expired data; got 172800 s'],
    ['a session timeout in partial seconds', { sessionTimeout: Duration.millis(500) }, 'sessionTimeout must be a whole number of seconds, at least 1; got 500 ms'],
    ['0 top pages', { topPagesCount: 0 }, 'topPagesCount must be an integer from 1 to 100 (each page is a separate CloudWatch custom metric); got 0'],
    ['101 top pages', { topPagesCount: 101 }, 'topPagesCount must be an integer from 1 to 100 (each page is a separate CloudWatch custom metric); got 101'],
    ['Glacier transition after 0 days', { glacierTransitionDays: 0 },
      'glacierTransitionDays must be an integer ≥ 1 (S3 lifecycle transitions are counted in whole days after object creation); got 0'],
    ['Glacier transition in partial days', { glacierTransitionDays: 1.5 },
      'glacierTransitionDays must be an integer ≥ 1 (S3 lifecycle transitions are counted in whole days after object creation); got 1.5'],
    ['an existing stream with stream props', (stack) => ({ existingStream: new Stream(stack, 'Own'), shardCount: 2, retentionPeriod: Duration.hours(48) }),
      'existingStream, shardCount, retentionPeriod must be given one at a time: pass existingStream to use your own resource, or shardCount, retentionPeriod to shape the one created for you; got all set'],
    ['an existing session table with table props', (stack) => ({
      existingSessionTable: new Table(stack, 'Own', { partitionKey: { name: 'userId', type: AttributeType.STRING } }), sessionTableProps: {},
    }), 'existingSessionTable, sessionTableProps must be given one at a time: pass existingSessionTable to use your own resource, or sessionTableProps to shape the one created for you; got all set'],
    ['an existing archive bucket with a Glacier age', (stack) => ({ existingArchiveBucket: new Bucket(stack, 'Own'), glacierTransitionDays: 30 }),
      'existingArchiveBucket, glacierTransitionDays must be given one at a time: pass existingArchiveBucket to use your own resource, or glacierTransitionDays to shape the one created for you; got all set'],
  ])('rejects %s', (_case, props, problem) => {
    const error = errorOf(() => build(props));

    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).message).toBe(message(problem));
  });

  it('lists every problem in one error', () => {
    const error = errorOf(() => build({ shardCount: 0, processorRetryAttempts: -1, topPagesCount: 101, processorMaxRecordAge: Duration.days(2) }));

    expect((error as InvalidPropError).message).toBe(message(
      'shardCount must be an integer ≥ 1 (shards of a provisioned Kinesis stream); got 0',
      'processorRetryAttempts must be an integer ≥ 0 (bounded: -1 (retry until the record expires) would stall the shard); got -1',
      'topPagesCount must be an integer from 1 to 100 (each page is a separate CloudWatch custom metric); got 101',
      'processorMaxRecordAge must be less than the stream retention of 86400 s, or the on-failure record points at expired data; got 172800 s',
    ));
  });

  it('skips the retention check for an imported stream (its retention cannot be read)', () => {
    expect(() => build((stack) => ({
      existingStream: Stream.fromStreamArn(stack, 'Imported', 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks'),
      processorMaxRecordAge: Duration.days(2),
    }))).not.toThrow();
  });

  it('accepts the limits themselves (24 h retention, 10 batches per shard, 0 retries, 60 s max age)', () => {
    const { stack } = build({
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

describe('Clickstream existing resources', () => {
  it('reads your stream, writes your table and archives into your bucket, creating none of them', () => {
    const stack = bareStack();
    const stream = new Stream(stack, 'OwnStream');
    const table = new Table(stack, 'OwnTable', { partitionKey: { name: 'userId', type: AttributeType.STRING } });
    const bucket = new Bucket(stack, 'OwnBucket');

    const clickstream = new Clickstream(stack, 'Clicks', { existingStream: stream, existingSessionTable: table, existingArchiveBucket: bucket });

    expect(clickstream.stream.stream).toBe(stream);
    expect(clickstream.processor.sessionTable.table).toBe(table);
    expect(clickstream.archive.bucket).toBe(bucket);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Kinesis::Stream', 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: stack.resolve(stream.streamArn) });
  });
});

describe('ranges left to aws-cdk-lib', () => {
  it.each<[string, ClickstreamProps, RegExp]>([
    ['retention under 24 h', { retentionPeriod: Duration.hours(23) }, /retentionPeriod must be between 24 and 8760 hours/],
    ['retention over 8760 h', { retentionPeriod: Duration.hours(8761), processorMaxRecordAge: Duration.hours(1) }, /retentionPeriod must be between 24 and 8760 hours/],
    ['parallelization factor 11', { parallelizationFactor: 11 }, /parallelizationFactor must be between 1 and 10 inclusive, got 11/],
    ['retries over 10,000', { processorRetryAttempts: 10_001 }, /retryAttempts must be -1 \(for infinite\) or between 0 and 10000 inclusive, got 10001/],
    ['max record age under 60 s', { processorMaxRecordAge: Duration.seconds(59) }, /maxRecordAge must be between 60 seconds and 7 days inclusive/],
  ])('still rejects %s', (_case, props, cdkMessage) => {
    expect(() => build(props)).toThrow(cdkMessage);
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
