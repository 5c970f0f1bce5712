/** What the parent tells an event-source child process (one JSON environment variable). */
import type { LocalFunctionIdentity } from '../../lambda/lambda-context';
import type { SqsEventSourceSettings } from './sqs-event-source-settings';
import { ConfigurationError } from '../../../runtime/shared/errors';

/** Name of the variable carrying the JSON config. */
export const EVENT_SOURCE_CONFIG_ENV = 'LOCAL_SQS_EVENT_SOURCE';

/** Everything the child needs besides the function's own environment. */
export interface EventSourceChildConfig {
  /** Absolute path of the handler module (TypeScript source; bundling is skipped locally). */
  readonly handlerModule: string;
  /** Exported function name, e.g. `handler`. */
  readonly handlerExport: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly settings: SqsEventSourceSettings;
  readonly fn: LocalFunctionIdentity;
  /** This child's share of the mapping's MaximumConcurrency. */
  readonly concurrency: number;
}

/** The config is missing or not what the parent writes. */
export class InvalidEventSourceConfigError extends ConfigurationError {
  constructor(readonly problem: string) {
    super(`${EVENT_SOURCE_CONFIG_ENV} is invalid: ${problem}`);
  }
}

/** The environment entry that hands `config` to a child. */
export function eventSourceConfigEnvironment(config: EventSourceChildConfig): Record<string, string> {
  return { [EVENT_SOURCE_CONFIG_ENV]: JSON.stringify(config) };
}

/** Parses the variable written by {@link eventSourceConfigEnvironment}. */
export function parseEventSourceChildConfig(raw: string | undefined): EventSourceChildConfig {
  if (raw === undefined || raw === '') throw new InvalidEventSourceConfigError('not set');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new InvalidEventSourceConfigError(`not JSON (${(error as Error).message})`);
  }
  const config = parsed as Partial<EventSourceChildConfig> | null;
  for (const key of ['handlerModule', 'handlerExport', 'queueUrl', 'queueArn'] as const) {
    if (typeof config?.[key] !== 'string') throw new InvalidEventSourceConfigError(`${key} must be a string`);
  }
  if (typeof config?.concurrency !== 'number' || config.settings === undefined || config.fn === undefined) {
    throw new InvalidEventSourceConfigError('concurrency, settings and fn are required');
  }
  return config as EventSourceChildConfig;
}
