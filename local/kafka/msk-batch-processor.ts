/**
 * One batch of one partition through the MSK event source's error handling: invoke the handler,
 * read its partial batch response, retry, bisect, and write what is given up on to the Kafka
 * on-failure destination. Kafka's rules on top of the stream runners' shared policy
 * (batch-retry-policy.ts):
 * - a partial batch response lets "Lambda retry only the failed records" (AWS Lambda developer
 *   guide, "Configuring error handling controls for Kafka event sources",
 *   https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html), so only they
 *   can reach the on-failure topic;
 * - with infinite retries and an on-failure destination, "Lambda automatically applies a maximum of
 *   10 retry attempts" ("Using a Kafka topic as an on-failure destination").
 */
import { Producer, ProduceAcks, stringSerializer } from '@platformatic/kafka';
import type { Context, MSKEvent } from 'aws-lambda';
import { kafkaRecordName } from '../../runtime/kafka/sessionizer-lambda/msk-records';
import { classifyResponse, type DiscardCondition, type InvocationOutcome, type PendingBatch, type RetryPolicy } from '../lambda/batch-retry-policy';
import { createLambdaContext, type LocalFunctionIdentity } from '../lambda/lambda-context';
import { runBatchToCompletion } from '../lambda/run-batch';
import { deadLetterMessages } from './dead-letter-records';
import { kafkaResponseByRecordName } from './kafka-batch-response';
import { toMskEvent } from './msk-event';
import type { MskEventSourceSettings } from './msk-event-source-settings';
import type { RawMessage } from './resilient-fetch';

/** An MSK handler as Lambda calls it (its response read as a partial batch response). */
export type MskHandler = (event: MSKEvent, context: Context) => Promise<unknown>;

/** Props of {@link MskBatchProcessor}. */
export interface MskBatchProcessorProps {
  readonly bootstrapServers: readonly string[];
  /** The Kafka on-failure destination topic. @default undefined (discarded records are dropped) */
  readonly deadLetterTopic?: string;
  readonly settings: MskEventSourceSettings;
  readonly handler: MskHandler;
  readonly function: LocalFunctionIdentity;
  readonly eventSourceArn: string;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default nothing */
  readonly log?: (line: string) => void;
  /** Told of each batch written to the dead-letter topic, once the write is acknowledged. @default nothing */
  readonly onDeadLettered?: (records: number, partition: number, topic: string) => void;
}

/** The cap Lambda puts on infinite retries when an on-failure destination is set. */
const RETRIES_WITH_DESTINATION_CAP = 10;

const recordNameOf = (message: RawMessage): string => kafkaRecordName({ ...message, offset: Number(message.offset) });

/** The shared policy with Kafka's rules. */
export function kafkaRetryPolicy(settings: MskEventSourceSettings, hasDestination: boolean): RetryPolicy {
  const capped = settings.maximumRetryAttempts === -1 && hasDestination;
  return {
    bisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    maximumRetryAttempts: capped ? RETRIES_WITH_DESTINATION_CAP : settings.maximumRetryAttempts,
    reportBatchItemFailures: settings.reportBatchItemFailures,
    partialBatchRetries: 'failedRecordsOnly',
  };
}

/** Runs batches to completion and counts what happened to their records. */
export class MskBatchProcessor {
  readonly counters = { invocations: 0, failedInvocations: 0, recordsCompleted: 0, recordsDiscarded: 0 };
  /** Why each discarded record was given up, by item identifier. */
  readonly discarded = new Map<string, DiscardCondition>();
  /** Why the last invocation failed each record still being retried (the dead-letter reason). */
  private readonly lastFailure = new Map<string, string>();
  private readonly producer: Producer<Buffer, Buffer, string, Buffer>;
  private readonly policy: RetryPolicy;

  constructor(private readonly props: MskBatchProcessorProps) {
    this.policy = kafkaRetryPolicy(props.settings, props.deadLetterTopic !== undefined);
    this.producer = new Producer<Buffer, Buffer, string, Buffer>({
      bootstrapBrokers: [...props.bootstrapServers],
      clientId: `${props.function.functionName}-esm-dlq`,
      acks: ProduceAcks.ALL,
      serializers: { headerKey: stringSerializer },
    });
  }

  /** Every record of `records` completed or discarded; rejects when a dead-letter write failed. */
  async run(records: readonly RawMessage[]): Promise<void> {
    await runBatchToCompletion(records, {
      policy: this.policy,
      maximumRecordAgeSeconds: this.props.settings.maximumRecordAgeSeconds,
      arrivalEpochMs: (message) => Number(message.timestamp),
      now: this.props.now ?? Date.now,
      invoke: (batch) => this.invoke(batch),
      discard: (batch, condition) => this.discard(batch.records, condition),
      counters: this.counters,
    });
    for (const message of records) this.lastFailure.delete(recordNameOf(message));
  }

  async close(): Promise<void> {
    await this.producer.close().catch(() => undefined);
  }

  private async invoke(batch: PendingBatch<RawMessage>): Promise<InvocationOutcome> {
    this.counters.invocations += 1;
    const identifiers = batch.records.map(recordNameOf);
    let outcome: InvocationOutcome;
    try {
      const response = await this.props.handler(toMskEvent(batch.records, this.props.eventSourceArn, this.props.bootstrapServers), createLambdaContext(this.props.function));
      outcome = classifyResponse(kafkaResponseByRecordName(response), identifiers, this.props.settings.reportBatchItemFailures);
    } catch (error) {
      outcome = { kind: 'functionError', reason: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'success') return outcome;
    this.counters.failedInvocations += 1;
    const failed = outcome.kind === 'partialFailure' ? outcome.failedIndexes.map((index) => identifiers[index] as string) : identifiers;
    const reason = outcome.kind === 'partialFailure' ? 'named in the partial batch response' : `function error: ${outcome.reason}`;
    for (const name of failed) this.lastFailure.set(name, reason);
    return outcome;
  }

  private async discard(records: readonly RawMessage[], condition: DiscardCondition): Promise<void> {
    const { deadLetterTopic, function: fn } = this.props;
    this.props.log?.(`${fn.functionName}: ${condition}: ${records.length} record(s) of partition ${records[0]?.partition} go to ${deadLetterTopic ?? 'nowhere'}`);
    if (deadLetterTopic !== undefined) {
      const reasons = records.map((message) => (condition === 'RecordAgeExceeded' ? 'older than MaximumRecordAgeInSeconds' : (this.lastFailure.get(recordNameOf(message)) ?? 'failed')));
      await this.producer.send({ messages: deadLetterMessages(records, deadLetterTopic, condition, reasons) });
      this.props.onDeadLettered?.(records.length, records[0]?.partition ?? -1, deadLetterTopic);
    }
    // Counted once written: a failed write puts the batch back, and it is tried again.
    this.counters.recordsDiscarded += records.length;
    for (const message of records) this.discarded.set(recordNameOf(message), condition);
  }
}
