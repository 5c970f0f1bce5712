/**
 * An in-memory SessionStore for unit tests, with the same optimistic-lock rule as the DynamoDB one
 * (the DynamoDB semantics themselves are tested against dynalite), plus scripted write failures.
 */
import type { SessionState } from '../../runtime/clickstream/processor-lambda/session';
import { SessionWriteConflictError, type SessionStore } from '../../runtime/clickstream/processor-lambda/session-store';

export class InMemorySessionStore implements SessionStore {
  readonly items = new Map<string, SessionState>();
  /** userIds whose next save throws (simulating a DynamoDB outage for that item), consumed once each. */
  readonly failNextSaveFor = new Set<string>();

  async load(userId: string): Promise<SessionState | undefined> {
    return this.items.get(userId);
  }

  async save(next: SessionState, previous: SessionState | undefined): Promise<void> {
    if (this.failNextSaveFor.delete(next.userId)) throw new Error(`Simulated DynamoDB failure for ${next.userId}`);
    const stored = this.items.get(next.userId);
    if (stored?.lastSequenceNumber !== previous?.lastSequenceNumber) {
      throw new SessionWriteConflictError(next.userId, previous?.lastSequenceNumber);
    }
    this.items.set(next.userId, next);
  }
}
