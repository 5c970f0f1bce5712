/**
 * A fault-injecting HTTP proxy in front of kinesis-local, so the producer's partial-failure and
 * throttling paths run against the real emulator.
 *
 * For `Kinesis_20131202.PutRecords` it removes a chosen fraction of entries before forwarding (so
 * they are never written) and splices `ProvisionedThroughputExceededException` entries into the
 * response at their original positions, with `FailedRecordCount` adjusted: exactly what Kinesis
 * answers when some shards are over their 1 MB/s or 1,000 records/s write limit. It can also fail
 * whole calls with HTTP 400 `ProvisionedThroughputExceededException`. Every other request passes
 * through untouched. It listens on 127.0.0.1 only and stops with its owner.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '../../../runtime/shared/errors';

/** The JSON target header value of the call this proxy interferes with. */
const PUT_RECORDS_TARGET = 'Kinesis_20131202.PutRecords';
/** PutRecords carries ≤ 5 MiB of data, base64 in JSON (×4/3) plus keys: 8 MiB bounds any valid call. */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const THROTTLE_ERROR_CODE = 'ProvisionedThroughputExceededException';

/** How much to throttle. Ratios are probabilities per entry or per call. */
export interface ThrottlingProxyOptions {
  /** Base URL of kinesis-local's plain HTTP port, e.g. `http://127.0.0.1:4568`. */
  readonly upstreamEndpoint: string;
  /** Fraction (0–1) of PutRecords entries answered as throttled instead of written. @default 0.2 */
  readonly entryThrottleRatio?: number;
  /** Fraction (0–1) of PutRecords calls failed whole with HTTP 400. @default 0 */
  readonly callThrottleRatio?: number;
  /**
   * Faults to inject at most (entries plus calls); after that every call passes, so a producer with
   * bounded retries always finishes. @default 10000
   */
  readonly maxInjectedFaults?: number;
  /** Random source in [0, 1), injectable for reproducible runs. @default Math.random */
  readonly random?: () => number;
}

/** What the proxy did so far. */
export interface ThrottlingProxyStats {
  readonly putRecordsCalls: number;
  readonly callsThrottled: number;
  readonly entriesForwarded: number;
  readonly entriesThrottled: number;
}

/** A running proxy: point the Kinesis client's `endpoint` at `endpoint`. */
export interface ThrottlingProxy {
  readonly endpoint: string;
  stats(): ThrottlingProxyStats;
  stop(): Promise<void>;
}

/** Raised for an option outside its range. */
export class InvalidThrottlingOptionError extends ConfigurationError {
  constructor(
    readonly option: string,
    readonly value: number,
  ) {
    super(`${option} must be a number from 0 to 1, got ${value}`);
  }
}

interface PutRecordsRequestBody {
  Records: unknown[];
  [key: string]: unknown;
}

interface PutRecordsResultEntry {
  [key: string]: unknown;
}

function isPutRecordsBody(value: unknown): value is PutRecordsRequestBody {
  return typeof value === 'object' && value !== null && Array.isArray((value as { Records?: unknown }).Records);
}

function checkedRatio(option: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new InvalidThrottlingOptionError(option, value);
  return value;
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        incoming.destroy(new Error(`request body over ${MAX_REQUEST_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

interface UpstreamReply {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(upstream: URL, incoming: IncomingMessage, body: Buffer): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const headers = { ...incoming.headers, host: upstream.host, 'content-length': String(body.length) };
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
      (reply) => {
        readBody(reply).then(
          (replyBody) => resolve({ statusCode: reply.statusCode ?? 502, headers: reply.headers, body: replyBody }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function send(response: ServerResponse, statusCode: number, headers: IncomingHttpHeaders, body: Buffer): void {
  const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = headers;
  response.writeHead(statusCode, { ...rest, 'content-length': String(body.length) });
  response.end(body);
}

function throttledEntry(streamName: unknown): PutRecordsResultEntry {
  return {
    ErrorCode: THROTTLE_ERROR_CODE,
    ErrorMessage: `Rate exceeded for shard in stream ${String(streamName)} (injected by the local throttling proxy).`,
  };
}

/** Starts the proxy on a free port of 127.0.0.1. */
export async function startThrottlingProxy(options: ThrottlingProxyOptions): Promise<ThrottlingProxy> {
  const upstream = new URL(options.upstreamEndpoint);
  const entryRatio = checkedRatio('entryThrottleRatio', options.entryThrottleRatio ?? 0.2);
  const callRatio = checkedRatio('callThrottleRatio', options.callThrottleRatio ?? 0);
  const random = options.random ?? Math.random;
  let faultBudget = options.maxInjectedFaults ?? 10_000;
  const stats = { putRecordsCalls: 0, callsThrottled: 0, entriesForwarded: 0, entriesThrottled: 0 };

  const takeFault = (ratio: number): boolean => {
    // A zero ratio draws nothing, so a reproducible `random` sequence applies to the other ratio only.
    if (ratio === 0 || faultBudget <= 0 || random() >= ratio) return false;
    faultBudget -= 1;
    return true;
  };

  async function handlePutRecords(incoming: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (!isPutRecordsBody(parsed)) {
      // Not ours to judge: let the emulator give its own validation error.
      const reply = await forward(upstream, incoming, body);
      send(response, reply.statusCode, reply.headers, reply.body);
      return;
    }
    stats.putRecordsCalls += 1;
    if (takeFault(callRatio)) {
      stats.callsThrottled += 1;
      const error = { __type: THROTTLE_ERROR_CODE, message: 'Rate exceeded for stream (injected by the local throttling proxy).' };
      send(response, 400, { 'content-type': 'application/x-amz-json-1.1' }, Buffer.from(JSON.stringify(error)));
      return;
    }
    const throttledPositions = parsed.Records.map(() => takeFault(entryRatio));
    const kept = parsed.Records.filter((_record, index) => !throttledPositions[index]);
    stats.entriesThrottled += parsed.Records.length - kept.length;
    stats.entriesForwarded += kept.length;

    let upstreamEntries: PutRecordsResultEntry[] = [];
    let upstreamFailed = 0;
    let headers: IncomingHttpHeaders = { 'content-type': 'application/x-amz-json-1.1' };
    let extraFields: Record<string, unknown> = { EncryptionType: 'NONE' };
    if (kept.length > 0) {
      const reply = await forward(upstream, incoming, Buffer.from(JSON.stringify({ ...parsed, Records: kept })));
      if (reply.statusCode !== 200) {
        send(response, reply.statusCode, reply.headers, reply.body);
        return;
      }
      const result = JSON.parse(reply.body.toString('utf8')) as { Records: PutRecordsResultEntry[]; FailedRecordCount?: number };
      ({ Records: upstreamEntries, FailedRecordCount: upstreamFailed = 0, ...extraFields } = result);
      headers = reply.headers;
    }
    // Splice the throttled entries back in at their original positions: the response is positional.
    let nextUpstream = 0;
    const entries = throttledPositions.map((throttled) =>
      throttled ? throttledEntry(parsed['StreamName'] ?? parsed['StreamARN']) : (upstreamEntries[nextUpstream++] ?? {}),
    );
    const merged = { ...extraFields, FailedRecordCount: upstreamFailed + (parsed.Records.length - kept.length), Records: entries };
    send(response, 200, headers, Buffer.from(JSON.stringify(merged)));
  }

  const server = createServer((incoming, response) => {
    void (async () => {
      try {
        const body = await readBody(incoming);
        if (incoming.headers['x-amz-target'] === PUT_RECORDS_TARGET) {
          await handlePutRecords(incoming, response, body);
          return;
        }
        const reply = await forward(upstream, incoming, body);
        send(response, reply.statusCode, reply.headers, reply.body);
      } catch (error) {
        if (!response.headersSent) {
          const message = error instanceof Error ? error.message : String(error);
          send(response, 502, { 'content-type': 'text/plain' }, Buffer.from(`throttling proxy: ${message}`));
        }
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: () => ({ ...stats }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
