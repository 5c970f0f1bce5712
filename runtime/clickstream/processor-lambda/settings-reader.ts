/** Reads and validates the processor's environment once, with errors that name the variable. */
import { CLICKSTREAM_PROCESSOR_DEFAULTS, CLICKSTREAM_PROCESSOR_ENV } from './settings';
import { InvalidSettingError } from '../../shared/errors';

/** The processor's validated settings. */
export interface ClickstreamProcessorSettings {
  readonly sessionTableName: string;
  readonly sessionTimeoutSeconds: number;
}



/** Reads SESSION_TABLE_NAME (required) and SESSION_TIMEOUT_SECONDS (positive integer). */
export function readProcessorSettings(env: NodeJS.ProcessEnv = process.env): ClickstreamProcessorSettings {
  const sessionTableName = env[CLICKSTREAM_PROCESSOR_ENV.sessionTableName];
  if (sessionTableName === undefined || sessionTableName === '') {
    throw new InvalidSettingError(CLICKSTREAM_PROCESSOR_ENV.sessionTableName, 'is required');
  }
  const rawTimeout = env[CLICKSTREAM_PROCESSOR_ENV.sessionTimeoutSeconds];
  const sessionTimeoutSeconds = rawTimeout === undefined ? CLICKSTREAM_PROCESSOR_DEFAULTS.sessionTimeoutSeconds : Number(rawTimeout);
  if (!Number.isSafeInteger(sessionTimeoutSeconds) || sessionTimeoutSeconds <= 0) {
    throw new InvalidSettingError(
      CLICKSTREAM_PROCESSOR_ENV.sessionTimeoutSeconds,
      `must be a positive integer of seconds, got "${rawTimeout}"`,
    );
  }
  return { sessionTableName, sessionTimeoutSeconds };
}
