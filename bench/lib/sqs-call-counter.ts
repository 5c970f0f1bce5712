/**
 * Counts what a consumer asks of SQS: every command sent through one SQSClient, by name, and the
 * messages those commands deleted. A middleware on the client sees every code path (receive,
 * batched or single deletes, heartbeats, releases) without the consumer exposing any hook.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';

/** Completed calls of one command and the time they took. */
export interface RoundTrips {
  readonly completed: number;
  readonly totalMs: number;
}

/** Live counts; read them at any time. */
export interface SqsCallCounts {
  /** Commands sent, by command name (e.g. `ReceiveMessageCommand`); a retried command counts once. */
  readonly byCommand: ReadonlyMap<string, number>;
  /**
   * Round trips of the commands that completed, by command name: `totalMs / completed` is the mean
   * round trip as the consumer saw it (emulator time plus any wait for a core on either side).
   */
  readonly roundTripsByCommand: ReadonlyMap<string, RoundTrips>;
  /** All commands sent. */
  readonly total: number;
  /** Messages received (a redelivered message counts again). */
  readonly receivedMessages: number;
  /** Messages SQS confirmed deleted (DeleteMessage, plus each successful DeleteMessageBatch entry). */
  readonly deletedMessages: number;
  /**
   * Most messages held at once: received but not yet deleted, i.e. in flight as SQS counts them
   * (running jobs, prefetched messages and finished ones waiting for their delete).
   */
  readonly peakUndeleted: number;
}

/** Length of the list `field` of a command's output (`Messages`, `Successful`), 0 when absent. */
function listLength(output: unknown, field: 'Messages' | 'Successful'): number {
  if (typeof output !== 'object' || output === null || !(field in output)) return 0;
  const list: unknown = Reflect.get(output, field);
  return Array.isArray(list) ? list.length : 0;
}

function receivedBy(commandName: string, output: unknown): number {
  return commandName === 'ReceiveMessageCommand' ? listLength(output, 'Messages') : 0;
}

function deletedBy(commandName: string, output: unknown): number {
  if (commandName === 'DeleteMessageCommand') return 1;
  return commandName === 'DeleteMessageBatchCommand' ? listLength(output, 'Successful') : 0;
}

/** Adds the counting middleware to `client` and returns its live counts. */
export function countSqsCalls(client: SQSClient): SqsCallCounts {
  const byCommand = new Map<string, number>();
  const roundTripsByCommand = new Map<string, RoundTrips>();
  const counts = {
    byCommand,
    roundTripsByCommand,
    total: 0,
    receivedMessages: 0,
    deletedMessages: 0,
    peakUndeleted: 0,
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      // The initialize step runs once per command, before retries: this counts API calls asked for.
      const commandName = context.commandName ?? 'UnknownCommand';
      byCommand.set(commandName, (byCommand.get(commandName) ?? 0) + 1);
      counts.total += 1;
      const sentAt = performance.now();
      const result = await next(args);
      const tookMs = performance.now() - sentAt;
      const before = roundTripsByCommand.get(commandName) ?? { completed: 0, totalMs: 0 };
      roundTripsByCommand.set(commandName, { completed: before.completed + 1, totalMs: before.totalMs + tookMs });
      counts.receivedMessages += receivedBy(commandName, result.output);
      counts.deletedMessages += deletedBy(commandName, result.output);
      counts.peakUndeleted = Math.max(counts.peakUndeleted, counts.receivedMessages - counts.deletedMessages);
      return result;
    },
    { step: 'initialize', name: 'benchSqsCallCounter' },
  );
  return counts;
}

/** `ReceiveMessage=12 (mean 3.1 ms) DeleteMessageBatch=10 (mean 2.0 ms)`: a context line for the report. */
export function formatCallCounts(counts: SqsCallCounts): string {
  return [...counts.byCommand.entries()]
    .map(([name, count]) => {
      const roundTrips = counts.roundTripsByCommand.get(name);
      const mean =
        roundTrips === undefined ? 'none completed' : `mean ${(roundTrips.totalMs / roundTrips.completed).toFixed(1)} ms`;
      return `${name.replace(/Command$/, '')}=${count} (${mean})`;
    })
    .join(' ');
}

/** A copy of the counts as they are now, unaffected by later calls. */
export function snapshotCallCounts(counts: SqsCallCounts): SqsCallCounts {
  return {
    ...counts,
    byCommand: new Map(counts.byCommand),
    roundTripsByCommand: new Map(counts.roundTripsByCommand),
  };
}
