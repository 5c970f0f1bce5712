/**
 * ClickstreamStack with default props: snapshot, the properties that matter, and cdk-nag.
 * Synthesized once (bundling skipped: the bundle has its own test in clickstream-bundling.test.ts).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ClickstreamStack } from '../../lib/clickstream/clickstream-stack';
import { CLICKSTREAM_OUTPUTS } from '../../lib/clickstream/output-names';
import { stackName } from '../../lib/common/stack-name';

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
/** The resource-policy statement that refuses any request not made over TLS. */
const DENY_WITHOUT_TLS = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

let stack: ClickstreamStack;
let template: Template;
/** What a token of the stack renders as in the template (a Ref or Fn::GetAtt of the right resource). */
const resolve = (value: unknown): unknown => stack.resolve(value);

beforeAll(() => {
  const app = new App({ context: SKIP_BUNDLING });
  stack = new ClickstreamStack(app, stackName('Clickstream', 'test'));
  template = Template.fromStack(stack);
});

/** An alarm's `Metrics` entry for one metric (alarms on labelled metrics use the Metrics form). */
function metricStat(namespace: string, metricName: string, dimensions: Record<string, unknown>, stat: string) {
  return Match.objectLike({
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: Match.anyValue(),
      Stat: stat,
    },
  });
}

describe('ClickstreamStack (defaults)', () => {
  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  it('is named with the stage prefix', () => {
    expect(stack.stackName).toBe('QueueOrStream-test-Clickstream');
  });

  it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
    const result = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(result.violations).toEqual([]);
  });

  describe('stream', () => {
    it('is on-demand, KMS-encrypted with the AWS-managed key, and keeps 24 h', () => {
      template.hasResourceProperties('AWS::Kinesis::Stream', {
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        ShardCount: Match.absent(),
        StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
        RetentionPeriodHours: 24,
        Name: Match.absent(),
      });
    });
  });

  describe('processor', () => {
    it('reads the stream from TRIM_HORIZON with every failure setting bounded', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: resolve(stack.clickstream.processor.function.functionName),
        EventSourceArn: resolve(stack.clickstream.stream.stream.streamArn),
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 3,
        MaximumRecordAgeInSeconds: 3600,
        ParallelizationFactor: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {
          OnFailure: {
            Destination: resolve(stack.clickstream.processorFailureQueue.queue.queueArn),
          },
        },
      });
    });

    it('runs on Node 24, ARM64, with the session table and Powertools settings in its environment', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Environment: {
          Variables: {
            SESSION_TABLE_NAME: resolve(stack.clickstream.processor.sessionTable.table.tableName),
            SESSION_TIMEOUT_SECONDS: '1800',
            POWERTOOLS_SERVICE_NAME: 'clickstream-processor',
            POWERTOOLS_METRICS_NAMESPACE: 'QueueOrStream/Clickstream',
          },
        },
      });
    });

    it('keeps sessions in a pay-per-request table keyed by userId, with PITR and TTL on expiresAt', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        TableName: Match.absent(),
      });
    });

    it('may only get and put items in the session table (what the session store calls)', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [resolve(stack.clickstream.processor.function.role?.roleName)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              Resource: [resolve(stack.clickstream.processor.sessionTable.table.tableArn)],
            }),
          ]),
        },
      });
    });
  });

  describe('on-failure queues', () => {
    it.each(['processorFailureQueue', 'dashboardFailureQueue'] as const)('%s is SSE-encrypted, keeps 14 days and denies non-TLS access', (name) => {
      const queue = stack.clickstream[name].queue;

      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: Match.stringLikeRegexp(name === 'processorFailureQueue' ? 'ProcessorFailures' : 'DashboardFailures'),
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1_209_600,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [resolve(queue.queueUrl)],
        PolicyDocument: { Statement: Match.arrayWith([DENY_WITHOUT_TLS]) },
      });
    });
  });

  describe('archive', () => {
    it('delivers the stream to S3 as GZIP under hourly prefixes, with an error prefix and chosen buffering', () => {
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: {
          KinesisStreamARN: resolve(stack.clickstream.stream.stream.streamArn),
        },
        ExtendedS3DestinationConfiguration: Match.objectLike({
          BucketARN: resolve(stack.clickstream.archive.bucket.bucketArn),
          CompressionFormat: 'GZIP',
          Prefix: 'clickstream/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/',
          ErrorOutputPrefix:
            'errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/',
          BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 128 },
        }),
        DeliveryStreamName: Match.absent(),
      });
    });

    it('ends every record with a newline (built-in processor, no Lambda), so archive objects are JSON Lines', () => {
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        ExtendedS3DestinationConfiguration: Match.objectLike({
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }],
          },
        }),
      });
    });

    it('writes to a bucket that blocks public access, encrypts, and moves objects to Glacier after 90 days', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Status: 'Enabled',
              Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            }),
          ],
        },
        BucketName: Match.absent(),
      });
    });

    it('retains the archive bucket when the stack is deleted', () => {
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });

    it('denies non-TLS access to the bucket', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: resolve(stack.clickstream.archive.bucket.bucketName),
        PolicyDocument: { Statement: Match.arrayWith([DENY_WITHOUT_TLS]) },
      });
    });
  });

  describe('dashboard consumer', () => {
    it('registers an enhanced fan-out consumer on the stream', () => {
      template.hasResourceProperties('AWS::Kinesis::StreamConsumer', {
        StreamARN: resolve(stack.clickstream.stream.stream.streamArn),
        ConsumerName: Match.stringLikeRegexp('Clickstream'),
      });
    });

    it('reads through the consumer: the EventSourceArn is the consumer ARN, with its own failure settings', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: resolve(stack.clickstream.dashboardConsumer.function.functionName),
        EventSourceArn: resolve(stack.clickstream.dashboardConsumer.streamConsumer.streamConsumerArn),
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 1000,
        MaximumBatchingWindowInSeconds: 5,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 2,
        MaximumRecordAgeInSeconds: 3600,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        TumblingWindowInSeconds: Match.absent(),
        DestinationConfig: {
          OnFailure: {
            Destination: resolve(stack.clickstream.dashboardFailureQueue.queue.queueArn),
          },
        },
      });
    });

    it('publishes its EMF metrics as clickstream-dashboard in the QueueOrStream/Clickstream namespace', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: 'clickstream-dashboard',
            POWERTOOLS_METRICS_NAMESPACE: 'QueueOrStream/Clickstream',
            TOP_PAGES_COUNT: '5',
          },
        },
      });
    });
  });

  describe('monitoring', () => {
    const alarmTopic = (): unknown => resolve(stack.clickstream.alarmTopic.topic.topicArn);

    it.each(['processor', 'dashboardConsumer'] as const)('alarms when the %s Lambda iterator age stays above 5 minutes', (name) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          metricStat('AWS/Lambda', 'IteratorAge', { FunctionName: resolve(stack.clickstream[name].function.functionName) }, 'Maximum'),
        ],
        Threshold: 300_000,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        TreatMissingData: 'notBreaching',
        AlarmActions: [alarmTopic()],
      });
    });

    it.each(['processorFailureQueue', 'dashboardFailureQueue'] as const)('alarms on any message in the %s', (name) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          metricStat('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: resolve(stack.clickstream[name].queue.queueName) }, 'Maximum'),
        ],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        AlarmActions: [alarmTopic()],
      });
    });

    it('alarms when Firehose has not delivered for three buffering intervals', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          metricStat(
            'AWS/Firehose',
            'DeliveryToS3.DataFreshness',
            { DeliveryStreamName: resolve(stack.clickstream.archive.deliveryStream.deliveryStreamName) },
            'Maximum',
          ),
        ],
        Threshold: 900,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [alarmTopic()],
      });
    });

    it.each([
      ['WriteProvisionedThroughputExceeded'],
      ['ReadProvisionedThroughputExceeded'],
    ])('alarms when %s (share of throttled calls, Average) stays above 0 for five minutes', (metricName) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [metricStat('AWS/Kinesis', metricName, { StreamName: resolve(stack.clickstream.stream.stream.streamName) }, 'Average')],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 5,
        TreatMissingData: 'notBreaching',
        AlarmActions: [alarmTopic()],
        OKActions: [alarmTopic()],
      });
    });

    it('sends every alarm (seven) to the alarm topic, on ALARM and on OK', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));

      expect(alarms).toHaveLength(7);
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([alarmTopic()]);
        expect(alarm.Properties.OKActions).toEqual([alarmTopic()]);
      }
    });

    it('has a dashboard with the business metrics and every stream-health metric', () => {
      const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
      expect(dashboards).toHaveLength(1);
      const body = JSON.stringify(dashboards[0].Properties.DashboardBody);

      for (const metricName of [
        'PageViews',
        'ActiveUsers',
        'TopPageViews',
        'IncomingRecords',
        'IncomingBytes',
        'GetRecords.IteratorAgeMilliseconds',
        'SubscribeToShardEvent.MillisBehindLatest',
        'WriteProvisionedThroughputExceeded',
        'IteratorAge',
        'DeliveryToS3.DataFreshness',
      ]) {
        expect(body).toContain(metricName);
      }
    });
  });

  describe('outputs', () => {
    it('exports every key of CLICKSTREAM_OUTPUTS and nothing else', () => {
      expect(Object.keys(template.findOutputs('*')).sort()).toEqual(Object.values(CLICKSTREAM_OUTPUTS).sort());
    });

    it.each([
      [CLICKSTREAM_OUTPUTS.streamName, () => (resolve(stack.clickstream.stream.stream.streamName))],
      [CLICKSTREAM_OUTPUTS.streamArn, () => (resolve(stack.clickstream.stream.stream.streamArn))],
      [
        CLICKSTREAM_OUTPUTS.dashboardConsumerArn,
        () => (resolve(stack.clickstream.dashboardConsumer.streamConsumer.streamConsumerArn)),
      ],
      [CLICKSTREAM_OUTPUTS.sessionTableName, () => (resolve(stack.clickstream.processor.sessionTable.table.tableName))],
      [CLICKSTREAM_OUTPUTS.archiveBucketName, () => (resolve(stack.clickstream.archive.bucket.bucketName))],
      [CLICKSTREAM_OUTPUTS.processorFailureQueueUrl, () => (resolve(stack.clickstream.processorFailureQueue.queue.queueUrl))],
      [CLICKSTREAM_OUTPUTS.dashboardFailureQueueUrl, () => (resolve(stack.clickstream.dashboardFailureQueue.queue.queueUrl))],
      [CLICKSTREAM_OUTPUTS.alarmTopicArn, () => (resolve(stack.clickstream.alarmTopic.topic.topicArn))],
      [CLICKSTREAM_OUTPUTS.dashboardName, () => (resolve(stack.clickstream.monitoring.dashboard.dashboardName))],
    ])('output %s points at its resource', (key, expectedValue) => {
      template.hasOutput(key, { Value: expectedValue() });
    });
  });
});
