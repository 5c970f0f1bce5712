/** Why the local Kinesis event-source runner stopped: both end a run, so both carry an exit code. */
import { ConfigurationError, FAILURE_EXIT_CODE, QueueOrStreamError } from '../../../runtime/shared/errors';
import type { StreamEventSourceRunnerCounts } from '../../lambda/stream-event-source-runner';

/** The runner did not catch up in time; carries where it stood. */
export class RunnerNotCaughtUpError extends QueueOrStreamError {
  readonly exitCode = FAILURE_EXIT_CODE;
  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
    readonly stats: StreamEventSourceRunnerCounts,
  ) {
    super(`${functionName} did not catch up with the stream within ${timeoutMs} ms (${stats.recordsCompleted} user records completed)`);
  }
}

/** The mapping uses a feature this harness does not play: the user changes the mapping's props. */
export class UnsupportedMappingFeatureError extends ConfigurationError {
  constructor(
    readonly functionName: string,
    readonly feature: string,
  ) {
    super(`${functionName}: ${feature} is not supported by the local Kinesis event-source runner`);
  }
}
