/**
 * What the Firehose archive holds of one run. Firehose writes an object per buffer flush (the
 * stack buffers up to 300 s), so objects appear minutes after the records: a run that does not wait
 * that long reports `null` (not observed), never 0.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';

/** Objects written since the run began, and how many of the run's event ids they contain. */
export interface ArchiveObservation {
  readonly objects: number;
  readonly runEventsArchived: number;
}

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

/** Counts objects written since `since` under the run's hourly prefixes, and the run's events in them. */
export async function observeArchive(
  s3: S3Client,
  options: { readonly bucket: string; readonly prefixTemplate: string; readonly since: Date; readonly eventIdPrefix: string },
): Promise<ArchiveObservation | null> {
  const keys: string[] = [];
  for (const hour of hoursBetween(options.since, new Date())) {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: options.bucket, Prefix: archivePrefixForHour(options.prefixTemplate, hour), ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined && (object.LastModified?.getTime() ?? 0) >= options.since.getTime()) keys.push(object.Key);
      }
      token = page.NextContinuationToken;
    } while (token !== undefined);
  }
  if (keys.length === 0) return null;
  let runEventsArchived = 0;
  for (const key of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
    const bytes = await object.Body?.transformToByteArray();
    if (bytes !== undefined) runEventsArchived += countOccurrences(gunzipSync(bytes).toString('utf8'), `"eventId":"${options.eventIdPrefix}`);
  }
  return { objects: keys.length, runEventsArchived };
}

/** Occurrences of `needle` in `text`; Firehose concatenates records with no separator, so count ids, not lines. */
export function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}
