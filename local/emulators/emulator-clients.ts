/**
 * Kinesis clients for code that talks to an emulator directly (provisioning, runner, tests).
 * HTTP/1.1 (`NodeHttpHandler`): kinesis-local's plain port does not speak the SDK's HTTP/2 default.
 */
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Dummy credentials: the emulators accept any. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** Options of a client pointed at one endpoint. */
export interface EmulatorKinesisClientOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** SDK attempts per call; 1 turns the SDK's own retries off (to observe raw throttling). @default 3 (the SDK's) */
  readonly maxAttempts?: number;
}

/** A Kinesis client for `endpoint`. */
export function emulatorKinesisClient(endpoint: string, options: EmulatorKinesisClientOptions = {}): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
}
