/**
 * Reads the analytics group's outcome from the `clickstream-sessions` records it wrote (before
 * compaction): which member processed what, what was lost, what was processed twice (after a
 * rebalance), and whether each key's records were processed in offset order.
 */
import { parseUserLatestState, type UserLatestState } from '../../runtime/kafka/analytics-member/session-state-record';
import type { ReadRecord } from './read-topic';
import { SEGMENT_ROLL_KEY_PREFIX } from './await-compaction';

/** The analytics group's outcome. */
export interface AnalyticsOutcome {
  /** Distinct source events processed. */
  readonly seen: number;
  /** Expected events never processed. */
  readonly lost: number;
  /** Extra processings of an already processed event (at-least-once after a rebalance). */
  readonly duplicates: number;
  /** First processings of a key whose source offset is below an earlier one of the same key: must be 0. */
  readonly perKeyOrderInversions: number;
  /** Processings per member. */
  readonly perMember: Readonly<Record<string, number>>;
}

/** Compares the state records with the event ids that were produced. */
export function analyticsOutcome(stateRecords: readonly ReadRecord[], expectedEventIds: ReadonlySet<string>): AnalyticsOutcome {
  const states: UserLatestState[] = stateRecords
    .filter((record) => !record.key.startsWith(SEGMENT_ROLL_KEY_PREFIX))
    .map((record) => parseUserLatestState(record.value));
  const seenIds = new Set<string>();
  const highestOffsetByKey = new Map<string, bigint>();
  const perMember: Record<string, number> = {};
  let duplicates = 0;
  let inversions = 0;
  // State records of one user share a partition of the state topic, so their order there is the
  // order in which they were processed.
  for (const state of states) {
    perMember[state.member] = (perMember[state.member] ?? 0) + 1;
    if (seenIds.has(state.eventId)) {
      duplicates += 1;
      continue;
    }
    seenIds.add(state.eventId);
    const offset = BigInt(state.sourceOffset);
    const highest = highestOffsetByKey.get(state.userId);
    if (highest !== undefined && offset < highest) inversions += 1;
    else highestOffsetByKey.set(state.userId, offset);
  }
  const lost = [...expectedEventIds].filter((eventId) => !seenIds.has(eventId)).length;
  return { seen: seenIds.size, lost, duplicates, perKeyOrderInversions: inversions, perMember };
}
