import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
  type StreamModeDetails,
} from '@aws-sdk/client-kinesis';
import { EnvironmentError } from '../../runtime/shared/errors';

/** How long to wait for a new stream to become ACTIVE; kinesis-local takes ~100 ms as configured. */
const STREAM_ACTIVE_TIMEOUT_MS = 30_000;
const STREAM_STATUS_POLL_MS = 100;

/** A stream that did not become ACTIVE in time. */
export class BenchStreamNotActiveError extends EnvironmentError {
  constructor(
    readonly streamName: string,
    readonly lastStatus: string,
    readonly waitedMs: number,
  ) {
    super(`stream ${streamName} was still ${lastStatus} after ${waitedMs} ms`);
  }
}

/** A stream created for one contender, so no contender writes after another's records. */
export interface BenchStream {
  readonly streamName: string;
  readonly openShardCount: number;
}

/**
 * Creates a fresh stream in the given capacity mode and waits until it is ACTIVE.
 * Every contender gets its own stream with the same `modeDetails`, so each writes to an empty
 * stream with the same shard count.
 */
export async function createBenchStream(
  adminClient: KinesisClient,
  streamName: string,
  modeDetails: StreamModeDetails,
): Promise<BenchStream> {
  await adminClient.send(new CreateStreamCommand({ StreamName: streamName, StreamModeDetails: modeDetails }));
  const startedAt = Date.now();
  let lastStatus = 'UNKNOWN';
  while (Date.now() - startedAt < STREAM_ACTIVE_TIMEOUT_MS) {
    const { StreamDescriptionSummary: summary } = await adminClient.send(
      new DescribeStreamSummaryCommand({ StreamName: streamName }),
    );
    lastStatus = summary?.StreamStatus ?? 'UNKNOWN';
    if (lastStatus === 'ACTIVE') return { streamName, openShardCount: summary?.OpenShardCount ?? 0 };
    await sleep(STREAM_STATUS_POLL_MS);
  }
  throw new BenchStreamNotActiveError(streamName, lastStatus, Date.now() - startedAt);
}
