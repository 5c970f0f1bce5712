/**
 * The pieces of the example commands `npm run dev` prints: the AWS CLI pointed at an emulator with
 * the dummy credentials and region the emulators accept (any key works; none is validated).
 */
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../emulators/emulator-clients';

/** The region every local resource lives in. */
export const DEV_REGION = EMULATOR_REGION;

/** The dummy credentials, as `NAME=value` words (the SDKs and the CLI read these variables). */
export function dummyCredentialVariables(): string {
  return `AWS_ACCESS_KEY_ID=${EMULATOR_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${EMULATOR_CREDENTIALS.secretAccessKey}`;
}

/**
 * `AWS_ACCESS_KEY_ID=test … aws --endpoint-url <endpoint>`: the start of every CLI example.
 * AWS_DEFAULT_REGION because AWS CLI v1 ignores AWS_REGION (v2 reads both).
 */
export function cliPrefix(endpoint: string): string {
  return `${dummyCredentialVariables()} AWS_DEFAULT_REGION=${DEV_REGION} aws --endpoint-url ${endpoint}`;
}
