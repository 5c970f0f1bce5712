/**
 * The clickstream event schemas: the one contract between the producer and both stream consumers.
 *
 * Validated with zod's tree-shakable `zod/mini` build (about 17 KB minified in a handler bundle).
 * Powertools parser was measured and rejected: its Kinesis envelope pulls in zod's classic build and
 * puts a handler bundle at about 460 KB, over the 300 KB budget.
 */
import * as z from 'zod/mini';
import { describeZodIssues } from './zod-issues';

/** Kinesis partition keys are at most 256 characters (PutRecords API), and `userId` is the key. */
const MAX_USER_ID_LENGTH = 256;
/** The dashboard publishes `page` as a CloudWatch dimension value, which is at most 1,024 characters. */
const MAX_PAGE_LENGTH = 1024;
/** Generous bounds that still stop a runaway client from shipping a megabyte in one field. */
const MAX_ID_LENGTH = 128;
const MAX_SEARCH_QUERY_LENGTH = 512;

const boundedString = (maxLength: number) => z.string().check(z.minLength(1), z.maxLength(maxLength));

/**
 * CloudWatch dimension values "must contain only ASCII characters and must include at least one
 * non-whitespace character"; control characters would also forge log lines. So: printable ASCII
 * (U+0020–U+007E), not only spaces. A page with other characters must be percent-encoded, as in a URL.
 *
 * One pass over the characters, not a regex: `^[ -~]*[!-~][ -~]*$` backtracks quadratically on a
 * long page that ends in a control character (64 K characters took seconds), and one such record
 * would stall every consumer that reads it.
 */
export function isPrintableAsciiText(text: string): boolean {
  let hasVisibleCharacter = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return false;
    if (code !== 0x20) hasVisibleCharacter = true;
  }
  return hasVisibleCharacter;
}

/** Fields every event carries. `timestamp` is when it happened on the client (ISO-8601, with offset). */
const commonFields = {
  eventId: boundedString(MAX_ID_LENGTH),
  userId: boundedString(MAX_USER_ID_LENGTH),
  timestamp: z.iso.datetime({ offset: true }),
  page: z.string().check(
    z.minLength(1),
    // abort: a page over the limit is not scanned character by character as well.
    z.maxLength(MAX_PAGE_LENGTH, { abort: true }),
    z.refine(isPrintableAsciiText, 'must be printable ASCII text (percent-encode other characters)'),
  ),
};

const pageViewSchema = z.object({
  ...commonFields,
  type: z.literal('page_view'),
  /** The page the user came from, when the browser tells us. */
  referrer: z.optional(boundedString(MAX_PAGE_LENGTH)),
});

const clickSchema = z.object({
  ...commonFields,
  type: z.literal('click'),
  /** The clicked element's id (e.g. `buy-button`). */
  elementId: boundedString(MAX_ID_LENGTH),
});

const searchSchema = z.object({
  ...commonFields,
  type: z.literal('search'),
  query: boundedString(MAX_SEARCH_QUERY_LENGTH),
  resultCount: z.int().check(z.nonnegative()),
});

/** Any clickstream event, discriminated by `type`. */
export const clickstreamEventSchema = z.discriminatedUnion('type', [pageViewSchema, clickSchema, searchSchema]);

export type PageViewEvent = z.infer<typeof pageViewSchema>;
export type ClickEvent = z.infer<typeof clickSchema>;
export type SearchEvent = z.infer<typeof searchSchema>;
export type ClickstreamEvent = z.infer<typeof clickstreamEventSchema>;
export type ClickstreamEventType = ClickstreamEvent['type'];

/**
 * A value that is not a valid clickstream event; `problems` lists each failing field. Plain `Error`:
 * every caller turns it into a rejected record or a batch item failure, never a process exit.
 */
export class InvalidClickstreamEventError extends Error {
  override readonly name = 'InvalidClickstreamEventError';

  constructor(
    /** One line per problem, e.g. `timestamp: Invalid ISO datetime`. */
    readonly problems: readonly string[],
    /** The event's id when it had a readable one, to find it in logs. */
    readonly eventId?: string,
  ) {
    super(`Invalid clickstream event${eventId === undefined ? '' : ` ${eventId}`}: ${problems.join('; ')}`);
  }
}

/** Validates an already-parsed value; returns the typed event or throws InvalidClickstreamEventError. */
export function parseClickstreamEvent(value: unknown): ClickstreamEvent {
  const result = z.safeParse(clickstreamEventSchema, value);
  if (result.success) return result.data;
  throw new InvalidClickstreamEventError(describeZodIssues(result.error.issues, value), readableEventId(value));
}

/**
 * How far an event's time may be from its record's arrival in the stream. Event time drives the
 * sessions (a user's lastSeenAt only moves forward), so a far-future time (year 9999) would pin a
 * session forever; a sane client clock is never far off.
 */
export const EVENT_TIME_TOLERANCE_MS = {
  /** 5 minutes ahead: the clock skew AWS itself tolerates in a signed request (SigV4 `RequestTimeTooSkewed`). */
  future: 5 * 60 * 1000,
  /**
   * 8,760 hours behind: an offline client may upload old events late, but none older than the
   * longest a Kinesis stream retains a record (8,760 h), so nothing real is refused.
   */
  past: 8760 * 3600 * 1000,
} as const;

/**
 * Checks an event's time against its record's arrival time (Kinesis `approximateArrivalTimestamp`,
 * epoch milliseconds). @throws InvalidClickstreamEventError when outside {@link EVENT_TIME_TOLERANCE_MS}.
 */
export function checkEventTime(event: ClickstreamEvent, arrivalEpochMs: number): void {
  const eventTimeMs = Date.parse(event.timestamp);
  const problem =
    eventTimeMs > arrivalEpochMs + EVENT_TIME_TOLERANCE_MS.future
      ? `more than ${EVENT_TIME_TOLERANCE_MS.future / 60_000} minutes after`
      : eventTimeMs < arrivalEpochMs - EVENT_TIME_TOLERANCE_MS.past
        ? `more than ${EVENT_TIME_TOLERANCE_MS.past / 3_600_000} hours before`
        : undefined;
  if (problem !== undefined) {
    throw new InvalidClickstreamEventError(
      [`timestamp: ${event.timestamp} is ${problem} the record's arrival (${new Date(arrivalEpochMs).toISOString()})`],
      event.eventId,
    );
  }
}

function readableEventId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('eventId' in value)) return undefined;
  return typeof value.eventId === 'string' ? value.eventId : undefined;
}
