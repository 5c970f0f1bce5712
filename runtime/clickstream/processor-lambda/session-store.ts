/**
 * Where session state lives: one DynamoDB item per user (partition key `userId`, TTL `expiresAt`).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SessionState } from './session';

/** Loads and saves session state; `save` refuses to overwrite anything but the state it was derived from. */
export interface SessionStore {
  load(userId: string): Promise<SessionState | undefined>;
  /**
   * Saves `next` only if the stored watermark still equals `previous`'s (or no item exists when
   * `previous` is undefined).
   * @throws SessionWriteConflictError when someone else wrote in between.
   */
  save(next: SessionState, previous: SessionState | undefined): Promise<void>;
}

/**
 * The stored session changed between load and save (e.g. an overlapping retried invocation). Plain
 * `Error`: it drives a retry of the record through the batch item failure, never an exit.
 */
export class SessionWriteConflictError extends Error {
  override readonly name = 'SessionWriteConflictError';

  constructor(
    readonly userId: string,
    readonly expectedSequenceNumber: string | undefined,
  ) {
    super(
      `Session of user ${userId} changed since it was read (expected watermark ${expectedSequenceNumber ?? 'none'})`,
    );
  }
}

/** Props of DynamoDbSessionStore. */
export interface DynamoDbSessionStoreProps {
  /** The session table. */
  readonly tableName: string;
  /** Document client (from runtime/shared/aws-clients in the handler). */
  readonly client: DynamoDBDocumentClient;
  /**
   * How long an idle user's item is kept, in seconds. It is also the memory of the idempotency
   * watermark, so it must outlive any redelivery.
   * @default 8 days: longer than the 7-day maximum of `MaximumRecordAgeInSeconds` (604,800 s)
   */
  readonly stateTtlSeconds?: number;
  /**
   * Clock for the TTL (processing time, not event time: a replay of old events must not write items
   * that DynamoDB deletes at once).
   * @default Date.now
   */
  readonly now?: () => number;
}

/** 8 days: longer than the 7-day maximum of a Kinesis event source's MaximumRecordAgeInSeconds. */
const DEFAULT_STATE_TTL_SECONDS = 8 * 24 * 60 * 60;

/** SessionStore backed by DynamoDB, with an optimistic-lock condition on the watermark. */
export class DynamoDbSessionStore implements SessionStore {
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly stateTtlSeconds: number;
  private readonly now: () => number;

  constructor(props: DynamoDbSessionStoreProps) {
    this.tableName = props.tableName;
    this.client = props.client;
    this.stateTtlSeconds = props.stateTtlSeconds ?? DEFAULT_STATE_TTL_SECONDS;
    this.now = props.now ?? Date.now;
  }

  async load(userId: string): Promise<SessionState | undefined> {
    const { Item } = await this.client.send(
      // Strongly consistent: the read must see this function's previous write for the same user.
      new GetCommand({ TableName: this.tableName, Key: { userId }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return {
      userId: String(Item.userId),
      sessionId: String(Item.sessionId),
      sessionStartedAt: String(Item.sessionStartedAt),
      pageCount: Number(Item.pageCount),
      lastSeenAt: String(Item.lastSeenAt),
      lastSequenceNumber: String(Item.lastSequenceNumber),
    };
  }

  async save(next: SessionState, previous: SessionState | undefined): Promise<void> {
    // `advanceSession` already refused records at or below the watermark. This condition makes the
    // write land only on the exact state it was computed from, so neither a redelivered record
    // (watermark moved past it) nor an overlapping invocation can double-count or lose a page.
    // Comparing the zero-padded watermark by equality also implies `lastSequenceNumber < :seq`.
    const condition =
      previous === undefined
        ? { ConditionExpression: 'attribute_not_exists(userId)' }
        : {
            ConditionExpression: 'lastSequenceNumber = :expectedSequenceNumber',
            ExpressionAttributeValues: { ':expectedSequenceNumber': previous.lastSequenceNumber },
          };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...next, expiresAt: Math.floor(this.now() / 1000) + this.stateTtlSeconds },
          ...condition,
        }),
      );
    } catch (error) {
      // By name: robust even when two copies of the SDK are installed.
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new SessionWriteConflictError(next.userId, previous?.lastSequenceNumber);
      }
      throw error;
    }
  }
}
