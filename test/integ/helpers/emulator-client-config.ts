/** Client settings for talking to the embedded emulators from tests: loopback endpoint, fake credentials. */
export interface EmulatorClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The emulators accept any credentials; us-east-1 matches what the local runners set. */
export function emulatorClientConfig(endpoint: string): EmulatorClientConfig {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
}
