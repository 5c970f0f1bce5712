/** The archive's settings and S3 keys, read and built as Firehose does (pure: no emulator). */
import { deliveryStreamSettings, UnsupportedDeliveryStreamError } from '../../../../local/clickstream/archive/delivery-stream-settings';
import { evaluateFirehosePrefix, firehoseObjectKey } from '../../../../local/clickstream/archive/firehose-object-keys';
import { staticPartOfPrefix } from '../../../../local/clickstream/archive/read-archive';
import type { JsonObject } from '../../../../local/provisioning/cfn-template';
import type { ResolutionScope } from '../../../../local/provisioning/intrinsic-resolver';
import { bucketNameFor } from '../../../../local/provisioning/s3-bucket-provisioner';

const scope: ResolutionScope = {
  resources: new Map([
    ['Stream', { ref: 'qos-1-Stream', attributes: { Arn: 'arn:aws:kinesis:us-east-1:000000000000:stream/qos-1-Stream' } }],
    ['Bucket', { ref: 'qos-1-bucket', attributes: { Arn: 'arn:aws:s3:::qos-1-bucket' } }],
  ]),
};

function properties(destination: JsonObject = {}): JsonObject {
  return {
    KinesisStreamSourceConfiguration: { KinesisStreamARN: { 'Fn::GetAtt': ['Stream', 'Arn'] }, RoleARN: { 'Fn::GetAtt': ['NotProvisionedRole', 'Arn'] } },
    ExtendedS3DestinationConfiguration: { BucketARN: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, RoleARN: { 'Fn::GetAtt': ['NotProvisionedRole', 'Arn'] }, ...destination },
  };
}

describe('deliveryStreamSettings', () => {
  it("applies Firehose's defaults where the template is silent (and never resolves the IAM roles)", () => {
    expect(deliveryStreamSettings('Archive', properties(), scope)).toEqual({
      logicalId: 'Archive',
      sourceStreamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/qos-1-Stream',
      bucketName: 'qos-1-bucket',
      bufferingIntervalSeconds: 300,
      bufferingSizeBytes: 5 * 1024 * 1024,
      compression: 'UNCOMPRESSED',
      prefix: '',
      errorOutputPrefix: '',
      processors: [],
    });
  });

  it('reads the declared buffering, compression, prefixes and processors', () => {
    const settings = deliveryStreamSettings(
      'Archive',
      properties({
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 },
        CompressionFormat: 'GZIP',
        Prefix: 'data/!{timestamp:yyyy}/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] },
      }),
      scope,
    );
    expect(settings).toMatchObject({ bufferingIntervalSeconds: 60, bufferingSizeBytes: 64 * 1024 * 1024, compression: 'GZIP', processors: ['AppendDelimiterToRecord'] });
  });

  it.each([
    [{ BufferingHints: { SizeInMBs: 129 } }, 'BufferingHints.SizeInMBs is 129, expected an integer from 1 to 128'],
    [{ BufferingHints: { IntervalInSeconds: 901 } }, 'BufferingHints.IntervalInSeconds is 901, expected an integer from 0 to 900'],
    [{ CompressionFormat: 'Snappy' }, 'CompressionFormat "Snappy" is not run locally'],
    [{ ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda' }] } }, 'Processors[0].Type "Lambda" is not run locally'],
  ])('rejects what it cannot honour: %j', (destination, message) => {
    expect(() => deliveryStreamSettings('Archive', properties(destination as JsonObject), scope)).toThrow(UnsupportedDeliveryStreamError);
    expect(() => deliveryStreamSettings('Archive', properties(destination as JsonObject), scope)).toThrow(message);
  });

  it('names a missing source', () => {
    expect(() => deliveryStreamSettings('Archive', { ExtendedS3DestinationConfiguration: {} }, scope)).toThrow('KinesisStreamSourceConfiguration is missing');
  });
});

describe('Firehose object keys', () => {
  const arrival = new Date(Date.UTC(2026, 0, 5, 7, 8, 9));

  it('evaluates timestamp and error-output-type expressions in UTC', () => {
    expect(evaluateFirehosePrefix('errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/', arrival, 'processing-failed')).toBe(
      'errors/processing-failed/2026/01/05/07/',
    );
    expect(evaluateFirehosePrefix('', arrival)).toBe('2026/01/05/07/');
    expect(evaluateFirehosePrefix('r/!{firehose:random-string}/', arrival)).toMatch(/^r\/[0-9a-f]{11}\/$/);
  });

  it('names objects <stream>-<version>-<delivery time>-<random>, with .gz for GZIP', () => {
    expect(firehoseObjectKey('p/', 'Archive', arrival, true)).toMatch(/^p\/Archive-1-2026-01-05-07-08-09-[0-9a-f-]{36}\.gz$/);
    expect(firehoseObjectKey('p/', 'Archive', arrival, false)).toMatch(/-[0-9a-f-]{36}$/);
  });

  it('lists from the fixed part of a prefix', () => {
    expect(staticPartOfPrefix('clickstream/!{timestamp:yyyy}/')).toBe('clickstream/');
    expect(staticPartOfPrefix('plain/')).toBe('plain/');
  });
});

describe('bucketNameFor', () => {
  it('makes S3-valid names: lower case, no underscores, at most 63 characters', () => {
    expect(bucketNameFor('qos-abc123', 'ArchiveBucket503852E7')).toBe('qos-abc123-archivebucket503852e7');
    const long = bucketNameFor('qos-abc123', `Very_Long_${'X'.repeat(80)}`);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9.-]+$/);
  });
});
