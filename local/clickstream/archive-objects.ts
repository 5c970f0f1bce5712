/**
 * What the Firehose archive holds of one run, read from the objects in its bucket. Firehose writes
 * an object per buffer flush (the stack buffers up to 300 s), so on a deployed stack objects appear
 * minutes after the records; the embedded delivery runner flushes at the end of the run.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { readArchivedObject, staticPartOfPrefix } from './archive/read-archive';
import { ConsumerObserver, type ConsumerObservation } from './consumer-observer';

/** The run's part of the archive. */
export interface RunArchive {
  /** Objects under the data prefix written since the run began. */
  readonly objects: number;
  readonly gzipObjects: number;
  /** Objects under the error prefix written since the run began. */
  readonly errorObjects: number;
  /** The run's events found in them; `redeliveries` are duplicates (Firehose is at-least-once). */
  readonly observation: ConsumerObservation;
}

/** Where the archive is, and what belongs to the run. */
export interface RunArchiveQuery {
  readonly bucket: string;
  /** The delivery stream's prefix and error prefix, `!{...}` expressions included. */
  readonly prefix: string;
  readonly errorOutputPrefix: string;
  readonly since: Date;
  /** Production position of one of the run's events, undefined for anyone else's. */
  readonly productionIndexOf: (event: ClickstreamEvent) => number | undefined;
}

/** Object timestamps have one-second resolution and the clocks may differ a little: a minute of slack. */
const SINCE_SLACK_MS = 60_000;

/**
 * Fills a Firehose `!{timestamp:…}` prefix for one UTC hour (only the yyyy/MM/dd/HH tokens the
 * stack uses), e.g. `clickstream/!{timestamp:yyyy}/!{timestamp:HH}/` → `clickstream/2026/09/`.
 */
export function archivePrefixForHour(template: string, hour: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const tokens: Readonly<Record<string, string>> = {
    yyyy: String(hour.getUTCFullYear()),
    MM: pad(hour.getUTCMonth() + 1),
    dd: pad(hour.getUTCDate()),
    HH: pad(hour.getUTCHours()),
  };
  return template.replace(/!\{timestamp:([A-Za-z]+)\}/g, (whole, token: string) => tokens[token] ?? whole);
}

/** The UTC hours from `start` to `end`, one Date per hour (Firehose partitions by arrival hour). */
export function hoursBetween(start: Date, end: Date): Date[] {
  const hours: Date[] = [];
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), start.getUTCHours()));
  for (; cursor.getTime() <= end.getTime(); cursor.setUTCHours(cursor.getUTCHours() + 1)) hours.push(new Date(cursor));
  return hours;
}

/** The prefixes to list: one per hour of the run where the prefix is partitioned by time, else its fixed part. */
function prefixesSince(template: string, since: Date): string[] {
  const hourly = new Set(hoursBetween(since, new Date()).map((hour) => staticPartOfPrefix(archivePrefixForHour(template, hour))));
  return [...hourly];
}

async function keysSince(s3: S3Client, bucket: string, prefixes: readonly string[], since: Date): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of prefixes) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined && (object.LastModified?.getTime() ?? 0) >= since.getTime() - SINCE_SLACK_MS) keys.push(object.Key);
      }
      token = page.NextContinuationToken;
    } while (token !== undefined);
  }
  return keys.sort();
}

/** Reads the run's part of the archive: every object written since `since`, one record per line. */
export async function readRunArchive(s3: S3Client, query: RunArchiveQuery): Promise<RunArchive> {
  const dataKeys = await keysSince(s3, query.bucket, prefixesSince(query.prefix, query.since), query.since);
  const errorKeys = await keysSince(s3, query.bucket, prefixesSince(query.errorOutputPrefix, query.since), query.since);
  const observer = new ConsumerObserver(query.productionIndexOf);
  let gzipObjects = 0;
  for (const key of dataKeys) {
    const object = await readArchivedObject(s3, query.bucket, key);
    if (object.gzip) gzipObjects += 1;
    object.records.forEach((record) => observer.observeArchivedRecord(record));
  }
  return { objects: dataKeys.length, gzipObjects, errorObjects: errorKeys.length, observation: observer.observation() };
}
