/**
 * Skews generated clickstream traffic towards one "hot" user, to show what a hot partition key does
 * to a stream: every record of a key lands on the one shard that owns the key's hash.
 */
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { ConfigurationError } from '../../runtime/shared/errors';

/** A share outside (0, 1) cannot be honoured. */
export class InvalidHotUserShareError extends ConfigurationError {
  constructor(readonly share: number) {
    super(`hot user share must be greater than 0 and less than 1, got ${share}`);
  }
}

/**
 * Gives every `round(1 / share)`-th event (starting with the first) to the first event's user.
 * Only the user changes, so each user's events stay in increasing time order.
 */
export function withHotUser(events: readonly ClickstreamEvent[], share: number): { events: ClickstreamEvent[]; hotUserId: string | undefined } {
  if (!(share > 0 && share < 1)) throw new InvalidHotUserShareError(share);
  const hotUserId = events[0]?.userId;
  const stride = Math.max(1, Math.round(1 / share));
  return {
    hotUserId,
    events: events.map((event, index) => (hotUserId !== undefined && index % stride === 0 ? { ...event, userId: hotUserId } : event)),
  };
}
