/**
 * The S3 keys Firehose gives delivered objects: the prefix with its `!{...}` expressions evaluated,
 * then `<DeliveryStreamName>-<DeliveryStreamVersion>-<yyyy-MM-dd-HH-mm-ss>-<random>` (the object
 * name pattern of the Firehose developer guide), plus `.gz` when the stream compresses with GZIP.
 * Pure, so it is unit-tested.
 */
import { randomUUID } from 'node:crypto';
import { archivePrefixForHour } from '../archive-objects';

/** Why a record went under the error prefix (`!{firehose:error-output-type}`). */
export type ErrorOutputType = 'processing-failed';

/** With no `Prefix`, Firehose writes under the UTC hour `YYYY/MM/dd/HH/` (Firehose developer guide). */
const DEFAULT_PREFIX = '!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/';
/** A new stream's version is 1; it grows with each destination update, which never happens locally. */
const DELIVERY_STREAM_VERSION = 1;

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Evaluates a Firehose prefix for an object whose oldest record arrived at `arrival` (Firehose
 * uses that record's approximate arrival time, in UTC). `!{firehose:random-string}` becomes 11
 * random characters, `!{firehose:error-output-type}` the error type.
 */
export function evaluateFirehosePrefix(template: string, arrival: Date, errorOutputType?: ErrorOutputType): string {
  const withTimestamps = archivePrefixForHour(template === '' ? DEFAULT_PREFIX : template, arrival);
  return withTimestamps.replace(/!\{firehose:([a-z-]+)\}/g, (whole, name: string) => {
    if (name === 'random-string') return randomUUID().replace(/-/g, '').slice(0, 11);
    if (name === 'error-output-type' && errorOutputType !== undefined) return errorOutputType;
    return whole;
  });
}

/** `<prefix><DeliveryStreamName>-1-2026-12-02-06-15-00-<uuid>[.gz]` for a delivery at `deliveredAt`. */
export function firehoseObjectKey(prefix: string, deliveryStreamName: string, deliveredAt: Date, gzip: boolean): string {
  const stamp = [
    deliveredAt.getUTCFullYear(),
    pad(deliveredAt.getUTCMonth() + 1),
    pad(deliveredAt.getUTCDate()),
    pad(deliveredAt.getUTCHours()),
    pad(deliveredAt.getUTCMinutes()),
    pad(deliveredAt.getUTCSeconds()),
  ].join('-');
  return `${prefix}${deliveryStreamName}-${DELIVERY_STREAM_VERSION}-${stamp}-${randomUUID()}${gzip ? '.gz' : ''}`;
}
