import { InvalidEventSourceSettingError, kinesisEventSourceSettings } from '../../../../local/clickstream/kinesis-event-source/event-source-settings';
import { NotAKinesisArnError, streamOfArn } from '../../../../local/clickstream/kinesis-event-source/kinesis-mappings';
import type { JsonObject } from '../../../../local/provisioning/cfn-template';

/** Resolved mapping properties as CDK renders them for ClickstreamProcessor. */
function processorProperties(overrides: JsonObject = {}): JsonObject {
  return {
    BatchSize: 100,
    BisectBatchOnFunctionError: true,
    DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failures' } },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    MaximumRecordAgeInSeconds: 3600,
    MaximumRetryAttempts: 3,
    ParallelizationFactor: 2,
    StartingPosition: 'TRIM_HORIZON',
    ...overrides,
  };
}

describe('kinesisEventSourceSettings', () => {
  it('reads every setting the runner follows', () => {
    expect(kinesisEventSourceSettings(processorProperties(), 'Mapping')).toEqual({
      batchSize: 100,
      startingPosition: 'TRIM_HORIZON',
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 3,
      maximumRecordAgeSeconds: 3600,
      parallelizationFactor: 2,
      reportBatchItemFailures: true,
      onFailureDestinationArn: 'arn:aws:sqs:us-east-1:000000000000:failures',
    });
  });

  it("applies CloudFormation's defaults to absent properties", () => {
    expect(kinesisEventSourceSettings({ StartingPosition: 'LATEST' }, 'Mapping')).toEqual({
      batchSize: 100,
      startingPosition: 'LATEST',
      bisectBatchOnFunctionError: false,
      maximumRetryAttempts: -1,
      maximumRecordAgeSeconds: -1,
      parallelizationFactor: 1,
      reportBatchItemFailures: false,
    });
  });

  it.each<[string, JsonObject]>([
    ['BatchSize', { BatchSize: 10_001 }],
    ['MaximumRetryAttempts', { MaximumRetryAttempts: -2 }],
    ['MaximumRecordAgeInSeconds', { MaximumRecordAgeInSeconds: 59 }],
    ['ParallelizationFactor', { ParallelizationFactor: 11 }],
    ['TumblingWindowInSeconds', { TumblingWindowInSeconds: 901 }],
    ['StartingPosition', { StartingPosition: 'AT_THE_END' }],
    ['BisectBatchOnFunctionError', { BisectBatchOnFunctionError: 'yes' }],
    ['DestinationConfig.OnFailure.Destination', { DestinationConfig: { OnFailure: {} } }],
  ])('rejects a bad %s with an error naming the mapping and the property', (property, overrides) => {
    const read = (): unknown => kinesisEventSourceSettings(processorProperties(overrides), 'ProcessorMapping');

    expect(read).toThrow(InvalidEventSourceSettingError);
    expect(read).toThrow(`event source mapping ProcessorMapping: ${property} is`);
  });
});

describe('streamOfArn', () => {
  it('finds the stream behind an enhanced fan-out consumer ARN', () => {
    expect(streamOfArn('arn:aws:kinesis:us-east-1:000000000000:stream/clicks/consumer/dashboard:1700000000')).toEqual({
      streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks',
      streamName: 'clicks',
      isConsumer: true,
    });
  });

  it('reads a plain stream ARN', () => {
    expect(streamOfArn('arn:aws:kinesis:us-east-1:000000000000:stream/clicks')).toMatchObject({ streamName: 'clicks', isConsumer: false });
  });

  it('rejects a queue ARN', () => {
    expect(() => streamOfArn('arn:aws:sqs:us-east-1:000000000000:jobs')).toThrow(NotAKinesisArnError);
  });
});
