/**
 * Session state in memory, for local runs of the Kafka sessionizer: its DynamoDB writes are the
 * Kinesis processor's module (tested there on dynalite); these runs compare the transport.
 */
import type { SessionState } from '../../runtime/clickstream/processor-lambda/session';
import type { SessionStore } from '../../runtime/clickstream/processor-lambda/session-store';

export class MemorySessionStore implements SessionStore {
  private readonly items = new Map<string, SessionState>();

  async load(userId: string): Promise<SessionState | undefined> {
    return this.items.get(userId);
  }

  async save(next: SessionState): Promise<void> {
    this.items.set(next.userId, next);
  }

  /** Users with a session so far. */
  get size(): number {
    return this.items.size;
  }
}
