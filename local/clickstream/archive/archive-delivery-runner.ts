/**
 * A small local stand-in for a Firehose delivery stream with a Kinesis source and an S3
 * destination, driven by the stack's own settings (`DeliveryStreamSettings`): it reads every shard
 * from LATEST with its own shared-throughput iterator (the local Kinesis event-source runner does the
 * polling), runs the configured processors (AppendDelimiterToRecord: one record per line), buffers
 * until the size or the interval hint is reached, compresses (GZIP) and writes one object per flush
 * under the evaluated `Prefix`. Records whose processing fails go, in Firehose's error-record
 * format, under `ErrorOutputPrefix` with `!{firehose:error-output-type}` = `processing-failed`.
 *
 * Firehose is at-least-once: "delivery retry by Firehose could introduce duplicates if the previous
 * request eventually goes through" (Firehose developer guide, data delivery). The `lostPutObjectResponses`
 * fault plays exactly that: the object is written, the answer is lost, the retry writes it again.
 *
 * Honest limits: no checkpoints (a restart starts again from LATEST), one buffer for all shards, and
 * `stop()` delivers what is still buffered (Firehose would deliver it at the next interval).
 */
import { CorruptAggregateError, deaggregate } from '../../../runtime/shared/kpl';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KinesisStreamEvent } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { EMULATOR_REGION } from '../../emulators/emulator-clients';
import { createKinesisEventSourceRunner, type KinesisEventSourceRunner } from '../kinesis-event-source/kinesis-event-source-runner';
import type { DeliveryStreamSettings } from './delivery-stream-settings';
import { evaluateFirehosePrefix, firehoseObjectKey, type ErrorOutputType } from './firehose-object-keys';

/** Injected faults, for tests. Without them every record is delivered once. */
export interface ArchiveDeliveryFaults {
  /** Fails the processing of a record: returns the error message, or undefined to process it. @default no failures */
  readonly failProcessing?: (data: Buffer) => string | undefined;
  /** The first N PutObject calls write the object but their answer is lost, so the write is retried. @default 0 */
  readonly lostPutObjectResponses?: number;
}

/** What to run. */
export interface ArchiveDeliveryRunnerProps {
  readonly kinesis: KinesisClient;
  readonly s3: S3Client;
  readonly streamName: string;
  readonly settings: DeliveryStreamSettings;
  /** Name used in object keys (Firehose uses the delivery stream's name). @default settings.logicalId */
  readonly deliveryStreamName?: string;
  /** Overrides `BufferingHints.IntervalInSeconds` (a local run cannot wait 300 s). @default settings.bufferingIntervalSeconds */
  readonly bufferingIntervalSeconds?: number;
  /** Overrides `BufferingHints.SizeInMBs`, in bytes. @default settings.bufferingSizeBytes */
  readonly bufferingSizeBytes?: number;
  /** Wait before retrying a failed PutObject. @default 5000 (Firehose retries S3 delivery every 5 seconds) */
  readonly putRetryDelayMs?: number;
  /** @default no faults */
  readonly faults?: ArchiveDeliveryFaults;
  /** Progress and fault lines. @default no logging */
  readonly log?: (line: string) => void;
}

/** Counters of one runner. */
export interface ArchiveDeliveryStats {
  readonly recordsRead: number;
  /** Records written under the data prefix (duplicates from retried writes included). */
  readonly recordsDelivered: number;
  readonly recordsFailedProcessing: number;
  readonly dataObjects: number;
  readonly errorObjects: number;
  readonly putObjectRetries: number;
}

/** A running delivery stream. */
export interface ArchiveDeliveryRunner {
  readonly settings: DeliveryStreamSettings;
  start(): Promise<void>;
  /** Waits until every shard was read to its tip, then delivers what is buffered. */
  flushWhenCaughtUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  /** Stops reading and delivers what is still buffered. Idempotent. */
  stop(): Promise<void>;
  stats(): ArchiveDeliveryStats;
}

/** A buffered record: its bytes after processing and its approximate arrival time. */
interface BufferedRecord {
  readonly bytes: Buffer;
  readonly arrivalMs: number;
}

/**
 * The answer to a PutObject that did go through was lost (the injected fault). Plain `Error`: the
 * retry loop below catches it, and it only ends a delivery as a logged failure, never a command.
 */
class LostPutObjectResponseError extends Error {
  override readonly name = 'LostPutObjectResponseError';
}

/** How many records one GetRecords batch may hand over: GetRecords returns at most 10,000 (Kinesis limit). */
const READ_BATCH_SIZE = 10_000;
/** "Firehose calls GetRecords once every second for each Kinesis shard" (Firehose developer guide, Kinesis source). */
const SHARD_POLL_INTERVAL_MS = 1_000;
/** Error code written into processing-failed error records (Firehose writes its processor's code). */
const LOCAL_PROCESSING_ERROR_CODE = 'Local.ProcessingFailed';
/** Firehose retries delivery to S3 for up to 24 hours; locally a handful of attempts shows the same. */
const MAX_PUT_ATTEMPTS = 5;


/** Creates the runner; nothing runs before `start()`. */
export function createArchiveDeliveryRunner(props: ArchiveDeliveryRunnerProps): ArchiveDeliveryRunner {
  return new LocalArchiveDelivery(props);
}

/** One delivery stream played locally: a Kinesis reader feeding a buffer that is written to S3 by size or by interval. */
class LocalArchiveDelivery implements ArchiveDeliveryRunner {
  readonly settings: DeliveryStreamSettings;
  private readonly log: (line: string) => void;
  private readonly deliveryStreamName: string;
  private readonly intervalMs: number;
  private readonly sizeBytes: number;
  private readonly putRetryDelayMs: number;
  private lostResponsesLeft: number;
  private readonly counts = { recordsRead: 0, recordsDelivered: 0, recordsFailedProcessing: 0, dataObjects: 0, errorObjects: 0, putObjectRetries: 0 };
  private data: BufferedRecord[] = [];
  private dataBytes = 0;
  private errors: BufferedRecord[] = [];
  private intervalTimer: NodeJS.Timeout | undefined;
  // Flushes run one after another, so objects appear in delivery order.
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly reader: KinesisEventSourceRunner;

  constructor(private readonly props: ArchiveDeliveryRunnerProps) {
    this.settings = props.settings;
    this.log = props.log ?? (() => undefined);
    this.deliveryStreamName = props.deliveryStreamName ?? this.settings.logicalId;
    this.intervalMs = 1000 * (props.bufferingIntervalSeconds ?? this.settings.bufferingIntervalSeconds);
    this.sizeBytes = props.bufferingSizeBytes ?? this.settings.bufferingSizeBytes;
    this.putRetryDelayMs = props.putRetryDelayMs ?? 5_000;
    this.lostResponsesLeft = props.faults?.lostPutObjectResponses ?? 0;
    this.reader = this.createReader();
  }

  start(): Promise<void> {
    return this.reader.start();
  }

  async flushWhenCaughtUp(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    await this.reader.waitUntilCaughtUp(options);
    await this.flush();
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.flushing;
    this.stopped = true;
    await this.reader.stop();
    await this.flush();
  }

  stats(): ArchiveDeliveryStats {
    return { ...this.counts };
  }

  private createReader(): KinesisEventSourceRunner {
    return createKinesisEventSourceRunner({
      kinesis: this.props.kinesis,
      streamName: this.props.streamName,
      streamArn: this.settings.sourceStreamArn,
      eventSourceArn: this.settings.sourceStreamArn,
      // Firehose "starts reading data from the LATEST position" of its source stream (Firehose developer guide).
      settings: {
        batchSize: READ_BATCH_SIZE,
        startingPosition: 'LATEST',
        bisectBatchOnFunctionError: false,
        maximumRetryAttempts: -1,
        maximumRecordAgeSeconds: -1,
        parallelizationFactor: 1,
        reportBatchItemFailures: false,
      },
      handler: (event) => this.accept(event),
      pollIntervalMs: SHARD_POLL_INTERVAL_MS,
      function: { functionName: this.deliveryStreamName, region: EMULATOR_REGION, timeoutSeconds: 60 },
      log: this.log,
    });
  }

  /** A retry is a new object (Firehose names it at delivery time): a lost answer leaves a duplicate. */
  private async putWithRetries(keyAtDelivery: () => string, body: Buffer): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const key = keyAtDelivery();
      try {
        await this.props.s3.send(new PutObjectCommand({ Bucket: this.settings.bucketName, Key: key, Body: body }));
        if (this.lostResponsesLeft > 0) {
          this.lostResponsesLeft -= 1;
          throw new LostPutObjectResponseError(`PutObject ${key} went through but its answer was lost`);
        }
        return;
      } catch (error) {
        if (attempt >= MAX_PUT_ATTEMPTS) throw error;
        this.counts.putObjectRetries += 1;
        this.log(`archive: ${error instanceof Error ? error.message : String(error)}; retrying the delivery`);
        await sleep(this.putRetryDelayMs);
      }
    }
  }

  private async writeObject(records: readonly BufferedRecord[], prefixTemplate: string, errorOutputType?: ErrorOutputType): Promise<void> {
    const oldestArrival = new Date(Math.min(...records.map((record) => record.arrivalMs)));
    const body = Buffer.concat(records.map((record) => record.bytes));
    const gzip = this.settings.compression === 'GZIP';
    const prefix = evaluateFirehosePrefix(prefixTemplate, oldestArrival, errorOutputType);
    await this.putWithRetries(() => firehoseObjectKey(prefix, this.deliveryStreamName, new Date(), gzip), gzip ? gzipSync(body) : body);
  }

  private flush(): Promise<void> {
    clearTimeout(this.intervalTimer);
    this.intervalTimer = undefined;
    const dataBatch = this.data;
    const errorBatch = this.errors;
    this.data = [];
    this.dataBytes = 0;
    this.errors = [];
    this.flushing = this.flushing.then(async () => {
      if (dataBatch.length > 0) {
        await this.writeObject(dataBatch, this.settings.prefix);
        this.counts.dataObjects += 1;
        this.counts.recordsDelivered += dataBatch.length;
      }
      if (errorBatch.length > 0) {
        await this.writeObject(errorBatch, this.settings.errorOutputPrefix, 'processing-failed');
        this.counts.errorObjects += 1;
      }
    });
    return this.flushing;
  }

  /** One user record into the buffer, or into the error output when the fault injection fails it. */
  private buffer(raw: Buffer, arrivalMs: number): void {
    this.counts.recordsRead += 1;
    const failure = this.props.faults?.failProcessing?.(raw);
    if (failure !== undefined) {
      this.counts.recordsFailedProcessing += 1;
      this.errors.push({ bytes: errorRecord(raw, arrivalMs, failure), arrivalMs });
      return;
    }
    const bytes = this.settings.processors.includes('AppendDelimiterToRecord') ? Buffer.concat([raw, Buffer.from('\n')]) : raw;
    this.data.push({ bytes, arrivalMs });
    this.dataBytes += bytes.length;
  }

  private async accept(event: KinesisStreamEvent): Promise<void> {
    for (const record of event.Records) {
      const arrivalMs = Math.round(record.kinesis.approximateArrivalTimestamp * 1000);
      const raw = Buffer.from(record.kinesis.data, 'base64');
      // Firehose deaggregates KPL records when its source is a Kinesis stream (Firehose developer
      // guide, "Kinesis Data Streams as a source"): the archive holds user records, not aggregates.
      let userRecords: readonly Buffer[];
      try {
        userRecords = deaggregate({ data: raw, partitionKey: record.kinesis.partitionKey }).map((userRecord) => Buffer.from(userRecord.data));
      } catch (error) {
        if (!(error instanceof CorruptAggregateError)) throw error;
        this.counts.recordsRead += 1;
        this.counts.recordsFailedProcessing += 1;
        this.errors.push({ bytes: errorRecord(raw, arrivalMs, error.message), arrivalMs });
        continue;
      }
      for (const userRecord of userRecords) this.buffer(userRecord, arrivalMs);
    }
    await this.flushBySizeOrArm();
  }

  /** Delivers now when the buffer reached its size; otherwise makes sure the interval timer runs. */
  private async flushBySizeOrArm(): Promise<void> {
    if (this.dataBytes >= this.sizeBytes) await this.flush();
    else if (this.intervalTimer === undefined && this.data.length + this.errors.length > 0) {
      this.intervalTimer = setTimeout(() => void this.flush().catch((error: unknown) => this.log(`archive: delivery failed: ${String(error)}`)), this.intervalMs);
    }
  }
}

function errorRecord(raw: Buffer, arrivalMs: number, message: string): Buffer {
  // The fields of Firehose's processing-failed error records (Firehose developer guide, data transformation failure handling).
  const entry = {
    attemptsMade: 1,
    arrivalTimestamp: arrivalMs,
    errorCode: LOCAL_PROCESSING_ERROR_CODE,
    errorMessage: message,
    attemptEndingTimestamp: Date.now(),
    rawData: raw.toString('base64'),
  };
  return Buffer.from(`${JSON.stringify(entry)}\n`);
}
