/**
 * Checks the processor's session table against the produced data: for every user of the
 * run, the stored session must equal the one folded from that user's events in production order.
 * A lost page, a double-counted page or a user's events applied out of order all show up as a
 * mismatch (out of order: the watermark skips the earlier event, so its page is missing).
 */
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { foldSessions, type SessionState } from '../../runtime/clickstream/processor-lambda/session';
import { chunk } from '../../runtime/shared/chunk';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/** BatchGetItem reads at most 100 keys per call (DynamoDB limit). */
const BATCH_GET_LIMIT = 100;
/**
 * A session timeout that never expires: on a deployed stack, whose timeout the run does not know,
 * the traffic is dense in event time (DENSE_EVENT_STEP_MS), so any timeout longer than the run's
 * event-time span folds the same sessions as this one.
 */
export const NO_SESSION_TIMEOUT_SECONDS = Number.MAX_SAFE_INTEGER / 1000;

/** The session fields compared (the watermark and the TTL are bookkeeping, not state). */
export type ComparedSession = Pick<SessionState, 'userId' | 'sessionId' | 'sessionStartedAt' | 'pageCount' | 'lastSeenAt'>;

/** The outcome of the check. */
export interface SessionCheck {
  readonly usersExpected: number;
  /** Users of the run that have a row. */
  readonly usersFound: number;
  /** Users whose row is missing or differs from the expected session. */
  readonly mismatchedUsers: readonly string[];
  /** Users whose row equals the expected session. */
  readonly matchedUsers: readonly string[];
  /** Events of the users whose row matches (all of their events were applied, in order). */
  readonly eventsOfMatchingUsers: number;
  /** Page views produced, and page views counted in the rows of the run's users. */
  readonly pageViewsProduced: number;
  readonly pageViewsCounted: number;
}

/** The session each user must have once the processor has applied `produced` (in production order). */
export function expectedSessions(produced: readonly ClickstreamEvent[], sessionTimeoutSeconds = NO_SESSION_TIMEOUT_SECONDS): Map<string, SessionState> {
  return foldSessions(
    produced.map((event, index) => ({ event, sequenceNumber: String(index + 1) })),
    sessionTimeoutSeconds,
  );
}

/** Compares stored rows with the expected sessions (pure). */
export function compareSessions(
  stored: ReadonlyMap<string, ComparedSession>,
  expected: ReadonlyMap<string, SessionState>,
  produced: readonly ClickstreamEvent[],
): SessionCheck {
  const eventsPerUser = new Map<string, number>();
  for (const event of produced) eventsPerUser.set(event.userId, (eventsPerUser.get(event.userId) ?? 0) + 1);
  const mismatchedUsers = [...expected.keys()].filter((userId) => !sameSession(stored.get(userId), expected.get(userId)));
  const mismatched = new Set(mismatchedUsers);
  return {
    usersExpected: expected.size,
    usersFound: [...expected.keys()].filter((userId) => stored.has(userId)).length,
    mismatchedUsers,
    matchedUsers: [...expected.keys()].filter((userId) => !mismatched.has(userId)),
    eventsOfMatchingUsers: [...expected.keys()].filter((userId) => !mismatched.has(userId)).reduce((sum, userId) => sum + (eventsPerUser.get(userId) ?? 0), 0),
    pageViewsProduced: produced.filter((event) => event.type === 'page_view').length,
    pageViewsCounted: [...stored.values()].reduce((sum, session) => sum + Number(session.pageCount), 0),
  };
}

/** Reads the rows of `userIds` from the session table (strongly consistent). */
export async function readSessions(dynamoDb: DynamoDBDocumentClient, tableName: string, userIds: readonly string[]): Promise<Map<string, ComparedSession>> {
  const sessions = new Map<string, ComparedSession>();
  for (const batch of chunk(userIds, BATCH_GET_LIMIT)) {
    let keys: Record<string, unknown>[] | undefined = batch.map((userId) => ({ userId }));
    while (keys !== undefined && keys.length > 0) {
      const page: BatchGetCommandOutput = await dynamoDb.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of page.Responses?.[tableName] ?? []) sessions.set(String(item['userId']), toComparedSession(item));
      // Throttled keys come back unprocessed; ask again (the caller's deadline bounds the whole check).
      keys = page.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return sessions;
}

function toComparedSession(item: Record<string, unknown>): ComparedSession {
  return {
    userId: String(item['userId']),
    sessionId: String(item['sessionId']),
    sessionStartedAt: String(item['sessionStartedAt']),
    pageCount: Number(item['pageCount']),
    lastSeenAt: String(item['lastSeenAt']),
  };
}

function sameSession(stored: ComparedSession | undefined, expected: SessionState | undefined): boolean {
  return (
    stored !== undefined &&
    expected !== undefined &&
    stored.sessionId === expected.sessionId &&
    stored.sessionStartedAt === expected.sessionStartedAt &&
    stored.pageCount === expected.pageCount &&
    stored.lastSeenAt === expected.lastSeenAt
  );
}
