/**
 * Reads back what a delivery stream wrote to its bucket: every object under a prefix, decompressed
 * when it starts with the GZIP magic bytes, split into its newline-delimited records. This is how
 * `npm start` and the tests count the archive as a consumer: from the objects actually in S3.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';

/** One archived object. */
export interface ArchivedObject {
  readonly key: string;
  /** The object is GZIP (it starts with the magic bytes 1f 8b, RFC 1952). */
  readonly gzip: boolean;
  /** Its records: the lines of the (decompressed) body, without the trailing empty line. */
  readonly records: readonly string[];
  /** The body ends with a newline (AppendDelimiterToRecord ends every record with one). */
  readonly newlineTerminated: boolean;
}

/** The fixed part of a Firehose prefix, before its first `!{...}` expression: where to list. */
export function staticPartOfPrefix(prefix: string): string {
  const expression = prefix.indexOf('!{');
  return expression === -1 ? prefix : prefix.slice(0, expression);
}

async function keysUnder(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.NextContinuationToken;
  } while (token !== undefined);
  return keys.sort();
}

/** Every object of `bucket` whose key starts with `prefix`, in key order (delivery time first). */
export async function readArchivedObjects(s3: S3Client, bucket: string, prefix: string): Promise<ArchivedObject[]> {
  const objects: ArchivedObject[] = [];
  for (const key of await keysUnder(s3, bucket, prefix)) objects.push(await readArchivedObject(s3, bucket, key));
  return objects;
}

/** One object, decompressed when it starts with the GZIP magic bytes, split into its records. */
export async function readArchivedObject(s3: S3Client, bucket: string, key: string): Promise<ArchivedObject> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = Buffer.from((await response.Body?.transformToByteArray()) ?? []);
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
  const lines = text.split('\n');
  const newlineTerminated = text.endsWith('\n');
  return { key, gzip, records: newlineTerminated ? lines.slice(0, -1) : lines, newlineTerminated };
}
