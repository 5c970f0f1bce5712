import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  EMULATOR_CREDENTIALS,
  EMULATOR_REGION,
  emulatorEnvironment,
  emulatorKinesisClient,
  emulatorS3Client,
  emulatorSqsClient,
} from '../../../../local/emulators/emulator-clients';

const ENDPOINT = 'http://127.0.0.1:4599';

describe('emulator clients', () => {
  it('point at the endpoint with the emulator region and dummy credentials', async () => {
    const sqs = emulatorSqsClient(ENDPOINT);
    try {
      expect(await sqs.config.region()).toBe(EMULATOR_REGION);
      expect(await sqs.config.credentials()).toEqual(expect.objectContaining(EMULATOR_CREDENTIALS));
      const endpoint = await sqs.config.endpoint?.();
      expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe(ENDPOINT);
    } finally {
      sqs.destroy();
    }
  });

  it('speak HTTP/1.1 to kinesis-local and pass the attempt limit on', async () => {
    const kinesis = emulatorKinesisClient(ENDPOINT, { maxAttempts: 1 });
    try {
      expect(kinesis.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
      expect(await kinesis.config.maxAttempts()).toBe(1);
    } finally {
      kinesis.destroy();
    }
  });

  it('address fauxqs S3 buckets path-style', () => {
    const s3 = emulatorS3Client(ENDPOINT);
    try {
      expect(s3.config.forcePathStyle).toBe(true);
    } finally {
      s3.destroy();
    }
  });

  it('give a process the same settings as variables, with an endpoint only for the services given', () => {
    expect(emulatorEnvironment({ sqs: 'http://127.0.0.1:1', dynamoDb: 'http://127.0.0.1:2' })).toEqual({
      AWS_REGION: EMULATOR_REGION,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:2',
    });
  });
});
