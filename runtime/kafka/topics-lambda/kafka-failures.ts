/**
 * Reads what went wrong inside an error from @platformatic/kafka. The client reports a failed admin
 * call as a tree: `MultipleErrors` ("Creating topics failed.", an AggregateError) around a
 * `ResponseError` (one per response) around one `ProtocolError` per failed topic, each carrying the
 * broker's error id (`apiId`, e.g. NOT_CONTROLLER), its numeric code (`apiCode`, 41) and `canRetry`,
 * which the client takes from Kafka's protocol error table ("Retriable" column). Connection-level
 * errors (`NetworkError`, `TimeoutError`) carry `code` and `canRetry` without an `apiId`.
 */

/** One leaf of an error tree: a broker error, a client error, or any other error. */
export interface KafkaFailure {
  /** Kafka's error id (`NOT_CONTROLLER`), else the client's code (`PLT_KFK_NETWORK`), else the error's name. */
  readonly id: string;
  /** Kafka's numeric error code, for broker errors. */
  readonly code?: number;
  /** True only when the error says so (`canRetry: true`): anything unknown is not retried. */
  readonly retriable: boolean;
  /** The broker's own message when it sent one, else the error's message. */
  readonly message: string;
}

/**
 * Fields an error may carry, all optional: errors from elsewhere have none of the Kafka ones. Read
 * structurally, never with `instanceof`: the client may come from another realm (Jest loads it
 * through Node's own require), where `Error` and `AggregateError` are other classes.
 */
interface ErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
  readonly apiId?: unknown;
  readonly apiCode?: unknown;
  readonly code?: unknown;
  readonly canRetry?: unknown;
  readonly serverErrorMessage?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function failureOf(error: unknown): KafkaFailure {
  if (typeof error !== 'object' || error === null) return { id: typeof error, retriable: false, message: String(error) };
  const fields = error as ErrorFields;
  return {
    id: text(fields.apiId) ?? text(fields.code) ?? text(fields.name) ?? 'Error',
    ...(typeof fields.apiCode === 'number' ? { code: fields.apiCode } : {}),
    retriable: fields.canRetry === true,
    message: text(fields.serverErrorMessage) ?? text(fields.message) ?? String(error),
  };
}

/** The leaves of `error`'s tree (AggregateErrors opened, depth first); the error itself when it is a leaf. */
export function kafkaFailuresIn(error: unknown): KafkaFailure[] {
  const inner = typeof error === 'object' && error !== null ? (error as ErrorFields).errors : undefined;
  if (Array.isArray(inner) && inner.length > 0) return inner.flatMap((each: unknown) => kafkaFailuresIn(each));
  return [failureOf(error)];
}

/** True when every failure in `error` is retriable (as the client itself decides: one permanent failure makes the call permanent). */
export function isRetriableKafkaError(error: unknown): boolean {
  return kafkaFailuresIn(error).every((failure) => failure.retriable);
}

/** True when the broker answered `id` (e.g. TOPIC_ALREADY_EXISTS) anywhere in `error`. */
export function hasKafkaError(error: unknown, id: string): boolean {
  return kafkaFailuresIn(error).some((failure) => failure.id === id);
}

/** `NOT_CONTROLLER (41): message; ...`, one entry per distinct failure. */
export function describeKafkaFailures(failures: readonly KafkaFailure[]): string {
  const described = failures.map((failure) => `${failure.id}${failure.code === undefined ? '' : ` (${failure.code})`}: ${failure.message}`);
  return [...new Set(described)].join('; ');
}
