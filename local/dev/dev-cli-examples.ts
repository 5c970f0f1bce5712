/**
 * The pieces of the example commands `npm run dev` prints: the AWS CLI pointed at an emulator with
 * the dummy credentials and region the emulators accept (any key works; none is validated). Every
 * command works with AWS CLI v1 and v2 (no v2-only option).
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

/** Shell text that prints the current UTC time when the command runs (GNU and BSD `date`). */
const SHELL_NOW = '$(date -u +%Y-%m-%dT%H:%M:%SZ)';

/**
 * `printf '%s' "<json>" > <file>`: writes `fields` as one JSON line, with `timestamp` set by the shell
 * when the command is pasted (a time fixed when dev started would age until the processor refuses
 * it). The AWS CLI then reads the bytes with `fileb://`, which v1 and v2 both take as raw bytes
 * (v2 reads a plain `--data` string as base64 unless given `--cli-binary-format`, which v1 rejects).
 */
export function writeEventWithCurrentTime(fields: Readonly<Record<string, string>>, file: string): string {
  const json = JSON.stringify({ ...fields, timestamp: '__NOW__' }).replaceAll('"', '\\"').replace('__NOW__', SHELL_NOW);
  return `printf '%s' "${json}" > ${file}`;
}
